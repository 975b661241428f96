"""The baseline: a bare Bolt app answering ack("pong"), served the same way as the bot (gunicorn gthread)."""

from __future__ import annotations

import os

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient


def create() -> SlackRequestHandler:
    """The WSGI application (called by gunicorn with `bench.bare_app:create()`)."""
    client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    app = App(client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"], token_verification_enabled=False)

    @app.command("/devcenter")
    def pong(ack):  # type: ignore[no-untyped-def]
        ack("pong")

    return SlackRequestHandler(app)
