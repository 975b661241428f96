"""Use case: is the bot healthy? (GET /healthz)"""

from __future__ import annotations

from slackbot.program import Program


def database_ok(program: Program) -> bool:
    """True when the database answers."""
    try:
        with program.uow() as uow:
            uow.partners.get(0)
        return True
    except Exception:
        return False
