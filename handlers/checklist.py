"""The Public Beta checklist: `/devcenter checklist [slug]`, its button and its modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from handlers.home import refresh_after_save
from handlers.modals import ack_form, from_home, metadata, open_or_notice, values
from handlers.routing import Invocation, Reply
from slackbot.domain.actors import Actor
from slackbot.ids import ActionId, CallbackId, Command
from slackbot.program import Program
from slackbot.render.checklist import checklist_blocks, checklist_modal, checklist_saved_modal, checklist_text, ticked
from slackbot.services import checklist
from slackbot.wire import SlugMeta, decode_optional_slug


def checklist_route(call: Invocation) -> Reply | None:
    """`checklist [slug]`: the modal from a slash command; the list with an Update button after a mention."""
    shown = checklist.view(call.program, call.actor, call.args or None)
    if call.open_modal is not None:
        call.open_modal(checklist_modal(shown))
        return None
    return checklist_text(shown), checklist_blocks(shown)


def open_checklist(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """Checklist button (Home, checklist message): the modal with the clicker's own items to tick."""
    ack()
    home = from_home(body)
    open_or_notice(
        client,
        body,
        lambda: checklist_modal(
            checklist.view(program, actor, decode_optional_slug(action.get("value"))), from_home=home
        ),
    )


def submit_checklist(ack: Ack, view: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """The checklist modal: tick and untick the submitter's items; the modal then says it is saved."""
    items, slug = ticked(values(view)), metadata(view, SlugMeta).slug
    fallback = next((b["block_id"] for b in view.get("blocks", []) if b.get("type") == "input"), "checklist.1")
    saved = lambda shown: {"response_action": "update", "view": checklist_saved_modal(shown)}
    result = ack_form(ack, lambda: checklist.save(program, actor, slug, items), fallback, then=saved)
    refresh_after_save(client, program, actor, view, result)


ROUTES = {Command.CHECKLIST: checklist_route}
ACTIONS = {ActionId.OPEN_CHECKLIST: open_checklist}
VIEWS = {CallbackId.CHECKLIST: submit_checklist}
