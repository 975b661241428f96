"""The baseline: a bare Bolt app answering ack("pong"), served the same way as the bot (gunicorn gthread)."""

from __future__ import annotations

import os

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient


def build_app(client: WebClient, signing_secret: str) -> App:
    """A Bolt app whose only listener acks `/devcenter` with "pong" (Bolt's defaults otherwise)."""
    app = App(client=client, signing_secret=signing_secret, token_verification_enabled=False)

    @app.command("/devcenter")
    def pong(ack: Ack) -> None:
        ack("pong")

    return app


def create() -> SlackRequestHandler:
    """The WSGI application (called by gunicorn with `bench.bare_app:create()`)."""
    client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    return SlackRequestHandler(build_app(client, os.environ["SLACK_SIGNING_SECRET"]))
