"""Web API methods of the emulated workspace, with Slack's response and error shapes."""

from __future__ import annotations

from typing import Any

from slackbot.emulator.workspace import (
    BOT_ID,
    BOT_USER_ID,
    TEAM_DOMAIN,
    TEAM_ID,
    TEAM_NAME,
    Message,
    Workspace,
)

MAX_MESSAGE_BLOCKS, MAX_VIEW_BLOCKS, MAX_SECTION_TEXT, MAX_TEXT = 50, 100, 3000, 40000


class SlackError(Exception):
    """An `ok: false` answer (HTTP 200 unless `status` says otherwise)."""

    def __init__(self, error: str, status: int = 200, **extra: Any) -> None:
        super().__init__(error)
        self.error, self.status, self.extra = error, status, extra

    def body(self) -> dict[str, Any]:
        """The JSON body Slack sends."""
        return {"ok": False, "error": self.error, **self.extra}


def require(args: dict[str, Any], *names: str) -> None:
    for name in names:
        if args.get(name) in (None, ""):
            raise SlackError("invalid_arguments", response_metadata={"messages": [f"[ERROR] missing '{name}'"]})


def check_blocks(blocks: list[dict[str, Any]], limit: int, pointer: str = "/blocks") -> None:
    problems = []
    if len(blocks) > limit:
        problems.append(f"no more than {limit} items allowed [json-pointer:{pointer}]")
    for i, block in enumerate(blocks):
        text = (block.get("text") or {}).get("text", "") if isinstance(block.get("text"), dict) else ""
        if block.get("type") == "section" and len(text) > MAX_SECTION_TEXT:
            problems.append(f"must be less than 3001 characters [json-pointer:{pointer}/{i}/text/text]")
        if len(str(block.get("block_id", ""))) > 255:
            problems.append(f"must be less than 256 characters [json-pointer:{pointer}/{i}/block_id]")
    if problems:
        raise SlackError(
            "invalid_blocks", errors=problems, response_metadata={"messages": [f"[ERROR] {p}" for p in problems]}
        )


def _channel(ws: Workspace, channel_id: str) -> Any:
    if channel_id[:1] in ("U", "W") and channel_id in ws.users:
        return ws.im_with(channel_id)
    channel = ws.channels.get(channel_id)
    if channel is None:
        raise SlackError("channel_not_found")
    if BOT_USER_ID not in channel.members:
        raise SlackError("not_in_channel")
    return channel


def auth_test(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """auth.test (Bolt needs bot_id and user_id)."""
    return {
        "url": f"https://{TEAM_DOMAIN}.slack.com/",
        "team": TEAM_NAME,
        "user": "devcenter",
        "team_id": TEAM_ID,
        "user_id": BOT_USER_ID,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


def chat_post_message(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """chat.postMessage."""
    require(args, "channel")
    blocks = args.get("blocks") or []
    if not args.get("text") and not blocks:
        raise SlackError("no_text")
    check_blocks(blocks, MAX_MESSAGE_BLOCKS)
    with ws.lock:
        channel = _channel(ws, args["channel"])
        thread_ts = args.get("thread_ts") or None
        if thread_ts and not any(m.ts == thread_ts and m.channel == channel.id for m in ws.messages):
            raise SlackError("thread_not_found")
        message = Message(
            ws.next_ts(),
            channel.id,
            BOT_USER_ID,
            str(args.get("text") or "")[:MAX_TEXT],
            blocks,
            thread_ts,
            args.get("metadata"),
            bot_id=BOT_ID,
        )
        ws.messages.append(message)
    return {"channel": channel.id, "ts": message.ts, "message": message.to_api()}


def chat_post_ephemeral(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """chat.postEphemeral (the user must be in the channel)."""
    require(args, "channel", "user")
    check_blocks(args.get("blocks") or [], MAX_MESSAGE_BLOCKS)
    with ws.lock:
        channel = _channel(ws, args["channel"])
        if args["user"] not in channel.members:
            raise SlackError("user_not_in_channel")
        message = Message(
            ws.next_ts(),
            channel.id,
            BOT_USER_ID,
            str(args.get("text") or ""),
            args.get("blocks") or [],
            args.get("thread_ts"),
            ephemeral_to=args["user"],
            bot_id=BOT_ID,
        )
        ws.messages.append(message)
    return {"message_ts": message.ts}


def chat_update(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """chat.update of one of the bot's own messages."""
    require(args, "channel", "ts")
    check_blocks(args.get("blocks") or [], MAX_MESSAGE_BLOCKS)
    with ws.lock:
        message = next(
            (m for m in ws.messages if m.channel == args["channel"] and m.ts == args["ts"] and m.ephemeral_to is None),
            None,
        )
        if message is None:
            raise SlackError("message_not_found")
        if message.user != BOT_USER_ID:
            raise SlackError("cant_update_message")
        message.text = str(args.get("text") or message.text)
        blocks = args.get("blocks")
        message.blocks = list(blocks) if blocks is not None else message.blocks
        message.revision += 1
    return {"channel": message.channel, "ts": message.ts, "text": message.text, "message": message.to_api()}


def conversations_open(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """conversations.open for a DM with one user."""
    require(args, "users")
    user_id = str(args["users"]).split(",")[0]
    if user_id not in ws.users:
        raise SlackError("user_not_found")
    return {"channel": {"id": ws.im_with(user_id).id}}


def conversations_history(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """conversations.history, newest first, top-level messages only."""
    require(args, "channel")
    channel = _channel(ws, args["channel"])
    limit = int(args.get("limit") or 100)
    messages = [m for m in ws.visible_messages(channel.id) if not m.thread_ts or m.thread_ts == m.ts]
    newest = list(reversed(messages))[:limit]
    return {"messages": [m.to_api() for m in newest], "has_more": len(messages) > limit}


def conversations_replies(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """conversations.replies: the parent then its replies."""
    require(args, "channel", "ts")
    channel = _channel(ws, args["channel"])
    thread = [m for m in ws.visible_messages(channel.id) if m.ts == args["ts"] or m.thread_ts == args["ts"]]
    if not thread:
        raise SlackError("thread_not_found")
    return {"messages": [m.to_api() for m in thread], "has_more": False}


def users_info(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """users.info."""
    require(args, "user")
    user = ws.users.get(args["user"])
    if user is None:
        raise SlackError("user_not_found")
    return {"user": user.to_api()}


def usergroups_users_list(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """usergroups.users.list."""
    require(args, "usergroup")
    if args["usergroup"] not in ws.usergroups:
        raise SlackError("no_such_subteam")
    return {"users": sorted(ws.usergroups[args["usergroup"]])}


def apps_connections_open(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """apps.connections.open (app-level token): the Socket Mode WebSocket URL."""
    if ws.socket_mode is None:
        raise SlackError("not_allowed_token_type")
    return {"url": ws.socket_mode.url}
