"""Payloads of build Q&A: a question for staff, and a staff reply relayed to the partner (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass

from slackbot.domain.messages.base import MessageKind, Payload


@dataclass(frozen=True)
class QaEscalation(Payload):
    """Staff review channel: a partner question the bot could not (or should not) answer alone."""

    kind = MessageKind.QA_ESCALATION
    question_id: int
    question: str
    asker: str
    channel: str | None
    requested: bool
    requested_by: str | None
    best_entry_id: str | None
    score: float
    answered: bool


@dataclass(frozen=True)
class QaStaffReply(Payload):
    """Partner side: a staff reply relayed from the escalation thread."""

    kind = MessageKind.QA_STAFF_REPLY
    asker: str
    question: str
    staff_user: str
    text: str
    first: bool
    in_thread: bool
