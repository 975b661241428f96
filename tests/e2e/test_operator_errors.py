"""Operator mistakes: each exits non-zero within seconds with one line naming what is wrong, never a traceback,
and leaves nothing behind to be sent twice."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from slackbot.emulator.demo import build_world
from slackbot.emulator.harness import Harness
from slackbot.emulator.processes import bot_command, child_env
from storage.models.announcements import Announcement
from storage.models.outbox import OutboxMessage

TIMEOUT = 30  # seconds: "within seconds", with room for a loaded CI machine


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(tmp_path: Path, sqlite_url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        bot_command(*args),
        cwd=tmp_path,
        env=child_env(DATABASE_URL=sqlite_url, **env),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def _one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and all(word in errors[0] for word in words), result.stderr


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("DEVCENTER_LAUNCH_RULE", "bogus", "DEVCENTER_LAUNCH_RULE"),
        ("DEVCENTER_POST_RATE", "abc", "DEVCENTER_POST_RATE"),
        ("DEVCENTER_POST_RATE", "-1", "DEVCENTER_POST_RATE"),
        ("DEVCENTER_TZ", "Mars/Olympus", "DEVCENTER_TZ"),
        ("SLACK_BOT_TOKEN", "not-a-token", "SLACK_BOT_TOKEN"),
        ("PORT", "http", "PORT"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it(
    tmp_path: Path, sqlite_url: str, setting: str, value: str, named: str
) -> None:
    _one_line_error(_run(tmp_path, sqlite_url, "kb", "stats", **{setting: value}), named)


def test_socket_mode_with_slack_unreachable_says_so_in_one_line(tmp_path: Path, sqlite_url: str) -> None:
    unreachable = f"http://127.0.0.1:{_closed_port()}/api/"
    result = _run(
        tmp_path, sqlite_url, "socket", SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1", SLACK_API_URL=unreachable
    )
    _one_line_error(result, "Slack is unreachable", unreachable)


def test_an_import_file_that_is_not_utf8_is_one_line_and_utf16_with_a_bom_is_read(
    tmp_path: Path, sqlite_url: str
) -> None:
    rows = "company,integration,slug,stage,channel,users\nAcme,Acme Dest,acme-dest,building,C0ACME0001,U0ACME0001\n"
    (tmp_path / "excel.csv").write_bytes(rows.encode("utf-16"))
    (tmp_path / "latin1.csv").write_bytes(rows.replace("Acme,", "Acmé,").encode("latin-1"))

    utf16 = _run(tmp_path, sqlite_url, "partners", "import", "excel.csv")
    latin1 = _run(tmp_path, sqlite_url, "partners", "import", "latin1.csv")

    assert utf16.returncode == 0 and "partners created: 1" in utf16.stdout, utf16.stderr
    _one_line_error(latin1, "latin1.csv", "not UTF-8")


def test_announce_with_slack_unreachable_fails_fast_and_queues_nothing(tmp_path: Path, sqlite_url: str) -> None:
    unreachable = f"http://127.0.0.1:{_closed_port()}/api/"
    slack = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": unreachable}

    first = _run(tmp_path, sqlite_url, "announce", "Maintenance Saturday", **slack)
    second = _run(tmp_path, sqlite_url, "announce", "Maintenance Saturday", **slack)

    _one_line_error(first, "Slack is unreachable")
    _one_line_error(second, "Slack is unreachable")
    engine = create_engine(sqlite_url)
    with engine.connect() as db:
        assert db.scalar(select(func.count()).select_from(Announcement)) == 0
        assert db.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    engine.dispose()


def test_a_dry_run_needs_no_slack_token(tmp_path: Path, sqlite_url: str) -> None:
    result = _run(tmp_path, sqlite_url, "announce", "--dry-run", "Maintenance Saturday")

    assert result.returncode == 0, result.stderr
    assert "dry run: nothing sent" in result.stdout


def test_announcing_the_same_text_twice_is_refused_unless_asked_again(harness: Harness, tmp_path: Path) -> None:
    build_world(harness)
    slack = {"SLACK_BOT_TOKEN": "xoxb-emulator", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": harness.slack.api_url}
    url = harness.settings.database_url

    first = _run(tmp_path, url, "announce", "Maintenance Saturday", "--no-wait", **slack)
    again = _run(tmp_path, url, "announce", "Maintenance Saturday", "--no-wait", **slack)
    forced = _run(tmp_path, url, "announce", "Maintenance Saturday", "--no-wait", "--again", **slack)

    assert first.returncode == 0 and "queued as announcement #1" in first.stdout, first.stderr
    _one_line_error(again, "announcement #1", "--again")
    assert forced.returncode == 0 and "queued as announcement #2" in forced.stdout
