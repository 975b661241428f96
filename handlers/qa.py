"""Build Q&A listeners: ask, answer buttons, staff replies in escalation threads, Save as FAQ (shortcut + modal)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from handlers.modals import metadata, values
from handlers.routing import Invocation, Reply
from slackbot.domain.actors import Actor
from slackbot.domain.errors import DomainError, InvalidInput
from slackbot.ids import ActionId, BlockId, CallbackId, Command
from slackbot.program import Program
from slackbot.render import qa as qa_view
from slackbot.services import kb, qa
from slackbot.wire import FaqMeta, decode_id

RELAYED_SUBTYPES = (None, "thread_broadcast")  # plain replies; edits, joins and bot posts are not answers


def ask_route(call: Invocation) -> Reply:
    """`/devcenter ask …` or `@DevCenter <question>`: the rendered answer."""
    if not call.args.strip():
        return qa_view.ask_usage()
    answer = qa.ask(call.program, call.actor, call.args, channel=call.channel, thread_ts=call.thread_ts)
    return qa_view.answer_text(answer), qa_view.answer_blocks(answer)


def helpful(ack: Ack, action: dict[str, Any], respond: Respond, program: Program, actor: Actor) -> None:
    """Helpful: recorded once per question, from the asker."""
    ack()
    _reply(
        respond,
        qa_view.feedback_reply(
            qa.rate_answer(program, actor, decode_id(action.get("value"), "question"), helpful=True)
        ),
    )


def not_helpful(ack: Ack, action: dict[str, Any], respond: Respond, program: Program, actor: Actor) -> None:
    """Not helpful: recorded once per question, from the asker (kb stats lists these)."""
    ack()
    _reply(
        respond,
        qa_view.feedback_reply(
            qa.rate_answer(program, actor, decode_id(action.get("value"), "question"), helpful=False)
        ),
    )


def ask_a_person(ack: Ack, action: dict[str, Any], respond: Respond, program: Program, actor: Actor) -> None:
    """Ask a person: the question goes to the staff review channel (once)."""
    ack()
    _reply(
        respond, qa_view.escalation_reply(qa.ask_a_person(program, actor, decode_id(action.get("value"), "question")))
    )


def _reply(respond: Respond, reply: Reply) -> None:
    respond(text=reply[0], blocks=reply[1], response_type="ephemeral", replace_original=False)


def review_thread_reply(event: dict[str, Any], body: dict[str, Any], program: Program, actor: Actor) -> None:
    """A threaded reply: in the review channel it is relayed to the partner when it answers an escalation; a staff
    reply in the asker's own thread answers the question there (it leaves the queue)."""
    thread_ts, channel = event.get("thread_ts"), event.get("channel")
    if (
        not channel
        or not thread_ts
        or thread_ts == event.get("ts")
        or event.get("bot_id")
        or event.get("subtype") not in RELAYED_SUBTYPES
        or not event.get("user")
    ):
        return
    if channel != program.review_channel:
        qa.answered_in_thread(program, actor, channel=channel, thread_ts=thread_ts)
        return
    qa.relay_staff_reply(
        program, actor, event_id=body["event_id"], channel=channel, thread_ts=thread_ts, ts=event["ts"],
        text=event.get("text", ""),
    )  # fmt: skip


def save_as_faq(ack: Ack, body: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """Message shortcut (staff only; others are refused ephemerally): open the prefilled entry form."""
    ack()
    note = body.get("message") or {}
    draft = kb.faq_draft(
        program, actor, channel=body["channel"]["id"], message_ts=note.get("ts") or body["message_ts"],
        thread_ts=note.get("thread_ts"), text=note.get("text", ""), author=note.get("user"),
    )  # fmt: skip
    client.views_open(trigger_id=body["trigger_id"], view=qa_view.faq_modal(draft))


def faq_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """The Save as FAQ form: inline errors in the ack, or the entry is stored and confirmed."""
    where = metadata(view, FaqMeta)
    try:
        entry = kb.save_faq(program, actor, qa_view.faq_fields(values(view)), section=where.section)
    except InvalidInput as error:
        ack(response_action="errors", errors=qa_view.faq_errors(error.field_errors))
        return
    except DomainError as error:  # not staff: shown on the form, nothing stored
        ack(response_action="errors", errors={BlockId.FAQ_ANSWER: error.user_message})
        return
    ack()
    text, blocks = qa_view.faq_saved(entry)
    client.chat_postEphemeral(channel=where.channel, user=actor.user_id, text=text, blocks=blocks)


ROUTES = {Command.ASK: ask_route}
ACTIONS = {ActionId.QA_HELPFUL: helpful, ActionId.QA_NOT_HELPFUL: not_helpful, ActionId.QA_ASK_PERSON: ask_a_person}
SHORTCUTS = {CallbackId.SAVE_AS_FAQ: save_as_faq}
VIEWS = {CallbackId.FAQ_MODAL: faq_submitted}
