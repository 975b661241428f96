"""Releases: `/devcenter deploys` and the release-day card's "Mark release shipped" button."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from handlers.routing import Invocation, Reply
from slackbot.domain.actors import Actor
from slackbot.ids import ActionId, Command
from slackbot.program import Program
from slackbot.render.mrkdwn import md
from slackbot.render.releases import deploy_blocks, release_card_blocks, release_card_text
from slackbot.services.releases import ship_release
from slackbot.services.releases_plans import deploy_report
from slackbot.wire import decode_day


def deploys_route(call: Invocation) -> Reply:
    """`deploys`: the next release, its cutoff, and which of the partner's changes make it."""
    report = deploy_report(call.program, call.actor)
    return md("Next release {day}", day=report.window.release.isoformat()), deploy_blocks(report, call.program.timezone)


def ship(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """Staff: the release went out; move its integrations to private beta and announce it."""
    ack()
    card = ship_release(program, actor, decode_day(action.get("value")))
    where = body["container"]
    client.chat_update(
        channel=where["channel_id"], ts=where["message_ts"], text=release_card_text(card),
        blocks=release_card_blocks(card),
    )  # fmt: skip


ROUTES = {Command.DEPLOYS: deploys_route}
ACTIONS = {ActionId.SHIP_RELEASE: ship}
