"""Use cases of build Q&A: ask, rate an answer, ask a person, relay staff replies, save a staff answer as FAQ."""

from __future__ import annotations

import html
import logging
import re
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.domain.actors import Actor
from slackbot.domain.errors import InvalidInput, NotFound, NotPermitted
from slackbot.domain.messages import MessageKind
from slackbot.domain.releases import ReleaseCalendar
from slackbot.kb.answers import (
    Answer,
    Escalation,
    EscalationResult,
    FaqDraft,
    Feedback,
    FeedbackResult,
    NextRelease,
)
from slackbot.kb.files import STAFF_FILE, entry_from_values, entry_values
from slackbot.kb.loader import MAX_ANSWER_CHARS, MAX_TITLE_CHARS, load_entries
from slackbot.kb.model import KbEntry, Source
from slackbot.kb.search import NO_ANSWER_THRESHOLD, KbIndex
from storage.models.qa import KbEntryRow, KbQuestion
from storage.uow import UnitOfWork, UowFactory

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
RELATED = 2
DEPLOY_ENTRY = "deploy-schedule"
STAFF_SOURCE = "Developer Center staff answer (Slack)"
NOT_STAFF = "Only Developer Center staff can save answers to the knowledge base."
_ENTRY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class IndexCache:
    """This process's search index, rebuilt only when the entries' version in the database changes.

    The index covers the database entries once `kb load` has run; before that, the shipped files plus
    any entries staff saved from Slack (so the bot answers on a fresh install).
    """

    def __init__(self, shipped: Callable[[], list[KbEntry]] = load_entries) -> None:
        self._lock = threading.Lock()
        self._load_shipped = shipped
        self._shipped: tuple[KbEntry, ...] | None = None
        self._version: int | None = None
        self._index: KbIndex | None = None

    def index(self, uow_factory: UowFactory) -> KbIndex:
        """The current index (one small query to compare versions; a rebuild only after a change)."""
        with uow_factory() as uow:
            version = uow.kb.version()
            if self._index is not None and version == self._version:
                return self._index
            rows = [(row.origin, entry_from_row(row)) for row in uow.kb.entries()]
        with self._lock:
            if self._index is None or version != self._version:
                self._index, self._version = KbIndex(self._entries(rows)), version
            return self._index

    def _entries(self, rows: list[tuple[str, KbEntry]]) -> list[KbEntry]:
        if any(origin == "file" for origin, _ in rows):
            return [entry for _, entry in rows]
        if self._shipped is None:
            self._shipped = tuple(self._load_shipped())
        saved = {entry.id: entry for _, entry in rows}
        return [e for e in self._shipped if e.id not in saved] + list(saved.values())


def entry_from_row(row: KbEntryRow) -> KbEntry:
    """A database row as a KbEntry."""
    return entry_from_values(
        {
            "id": row.id,
            "title": row.title,
            "questions": row.questions,
            "answer": row.answer,
            "sources": row.sources,
            "as_of": row.as_of,
            "tags": row.tags,
        }
    )


def clean_question(text: str) -> str:
    """Slack-escaped text (&amp; &lt; &gt;) as the person typed it, on one line, bounded."""
    return " ".join(html.unescape(text or "").split())[:MAX_QUESTION_CHARS]


def ask(
    uow_factory: UowFactory,
    cache: IndexCache,
    *,
    question: str,
    asker: str,
    channel: str | None,
    thread_ts: str | None,
    now: datetime,
    timezone: str,
    review_channel: str | None,
) -> Answer:
    """Answer from the knowledge base and log the question; no good answer escalates it to staff."""
    text = clean_question(question)
    hits = cache.index(uow_factory).search(text, limit=1 + RELATED)
    best = hits[0] if hits and hits[0].score >= NO_ANSWER_THRESHOLD else None
    related = tuple(h.entry for h in hits[1:] if h.score >= NO_ANSWER_THRESHOLD) if best else ()
    with uow_factory() as uow:
        row = uow.kb.log_question(
            question=text,
            asker=asker,
            channel=channel,
            thread_ts=thread_ts,
            best_entry_id=hits[0].entry.id if hits else None,
            score=round(hits[0].score, 4) if hits else 0.0,
            answered=best is not None,
            now=now,
        )
        escalated = best is None and _escalate(uow, row, review_channel, now, requested=False)
        uow.commit()
    release = next_release(best.entry, now, timezone) if best else None
    return Answer(
        question=text,
        question_id=row.id,
        best=best.entry if best else None,
        score=best.score if best else 0.0,
        related=related,
        next_release=release,
        escalated=escalated,
        can_escalate=bool(review_channel and channel),
        reply_in=reply_place(channel, thread_ts),
    )


def next_release(entry: KbEntry, now: datetime, timezone: str) -> NextRelease | None:
    """The live next release and cutoff, for the deploy-schedule entry only."""
    if entry.id != DEPLOY_ENTRY:
        return None
    window = ReleaseCalendar(timezone).next_window(now)
    return NextRelease(window.release, window.cutoff, timezone)


def reply_place(channel: str | None, thread_ts: str | None) -> str:
    """Where a person's reply reaches the asker: the mention's thread, the channel, or (from a DM) a bot DM."""
    if thread_ts:
        return "thread"
    return "dm" if (channel or "D").startswith("D") else "channel"


def ask_a_person(
    uow_factory: UowFactory, *, question_id: int, user_id: str, now: datetime, review_channel: str | None
) -> EscalationResult:
    """The Ask a person button: post the question to the staff review channel, once."""
    with uow_factory() as uow:
        question = _question(uow, question_id)
        place = reply_place(question.channel, question.thread_ts)
        if not review_channel:
            return EscalationResult(Escalation.UNAVAILABLE, place)
        asked = _escalate(uow, question, review_channel, now, requested=True, requested_by=user_id)
        uow.commit()
    return EscalationResult(Escalation.ASKED if asked else Escalation.ALREADY_ASKED, place)


def rate_answer(
    uow_factory: UowFactory, *, question_id: int, user_id: str, helpful: bool, now: datetime
) -> FeedbackResult:
    """Helpful / Not helpful: recorded once per question, and only from the person who asked."""
    with uow_factory() as uow:
        question = _question(uow, question_id)
        if question.asker != user_id:
            return FeedbackResult(Feedback.NOT_THE_ASKER, helpful)
        recorded = uow.kb.record_feedback(question_id, "helpful" if helpful else "not_helpful", now)
        uow.commit()
    return FeedbackResult(Feedback.RECORDED if recorded else Feedback.ALREADY_RATED, helpful)


def relay_staff_reply(
    uow_factory: UowFactory,
    *,
    event_id: str,
    channel: str,
    thread_ts: str,
    ts: str,
    user_id: str,
    text: str,
    is_staff: bool,
    now: datetime,
) -> bool:
    """A reply in an escalation thread: staff replies go back to the partner once (event id and message ts)."""
    with uow_factory() as uow:
        escalation = uow.kb.escalation_by_staff_thread(channel, thread_ts)
        if escalation is None or not uow.events.first_time(event_id, "message", now):
            uow.rollback()
            return False
        if not is_staff:
            log.info("not relaying %s's reply in escalation %s: not staff", user_id, escalation.id)
            uow.commit()
            return False
        key = f"qa:reply:{escalation.id}:{ts}"
        first = escalation.relay_key is None
        queued = uow.outbox.enqueue(
            dedupe_key=key,
            kind=MessageKind.QA_STAFF_REPLY,
            channel=escalation.partner_channel,
            now=now,
            payload={
                "asker": escalation.asker,
                "question": escalation.question,
                "staff_user": user_id,
                "text": text,
                "first": first,
                "in_thread": escalation.partner_thread_ts is not None or not first,
            },
            thread_ts=escalation.partner_thread_ts,
            thread_of=None if first else escalation.relay_key,
        )
        if queued and first:
            escalation.relay_key = key  # later replies thread under the first one
        if queued and escalation.status == "open":
            escalation.status, escalation.answered_by, escalation.answered_at = "answered", user_id, now
        uow.commit()
    return queued


def faq_draft(
    uow_factory: UowFactory,
    *,
    actor: Actor,
    channel: str,
    message_ts: str,
    thread_ts: str | None,
    text: str,
    author: str | None,
    now: datetime,
) -> FaqDraft:
    """Save as FAQ (staff only): the message as the answer, the thread's question as the question."""
    _require_staff(actor, "open Save as FAQ", channel)
    question = ""
    if thread_ts and thread_ts != message_ts:
        with uow_factory() as uow:
            escalation = uow.kb.escalation_by_staff_thread(channel, thread_ts)
            asked = None if escalation else uow.kb.question_in_thread(channel, thread_ts)
            question = escalation.question if escalation else (asked.question if asked else "")
            uow.commit()
    title = (question or _first_line(text))[:MAX_TITLE_CHARS]
    return FaqDraft(
        entry_id=slugify(title),
        title=title,
        question=question,
        answer=html.unescape(text).strip(),
        source_document=STAFF_SOURCE,
        source_section=f"Slack message {channel}/{message_ts} by {author or actor.user_id}, {now:%Y-%m-%d}",
        channel=channel,
        message_ts=message_ts,
    )


def save_faq(
    uow_factory: UowFactory,
    cache: IndexCache,
    *,
    actor: Actor,
    fields: dict[str, str | None],
    section: str,
    now: datetime,
    timezone: str,
) -> KbEntry:
    """Create a staff-origin entry from the Save as FAQ form; InvalidInput names each bad field."""
    _require_staff(actor, "save an FAQ", section)
    entry = _entry_from_form(fields, section, now.astimezone(ZoneInfo(timezone)).date())
    if entry.id in {e.id for e in cache.index(uow_factory).entries}:
        raise InvalidInput({"id": f"An entry with id `{entry.id}` already exists; choose another id."})
    with uow_factory() as uow:
        if not uow.kb.add(entry_values(entry), origin="staff", file=STAFF_FILE, created_by=actor.user_id, now=now):
            raise InvalidInput({"id": f"An entry with id `{entry.id}` already exists; choose another id."})
        uow.kb.bump_version()
        uow.commit()
    log.info("staff %s saved knowledge-base entry %s", actor.user_id, entry.id)
    return entry


def slugify(text: str, limit: int = 60) -> str:
    """A kebab-case entry id from a title."""
    return _NOT_SLUG.sub("-", text.casefold()).strip("-")[:limit].strip("-")


def _entry_from_form(fields: dict[str, str | None], section: str, today: Any) -> KbEntry:
    value = {name: (text or "").strip() for name, text in fields.items()}
    questions = tuple(q.strip() for q in value.get("questions", "").splitlines() if q.strip())
    errors = {}
    if not value.get("id"):
        errors["id"] = "Give the entry an id, like `replay-support`."
    elif len(value["id"]) > 80 or not _ENTRY_ID.match(value["id"]):
        errors["id"] = "Use lowercase letters, digits and single hyphens (at most 80 characters)."
    if not value.get("title"):
        errors["title"] = "Give the entry a title."
    elif len(value["title"]) > MAX_TITLE_CHARS:
        errors["title"] = f"Keep the title within {MAX_TITLE_CHARS} characters."
    if not questions:
        errors["questions"] = "Add at least one question, one per line."
    if not value.get("answer"):
        errors["answer"] = "The answer is empty."
    elif len(value["answer"]) > MAX_ANSWER_CHARS:
        errors["answer"] = (
            f"The answer has {len(value['answer'])} characters; Slack shows at most "
            f"{MAX_ANSWER_CHARS} here. Shorten it."
        )
    if errors:
        raise InvalidInput(errors)
    tags = tuple(_tags(value.get("tags", ""))) or ("staff-answer",)
    source = Source(value.get("source") or STAFF_SOURCE, section)
    return KbEntry(value["id"], value["title"], questions, value["answer"], (source,), today, tags)


def _tags(text: str) -> Iterable[str]:
    return dict.fromkeys(slugify(t, 40) for t in re.split(r"[,\s]+", text) if slugify(t, 40))


def _first_line(text: str) -> str:
    return html.unescape(text).strip().splitlines()[0] if text.strip() else ""


def _require_staff(actor: Actor, what: str, where: str) -> None:
    if not actor.is_staff:
        log.warning("refused: %s (not staff) tried to %s (%s)", actor.user_id, what, where)
        raise NotPermitted(NOT_STAFF)


def _question(uow: UnitOfWork, question_id: int) -> KbQuestion:
    question = uow.kb.question(question_id)
    if question is None:
        raise NotFound("I can't find that question any more; please ask it again.")
    return question


def _escalate(
    uow: UnitOfWork,
    question: KbQuestion,
    review_channel: str | None,
    now: datetime,
    *,
    requested: bool,
    requested_by: str | None = None,
) -> bool:
    """Post the question to the review channel through the outbox; False when already escalated."""
    if not review_channel or not question.channel or not uow.kb.claim_escalation(question.id):
        return False
    direct = reply_place(question.channel, question.thread_ts) == "dm"
    key = f"qa:escalation:{question.id}"
    uow.kb.escalate(
        question,
        partner_channel=question.asker if direct else question.channel,
        partner_thread_ts=question.thread_ts,
        staff_channel=review_channel,
        staff_key=key,
        now=now,
    )
    uow.outbox.enqueue(
        dedupe_key=key,
        kind=MessageKind.QA_ESCALATION,
        channel=review_channel,
        now=now,
        payload={
            "question_id": question.id,
            "question": question.question,
            "asker": question.asker,
            "channel": question.channel,
            "requested": requested,
            "requested_by": requested_by,
            "best_entry_id": question.best_entry_id,
            "score": question.score,
            "answered": question.answered,
        },
    )
    return True
