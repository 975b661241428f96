"""`:github …` for the console and the web sandbox: drive the fake GitHub with one line of text.

:github open 4242 author=acme-dev title=Acme Analytics
:github review 4242 changes_requested by=segment-eng body=Please add unit tests
:github approve 4242            (review 4242 approved)
:github merge 4242 at=2026-12-01T16:59
:github close 4242 | push 4242 | ping | redeliver | deliveries
:github missed merge 4242       (change GitHub without telling the bot, for `github sync`)
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from slackbot.emulator.github import Delivery, FakeGitHub

USAGE = (
    "github: open N [author= title=] | review N STATE [by= as= body=] | approve N | merge N [at= by=] | "
    "close N | push N | ping | redeliver [K] | deliveries | missed <merge|close|push|review …>"
)
NAMED = ("author", "title", "by", "as", "body", "at")


def github_command(gh: FakeGitHub, line: str, tz: ZoneInfo) -> str:
    """Run one `:github` line against `gh`; returns what to print (raises ValueError with usage on bad input)."""
    words, options = _parse(line)
    deliver = True
    if words[:1] == ["missed"]:
        words, deliver = words[1:], False
    if not words:
        raise ValueError(USAGE)
    verb, args = words[0], words[1:]
    if verb == "deliveries":
        return "\n".join(_describe(d, i) for i, d in enumerate(gh.deliveries, 1)) or "no deliveries yet"
    if verb == "ping":
        return _describe(gh.ping())
    if verb == "redeliver":
        index = int(args[0]) if args else len(gh.deliveries)
        if not 1 <= index <= len(gh.deliveries):
            raise ValueError("redeliver: no such delivery (see :github deliveries)")
        return _describe(gh.redeliver(gh.deliveries[index - 1]))
    return _describe(_change(gh, verb, args, options, tz, deliver))


def recent(gh: FakeGitHub, limit: int = 5) -> list[str]:
    """The newest deliveries, newest first, as `:github deliveries` describes them."""
    numbered = list(enumerate(gh.deliveries, 1))[-limit:]
    return [_describe(delivery, index) for index, delivery in reversed(numbered)]


def _change(
    gh: FakeGitHub, verb: str, args: list[str], options: dict[str, str], tz: ZoneInfo, deliver: bool
) -> Delivery:
    if not args or not args[0].isdigit():
        raise ValueError(USAGE)
    number, at = int(args[0]), _moment(options.get("at"), tz)
    if verb == "open":
        gh.open(
            number,
            author=options.get("author", "acme-dev"),
            title=options.get("title", "Acme Analytics destination"),
            at=at,
            deliver=deliver,
        )
        return gh.deliveries[-1]
    if number not in gh.pulls:
        raise ValueError(f"no pull request #{number} (open it first: :github open {number})")
    by = options.get("by", "segment-eng")
    if verb in ("review", "approve"):
        state = "approved" if verb == "approve" else (args[1] if len(args) > 1 else "")
        if state not in ("approved", "changes_requested", "commented"):
            raise ValueError("review states: approved, changes_requested, commented")
        return gh.review(
            number,
            state,
            by=by,
            association=options.get("as", "MEMBER"),
            body=options.get("body", ""),
            at=at,
            deliver=deliver,
        )
    if verb == "merge":
        return gh.merge(number, at=at, by=by, deliver=deliver)
    if verb == "close":
        return gh.close(number, at=at, by=by, deliver=deliver)
    if verb == "push":
        return gh.push(number, by=options.get("by"), at=at, deliver=deliver)
    raise ValueError(USAGE)


def _parse(line: str) -> tuple[list[str], dict[str, str]]:
    """Words, then name=value options; `body=` and `title=` take the rest of the line."""
    words: list[str] = []
    options: dict[str, str] = {}
    tokens = line.split()
    for index, token in enumerate(tokens):
        name, eq, value = token.partition("=")
        if eq and name in NAMED:
            if name in ("body", "title"):
                options[name] = " ".join([value, *tokens[index + 1 :]]).strip()
                break
            options[name] = value
        else:
            words.append(token)
    return words, options


def _moment(text: str | None, tz: ZoneInfo) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def _describe(delivery: Delivery, index: int | None = None) -> str:
    prefix = f"[{index}] " if index is not None else ""
    what = delivery.event
    action = delivery.body[:200].decode(errors="replace").partition('"action":"')[2].partition('"')[0]
    if action:
        what += f".{action}"
    if delivery.status is None:
        return f"{prefix}{what}: not delivered (the bot was not told)"
    message = (delivery.json() or {}).get("message", "") if delivery.answer.startswith("{") else ""
    return f"{prefix}{what} → {delivery.status} {message}".rstrip()
