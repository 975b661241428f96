"""Reviews: `/devcenter submit`, the submit form, and the partner's answer to a staff request."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from handlers.modals import ack_form, metadata, values
from handlers.routing import form_route
from slackbot.domain.actors import Actor
from slackbot.ids import ActionId, BlockId, CallbackId, Command
from slackbot.program import Program
from slackbot.render.reviews import answer_modal, submit_modal
from slackbot.services.reviews import answer_request, request_title, submit_for_review
from slackbot.wire import RequestMeta, decode_id


def open_submit_form(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    """Button (Home, mention reply): open the submit-for-review form."""
    ack()
    client.views_open(trigger_id=body["trigger_id"], view=submit_modal())


def submit_review(ack: Ack, view: dict[str, Any], program: Program, actor: Actor) -> None:
    """The submit form was submitted: inline errors, or it is in review."""
    ack_form(ack, lambda: submit_for_review(program, actor, values(view)), "slug")


def open_answer_form(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """Answer button on a staff request: only the owning partner gets the modal."""
    ack()
    request_id = decode_id(action.get("value"), "request")
    what = request_title(program, actor, request_id)
    client.views_open(trigger_id=body["trigger_id"], view=answer_modal(what, request_id))


def submit_answer(ack: Ack, view: dict[str, Any], program: Program, actor: Actor) -> None:
    """The partner's answer: stored and posted in the staff card's thread."""
    request_id = metadata(view, RequestMeta).request_id
    answer = values(view).get(BlockId.ANSWER)
    ack_form(ack, lambda: answer_request(program, actor, request_id, answer), BlockId.ANSWER)


ROUTES = {Command.SUBMIT: form_route(submit_modal, "Submit for review", ActionId.OPEN_SUBMIT_FORM)}
ACTIONS = {ActionId.OPEN_SUBMIT_FORM: open_submit_form, ActionId.ANSWER_REQUEST: open_answer_form}
VIEWS = {CallbackId.SUBMIT_FOR_REVIEW: submit_review, CallbackId.ANSWER_REQUEST: submit_answer}
