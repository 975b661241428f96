"""Importing a real program's size: 10,000 partners in one all-or-nothing import, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from slackbot.domain.actors import operator
from slackbot.domain.errors import InvalidInput
from slackbot.domain.lifecycle import Stage
from slackbot.domain.partners import parse_import
from slackbot.program import Program
from slackbot.services.partners import ImportResult, import_partners
from storage.uow import UowFactory

HEADER = "company,integration,slug,stage,channel,users\n"
OPERATOR = operator("test")
BIG = 10_000


def big_file(rows: int = BIG, extra: str = "") -> str:
    """`rows` partners with one integration and one user each, at every integration stage in turn."""
    stages = [s for s in Stage if s not in (Stage.ACCESS_REQUESTED, Stage.DECLINED)]
    lines = (f"Bulk Co {n},Bulk {n},bulk-{n},{stages[n % len(stages)].value},C{n:09d},U{n:09d}\n" for n in range(rows))
    return HEADER + "".join(lines) + extra


def test_ten_thousand_rows_are_imported_in_one_go_and_repeating_it_changes_nothing(
    uow: UowFactory, make_program: Callable[..., Program]
) -> None:
    first = import_partners(make_program(), OPERATOR, parse_import(big_file()))
    again = import_partners(make_program(), OPERATOR, parse_import(big_file()))

    assert first == ImportResult(partners_created=BIG, integrations_created=BIG, integrations_updated=0,
                                 members_added=BIG)  # fmt: skip
    assert again == ImportResult(0, 0, 0, 0)
    with uow() as u:
        last = u.integrations.by_slug(f"bulk-{BIG - 1}")
        assert last is not None and last.name == f"Bulk {BIG - 1}" and last.partner.name == f"Bulk Co {BIG - 1}"
        assert last.partner.channel_id == f"C{BIG - 1:09d}"
        assert u.partners.member_partner_id(f"U{BIG - 1:09d}") == last.partner_id
        assert sum(u.integrations.stage_counts().values()) == BIG


def test_a_conflict_on_the_last_of_ten_thousand_rows_imports_nothing_and_names_its_line(
    uow: UowFactory, make_program: Callable[..., Program]
) -> None:
    import_partners(make_program(), OPERATOR, parse_import(HEADER + "Acme Analytics,,,access_requested,,U0ACMEDEV1\n"))
    rows = parse_import(big_file(extra="Initech,Initech Insights,initech-insights,building,,U0ACMEDEV1\n"))

    with pytest.raises(InvalidInput) as caught:
        import_partners(make_program(), OPERATOR, rows)

    assert caught.value.field_errors == {f"line {BIG + 2}": "user U0ACMEDEV1 already belongs to another partner"}
    with uow() as u:
        assert u.integrations.by_slug("bulk-0") is None and u.partners.by_name("Initech") is None


def test_a_changed_stage_and_channel_in_a_big_file_update_what_is_stored(
    uow: UowFactory, make_program: Callable[..., Program]
) -> None:
    import_partners(make_program(), OPERATOR, parse_import(big_file(100)))
    changed = big_file(100).replace("Bulk 7,bulk-7,", "Bulk Seven,bulk-7,").replace("C000000042", "C0MOVED042")

    result = import_partners(make_program(), OPERATOR, parse_import(changed))

    assert result == ImportResult(partners_created=0, integrations_created=0, integrations_updated=1, members_added=0)
    with uow() as u:
        seven, moved = u.integrations.by_slug("bulk-7"), u.partners.by_name("Bulk Co 42")
        assert seven is not None and seven.name == "Bulk Seven"
        assert moved is not None and moved.channel_id == "C0MOVED042"
