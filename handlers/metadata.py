"""Catalog metadata: `/devcenter metadata [slug]`, the form, and the staff-only view of the secrets."""

from __future__ import annotations

import copy
import logging
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from handlers.home import refresh_after_save
from handlers.modals import ack_form, from_home, metadata, open_or_notice, values
from handlers.routing import Invocation, Reply
from slackbot.domain.actors import Actor
from slackbot.ids import ActionId, CallbackId, Command
from slackbot.program import Program
from slackbot.render.metadata import metadata_blocks, metadata_modal, metadata_text, saved_modal, staff_modal
from slackbot.services.metadata import metadata_view, save_metadata, staff_metadata
from slackbot.wire import SlugMeta, decode_optional_slug, decode_slug


def metadata_route(call: Invocation) -> Reply | None:
    """`metadata [slug]`: the form; after a mention (or for staff) the checker, staff with a test-account button."""
    shown = metadata_view(call.program, call.actor, call.args or None)
    if call.actor.is_staff:
        return metadata_text(shown), metadata_blocks(shown, staff=True)
    if call.open_modal is not None:
        call.open_modal(metadata_modal(shown))
        return None
    return metadata_text(shown), metadata_blocks(shown)


def open_metadata(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """Catalog metadata button: the form, prefilled (never with the secrets)."""
    ack()
    home = from_home(body)
    build = lambda: metadata_modal(
        metadata_view(program, actor, decode_optional_slug(action.get("value"))), from_home=home
    )
    open_or_notice(client, body, build)


def open_test_account(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """Staff: the metadata with its secrets, in a private modal (sent through a client that never logs bodies)."""
    ack()
    open_or_notice(
        _quiet(client), body, lambda: staff_modal(staff_metadata(program, actor, decode_slug(action.get("value"))))
    )


def _quiet(client: WebClient) -> WebClient:
    """A client for calls that carry secrets.

    slack_sdk logs every request and response body when its logger's own level is DEBUG or NOTSET
    (slack_sdk/web/base_client.py, `if self._logger.level <= logging.DEBUG`), so LOG_LEVEL=DEBUG would write
    the test account password to the logs; this client's logger has an explicit INFO level.
    A copy of the listeners' client (so its calls are counted like theirs) with that logger instead.
    """
    logger = logging.getLogger("devcenter.slack_secrets")
    logger.setLevel(logging.INFO)
    quiet = copy.copy(client)
    quiet._logger = logger  # slack_sdk keeps it there; `logger` is a read-only property
    return quiet


def submit_metadata(ack: Ack, view: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """The metadata modal: inline errors for wrong values; otherwise the modal shows what is still missing."""
    slug, form = metadata(view, SlugMeta).slug, values(view)
    then = lambda saved: {"response_action": "update", "view": saved_modal(saved)}
    result = ack_form(ack, lambda: save_metadata(program, actor, slug, form), "name", then=then)
    refresh_after_save(client, program, actor, view, result)


ROUTES = {Command.METADATA: metadata_route}
ACTIONS = {ActionId.OPEN_METADATA: open_metadata, ActionId.OPEN_TEST_ACCOUNT: open_test_account}
VIEWS = {CallbackId.METADATA: submit_metadata}
