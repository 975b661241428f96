"""Thin Bolt listeners, one module per feature: ack, one service call, one render, one reply.

Each module declares what it listens to in tables (COMMANDS, EVENTS, ACTIONS, VIEWS, SHORTCUTS) and the
command words it answers (ROUTES); `register` attaches them all, and the manifest test compares the same
tables with app.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from slack_bolt import App

from handlers import (
    access,
    announcements,
    cards,
    checklist,
    commands,
    errors,
    home,
    metadata,
    middleware,
    qa,
    queue,
    releases,
    reviews,
    status,
    verifications,
    welcome,
    withdrawals,
)
from handlers.routing import Router
from slackbot.program import Program
from slackbot.slack.directory import SlackDirectory

LISTENER_MODULES: tuple[ModuleType, ...] = (
    commands, welcome, home, access, reviews, cards, status, queue, releases, announcements, checklist, metadata,
    verifications, withdrawals, qa,
)  # fmt: skip
KINDS = {"COMMANDS": "command", "EVENTS": "event", "ACTIONS": "action", "VIEWS": "view", "SHORTCUTS": "shortcut"}


def table(name: str) -> dict[str, Callable[..., Any]]:
    """All listeners (or routes) of one kind (e.g. 'EVENTS') across the handler modules."""
    merged: dict[str, Callable[..., Any]] = {}
    for module in LISTENER_MODULES:
        for key, listener in getattr(module, name, {}).items():
            if key in merged:
                raise ValueError(f"{name} {key!r} is registered twice")
            merged[str(key)] = listener
    return merged


def register(app: App, program: Program, directory: SlackDirectory) -> None:
    """Attach the middleware, every listener table and the error handler to `app`."""
    middleware.register(app, program, directory, Router(table("ROUTES")))
    for name, method in KINDS.items():
        for key, listener in table(name).items():
            getattr(app, method)(key)(errors.reporting_errors(listener))
    errors.register(app)
