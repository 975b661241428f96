"""Links to what the outbox posted: the permalinks of cards and notices, once Slack has them."""

from __future__ import annotations

from collections.abc import Iterable

from storage.uow import UnitOfWork


def message_link(uow: UnitOfWork, key: str | None) -> str | None:
    """The permalink of a posted outbox message (a card), or None while it is not posted."""
    message = uow.outbox.by_key(key) if key else None
    if message is None or not message.sent_ts:
        return None
    return permalink(message.sent_channel or "", message.sent_ts)


def message_links(uow: UnitOfWork, keys: Iterable[str | None]) -> dict[str, str]:
    """The permalinks of the posted ones of these outbox messages, by dedupe key (one read for all of them)."""
    found = uow.outbox.sent_locations([key for key in keys if key])
    return {key: permalink(channel, ts) for key, (channel, ts) in found.items()}


def permalink(channel: str, ts: str) -> str:
    """A Slack message's permalink."""
    return f"https://slack.com/archives/{channel}/p{ts.replace('.', '')}"
