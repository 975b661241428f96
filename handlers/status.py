"""`/devcenter status [slug]`: stages, and for integrations in beta the private-beta URL and the launch gates."""

from __future__ import annotations

from handlers.routing import Invocation, Reply
from slackbot.ids import Command
from slackbot.render.status import status_blocks, status_text
from slackbot.services.status import status


def status_route(call: Invocation) -> Reply:
    """`status [slug]`: answered inside the ack."""
    report = status(call.program, call.actor, call.args or None)
    return status_text(report.status), status_blocks(report)


ROUTES = {Command.STATUS: status_route}
