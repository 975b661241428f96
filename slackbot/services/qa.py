"""Use cases of build Q&A: ask, rate an answer, ask a person, relay staff replies, save a staff answer as FAQ."""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from datetime import datetime

from slackbot.domain.actors import Actor
from slackbot.domain.errors import NotFound
from slackbot.domain.messages.qa import QaEscalation, QaStaffReply
from slackbot.domain.qa import EscalationStatus, Rating
from slackbot.domain.releases import Schedule
from slackbot.kb.answers import (
    Answer,
    Escalation,
    EscalationResult,
    Feedback,
    FeedbackResult,
    NextRelease,
)
from slackbot.kb.intents import Intent, IntentKind, classify
from slackbot.kb.model import KbEntry
from slackbot.kb.search import NO_ANSWER_THRESHOLD
from slackbot.program import Program
from slackbot.services.outbox import queue
from slackbot.services.releases_calendar import schedule
from storage.models.qa import KbEscalation, KbQuestion
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
RELATED = 2
DEPLOY_ENTRY = "deploy-schedule"
# What a line naming no command becomes when it is sent to the knowledge base (a typo is told, not searched).
ASKABLE = frozenset({IntentKind.QUESTION, IntentKind.SMALL_TALK, IntentKind.OTHER_LANGUAGE})


def clean_question(text: str) -> str:
    """Slack-escaped text (&amp; &lt; &gt;) as the person typed it, on one line, bounded."""
    return " ".join(html.unescape(text or "").split())[:MAX_QUESTION_CHARS]


def line_intent(text: str, commands: Iterable[str]) -> Intent:
    """What a line that names no command is: a mistyped command (with the one meant), small talk, another
    language, a question, or unknown (pure and fast: no search, no database)."""
    return classify(clean_question(text), tuple(commands))


def ask(program: Program, actor: Actor, question: str, *, channel: str | None, thread_ts: str | None = None) -> Answer:
    """Answer from the knowledge base and log the question; no good answer escalates it to staff. Small talk gets a
    polite reply (nothing logged), another language a pointer to English and to a person (logged, not escalated)."""
    text = clean_question(question)
    intent = classify(text, ())
    if intent.kind is IntentKind.SMALL_TALK:
        return Answer(text, 0, None, 0.0, can_escalate=False, intent=intent.kind, reply=intent.reply)
    now, review_channel = program.now(), program.review_channel
    foreign = intent.kind is IntentKind.OTHER_LANGUAGE
    hits = [] if foreign else program.kb_index.index(program.uow).search(text, limit=1 + RELATED)
    best = hits[0] if hits and hits[0].score >= NO_ANSWER_THRESHOLD else None
    related = tuple(h.entry for h in hits[1:] if h.score >= NO_ANSWER_THRESHOLD) if best else ()
    with program.uow() as uow:
        row = uow.kb.log_question(
            question=text,
            asker=actor.user_id,
            channel=channel,
            thread_ts=thread_ts,
            best_entry_id=hits[0].entry.id if hits else None,
            score=round(hits[0].score, 4) if hits else 0.0,
            answered=best is not None,
            now=now,
        )
        escalated = best is None and not foreign and _escalate(uow, row, review_channel, now, requested=False)
        release = next_release(best.entry, schedule(uow, program.timezone, now), now) if best else None
        uow.commit()
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
        intent=intent.kind,
    )


def next_release(entry: KbEntry, schedule: Schedule, now: datetime) -> NextRelease | None:
    """The live next release and cutoff (freezes and emergency releases included), for the deploy-schedule entry."""
    if entry.id != DEPLOY_ENTRY:
        return None
    window = schedule.next_window(now)
    return NextRelease(window.release, window.cutoff, window.timezone)


def reply_place(channel: str | None, thread_ts: str | None) -> str:
    """Where a person's reply reaches the asker: the mention's thread, the channel, or (from a DM) a bot DM."""
    if thread_ts:
        return "thread"
    return "dm" if (channel or "D").startswith("D") else "channel"


def ask_a_person(program: Program, actor: Actor, question_id: int) -> EscalationResult:
    """The Ask a person button (the asker's, or staff's): post the question to the staff review channel, once."""
    with program.uow() as uow:
        question = _question(uow, question_id)
        place = reply_place(question.channel, question.thread_ts)
        if question.asker != actor.user_id and not actor.is_staff:
            log.warning("refused: %s tried to ask a person about question %s of %s", actor.user_id, question.id,
                        question.asker)  # fmt: skip
            return EscalationResult(Escalation.NOT_THE_ASKER, place)
        if not program.review_channel:
            return EscalationResult(Escalation.UNAVAILABLE, place)
        asked = _escalate(
            uow, question, program.review_channel, program.now(), requested=True, requested_by=actor.user_id
        )
        uow.commit()
    return EscalationResult(Escalation.ASKED if asked else Escalation.ALREADY_ASKED, place)


def rate_answer(program: Program, actor: Actor, question_id: int, *, helpful: bool) -> FeedbackResult:
    """Helpful / Not helpful: recorded once per question, and only from the person who asked."""
    with program.uow() as uow:
        question = _question(uow, question_id)
        if question.asker != actor.user_id:
            return FeedbackResult(Feedback.NOT_THE_ASKER, helpful)
        rating = Rating.HELPFUL if helpful else Rating.NOT_HELPFUL
        recorded = uow.kb.record_feedback(question_id, rating, program.now())
        uow.commit()
    return FeedbackResult(Feedback.RECORDED if recorded else Feedback.ALREADY_RATED, helpful)


def relay_staff_reply(
    program: Program, actor: Actor, *, event_id: str, channel: str, thread_ts: str, ts: str, text: str
) -> bool:
    """A reply in an escalation thread: staff replies go back to the partner once (event id and message ts)."""
    now = program.now()
    with program.uow() as uow:
        escalation = uow.kb.escalation_by_staff_thread(channel, thread_ts)
        if escalation is None or not uow.events.first_time(event_id, "message", now):
            uow.rollback()
            return False
        if not actor.is_staff:
            log.info("not relaying %s's reply in escalation %s: not staff", actor.user_id, escalation.id)
            uow.commit()
            return False
        queued = _relay(uow, escalation, actor, ts, text, now)
        uow.commit()
    return queued


def answered_in_thread(program: Program, actor: Actor, *, channel: str, thread_ts: str) -> bool:
    """A staff reply in the asker's own thread answers the question there: it leaves the queue, nothing is relayed."""
    if not actor.is_staff:
        return False
    with program.uow() as uow:
        answered = uow.kb.answer_in_partner_thread(channel, thread_ts, actor.user_id, program.now())
        uow.commit()
    if answered:
        log.info("staff %s answered an escalated question in its thread %s/%s", actor.user_id, channel, thread_ts)
    return answered


def _relay(uow: UnitOfWork, escalation: KbEscalation, actor: Actor, ts: str, text: str, now: datetime) -> bool:
    key, first = f"qa:reply:{escalation.id}:{ts}", escalation.relay_key is None
    reply = QaStaffReply(
        escalation.asker, escalation.question, actor.user_id, text, first,
        in_thread=escalation.partner_thread_ts is not None or not first,
    )  # fmt: skip
    thread_of = None if first else escalation.relay_key
    queued = queue(uow, reply, escalation.partner_channel, key, now, thread_ts=escalation.partner_thread_ts,
                   thread_of=thread_of)  # fmt: skip
    if queued and first:
        escalation.relay_key = key  # later replies thread under the first one
    if queued and escalation.status is EscalationStatus.OPEN:
        escalation.status, escalation.answered_by, escalation.answered_at = (
            EscalationStatus.ANSWERED,
            actor.user_id,
            now,
        )
    return queued


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
    message = QaEscalation(
        question.id, question.question, question.asker, question.channel, requested, requested_by,
        question.best_entry_id, question.score, question.answered,
    )  # fmt: skip
    queue(uow, message, review_channel, key, now)
    return True
