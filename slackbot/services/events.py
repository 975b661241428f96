"""Use case: Slack retries Events API deliveries; each event is acted on once."""

from __future__ import annotations

from slackbot.program import Program


def first_delivery(program: Program, event_id: str, event_type: str) -> bool:
    """Record an Events API delivery; False for Slack's retries of one already seen."""
    with program.uow() as uow:
        first = uow.events.first_time(event_id, event_type, program.now())
        uow.commit()
    return first
