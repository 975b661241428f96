"""The release commands: `deploys next` (with freezes from the database), `deploys freeze`, `announce`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from slackbot.cli import main


@pytest.fixture
def cli_env(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DEVCENTER_TZ"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url)
    return CliRunner()


def _next(runner: CliRunner, at: str) -> dict[str, str]:
    result = runner.invoke(main, ["deploys", "next", "--at", at, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_deploys_next_prints_release_cutoff_and_timezone(cli_env: CliRunner) -> None:
    assert _next(cli_env, "2026-11-24T16:59:00-08:00") == {
        "release": "2026-11-25",
        "cutoff": "2026-11-24T17:00:00-08:00",
        "timezone": "America/Los_Angeles",
    }
    assert _next(cli_env, "2026-11-24T17:01")["release"] == "2026-12-02"


def test_a_freeze_moves_the_release_and_can_be_listed_and_removed(cli_env: CliRunner) -> None:
    added = cli_env.invoke(main, ["deploys", "freeze", "add", "2026-11-25", "--reason", "Thanksgiving"])
    assert added.exit_code == 0 and "is frozen" in added.output
    assert _next(cli_env, "2026-11-23T09:00")["release"] == "2026-12-02"
    assert "Wed 2026-11-25  Thanksgiving" in cli_env.invoke(main, ["deploys", "freeze", "list"]).output

    assert "open" in cli_env.invoke(main, ["deploys", "freeze", "remove", "2026-11-25"]).output
    assert _next(cli_env, "2026-11-23T09:00")["release"] == "2026-11-25"


def test_only_wednesdays_can_be_frozen(cli_env: CliRunner) -> None:
    result = cli_env.invoke(main, ["deploys", "freeze", "add", "2026-11-26"])

    assert result.exit_code == 1 and "is a Thursday" in result.output


def test_bad_at_is_a_clear_error(cli_env: CliRunner) -> None:
    result = cli_env.invoke(main, ["deploys", "next", "--at", "next tuesday"])

    assert result.exit_code == 2 and "not an ISO 8601 date-time" in result.output


def test_announce_needs_a_bot_token_to_send_but_not_for_a_dry_run(cli_env: CliRunner) -> None:
    sent = cli_env.invoke(main, ["announce", "hello"])
    dry = cli_env.invoke(main, ["announce", "hello", "--dry-run"])

    assert sent.exit_code == 1 and "SLACK_BOT_TOKEN is required" in sent.output
    assert dry.exit_code == 0 and "dry run: nothing sent" in dry.output


def test_an_emergency_release_is_listed_and_ships_what_merged_before_its_cutoff(cli_env: CliRunner) -> None:
    added = cli_env.invoke(
        main, ["deploys", "emergency", "add", "2099-01-08", "--cutoff", "2099-01-08T12:00", "--reason", "security fix"]
    )
    assert added.exit_code == 0, added.output
    assert (
        "Thu 2099-01-08  cutoff Thu 12:00 PST  security fix"
        in cli_env.invoke(main, ["deploys", "emergency", "list"]).output
    )
    late = cli_env.invoke(main, ["deploys", "emergency", "add", "2099-01-08", "--cutoff", "2099-01-09T12:00"])
    assert late.exit_code == 1 and "cannot fall after its release day" in late.output
