"""Reconciliation for missed deliveries: the hourly job and `devcenter-bot github sync` read the fake GitHub's REST
API and apply what the webhooks missed, once, whatever arrives later."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from slackbot.cli import main
from slackbot.emulator.demo import ACME_PULL, DemoWorld, build_world
from slackbot.emulator.github import FakeGitHub
from slackbot.emulator.harness import Harness

PACIFIC = ZoneInfo("America/Los_Angeles")
TUESDAY_1659 = datetime(2026, 11, 24, 16, 59, tzinfo=PACIFIC)


@pytest.fixture
def world(harness: Harness, gh: FakeGitHub) -> DemoWorld:
    """The demo: Acme Analytics in review with pull request #3141 open on the fake GitHub."""
    return build_world(harness)


def dm_text(harness: Harness, world: DemoWorld) -> str:
    """Everything the bot told Acme's partner by DM."""
    return "\n".join(harness.emu.message_text(m) for m in harness.emu.dms(world.pat))


def status(harness: Harness, world: DemoWorld) -> str:
    """/devcenter status, as Acme's partner sees it."""
    return harness.emu.slash("/devcenter status", as_user=world.pat).text


def test_a_reconciliation_run_applies_a_missed_merge_once_with_githubs_merge_time(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    gh.review(ACME_PULL, "approved", by="segment-eng")
    missed = gh.merge(ACME_PULL, at=TUESDAY_1659, deliver=False)  # the webhook never reached the bot
    harness.clock.now = datetime(2026, 11, 24, 18, 17, tzinfo=PACIFIC)  # the next hourly run, after the cutoff
    assert "Merged:" not in status(harness, world)

    first = harness.run_job("github_sync")
    second = harness.run_job("github_sync")
    late = gh.redeliver(missed)  # the lost delivery turns up after all

    assert first == "checked 1 pull requests, 2 events, 1 applied"  # the approval was applied already
    assert second == "checked 0 pull requests, 0 events, 0 applied"  # merged: nothing left to follow
    assert (late.status, late.json()["message"]) == (200, "already applied")
    told = dm_text(harness, world)
    assert told.count("is merged and ships") == 1
    assert "ships in the Wednesday Nov 25 release (merged Tue Nov 24, 4:59 PM PST)" in told
    assert "it ships in the Wednesday release on Wed Nov 25" in status(harness, world)
    history = harness.emu.slash("/devcenter history acme-analytics", as_user=world.staff).text
    assert history.count("github:segment-eng · mark merged") == 1


def test_a_missed_changes_request_reaches_the_partner_with_its_reason(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    gh.review(ACME_PULL, "changes_requested", by="segment-eng", body="Rename the action.", deliver=False)

    assert harness.run_job("github_sync") == "checked 1 pull requests, 1 events, 1 applied"

    assert "github:segment-eng requested changes" in dm_text(harness, world)
    assert "Rename the action." in dm_text(harness, world)
    assert "Changes requested" in status(harness, world)


def test_github_being_unavailable_stops_the_run_and_the_next_run_catches_up(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    gh.merge(ACME_PULL, deliver=False)
    gh.fail(503)

    stopped = harness.run_job("github_sync")
    caught_up = harness.run_job("github_sync")

    assert str(stopped).startswith("checked 0 pull requests, 0 events, 0 applied; stopped: GET /repos/")
    assert "503" in str(stopped)
    assert caught_up == "checked 1 pull requests, 1 events, 1 applied"
    assert dm_text(harness, world).count("is merged and ships") == 1


def _cli_env(harness: Harness, **github: str) -> dict[str, str]:
    """The environment of `devcenter-bot` against the harness's database."""
    env = {"DATABASE_URL": harness.settings.database_url, "SLACK_BOT_TOKEN": "", "GITHUB_WEBHOOK_SECRET": ""}
    env |= {"DEVCENTER_REVIEW_CHANNEL": harness.settings.review_channel or "", "DEVCENTER_STAFF_USERS": ""}
    return env | {"GITHUB_TOKEN": "", "GITHUB_API_URL": ""} | github


def test_the_sync_command_prints_what_it_applied(
    harness: Harness, gh: FakeGitHub, world: DemoWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    gh.merge(ACME_PULL, at=TUESDAY_1659, deliver=False)
    env = _cli_env(harness, GITHUB_TOKEN=gh.token or "", GITHUB_API_URL=gh.api_url)

    result = CliRunner().invoke(main, ["github", "sync"], env=env)
    again = CliRunner().invoke(main, ["github", "sync"], env=env)
    harness.clock.now = max(harness.clock.now, datetime.now(UTC))  # the command queued on the real clock
    harness.settle()

    assert result.exit_code == 0, result.output
    assert f"#{ACME_PULL}: applied to acme-analytics: approve_review, mark_merged" in result.output
    assert "checked 1 pull requests, 1 events, 1 applied" in result.output
    assert again.output.strip() == "checked 0 pull requests, 0 events, 0 applied"
    # the command runs on the real clock: seen from today, a merge of last Tuesday ships in the next release
    assert "is merged and ships in the Wednesday" in dm_text(harness, world)
    assert "(merged Tue Nov 24, 4:59 PM PST)" in dm_text(harness, world)


def test_the_sync_command_says_in_one_line_what_is_missing_or_unreachable(
    harness: Harness, gh: FakeGitHub, world: DemoWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        nowhere = f"http://127.0.0.1:{closed.getsockname()[1]}"

    no_token = CliRunner().invoke(main, ["github", "sync"], env=_cli_env(harness))
    unreachable = CliRunner().invoke(
        main, ["github", "sync"], env=_cli_env(harness, GITHUB_TOKEN=gh.token or "", GITHUB_API_URL=nowhere)
    )

    assert no_token.exit_code == 1 and no_token.output.strip().splitlines() == [
        "Error: GITHUB_TOKEN is not set: reconciliation reads GitHub's REST API with it"
    ]
    assert unreachable.exit_code == 1 and len(unreachable.output.strip().splitlines()) == 1
    assert unreachable.output.startswith("Error: GitHub is unreachable, try again later (GET /repos/")
    assert "Traceback" not in unreachable.output and (gh.token or "-") not in unreachable.output
    assert "In review" in status(harness, world)
