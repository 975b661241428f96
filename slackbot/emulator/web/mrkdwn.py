"""Slack mrkdwn and plain_text to safe HTML: every character of the bot's text is escaped before any tag is added."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import emoji
from markupsafe import Markup, escape

# https://docs.slack.dev/messaging/formatting-message-text: code first (nothing inside is formatted), then <…>
TOKEN = re.compile(r"```(?P<pre>.+?)```|`(?P<code>[^`\n]+)`|<(?P<angle>[^<>\n]+)>", re.S)
BOLD = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
ITALIC = re.compile(r"(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])")
STRIKE = re.compile(r"(?<![\w~])~(?!\s)([^~\n]+?)(?<!\s)~(?![\w~])")
HOLE = re.compile("\ue000(\\d+)\ue001")  # a private-use placeholder for an already rendered token
SAFE_SCHEMES = ("http://", "https://", "mailto:")
SPECIAL = {"here": "@here", "channel": "@channel", "everyone": "@everyone"}


@dataclass(frozen=True)
class Names:
    """How ids in <@U…> and <#C…> become names."""

    user: Callable[[str], str] = lambda user_id: user_id
    channel: Callable[[str], str] = lambda channel_id: channel_id


def unescape(text: str) -> str:
    """Slack's three escapes back to characters (they are escaped again, for HTML, before display)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def plain(text: str, *, with_emoji: bool = True) -> Markup:
    """A plain_text object: escaped, with :emoji: codes shown as emoji."""
    escaped = str(escape(text))
    return Markup(emojize(escaped) if with_emoji else escaped)


def emojize(text: str) -> str:
    """:white_check_mark: → ✅ (Slack's short names are the library's aliases); unknown codes stay as typed."""
    return emoji.emojize(text, language="alias")


def mrkdwn(text: str, names: Names | None = None) -> Markup:
    """A mrkdwn string as HTML: bold, italics, strike, code, quotes, links, user/channel mentions and emoji."""
    names = names or Names()
    holes: list[str] = []

    def hole(html: str) -> str:
        holes.append(html)
        return f"\ue000{len(holes) - 1}\ue001"

    def token(match: re.Match[str]) -> str:
        if match.group("pre") is not None:
            return hole(f'<pre class="bk-pre">{escape(unescape(match.group("pre").strip(chr(10))))}</pre>')
        if match.group("code") is not None:
            return hole(f"<code>{escape(unescape(match.group('code')))}</code>")
        return hole(angle(match.group("angle"), names))

    rest = TOKEN.sub(token, text.replace("\ue000", "").replace("\ue001", ""))
    html = emojize(str(escape(unescape(rest))))
    html = STRIKE.sub(r"<s>\1</s>", ITALIC.sub(r"<i>\1</i>", BOLD.sub(r"<b>\1</b>", html)))
    html = _quotes(html)
    html = HOLE.sub(lambda m: holes[int(m.group(1))], html)
    return Markup(html)


def angle(inner: str, names: Names) -> str:
    """One <…> token: a user or channel mention, a special mention, or a link (safe schemes only)."""
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        return f'<span class="bk-mention">@{escape(unescape(label) or names.user(target[1:]))}</span>'
    if target.startswith("#"):
        return f'<span class="bk-mention">#{escape(unescape(label) or names.channel(target[1:]))}</span>'
    if target.startswith("!"):
        word = target[1:].split("^")[0]
        shown = SPECIAL.get(word) or unescape(label) or f"@{word}"
        return f'<span class="bk-mention">{escape(shown)}</span>'
    url = unescape(target)
    shown = escape(unescape(label) or url)
    if not url.lower().startswith(SAFE_SCHEMES):
        return str(shown)
    return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{shown}</a>'


def _quotes(html: str) -> str:
    """Lines starting with '>' (escaped by now) become one blockquote each run; other newlines become <br>."""
    out: list[str] = []
    quote: list[str] = []
    for line in html.split("\n"):
        if line.startswith("&gt;"):
            quote.append(line[4:].removeprefix(" "))
            continue
        if quote:
            out.append(f"<blockquote>{'<br>'.join(quote)}</blockquote>")
            quote = []
        out.append(line + "<br>")
    if quote:
        out.append(f"<blockquote>{'<br>'.join(quote)}</blockquote>")
    joined = "".join(out)
    return joined.removesuffix("<br>")
