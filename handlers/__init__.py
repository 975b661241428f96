"""Thin Bolt listeners: ack, one service call, one render, one reply."""

from __future__ import annotations

from slack_bolt import App

from handlers import commands, errors, events, home, middleware


def register(app: App, services: object, directory: object) -> None:
    """Attach every middleware and listener to `app`."""
    middleware.register(app, services, directory)
    commands.register(app)
    events.register(app)
    home.register(app)
    errors.register(app)
