"""What the page shows, read from the emulated workspace: channels, messages with threads, the modal, the Home."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.emulator.web.blocks import annotate
from slackbot.emulator.web.sandbox import Draft, Sandbox
from slackbot.emulator.workspace import BOT_USER_ID, Channel, Message, User, View


@dataclass(frozen=True)
class ChannelItem:
    """A line of the channel list."""

    id: str
    label: str
    kind: str  # "channel", "shared" (Slack Connect) or "dm"
    current: bool


@dataclass(frozen=True)
class MessageView:
    """One message as the acting user sees it."""

    ref: str  # what a button posts back: m:<channel>:<ts>
    ts: str
    author: str
    is_bot: bool
    time: str
    ephemeral: bool
    updated: bool
    blocks: list[dict[str, Any]]
    text: str
    replies: int


@dataclass(frozen=True)
class ModalView:
    """The acting user's open modal, with what a refused submit left in it."""

    view: View
    blocks: list[dict[str, Any]]
    draft: Draft | None

    @property
    def title(self) -> Any:
        """The modal's title text object."""
        return self.view.data.get("title") or {"type": "plain_text", "text": "App"}


def channel_items(sandbox: Sandbox, user: User, current: str | None) -> list[ChannelItem]:
    """The user's channels: regular, shared (Slack Connect), then the DM with the bot."""
    items = []
    for channel in sandbox.channels_of(user):
        kind = "dm" if channel.is_im else "shared" if channel.is_ext_shared else "channel"
        label = "DevCenter" if channel.is_im else channel.name
        items.append(ChannelItem(channel.id, label, kind, channel.id == current))
    return items


def clock_text(moment: datetime, timezone: str) -> str:
    """A moment as the sandbox shows it: 'Mon Nov 23 2026, 9:00 AM PST'."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local:%a %b} {local.day} {local.year}, {local.hour % 12 or 12}:{local:%M %p %Z}"


def _view(sandbox: Sandbox, message: Message, replies: int) -> MessageView:
    author = sandbox.ws.users.get(message.user)
    local = sandbox.first_seen(message.ts).astimezone(ZoneInfo(sandbox.timezone))
    return MessageView(
        ref=f"m:{message.channel}:{message.ts}",
        ts=message.ts,
        author=author.real_name if author else message.user,
        is_bot=message.user == BOT_USER_ID,
        time=f"{local.hour % 12 or 12}:{local:%M %p}",
        ephemeral=message.ephemeral_to is not None,
        updated=message.revision > 0,
        blocks=annotate(message.blocks),
        text=message.text,
        replies=replies,
    )


def timeline(sandbox: Sandbox, user: User, channel: Channel) -> list[MessageView]:
    """Top-level messages of a channel, oldest first, with their reply counts."""
    visible = sandbox.ws.visible_messages(channel.id, user.id)
    counts: dict[str, int] = {}
    for message in visible:
        if message.thread_ts and message.thread_ts != message.ts:
            counts[message.thread_ts] = counts.get(message.thread_ts, 0) + 1
    return [_view(sandbox, m, counts.get(m.ts, 0)) for m in visible if not m.thread_ts or m.thread_ts == m.ts]


def thread(sandbox: Sandbox, user: User, channel: Channel, ts: str) -> list[MessageView]:
    """A thread: its parent, then the replies ([] when the parent is not visible)."""
    visible = sandbox.ws.visible_messages(channel.id, user.id)
    if not any(m.ts == ts for m in visible):
        return []
    return [_view(sandbox, m, 0) for m in visible if m.ts == ts or m.thread_ts == ts]


def modal(sandbox: Sandbox, user: User) -> ModalView | None:
    """The user's open modal, if any."""
    view = sandbox.harness.emu.modal(user)
    if view is None:
        return None
    return ModalView(view, annotate(view.data.get("blocks", [])), sandbox.session.drafts.get(view.id))


def home(sandbox: Sandbox, user: User) -> tuple[View | None, list[dict[str, Any]]]:
    """The user's published App Home and its blocks."""
    view = sandbox.ws.homes.get(user.id)
    return view, annotate(view.data.get("blocks", [])) if view else []
