"""Knowledge-base tables: entries and their version counter, asked questions, escalations to staff."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session

from slackbot.domain.qa import EntryOrigin, EscalationStatus, Rating
from storage.models.outbox import OutboxMessage
from storage.models.qa import KbEntryRow, KbEscalation, KbQuestion, KbVersion

VERSION_ROW = 1
ENTRY_FIELDS = ("title", "questions", "answer", "sources", "as_of", "tags")


class KbRepository:
    """Every knowledge-base query; entry values are plain dicts (services turn them into KbEntry)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- entries and the version counter ----------------------------------------------------------
    def entries(self) -> Sequence[KbEntryRow]:
        """All entries, by id."""
        return self.session.scalars(select(KbEntryRow).order_by(KbEntryRow.id)).all()

    def entry(self, entry_id: str) -> KbEntryRow | None:
        """One entry by id."""
        return self.session.get(KbEntryRow, entry_id)

    def count_by_origin(self) -> dict[str, int]:
        """How many entries came from the files and how many from staff."""
        query = select(KbEntryRow.origin, func.count()).group_by(KbEntryRow.origin)
        return {origin: count for origin, count in self.session.execute(query).tuples()}

    def upsert(
        self, values: dict[str, Any], *, origin: str, file: str | None, position: int | None, now: datetime
    ) -> str:
        """Insert or update one entry: 'created', 'updated' or 'unchanged'. An existing origin is kept."""
        row = self.entry(values["id"])
        if row is None:
            self.session.add(
                KbEntryRow(**values, origin=origin, file=file, position=position, created_at=now, updated_at=now)
            )
            self.session.flush()
            return "created"
        same = all(getattr(row, name) == values[name] for name in ENTRY_FIELDS)
        if same and (row.file, row.position) == (file, position):
            return "unchanged"
        for name in ENTRY_FIELDS:
            setattr(row, name, values[name])
        row.file, row.position, row.updated_at = file, position, now
        self.session.flush()
        return "updated"

    def add(
        self, values: dict[str, Any], *, origin: str, file: str | None, created_by: str | None, now: datetime
    ) -> bool:
        """Insert a new entry; False when the id is taken (nothing written)."""
        if self.entry(values["id"]) is not None:
            return False
        self.session.add(
            KbEntryRow(**values, origin=origin, file=file, created_by=created_by, created_at=now, updated_at=now)
        )
        self.session.flush()
        return True

    def delete_file_entries_except(self, keep: set[str]) -> list[str]:
        """Delete entries loaded from files whose id is not in `keep`; the ids deleted."""
        stale = [row.id for row in self.entries() if row.origin is EntryOrigin.FILE and row.id not in keep]
        if stale:
            self.session.execute(delete(KbEntryRow).where(KbEntryRow.id.in_(stale)))
        return stale

    def version(self) -> int:
        """The entries' version: changes whenever an entry is added, changed or deleted."""
        return self.session.scalar(select(KbVersion.version).where(KbVersion.id == VERSION_ROW)) or 0

    def bump_version(self) -> int:
        """Increment the version (creating its row on first use); the new value."""
        statement = update(KbVersion).where(KbVersion.id == VERSION_ROW).values(version=KbVersion.version + 1)
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        if result.rowcount == 0:
            self.session.add(KbVersion(id=VERSION_ROW, version=1))
            self.session.flush()
        return self.version()

    # -- asked questions --------------------------------------------------------------------------
    def log_question(
        self,
        *,
        question: str,
        asker: str,
        channel: str | None,
        thread_ts: str | None,
        best_entry_id: str | None,
        score: float,
        answered: bool,
        now: datetime,
    ) -> KbQuestion:
        """Record an asked question and what the bot answered."""
        row = KbQuestion(
            question=question,
            asker=asker,
            channel=channel,
            thread_ts=thread_ts,
            best_entry_id=best_entry_id,
            score=score,
            answered=answered,
            escalated=False,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def question(self, question_id: int) -> KbQuestion | None:
        """An asked question by id."""
        return self.session.get(KbQuestion, question_id)

    def record_feedback(self, question_id: int, feedback: str, now: datetime) -> bool:
        """Store helpful / not_helpful once (conditional update); False when already rated."""
        statement = (
            update(KbQuestion)
            .where(KbQuestion.id == question_id, KbQuestion.feedback.is_(None))
            .values(feedback=feedback, feedback_at=now)
            .execution_options(synchronize_session=False)
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1

    def unanswered(self, limit: int) -> Sequence[KbQuestion]:
        """Questions the bot had no good answer for, newest first."""
        query = select(KbQuestion).where(KbQuestion.answered.is_(False))
        return self.session.scalars(
            query.order_by(KbQuestion.created_at.desc(), KbQuestion.id.desc()).limit(limit)
        ).all()

    def not_helpful(self, limit: int) -> Sequence[KbQuestion]:
        """Answers rated not helpful, newest first."""
        query = select(KbQuestion).where(KbQuestion.feedback == Rating.NOT_HELPFUL)
        return self.session.scalars(
            query.order_by(KbQuestion.created_at.desc(), KbQuestion.id.desc()).limit(limit)
        ).all()

    def question_counts(self) -> dict[str, int]:
        """Totals: asked, answered, helpful, not_helpful, escalated."""
        row = self.session.execute(
            select(
                func.count(),
                func.count().filter(KbQuestion.answered.is_(True)),
                func.count().filter(KbQuestion.feedback == Rating.HELPFUL),
                func.count().filter(KbQuestion.feedback == Rating.NOT_HELPFUL),
                func.count().filter(KbQuestion.escalated.is_(True)),
            ).select_from(KbQuestion)
        ).one()
        return dict(zip(("asked", "answered", "helpful", "not_helpful", "escalated"), row, strict=True))

    # -- escalations ------------------------------------------------------------------------------
    def escalation_for(self, question_id: int) -> KbEscalation | None:
        """The escalation of a question, if any."""
        query = select(KbEscalation).where(KbEscalation.question_id == question_id)
        return self.session.scalars(query).first()

    def claim_escalation(self, question_id: int) -> bool:
        """Mark a question escalated (conditional update): exactly one of two concurrent clicks wins."""
        statement = (
            update(KbQuestion)
            .where(KbQuestion.id == question_id, KbQuestion.escalated.is_(False))
            .values(escalated=True)
            .execution_options(synchronize_session="fetch")
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1

    def escalate(
        self,
        question: KbQuestion,
        *,
        partner_channel: str,
        partner_thread_ts: str | None,
        staff_channel: str,
        staff_key: str,
        now: datetime,
    ) -> KbEscalation:
        """Open the escalation of a question the caller has claimed."""
        row = KbEscalation(
            question_id=question.id,
            question=question.question,
            asker=question.asker,
            partner_channel=partner_channel,
            partner_thread_ts=partner_thread_ts,
            staff_channel=staff_channel,
            staff_key=staff_key,
            status=EscalationStatus.OPEN,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def escalation_by_staff_thread(self, channel: str, thread_ts: str) -> KbEscalation | None:
        """The escalation whose review-channel post is the root of this thread."""
        known = select(KbEscalation).where(KbEscalation.staff_channel == channel, KbEscalation.staff_ts == thread_ts)
        row = self.session.scalars(known).first()
        if row is not None:
            return row
        # Not looked up before: find it through the outbox row that delivered the post.
        delivered = (
            select(KbEscalation)
            .join(OutboxMessage, OutboxMessage.dedupe_key == KbEscalation.staff_key)
            .where(
                KbEscalation.staff_ts.is_(None),
                OutboxMessage.sent_channel == channel,
                OutboxMessage.sent_ts == thread_ts,
            )
        )
        row = self.session.scalars(delivered).first()
        if row is not None:
            row.staff_ts = thread_ts
        return row

    def question_in_thread(self, channel: str, thread_ts: str) -> KbQuestion | None:
        """The first question asked (by mention) in a thread."""
        query = select(KbQuestion).where(KbQuestion.channel == channel, KbQuestion.thread_ts == thread_ts)
        return self.session.scalars(query.order_by(KbQuestion.id)).first()

    def open_escalations(self) -> int:
        """Escalations no staff member has answered yet."""
        query = select(func.count()).select_from(KbEscalation).where(KbEscalation.status == EscalationStatus.OPEN)
        return self.session.scalar(query) or 0

    def waiting_escalations(self, limit: int) -> Sequence[KbEscalation]:
        """Escalations still waiting for a staff answer, oldest first."""
        query = select(KbEscalation).where(KbEscalation.status == EscalationStatus.OPEN)
        return self.session.scalars(query.order_by(KbEscalation.created_at, KbEscalation.id).limit(limit)).all()

    def answer_in_partner_thread(self, channel: str, thread_ts: str, staff_user: str, now: datetime) -> bool:
        """Mark the open escalation asked in this partner thread answered (conditional update); False when none."""
        statement = (
            update(KbEscalation)
            .where(
                KbEscalation.partner_channel == channel,
                KbEscalation.partner_thread_ts == thread_ts,
                KbEscalation.status == EscalationStatus.OPEN,
            )
            .values(status=EscalationStatus.ANSWERED, answered_by=staff_user, answered_at=now)
            .execution_options(synchronize_session=False)
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount > 0
