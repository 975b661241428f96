"""Use case: Slack retries Events API deliveries; each event is answered once, and at least once.

An event is recorded as handled in the same transaction that queues its reply: if posting the reply fails,
the outbox retries it; if the handler dies first, Slack's retry of the event is answered.
"""

from __future__ import annotations

from slackbot.domain.messages.events import EventReply
from slackbot.program import Program
from slackbot.services.outbox import queue


def handled(program: Program, event_id: str) -> bool:
    """Whether this event was already answered (a retry Slack sent after a slow or lost ack)."""
    with program.uow() as uow:
        return uow.events.seen(event_id)


def first_delivery(program: Program, event_id: str, event_type: str) -> bool:
    """Record an Events API delivery that needs no reply; False for Slack's retries of one already seen."""
    return answer_once(program, event_id, event_type, None, channel="")


def answer_once(
    program: Program,
    event_id: str,
    event_type: str,
    reply: EventReply | None,
    *,
    channel: str,
    thread_ts: str | None = None,
) -> bool:
    """Record the event as handled and queue its reply, in one transaction; False when another delivery of the
    same event got there first (then nothing is queued)."""
    with program.uow() as uow:
        if not uow.events.first_time(event_id, event_type, program.now()):
            return False
        if reply is not None:
            queue(uow, reply, channel, f"event:{event_id}", program.now(), thread_ts=thread_ts)
        uow.commit()
    if reply is not None:
        program.outbox_wake.set()  # deliver now rather than at the worker's next pass
    return True
