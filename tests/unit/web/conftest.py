"""A real sandbox (bot, emulator, SQLite) with a frozen clock, and the page's Flask app over it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from slack_sdk import WebClient

from slackbot.emulator.web.app import create_app
from slackbot.emulator.web.live import Watcher
from slackbot.emulator.web.sandbox import Sandbox

MONDAY_MORNING = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)  # 09:00 Pacific


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    """The demo, on a fresh database, at Monday 09:00 Pacific until a test moves the clock."""
    running = Sandbox(tmp_path / "sandbox.db", real_clock=lambda: MONDAY_MORNING)
    yield running
    running.close()


@pytest.fixture
def watcher(sandbox: Sandbox) -> Watcher:
    """A watcher that is never started: tests call check() themselves."""
    return Watcher(sandbox.fingerprint, sandbox.lock)


@pytest.fixture
def client(sandbox: Sandbox, watcher: Watcher) -> FlaskClient:
    """The page's app, called in-process."""
    return create_app(sandbox, watcher).test_client()


@pytest.fixture
def bot_client(sandbox: Sandbox) -> WebClient:
    """A Web API client with the bot's token on the emulator, to post what the bot could post."""
    return WebClient(token="xoxb-emulator", base_url=sandbox.harness.slack.api_url)
