"""Partner forms: request access, submit for review, answer a staff request (buttons and modals)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from handlers.viewstate import ack_form, metadata, values
from slackbot.ids import ActionId, BlockId, CallbackId
from slackbot.render import modals, releases


def open_access_form(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    """Button (Home, mention reply): open the access survey."""
    ack()
    client.views_open(trigger_id=body["trigger_id"], view=modals.access_modal())


def open_submit_form(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    """Button (Home, mention reply): open the submit-for-review form."""
    ack()
    client.views_open(trigger_id=body["trigger_id"], view=modals.submit_modal())


def open_announce_form(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Button (mention reply): open the announcement composer (staff only)."""
    ack()
    context["services"].check_staff(context["actor"])
    client.views_open(trigger_id=body["trigger_id"], view=releases.compose_modal())


def open_answer_form(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Answer button on a staff request: only the owning partner gets the modal."""
    ack()
    request_id = int(action["value"])
    what = context["services"].request_title(context["actor"], request_id)
    client.views_open(trigger_id=body["trigger_id"], view=modals.answer_modal(what, request_id))


def submit_access(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    """The survey was submitted: inline errors, or the request goes to staff."""
    form = values(view)
    ack_form(
        ack,
        lambda: context["services"].request_access(context["actor"], form, bool(form.get(BlockId.AGREEMENT))),
        "company",
    )


def submit_review(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    """The submit form was submitted: inline errors, or it is in review."""
    ack_form(ack, lambda: context["services"].submit(context["actor"], values(view)), "slug")


def submit_answer(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    """The partner's answer: stored and posted in the staff card's thread."""
    request_id = int(metadata(view)["request_id"])
    ack_form(
        ack,
        lambda: context["services"].answer_request(context["actor"], request_id, values(view).get(BlockId.ANSWER)),
        BlockId.ANSWER,
    )


ACTIONS = {
    ActionId.OPEN_ACCESS_FORM: open_access_form,
    ActionId.OPEN_SUBMIT_FORM: open_submit_form,
    ActionId.OPEN_ANNOUNCE_FORM: open_announce_form,
    ActionId.ANSWER_REQUEST: open_answer_form,
}
VIEWS = {
    CallbackId.ACCESS_REQUEST: submit_access,
    CallbackId.SUBMIT_FOR_REVIEW: submit_review,
    CallbackId.ANSWER_REQUEST: submit_answer,
}
