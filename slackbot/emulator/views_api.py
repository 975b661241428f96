"""Web API methods of the emulated workspace for surfaces: views.open/update/publish and response URLs."""

from __future__ import annotations

import secrets
from typing import Any

from slackbot.emulator.webapi import MAX_MESSAGE_BLOCKS, MAX_VIEW_BLOCKS, SlackError, check_blocks, require
from slackbot.emulator.workspace import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    RESPONSE_URL_TTL,
    RESPONSE_URL_USES,
    TEAM_ID,
    TRIGGER_TTL,
    Message,
    View,
    Workspace,
)


def _take_trigger(ws: Workspace, trigger_id: str) -> str:
    with ws.lock:
        entry = ws.triggers.pop(trigger_id, None)
    if entry is None:
        raise SlackError("invalid_trigger_id")
    user_id, issued = entry
    if ws.monotonic() - issued > TRIGGER_TTL:
        raise SlackError("expired_trigger_id")
    return user_id


def _new_view(ws: Workspace, user_id: str, data: dict[str, Any], view_id: str | None = None) -> View:
    kind = data.get("type", "modal")
    check_blocks(data.get("blocks") or [], MAX_VIEW_BLOCKS, "/view/blocks")
    if kind == "modal" and any(b.get("type") == "input" for b in data.get("blocks") or []) and not data.get("submit"):
        raise SlackError(
            "invalid_arguments",
            response_metadata={
                "messages": ["[ERROR] must define submit to use input block [json-pointer:/view/blocks/0/input]"]
            },
        )
    view = View(view_id or ws.next_id("V"), user_id, data, f"{int(ws.monotonic())}.{secrets.token_hex(4)}", kind)
    return view


def view_api(view: View) -> dict[str, Any]:
    """A view as Slack returns it and sends it in payloads."""
    return {
        "id": view.id,
        "team_id": TEAM_ID,
        "type": view.type,
        "hash": view.hash,
        "app_id": APP_ID,
        "bot_id": BOT_ID,
        "root_view_id": view.id,
        "previous_view_id": None,
        "state": {"values": {}},
        "private_metadata": "",
        "callback_id": "",
        "external_id": "",
        **view.data,
    }


def views_open(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """views.open with a single-use, 3-second trigger_id."""
    require(args, "trigger_id", "view")
    user_id = _take_trigger(ws, args["trigger_id"])
    view = _new_view(ws, user_id, args["view"])
    with ws.lock:
        ws.views[view.id] = view
    return {"view": view_api(view)}


def views_update(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """views.update by view_id, honouring `hash` (hash_conflict when stale)."""
    require(args, "view_id", "view")
    with ws.lock:
        old = ws.views.get(args["view_id"])
        if old is None:
            raise SlackError("not_found")
        if args.get("hash") and args["hash"] != old.hash:
            raise SlackError("hash_conflict")
        view = _new_view(ws, old.user, args["view"], old.id)
        ws.views[view.id] = view
    return {"view": view_api(view)}


def views_publish(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """views.publish of a Home tab."""
    require(args, "user_id", "view")
    if args["user_id"] not in ws.users:
        raise SlackError("user_not_found")
    view = _new_view(ws, args["user_id"], args["view"])
    with ws.lock:
        ws.homes[args["user_id"]] = view
    return {"view": view_api(view)}


def response_url_post(ws: Workspace, url_id: str, body: dict[str, Any]) -> None:
    """A POST to a response_url: an ephemeral (or in_channel) message; 5 uses in 30 minutes."""
    check_blocks(body.get("blocks") or [], MAX_MESSAGE_BLOCKS)
    with ws.lock:
        url = ws.response_urls.get(url_id)
        if url is None or ws.monotonic() - url.created > RESPONSE_URL_TTL:
            raise SlackError("expired_url", status=404)
        if url.uses >= RESPONSE_URL_USES:
            raise SlackError("used_url", status=404)
        url.uses += 1
        public = body.get("response_type") == "in_channel"
        ws.messages.append(
            Message(
                ws.next_ts(),
                url.channel,
                BOT_USER_ID,
                str(body.get("text") or ""),
                body.get("blocks") or [],
                ephemeral_to=None if public else url.user,
                bot_id=BOT_ID,
            )
        )
