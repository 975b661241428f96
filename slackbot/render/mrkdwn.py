"""The one escaping boundary: every text the bot puts in a Slack mrkdwn field (blocks, and the top-level `text`
that notifications use) is an `Md`, and the only ways to make one escape what people typed.

Slack parses `<…>` in mrkdwn as links and mentions (`<!channel>`, `<@U…>`, `<!subteam^…>`), so user text is
escaped (`&`, `<`, `>`: https://docs.slack.dev/messaging/formatting-message-text#escaping) exactly once, here.
Mentions, channel references and links are made only by `mention`, `channel_ref` and `link`, which check what
they are given; anything else goes through `md()` and comes out inert.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")
CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,20}$")
SAFE_URL = re.compile(r"^(?:https?://|mailto:)[^\s<>|]+$")
BROADCAST = re.compile(r"<!(?:channel|here|everyone)(?:\|[^>]*)?>|<!subteam\^[^>]*>")


class Md(str):
    """Slack mrkdwn the bot composed: literal text written in code, plus escaped (or checked) values."""

    __slots__ = ()


def escape(text: str) -> str:
    """Escape user text for mrkdwn (&, <, >)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _piece(value: object) -> str:
    return value if isinstance(value, Md) else escape(str(value))


def md(template: str, /, **values: object) -> Md:
    """Fill a mrkdwn template written in code: each value is escaped unless it is already `Md`."""
    return Md(template.format_map({name: _piece(value) for name, value in values.items()}) if values else template)


def joined(separator: str, parts: Iterable[Md | str]) -> Md:
    """Parts joined by a separator written in code (plain strings among them are escaped)."""
    return Md(separator.join(_piece(part) for part in parts))


def mention(user_id: str) -> Md:
    """<@U…> for a real user id; anything else stays inert text."""
    return Md(f"<@{user_id}>") if USER_ID.match(user_id) else Md(escape(user_id))


def channel_ref(channel_id: str) -> Md:
    """<#C…> for a real channel id; anything else stays inert text."""
    return Md(f"<#{channel_id}>") if CHANNEL_ID.match(channel_id) else Md(escape(channel_id))


def link(url: str, label: str | None = None) -> Md:
    """<url|label> for an http(s) or mailto URL (the label escaped); anything else stays inert text."""
    if not SAFE_URL.match(url):
        return Md(escape(label or url))
    return Md(f"<{url}|{escape(label).replace('|', '/')}>" if label else f"<{url}>")


def code(text: str) -> Md:
    """`text` in code style (backticks in it become quotes)."""
    return Md(f"`{escape(text.replace('`', chr(39)))}`")


def quoted(text: str) -> Md:
    """A block quote of user text (every line quoted)."""
    return Md("\n".join(f">{escape(line)}" for line in (text or "").splitlines() or [""]))


def without_broadcasts(text: str) -> Md:
    """Slack-formatted text from a person (already escaped by Slack), with its pings made inert.

    Used for staff replies relayed to a partner: links and formatting stay, @channel/@here/@everyone and user
    group or user mentions become plain words, so a relay can never ping anyone the bot did not choose to.
    """
    text = BROADCAST.sub(lambda m: "@" + m.group(0)[2:].split("|")[0].split("^")[0].rstrip(">"), text)
    text = re.sub(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>", lambda m: "@" + (m.group(2) or m.group(1)), text)
    text = re.sub(r"<!([^>]*)>", lambda m: escape(m.group(1)), text)
    return Md(text)
