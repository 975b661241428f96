"""The payloads Slack sends for what people do, shaped like ../shared/slack-payloads (events, clicks, submits)."""

from __future__ import annotations

from typing import Any

from slackbot.emulator.forms import state_values
from slackbot.emulator.text import Button
from slackbot.emulator.views_api import view_api
from slackbot.emulator.workspace import APP_ID, TEAM_DOMAIN, TEAM_ID, Channel, Message, User, View, Workspace

TOKEN = "AbCdEfGhIjKlMnOpQrStUvWx"  # the deprecated verification token Slack still sends


def _who(user: User) -> dict[str, Any]:
    return {"id": user.id, "username": user.name, "name": user.name, "team_id": user.team_id}


def _team() -> dict[str, Any]:
    return {"id": TEAM_ID, "domain": TEAM_DOMAIN}


def message_event(
    kind: str, user: User, where: Channel, ts: str, text: str, thread_ts: str | None = None
) -> dict[str, Any]:
    """An app_mention or message event as the Events API delivers it."""
    event: dict[str, Any] = {"type": kind, "user": user.id, "text": text, "ts": ts, "team": user.team_id,
                             "channel": where.id, "event_ts": ts}  # fmt: skip
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
    if kind == "message":
        event["channel_type"] = "im" if where.is_im else "channel"
    return event


def block_actions(
    ws: Workspace, hooks_base: str, user: User, button: Button, container: dict[str, Any], *,
    message: Message | None = None, channel: Channel | None = None, view: View | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The block_actions payload Slack sends when `user` presses `button` (shaped as block_actions.json)."""
    action = {"action_id": button.action_id, "block_id": button.block_id, "type": "button",
              "text": {"type": "plain_text", "text": button.label, "emoji": True}, "value": button.value,
              "action_ts": ws.next_ts()}  # fmt: skip
    if button.style:
        action["style"] = button.style
    payload: dict[str, Any] = {
        "type": "block_actions", "user": _who(user), "api_app_id": APP_ID, "token": TOKEN, "container": container,
        "trigger_id": ws.new_trigger(user.id), "team": _team(), "enterprise": None, "is_enterprise_install": False,
        "state": {"values": {}}, "actions": [action],
    }  # fmt: skip
    if channel is not None:
        payload["channel"] = {"id": channel.id, "name": channel.name}
        payload["response_url"] = ws.new_response_url(hooks_base, channel.id, user.id, "actions")
    if message is not None and message.ephemeral_to is None:
        payload["message"] = message.to_api()
    if view is not None:
        payload["view"] = view_api(view)
    return payload


def view_submission(ws: Workspace, user: User, view: View, values: dict[str, Any]) -> dict[str, Any]:
    """What Slack sends when `user` submits the modal `view` with these values (keyed by input block_id)."""
    return {
        "type": "view_submission", "team": _team(), "user": _who(user), "api_app_id": APP_ID,
        "trigger_id": ws.new_trigger(user.id), "response_urls": [],
        "view": {**view_api(view), "state": {"values": state_values(view, values)}},
        "is_enterprise_install": False, "enterprise": None,
    }  # fmt: skip


def message_action(ws: Workspace, hooks_base: str, user: User, callback_id: str, message: Message) -> dict[str, Any]:
    """A message shortcut run from a message's ⋯ menu (message_action, as in message_shortcut.json)."""
    where = ws.channels[message.channel]
    return {
        "type": "message_action", "token": TOKEN, "action_ts": ws.next_ts(), "team": _team(),
        "user": {"id": user.id, "name": user.name, "team_id": user.team_id},
        "channel": {"id": where.id, "name": where.name}, "is_enterprise_install": False, "enterprise": None,
        "callback_id": callback_id, "trigger_id": ws.new_trigger(user.id), "message_ts": message.ts,
        "message": message.to_api(), "response_url": ws.new_response_url(hooks_base, where.id, user.id, "app"),
    }  # fmt: skip
