"""Customer verifications: `/devcenter verify [slug]`, the modal, and Confirm / Reject for staff (card or Home)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.models.blocks import ActionsBlock, ButtonElement

from handlers.home import publish_home, refresh_after_save
from handlers.modals import ack_form, from_home, metadata, open_or_notice, values
from handlers.routing import Invocation, Reply
from slackbot.domain.actors import Actor
from slackbot.domain.errors import DomainError
from slackbot.ids import ActionId, CallbackId, Command
from slackbot.program import Program
from slackbot.render.common import notice_modal, section
from slackbot.render.mrkdwn import Md, code, md
from slackbot.render.verifications import verification_card, verification_modal, verification_recorded_modal
from slackbot.services.verifications import decide_verification, form, record
from slackbot.wire import SlugMeta, decode_id, decode_optional_slug


def verify_route(call: Invocation) -> Reply | None:
    """`verify [slug]`: the verification modal (a mention gets a button that opens it)."""
    slug, name, today = form(call.program, call.actor, call.args or None)
    if call.open_modal is not None:
        call.open_modal(verification_modal(slug, name, today))
        return None
    button = ButtonElement(
        text="Record a verification", action_id=ActionId.OPEN_VERIFICATION, value=slug, style="primary"
    )
    return Md("Record a customer verification"), [
        section(md("Record a customer who verified *{name}* ({slug}):", name=name, slug=code(slug))),
        ActionsBlock(elements=[button]),
    ]


def open_verification(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """Record a verification button: the modal, when the integration is in beta."""
    ack()
    home = from_home(body)
    slug = decode_optional_slug(action.get("value"))  # a value the bot did not make is refused, never queried
    open_or_notice(client, body, lambda: verification_modal(*form(program, actor, slug), from_home=home))


def _decide(confirm: bool) -> Callable[..., None]:
    def decide(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
    ) -> None:
        """Confirm / Reject on a verification card or in the staff Home (staff only)."""
        ack()
        home = from_home(body)
        try:
            decided = decide_verification(
                program, actor, decode_id(action.get("value"), "verification"), confirm=confirm
            )
        except DomainError as error:
            if not home:
                raise  # answered ephemerally through the response_url by handlers.errors
            notice = notice_modal("Developer Center", md(":warning: {message}", message=error.user_message))
            client.views_open(trigger_id=body["trigger_id"], view=notice)
            return
        if home:
            publish_home(client, program, actor)
            return
        text, blocks = verification_card(decided)
        where = body["container"]
        client.chat_update(channel=where["channel_id"], ts=where["message_ts"], text=text, blocks=blocks)

    decide.__name__ = "confirm_verification" if confirm else "reject_verification"
    return decide


def submit_verification(ack: Ack, view: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """The verification modal: stored pending, staff get a card to confirm it, and the modal says what happens next."""
    entered, slug = values(view), metadata(view, SlugMeta).slug
    recorded = lambda shown: {"response_action": "update", "view": verification_recorded_modal(shown)}
    result = ack_form(ack, lambda: record(program, actor, slug, entered), "customer", then=recorded)
    refresh_after_save(client, program, actor, view, result)


ROUTES = {Command.VERIFY: verify_route}
ACTIONS = {
    ActionId.OPEN_VERIFICATION: open_verification,
    ActionId.CONFIRM_VERIFICATION: _decide(True),
    ActionId.REJECT_VERIFICATION: _decide(False),
}
VIEWS = {CallbackId.VERIFICATION: submit_verification}
