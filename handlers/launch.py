"""Launch listeners: checklist, catalog metadata and verification modals, staff confirmations, launch routes.

Buttons live in App Home as well as in messages; Home has no response_url, so a refusal there is shown in a
small modal (the trigger_id is still fresh) instead of an ephemeral message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import ActionsBlock, ButtonElement
from slack_sdk.models.views import View

from handlers.home import publish_home
from handlers.viewstate import ack_form, metadata, values
from slackbot.domain.errors import DomainError
from slackbot.ids import ActionId, CallbackId
from slackbot.render import checklist as checklist_view
from slackbot.render import launch as launch_view
from slackbot.render import metadata as metadata_view
from slackbot.render.common import section
from slackbot.render.status import status_text

DATE_FIELDS = ("verified_on",)


def _from_home(body: dict[str, Any]) -> bool:
    return (body.get("container") or {}).get("type") == "view" or (body.get("view") or {}).get("type") == "home"


def _open(client: WebClient, body: dict[str, Any], build: Callable[[], View]) -> None:
    """Open the modal `build` returns; a domain error opens a notice modal instead of being lost."""
    try:
        view = build()
    except DomainError as error:
        view = _notice(error)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def _notice(error: DomainError) -> View:
    return launch_view.notice_modal("Developer Center", f":warning: {error.user_message}")


def open_checklist(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Checklist button (Home, checklist message): the modal with the clicker's own items to tick."""
    ack()
    services, home = context["services"], _from_home(body)
    _open(
        client,
        body,
        lambda: checklist_view.checklist_modal(
            services.checklist(context["actor"], action.get("value")), from_home=home
        ),
    )


def open_metadata(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Catalog metadata button: the form, prefilled (never with the secrets)."""
    ack()
    services, home = context["services"], _from_home(body)
    _open(
        client,
        body,
        lambda: metadata_view.metadata_modal(services.metadata(context["actor"], action.get("value")), from_home=home),
    )


def open_verification(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Record a verification button: the modal, when the integration is in beta."""
    ack()
    services, home = context["services"], _from_home(body)
    _open(
        client,
        body,
        lambda: launch_view.verification_modal(
            *services.verification_form(context["actor"], action.get("value")), from_home=home
        ),
    )


def open_test_account(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Staff: the metadata with its secrets, in a private modal (sent through a client that never logs bodies)."""
    ack()
    _open(
        _quiet(client),
        body,
        lambda: metadata_view.staff_modal(context["services"].staff_metadata(context["actor"], action["value"])),
    )


def _quiet(client: WebClient) -> WebClient:
    """A client for calls that carry secrets.

    slack_sdk logs every request and response body when its logger's own level is DEBUG or NOTSET
    (slack_sdk/web/base_client.py, `if self._logger.level <= logging.DEBUG`), so LOG_LEVEL=DEBUG would write
    the test account password to the logs; this client's logger has an explicit INFO level.
    """
    logger = logging.getLogger("devcenter.slack_secrets")
    logger.setLevel(logging.INFO)
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        logger=logger,
        retry_handlers=list(client.retry_handlers),
    )


def _decide(confirm: bool) -> Callable[..., None]:
    def decide(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """Confirm / Reject on a verification card or in the staff Home (staff only)."""
        ack()
        services, home = context["services"], _from_home(body)
        try:
            view = services.decide_verification(context["actor"], int(action["value"]), confirm=confirm)
        except DomainError as error:
            if not home:
                raise  # answered ephemerally through the response_url by handlers.errors
            client.views_open(trigger_id=body["trigger_id"], view=_notice(error))
            return
        if home:
            publish_home(client, context, body["user"]["id"])
        else:
            _redraw_card(client, body, view)

    decide.__name__ = "confirm_verification" if confirm else "reject_verification"
    return decide


def _redraw_card(client: WebClient, body: dict[str, Any], view: Any) -> None:
    """The verification card in the review channel, now showing who decided."""
    text, blocks = launch_view.verification_card(view.to_payload())
    client.chat_update(
        channel=body["container"]["channel_id"], ts=body["container"]["message_ts"], text=text, blocks=blocks
    )


def post_card(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Staff Home "Post card": the integration's card, with the approve button, in the review channel."""
    ack()
    services = context["services"]
    _open(
        client,
        body,
        lambda: launch_view.notice_modal(
            "Review card",
            f"Posted the card of "
            f"`{services.post_card(context['actor'], action['value'])}` in <#{services.review_channel}>.",
        ),
    )


def _saved(client: WebClient, context: BoltContext, body: dict[str, Any], view: dict[str, Any], result: Any) -> None:
    if result is not None and metadata(view).get("home"):
        publish_home(client, context, body["user"]["id"])


def submit_checklist(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """The checklist modal: tick and untick the submitter's items."""
    ticked = checklist_view.ticked(values(view))
    fallback = next((b["block_id"] for b in view.get("blocks", []) if b.get("type") == "input"), "checklist.1")
    result = ack_form(
        ack, lambda: context["services"].save_checklist(context["actor"], metadata(view)["slug"], ticked), fallback
    )
    _saved(client, context, body, view, result)


def submit_metadata(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """The metadata modal: inline errors for wrong values; otherwise the modal shows what is still missing."""
    result = ack_form(
        ack,
        lambda: context["services"].save_metadata(context["actor"], metadata(view)["slug"], values(view)),
        "name",
        then=lambda saved: {"response_action": "update", "view": metadata_view.saved_modal(saved)},
    )
    _saved(client, context, body, view, result)


def submit_verification(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """The verification modal: stored pending, and staff get a card to confirm it."""
    form = {**values(view), **_dates(view)}
    result = ack_form(
        ack, lambda: context["services"].record_verification(context["actor"], metadata(view)["slug"], form), "customer"
    )
    _saved(client, context, body, view, result)


def _dates(view: dict[str, Any]) -> dict[str, str | None]:
    """Datepicker values (handlers.viewstate.values reads text and selections only)."""
    state = view.get("state", {}).get("values", {})
    return {f: next(iter(state.get(f, {}).values()), {}).get("selected_date") for f in DATE_FIELDS if f in state}


# -- routes: /devcenter <word> and @DevCenter <word> (handlers.routing) ------------------------------------
def status_route(call: Any) -> tuple[str, list[Any]]:
    """`status [slug]`: stages, and for integrations in beta the private-beta URL and the launch gates."""
    report = call.services.launch_report(call.actor, call.args or None)
    return status_text(report.status), launch_view.status_blocks(report)


def checklist_route(call: Any) -> tuple[str, list[Any]] | None:
    """`checklist [slug]`: the modal from a slash command; the list with an Update button after a mention."""
    view = call.services.checklist(call.actor, call.args or None)
    if call.open_modal is not None:
        call.open_modal(checklist_view.checklist_modal(view))
        return None
    return checklist_view.checklist_text(view), checklist_view.checklist_blocks(view)


def metadata_route(call: Any) -> tuple[str, list[Any]] | None:
    """`metadata [slug]`: the form; after a mention (or for staff) the checker, staff with a test-account button."""
    view = call.services.metadata(call.actor, call.args or None)
    if call.actor.is_staff:
        return metadata_view.metadata_text(view), metadata_view.metadata_blocks(view, staff=True)
    if call.open_modal is not None:
        call.open_modal(metadata_view.metadata_modal(view))
        return None
    return metadata_view.metadata_text(view), metadata_view.metadata_blocks(view)


def verify_route(call: Any) -> tuple[str, list[Any]] | None:
    """`verify [slug]`: the verification modal (a mention gets a button that opens it)."""
    slug, name, today = call.services.verification_form(call.actor, call.args or None)
    if call.open_modal is not None:
        call.open_modal(launch_view.verification_modal(slug, name, today))
        return None
    return "Record a customer verification", [
        section(f"Record a customer who verified *{name}* (`{slug}`):"),
        ActionsBlock(
            elements=[
                ButtonElement(
                    text="Record a verification", action_id=ActionId.OPEN_VERIFICATION, value=slug, style="primary"
                )
            ]
        ),
    ]


def card_route(call: Any) -> tuple[str, list[Any]]:
    """`card <slug>` (staff): post the integration's card, with its launch gates, in the review channel."""
    if not call.args:
        return "Usage", [section("Usage: `/devcenter card <slug>`")]
    slug = call.services.post_card(call.actor, call.args)
    return f"Posted the card of {slug}", [section(f"Posted the card of `{slug}` in the review channel.")]


ACTIONS = {
    ActionId.OPEN_CHECKLIST: open_checklist,
    ActionId.OPEN_METADATA: open_metadata,
    ActionId.OPEN_VERIFICATION: open_verification,
    ActionId.OPEN_TEST_ACCOUNT: open_test_account,
    ActionId.CONFIRM_VERIFICATION: _decide(True),
    ActionId.REJECT_VERIFICATION: _decide(False),
    ActionId.POST_CARD: post_card,
}
VIEWS = {
    CallbackId.CHECKLIST: submit_checklist,
    CallbackId.METADATA: submit_metadata,
    CallbackId.VERIFICATION: submit_verification,
}
