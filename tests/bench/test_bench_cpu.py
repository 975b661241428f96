"""The in-process CPU measurement gives real figures on a tiny dataset."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.cpu import measure_cpu
from bench.http_load import status_bodies
from bench.load import load
from slackbot.emulator.server import FakeSlack
from slackbot.emulator.workspace import Workspace
from storage.db import make_engine


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    """The emulator on a free port."""
    fake = FakeSlack(Workspace()).start()
    yield fake
    fake.stop()


def test_cpu_per_status_is_measured_for_the_bot_and_bare_bolt_with_the_bots_sql_statements(
    sqlite_url: str, slack: FakeSlack
) -> None:
    engine = make_engine(sqlite_url)
    load(engine, 3, 2)
    engine.dispose()

    result = measure_cpu(sqlite_url, slack.api_url, status_bodies(slack, 3, 5), warmup=2)

    assert result.requests == 3
    assert result.bot_ms > 0 and result.bare_ms > 0
    assert result.ratio == result.bot_ms / result.bare_ms
    assert result.statements >= 1  # a status reads the partner's integrations at least
    assert result.checkouts >= 1
    assert result.db_server_ms is None


def test_a_status_from_someone_who_is_not_a_partner_member_stops_the_measurement(
    sqlite_url: str, slack: FakeSlack
) -> None:
    with pytest.raises(RuntimeError, match="dispatch answered"):  # no partners loaded: the bot says "not a partner"
        measure_cpu(sqlite_url, slack.api_url, status_bodies(slack, 3, 2), warmup=1)
