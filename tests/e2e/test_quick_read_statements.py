"""The quick reads answered inside the ack do a small, fixed number of SQL statements, whatever the data size.

Statements are counted with a `before_cursor_execute` listener on the bot's engine, on the threads that serve the
request (the middleware's membership lookup included, its cache emptied first); the test thread's own outbox pass
is not counted. The same commands are counted again after bulk-inserting 100 and then 10,000 further partners
(three integrations each, straight into the tables as `make bench` does).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, text

from bench.load import load
from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness

FIRST = 1000  # bulk partner numbers start here, clear of the demo partners' ids
# (command, who, bound): the bound is the membership lookup plus the command's own bounded reads
QUICK_READS = [
    ("/devcenter status", "pat", 2),  # in review
    ("/devcenter status", "riley", 2),  # private beta: the launch gates come in the same read
    ("/devcenter status rocket-metrics", "staff", 3),
    ("/devcenter deploys", "pat", 4),
    ("/devcenter deploys", "staff", 6),  # every partner's approved and shipped work, card links in one read
    ("/devcenter queue", "staff", 7),
    ("/devcenter help", "pat", 1),
    ("/devcenter checklist", "riley", 5),
]


@contextmanager
def counted(harness: Harness) -> Iterator[list[str]]:
    """Statements run by the bot's request threads while inside the block."""
    statements: list[str] = []
    tester = threading.get_ident()

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if threading.get_ident() != tester:
            statements.append(statement)

    event.listen(harness.bot.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(harness.bot.engine, "before_cursor_execute", count)


def statements_of(harness: Harness, world: DemoWorld, line: str, who: str) -> list[str]:
    """The statements one command costs, the membership cache emptied first (its worst case)."""
    harness.bot.program.members.forget()
    with counted(harness) as statements:
        reply = harness.emu.slash(line, as_user=getattr(world, who))
    assert reply.status == 200
    return statements


def test_status_names_its_statements(harness: Harness, world: DemoWorld) -> None:
    statements = statements_of(harness, world, "/devcenter status", "riley")

    assert len(statements) == 2, statements
    assert "partner_members" in statements[0]
    assert "customer_verifications" in statements[1] and "checklist_ticks" in statements[1]


@pytest.mark.parametrize(("line", "who", "bound"), QUICK_READS)
def test_quick_read_statements_are_bounded_and_do_not_grow_with_partners(
    harness: Harness, world: DemoWorld, line: str, who: str, bound: int
) -> None:
    seen = []
    for total in (100, 10_000):
        load(harness.bot.engine, FIRST + total, 3, start=FIRST + (100 if total > 100 else 0))
        seen.append(statements_of(harness, world, line, who))
    counts = [len(statements) for statements in seen]

    assert counts[0] <= bound, f"{line}: {counts[0]} statements: " + " | ".join(
        " ".join(s.split())[:100] for s in seen[0]
    )
    assert counts[1] == counts[0], f"{line}: {counts[0]} statements with 100 partners, {counts[1]} with 10,000"


def test_staff_deploys_reads_every_review_card_link_at_once(harness: Harness, world: DemoWorld) -> None:
    load(harness.bot.engine, FIRST + 100, 3, start=FIRST)
    with harness.bot.engine.begin() as connection:  # every approved integration gets a posted review card
        card = connection.execute(text("SELECT card_key FROM integrations WHERE slug = 'acme-analytics'")).scalar()
        connection.execute(text("UPDATE integrations SET card_key = :card WHERE stage = 'approved'"), {"card": card})
    few = len(statements_of(harness, world, "/devcenter deploys", "staff"))
    load(harness.bot.engine, FIRST + 400, 3, start=FIRST + 100)
    with harness.bot.engine.begin() as connection:
        connection.execute(text("UPDATE integrations SET card_key = :card WHERE stage = 'approved'"), {"card": card})

    assert card and len(statements_of(harness, world, "/devcenter deploys", "staff")) == few <= 6
