"""Build Q&A listeners: answer buttons, staff replies in escalation threads, Save as FAQ (shortcut + modal)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond, Say
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block

from handlers.viewstate import metadata, values
from slackbot.domain.errors import DomainError, InvalidInput
from slackbot.ids import ActionId, BlockId, CallbackId, EventType
from slackbot.render import qa as qa_view

RELAYED_SUBTYPES = (None, "thread_broadcast")  # plain replies; edits, joins and bot posts are not answers


def ask_reply(
    services: Any, actor: Any, question: str, channel: str | None, thread_ts: str | None
) -> tuple[str, list[Block]]:
    """`/devcenter ask …` or `@DevCenter <question>`: the rendered answer (routing calls this)."""
    if not question.strip():
        return qa_view.ask_usage()
    answer = services.ask(actor.user_id, question, channel=channel, thread_ts=thread_ts)
    return qa_view.answer_text(answer), qa_view.answer_blocks(answer)


def helpful(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Helpful: recorded once per question, from the asker."""
    ack()
    _reply(
        respond,
        qa_view.feedback_reply(
            context["services"].rate_answer(context["actor"].user_id, int(action["value"]), helpful=True)
        ),
    )


def not_helpful(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Not helpful: recorded once per question, from the asker (kb stats lists these)."""
    ack()
    _reply(
        respond,
        qa_view.feedback_reply(
            context["services"].rate_answer(context["actor"].user_id, int(action["value"]), helpful=False)
        ),
    )


def ask_a_person(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    """Ask a person: the question goes to the staff review channel (once)."""
    ack()
    _reply(
        respond,
        qa_view.escalation_reply(context["services"].ask_a_person(context["actor"].user_id, int(action["value"]))),
    )


def _reply(respond: Respond, reply: tuple[str, list[Block]]) -> None:
    respond(text=reply[0], blocks=reply[1], response_type="ephemeral", replace_original=False)


def message(event: dict[str, Any], body: dict[str, Any], say: Say, context: BoltContext) -> None:
    """A DM to the bot (a command or a question), or a threaded staff reply in the review channel."""
    if event.get("channel_type") == "im":
        _direct_message(event, body, say, context)
    else:
        _review_thread_reply(event, body, context)


def _direct_message(event: dict[str, Any], body: dict[str, Any], say: Say, context: BoltContext) -> None:
    """In the bot's DM, words work as after an @mention: `status`, or any question."""
    services = context["services"]
    if event.get("bot_id") or event.get("subtype") or not event.get("user"):
        return
    if not services.first_delivery(body["event_id"], "message.im"):
        return
    from handlers.routing import reply_for  # routing imports this module for its ask route

    reply = reply_for(services, context["actor"], event.get("text", ""), channel=event["channel"], mention=True)
    if reply is not None:
        say(text=reply[0], blocks=reply[1])


def _review_thread_reply(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    """A threaded reply in the review channel: relayed to the partner when it answers an escalation."""
    services = context["services"]
    thread_ts = event.get("thread_ts")
    if (
        event.get("channel") != services.review_channel
        or not thread_ts
        or thread_ts == event.get("ts")
        or event.get("bot_id")
        or event.get("subtype") not in RELAYED_SUBTYPES
        or not event.get("user")
    ):
        return
    services.staff_replied(
        body["event_id"],
        channel=event["channel"],
        thread_ts=thread_ts,
        ts=event["ts"],
        user_id=event["user"],
        text=event.get("text", ""),
        is_staff=context["actor"].is_staff,
    )


def save_as_faq(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Message shortcut (staff only; others are refused ephemerally): open the prefilled entry form."""
    ack()
    note = body.get("message") or {}
    draft = context["services"].faq_draft(
        context["actor"],
        channel=body["channel"]["id"],
        message_ts=note.get("ts") or body["message_ts"],
        thread_ts=note.get("thread_ts"),
        text=note.get("text", ""),
        author=note.get("user"),
    )
    client.views_open(trigger_id=body["trigger_id"], view=qa_view.faq_modal(draft))


def faq_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """The Save as FAQ form: inline errors in the ack, or the entry is stored and confirmed."""
    where = metadata(view)
    try:
        entry = context["services"].save_faq(
            context["actor"], qa_view.faq_fields(values(view)), section=where.get("section", "Slack")
        )
    except InvalidInput as error:
        ack(response_action="errors", errors=qa_view.faq_errors(error.field_errors))
        return
    except DomainError as error:  # not staff: shown on the form, nothing stored
        ack(response_action="errors", errors={BlockId.FAQ_ANSWER: error.user_message})
        return
    ack()
    text, blocks = qa_view.faq_saved(entry)
    client.chat_postEphemeral(channel=where["channel"], user=body["user"]["id"], text=text, blocks=blocks)


ACTIONS = {ActionId.QA_HELPFUL: helpful, ActionId.QA_NOT_HELPFUL: not_helpful, ActionId.QA_ASK_PERSON: ask_a_person}
EVENTS = {EventType.MESSAGE: message}
SHORTCUTS = {CallbackId.SAVE_AS_FAQ: save_as_faq}
VIEWS = {CallbackId.FAQ_MODAL: faq_submitted}
