"""App Home: the partner's status and the command list, for users who cannot run slash commands."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from slackbot.domain.errors import DomainError
from slackbot.ids import EventType
from slackbot.render.home import home_view


def home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Publish a fresh Home tab each time it is opened."""
    if event.get("tab", "home") != "home":
        return
    try:
        report = context["services"].status(context["actor"])
        view = home_view(report=report)
    except DomainError as error:
        view = home_view(message=error.user_message)
    client.views_publish(user_id=event["user"], view=view)


EVENTS = {EventType.APP_HOME_OPENED: home_opened}
