"""What the Q&A use cases return: frozen summaries that the Slack renderers and the CLI draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from slackbot.kb.intents import IntentKind
from slackbot.kb.model import KbEntry


@dataclass(frozen=True)
class NextRelease:
    """The live release window appended to the deploy-schedule answer."""

    release: date
    cutoff: datetime
    timezone: str


@dataclass(frozen=True)
class Answer:
    """The bot's reply to one message: the best entry (None: "I don't know"), related entries, escalation; small talk
    and other languages get `reply` instead of a search (`intent` says which)."""

    question: str
    question_id: int
    best: KbEntry | None
    score: float
    related: tuple[KbEntry, ...] = ()
    next_release: NextRelease | None = None
    escalated: bool = False  # the question went to the staff review channel
    can_escalate: bool = True  # a review channel is configured
    reply_in: str = "channel"  # where a person's reply arrives: thread (mentions), channel, or dm
    intent: IntentKind = IntentKind.QUESTION
    reply: str | None = None  # small talk: the polite reply (nothing searched, logged or escalated)


class Feedback(StrEnum):
    """What a Helpful / Not helpful click did."""

    RECORDED = "recorded"
    ALREADY_RATED = "already_rated"
    NOT_THE_ASKER = "not_the_asker"


class Escalation(StrEnum):
    """What an Ask a person click did."""

    ASKED = "asked"
    ALREADY_ASKED = "already_asked"
    NOT_THE_ASKER = "not_the_asker"  # only the person who asked, or staff, may hand a question to a person
    UNAVAILABLE = "unavailable"  # no review channel configured


@dataclass(frozen=True)
class FeedbackResult:
    """Outcome of a feedback click, with whether it was the helpful button."""

    outcome: Feedback
    helpful: bool


@dataclass(frozen=True)
class EscalationResult:
    """Outcome of an Ask a person click."""

    outcome: Escalation
    reply_in: str = "channel"


@dataclass(frozen=True)
class FaqDraft:
    """Prefilled Save as FAQ form: a staff message turned into an entry to review."""

    entry_id: str
    title: str
    question: str
    answer: str
    source_document: str
    source_section: str
    channel: str
    message_ts: str


@dataclass(frozen=True)
class QuestionLine:
    """One logged question, for `kb stats`."""

    asked_at: datetime
    asker: str
    question: str
    best_entry_id: str | None
    score: float


@dataclass(frozen=True)
class KbStats:
    """How the knowledge base is doing: totals, unanswered and not-helpful questions."""

    entries: dict[str, int]
    totals: dict[str, int]
    open_escalations: int
    unanswered: tuple[QuestionLine, ...] = field(default_factory=tuple)
    not_helpful: tuple[QuestionLine, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Ranked:
    """One answer of `devcenter-bot ask`: the entry, its score and (deploy schedule) the live window."""

    entry: KbEntry
    score: float
    next_release: NextRelease | None = None


@dataclass(frozen=True)
class LoadReport:
    """What `kb load` changed."""

    created: int
    updated: int
    unchanged: int
    pruned: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()  # file entries in the database that the files no longer have

    def __str__(self) -> str:
        text = f"created: {self.created}, updated: {self.updated}, unchanged: {self.unchanged}"
        if self.pruned:
            text += f"\npruned: {', '.join(self.pruned)}"
        if self.stale:
            text += f"\nin the database but no longer in the files (remove with --prune): {', '.join(self.stale)}"
        return text
