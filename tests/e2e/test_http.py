"""The HTTP surface: signatures, health check, and the production server (gunicorn)."""

from __future__ import annotations

import json
import time  # signature timestamps only
import urllib.request
from pathlib import Path

import pytest

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.driver import Driver
from slackbot.emulator.harness import Harness
from slackbot.emulator.processes import bot_command, child_env, serve_on_free_port
from slackbot.emulator.server import FakeSlack
from slackbot.emulator.workspace import Workspace


def _status_body(harness: Harness, world: DemoWorld) -> str:
    return harness.driver.slash_body(world.pat, world.acme_channel, "/devcenter", "status")


def test_bad_signature_is_refused_with_401_and_nothing_happens(harness: Harness, world: DemoWorld) -> None:
    answer = harness.driver.post(
        _status_body(harness, world), "application/x-www-form-urlencoded", signature="v0=" + "0" * 64
    )
    harness.settle()

    assert answer.status == 401
    assert harness.emu.messages(world.acme_channel, as_user=world.pat) == []


def test_stale_timestamp_is_refused_with_401(harness: Harness, world: DemoWorld) -> None:
    stale = int(time.time()) - 6 * 60
    answer = harness.driver.post(_status_body(harness, world), "application/x-www-form-urlencoded", timestamp=stale)
    harness.settle()

    assert answer.status == 401
    assert harness.emu.messages(world.acme_channel, as_user=world.pat) == []


def test_replayed_join_with_bad_signature_queues_no_welcome(harness: Harness, world: DemoWorld) -> None:
    body = json.dumps(
        {
            "type": "event_callback",
            "event_id": "Ev1",
            "event": {"type": "member_joined_channel", "user": world.riley.id, "channel": world.rocket_channel.id},
        }
    )
    answer = harness.driver.post(body, "application/json", signature="v0=deadbeef")
    harness.settle()

    assert answer.status == 401
    with harness.bot.program.uow() as uow:
        assert uow.outbox.counts_for("welcome:") == {}


def test_url_verification_challenge_is_echoed(harness: Harness) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "url_verification.json"
    answer = harness.driver.post(fixture.read_text(), "application/json")

    assert answer.status == 200
    assert json.loads(fixture.read_text())["challenge"] in answer.body


def test_healthz_reports_the_database(harness: Harness) -> None:
    url = harness.app_url.replace("/slack/events", "/healthz")
    with urllib.request.urlopen(url) as answer:
        assert answer.status == 200 and json.load(answer)["database"] == "ok"

    harness.bot.engine.dispose()
    object.__setattr__(harness.bot.program, "uow", _broken_uow)
    try:
        urllib.request.urlopen(url)
    except urllib.error.HTTPError as error:
        assert error.code == 503
    else:
        pytest.fail("expected 503 when the database is unreachable")


def _broken_uow() -> object:
    raise OSError("database unreachable")


def test_gunicorn_serves_a_signed_status_command(sqlite_url: str, tmp_path: Path) -> None:
    slack = FakeSlack(Workspace()).start()
    env = child_env(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET="gunicorn-secret",
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=sqlite_url,
    )
    server = serve_on_free_port(bot_command("serve", "--port", "0", "--workers", "1"), env, tmp_path)
    try:
        with urllib.request.urlopen(f"{server.url}/healthz", timeout=60) as answer:
            assert answer.status == 200
        user = slack.workspace.add_user("someone")
        channel = slack.workspace.add_channel("general", members=[user])
        driver = Driver(f"{server.url}/slack/events", "gunicorn-secret", slack.workspace, slack.base_url)
        assert driver.slash(user, channel, "/devcenter", "help").status == 200
        assert driver.slash(user, channel, "/devcenter", "help").status == 200
        assert (
            driver.post("command=%2Fdevcenter", "application/x-www-form-urlencoded", signature="v0=bad").status == 401
        )
    finally:
        output = server.stop()
        slack.stop()
    assert "Traceback" not in output
    assert "gunicorn-secret" not in output and "xoxb-test" not in output
