"""Reviews: `/devcenter submit [slug]`, the submit form, and the partner's answer to a staff request."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from handlers.home import publish_home
from handlers.modals import ack_form, from_home, metadata, open_or_notice, values
from handlers.routing import Invocation, Reply
from slackbot.domain.actors import Actor
from slackbot.ids import ActionId, BlockId, CallbackId, Command
from slackbot.program import Program
from slackbot.render.reviews import answer_modal, answer_sent_modal, submit_modal, submit_prompt
from slackbot.services.reviews import answer_request, request_title, submission_form, submit_for_review
from slackbot.wire import RequestMeta, decode_id, decode_optional_slug


def submit_route(call: Invocation) -> Reply | None:
    """`submit [slug]`: refused before the form opens when it cannot succeed; else the form, prefilled on a resubmit."""
    draft = submission_form(call.program, call.actor, call.args or None)
    if call.open_modal is not None:
        call.open_modal(submit_modal(draft))
        return None
    return submit_prompt(draft)


def open_submit_form(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """Button (Home, mention reply, Resubmit): the submit form, or why it cannot be submitted now."""
    ack()
    slug = decode_optional_slug(action.get("value"))
    open_or_notice(client, body, lambda: submit_modal(submission_form(program, actor, slug)))


def submit_review(ack: Ack, view: dict[str, Any], program: Program, actor: Actor) -> None:
    """The submit form was submitted: inline errors, or it is in review."""
    ack_form(ack, lambda: submit_for_review(program, actor, values(view)), "slug")


def open_answer_form(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """Answer button on a staff request: only the owning partner gets the modal (from Home, others a notice)."""
    ack()
    request_id, home = decode_id(action.get("value"), "request"), from_home(body)
    build = lambda: answer_modal(request_title(program, actor, request_id), request_id, from_home=home)
    if home:
        open_or_notice(client, body, build)
    else:  # a refusal goes back ephemerally through the response_url (handlers.errors)
        client.views_open(trigger_id=body["trigger_id"], view=build())


def submit_answer(ack: Ack, view: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """The partner's answer: stored, posted in the staff card's thread, and confirmed in the modal."""
    meta, answer = metadata(view, RequestMeta), values(view).get(BlockId.ANSWER)
    sent = lambda what: {"response_action": "update", "view": answer_sent_modal(what)}
    call = lambda: answer_request(program, actor, meta.request_id, answer)
    if ack_form(ack, call, BlockId.ANSWER, then=sent) is not None and meta.home:
        publish_home(client, program, actor)


ROUTES = {Command.SUBMIT: submit_route}
ACTIONS = {ActionId.OPEN_SUBMIT_FORM: open_submit_form, ActionId.ANSWER_REQUEST: open_answer_form}
VIEWS = {CallbackId.SUBMIT_FOR_REVIEW: submit_review, CallbackId.ANSWER_REQUEST: submit_answer}
