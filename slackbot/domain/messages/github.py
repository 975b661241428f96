"""Payloads of GitHub pull request sync: what people are told about a pull request fact (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from slackbot.domain.messages.base import MessageKind, Payload


@dataclass(frozen=True)
class ClosedWithoutMerge(Payload):
    """The pull request was closed without merging: the partner can reopen it (or open another) and resubmit."""

    kind = MessageKind.GITHUB_CLOSED
    partner_name: str
    name: str
    slug: str
    pr_url: str
    actor: str  # github:<login>
    closed_at: datetime
    timezone: str
    to_staff: bool = False  # the staff card's thread, rather than the partner


@dataclass(frozen=True)
class CommitsPushedNote(Payload):
    """In the staff card's thread: the partner pushed new commits while changes are requested."""

    kind = MessageKind.GITHUB_PUSHED
    name: str
    slug: str
    pr_url: str
    head_sha: str
    actor: str  # github:<login>
