"""Shared fixtures: a migrated database on SQLite and PostgreSQL, a frozen clock, the emulator harness."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from slackbot.config import Settings
from slackbot.emulator.demo import DEMO_ROLES, DemoWorld, build_world
from slackbot.emulator.github import FakeGitHub
from slackbot.emulator.harness import FrozenClock, Harness, fake_github
from slackbot.emulator.mail import LocalMailServer
from slackbot.program import Program
from storage.db import make_engine, session_factory, upgrade
from storage.models.base import Base
from storage.uow import UowFactory, uow_factory

POSTGRES_URL = os.environ.get("DEVCENTER_TEST_POSTGRES_URL")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for every test (migrating once keeps the suite fast)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_migrated() -> str:
    """The PostgreSQL URL, migrated once per session."""
    if not POSTGRES_URL:
        if IN_CI:
            pytest.fail("DEVCENTER_TEST_POSTGRES_URL is not set in CI: PostgreSQL tests must run, not skip")
        pytest.skip("no PostgreSQL (run through `make test`, which starts one)")
    engine = make_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    engine.dispose()
    return POSTGRES_URL


def _truncate_postgres(url: str) -> None:
    engine = make_engine(url)
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        if connection.execute(text("SELECT to_regclass('apscheduler_jobs')")).scalar() is not None:
            connection.execute(text("TRUNCATE apscheduler_jobs"))  # APScheduler's own table, not in our metadata
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A clean, migrated database: every test using it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        target = tmp_path / "devcenter.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        return f"sqlite:///{target}"
    url = request.getfixturevalue("postgres_migrated")
    _truncate_postgres(url)
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A clean, migrated SQLite database (for tests that need not repeat on PostgreSQL)."""
    target = tmp_path / "devcenter.db"
    shutil.copy(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the parametrized database."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def uow(engine: Engine) -> UowFactory:
    """A unit-of-work factory on the parametrized database."""
    return uow_factory(session_factory(engine))


@pytest.fixture
def clock() -> FrozenClock:
    """Monday 2026-11-23 09:00 Pacific, until a test moves it."""
    return FrozenClock()


ProgramFactory = Callable[..., Program]


@pytest.fixture
def make_program(uow: UowFactory, clock: FrozenClock) -> ProgramFactory:
    """Programs on the parametrized database: `make_program()` on the test's clock, `make_program(now)` frozen at
    `now`; keyword arguments are settings (review_channel=..., launch_rule=...)."""

    def make(now: datetime | None = None, **settings: Any) -> Program:
        return Program(uow=uow, clock=clock if now is None else (lambda: now), settings=Settings(**settings))

    return make


@pytest.fixture
def world(harness: Harness) -> DemoWorld:
    """The demo workspace on the harness: Acme (in review), Rocket (private beta), staff, a stranger, channels."""
    return build_world(harness)


@pytest.fixture
def harness_settings() -> dict[str, Any]:
    """Further settings of the harness; a test overrides them with
    `@pytest.mark.parametrize("harness_settings", [{"launch_rule": "docs-2-weeks-2-users"}])`."""
    return {}


@pytest.fixture
def gh(clock: FrozenClock) -> Iterator[FakeGitHub]:
    """A fake GitHub on the test's clock: a test that asks for it gets a harness whose bot takes its signed webhooks
    and reads its REST API (`gh.review(3141, "changes_requested", by="segment-eng")`, `gh.merge(3141, at=...)`)."""
    fake = fake_github(clock)
    yield fake
    fake.stop()


@pytest.fixture
def mail() -> Iterator[LocalMailServer]:
    """A real SMTP server on 127.0.0.1 (a free port): a test that asks for it gets a harness whose bot sends partner
    email there (SMTP_URL); `mail.messages` is what arrived, `mail.drop_next()` / `defer_next()` / `refuse()` fail."""
    with LocalMailServer() as server:
        yield server


@pytest.fixture
def harness(
    request: pytest.FixtureRequest, database_url: str, clock: FrozenClock, harness_settings: dict[str, Any]
) -> Iterator[Harness]:
    """The bot over HTTP against the emulator, on SQLite and PostgreSQL (and the fake GitHub, with `gh`)."""
    github = request.getfixturevalue("gh") if "gh" in request.fixturenames else None
    mail = request.getfixturevalue("mail") if "mail" in request.fixturenames else None
    h = Harness(
        database_url,
        clock=clock,
        **DEMO_ROLES,
        github=github,
        mail=mail,
        **harness_settings,
    )
    yield h
    h.close()
