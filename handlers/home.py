"""App Home: the partner's or staff's dashboard, for everyone (including those who cannot run slash commands)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from slackbot.domain.errors import DomainError
from slackbot.ids import ActionId, EventType
from slackbot.render.home import home_view


def publish_home(client: WebClient, context: BoltContext, user_id: str, focus: str | None = None) -> None:
    """Render and publish a fresh Home tab for this user (a domain error becomes a friendly message)."""
    try:
        view = home_view(context["services"].home(context["actor"], focus))
    except DomainError as error:
        view = home_view(message=error.user_message)
    client.views_publish(user_id=user_id, view=view)


def home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Publish a fresh Home tab each time it is opened."""
    if event.get("tab", "home") == "home":
        publish_home(client, context, event["user"])


def show_integration(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """ "Show" on one of the partner's other integrations: republish Home with it in detail."""
    ack()
    publish_home(client, context, body["user"]["id"], action["value"])


EVENTS = {EventType.APP_HOME_OPENED: home_opened}
ACTIONS = {ActionId.HOME_FOCUS: show_integration}
