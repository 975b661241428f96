"""Withdrawals: `/devcenter withdraw [slug]`, its Home button, and the confirmation modal."""

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
from slackbot.render.withdrawals import withdraw_modal, withdraw_prompt, withdrawn_modal
from slackbot.services.withdrawals import withdraw, withdraw_form
from slackbot.wire import WithdrawMeta, decode_slug, decode_stage


def withdraw_route(call: Invocation) -> Reply | None:
    """`withdraw [slug]`: refused for anyone but its partner and staff; else the confirmation modal."""
    shown = withdraw_form(call.program, call.actor, call.args or None)
    if call.open_modal is not None:
        call.open_modal(withdraw_modal(shown))
        return None
    return withdraw_prompt(shown)


def open_withdraw(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """Withdraw button (Home, mention reply): the confirmation, or why it cannot be withdrawn."""
    ack()
    home, slug = from_home(body), decode_slug(action.get("value"))
    open_or_notice(client, body, lambda: withdraw_modal(withdraw_form(program, actor, slug), from_home=home))


def submit_withdraw(ack: Ack, view: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """Confirmed: withdrawn (conditional on the stage the modal showed), and the modal says so."""
    meta, reason = metadata(view, WithdrawMeta), values(view).get(BlockId.REASON)
    done = lambda shown: {"response_action": "update", "view": withdrawn_modal(shown)}
    call = lambda: withdraw(program, actor, meta.slug, decode_stage(meta.stage), reason)
    if ack_form(ack, call, BlockId.REASON, then=done) is not None and meta.home:
        publish_home(client, program, actor)


ROUTES = {Command.WITHDRAW: withdraw_route}
ACTIONS = {ActionId.OPEN_WITHDRAW: open_withdraw}
VIEWS = {CallbackId.WITHDRAW: submit_withdraw}
