"""App Home: the partner's or staff's dashboard, for everyone (including those who cannot run slash commands)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from handlers.modals import metadata
from slackbot.domain.actors import Actor
from slackbot.domain.errors import DomainError
from slackbot.ids import ActionId, EventType
from slackbot.program import Program
from slackbot.render.home import home_view
from slackbot.services.email import set_email_off
from slackbot.services.home import home
from slackbot.wire import SlugMeta, decode_slug


def publish_home(client: WebClient, program: Program, actor: Actor, focus: str | None = None) -> None:
    """Render and publish a fresh Home tab for this user (a domain error becomes a friendly message)."""
    try:
        view = home_view(home(program, actor, focus))
    except DomainError as error:
        view = home_view(message=error.user_message)
    client.views_publish(user_id=actor.user_id, view=view)


def refresh_after_save(client: WebClient, program: Program, actor: Actor, view: dict[str, Any], saved: Any) -> None:
    """After a modal opened from Home was saved, publish Home again so it shows the change."""
    if saved is not None and metadata(view, SlugMeta).home:
        publish_home(client, program, actor)


def home_opened(event: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """Publish a fresh Home tab each time it is opened."""
    if event.get("tab", "home") == "home":
        publish_home(client, program, actor)


def show_integration(ack: Ack, action: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """ "Show" on one of the partner's other integrations: republish Home with it in detail."""
    ack()
    publish_home(client, program, actor, decode_slug(action.get("value")))


def toggle_email(ack: Ack, action: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """ "Turn email off" / "Turn email on": the partner's choice, then Home again to show it."""
    ack()
    set_email_off(program, actor, action.get("value") != "on")
    publish_home(client, program, actor)


EVENTS = {EventType.APP_HOME_OPENED: home_opened}
ACTIONS = {ActionId.HOME_FOCUS: show_integration, ActionId.HOME_EMAIL: toggle_email}
