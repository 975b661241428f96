"""Thin Bolt listeners: ack, one service call, one render, one reply.

Each module declares what it listens to in tables (COMMANDS, EVENTS, ACTIONS, VIEWS, SHORTCUTS);
`register` attaches them all, and the manifest test compares the same tables with app.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from slack_bolt import App

from handlers import cards, commands, errors, events, forms, home, launch, middleware, qa, releases

LISTENER_MODULES: tuple[ModuleType, ...] = (commands, events, home, forms, cards, qa, releases, launch)
KINDS = {"COMMANDS": "command", "EVENTS": "event", "ACTIONS": "action", "VIEWS": "view", "SHORTCUTS": "shortcut"}


def table(name: str) -> dict[str, Callable[..., Any]]:
    """All listeners of one kind (e.g. 'EVENTS') across the handler modules."""
    merged: dict[str, Callable[..., Any]] = {}
    for module in LISTENER_MODULES:
        for key, listener in getattr(module, name, {}).items():
            if key in merged:
                raise ValueError(f"{name} {key!r} is registered twice")
            merged[str(key)] = listener
    return merged


def register(app: App, services: Any, directory: Any) -> None:
    """Attach the middleware, every listener table and the error handler to `app`."""
    middleware.register(app, services, directory)
    for name, method in KINDS.items():
        for key, listener in table(name).items():
            getattr(app, method)(key)(errors.reporting_errors(listener))
    errors.register(app)
