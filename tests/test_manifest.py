"""app.yaml and the code must agree: commands, events, shortcuts, interactivity and scopes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

import handlers
from slackbot.emulator.server import METHODS

MANIFEST = Path(__file__).parents[1] / "app.yaml"

# https://docs.slack.dev/reference/scopes — what each Web API method and event needs.
METHOD_SCOPES = {
    "apps.connections.open": set(),  # an app-level token (connections:write), not a bot scope
    "auth.test": set(),
    "chat.postMessage": {"chat:write"},
    "chat.postEphemeral": {"chat:write"},
    "chat.update": {"chat:write"},
    "conversations.open": {"im:write"},
    "conversations.history": {"channels:history", "groups:history", "im:history"},
    "conversations.replies": {"channels:history", "groups:history", "im:history"},
    "users.info": {"users:read"},
    "usergroups.users.list": {"usergroups:read"},
    "views.open": set(),
    "views.update": set(),
    "views.publish": set(),
}
EVENT_SCOPES = {
    "app_mention": {"app_mentions:read"},
    "member_joined_channel": {"channels:read", "groups:read"},
    "app_home_opened": set(),
    "message": {"channels:history", "groups:history", "im:history"},
}


def _manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text())


def test_manifest_declares_exactly_the_registered_slash_commands() -> None:
    declared = {c["command"] for c in _manifest()["features"]["slash_commands"]}
    assert declared == set(handlers.table("COMMANDS"))


def test_manifest_subscribes_to_exactly_the_handled_events() -> None:
    # Slack subscribes per channel kind (message.channels, message.groups); Bolt listens to plain "message".
    subscribed = {event.partition(".")[0] for event in _manifest()["settings"]["event_subscriptions"]["bot_events"]}
    assert subscribed == set(handlers.table("EVENTS"))


def test_manifest_declares_exactly_the_registered_shortcuts() -> None:
    declared = {s["callback_id"] for s in _manifest()["features"].get("shortcuts", [])}
    assert declared == set(handlers.table("SHORTCUTS"))


def test_interactivity_and_home_tab_are_enabled_for_buttons_and_app_home() -> None:
    manifest = _manifest()
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True


def test_every_url_points_at_the_bolt_endpoint() -> None:
    manifest = _manifest()
    urls = [c["url"] for c in manifest["features"]["slash_commands"]]
    urls += [
        manifest["settings"]["event_subscriptions"]["request_url"],
        manifest["settings"]["interactivity"]["request_url"],
    ]
    assert all(url.endswith("/slack/events") for url in urls)


def test_scopes_cover_every_method_the_bot_calls_and_every_event() -> None:
    scopes = set(_manifest()["oauth_config"]["scopes"]["bot"])
    assert set(METHODS) <= set(METHOD_SCOPES), "add the new method's scopes to METHOD_SCOPES"
    needed = {"commands"}.union(*METHOD_SCOPES.values(), *(EVENT_SCOPES[e] for e in handlers.table("EVENTS")))
    assert needed <= scopes, f"missing scopes: {sorted(needed - scopes)}"
    assert scopes <= needed, f"scopes nothing uses: {sorted(scopes - needed)}"
