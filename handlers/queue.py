"""Staff oversight: `/devcenter queue` and `/devcenter history <slug>`."""

from __future__ import annotations

from handlers.routing import Invocation, Reply
from slackbot.ids import Command
from slackbot.render.common import section
from slackbot.render.mrkdwn import Md, md
from slackbot.render.queue import history_blocks, queue_blocks
from slackbot.services.queue import history, staff_queue


def queue_route(call: Invocation) -> Reply:
    """`queue` (staff): everything waiting on Segment, oldest first."""
    items = staff_queue(call.program, call.actor)
    blocks = queue_blocks(items, call.program.now(), call.program.timezone)
    return md("{count} items wait on Segment", count=len(items)), blocks


def history_route(call: Invocation) -> Reply:
    """`history <slug>`: the audit trail of an integration."""
    if not call.args:
        return Md("Usage"), [section(Md("Usage: `/devcenter history <slug>`"))]
    name, lines = history(call.program, call.actor, call.args)
    return md("History of {name}", name=name), history_blocks(name, lines, call.program.timezone)


ROUTES = {Command.QUEUE: queue_route, Command.HISTORY: history_route}
