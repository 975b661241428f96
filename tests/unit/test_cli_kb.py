"""`devcenter-bot ask` and `devcenter-bot kb load|check|export|stats` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from slackbot.cli import main
from slackbot.config import Settings
from slackbot.domain.actors import Actor
from slackbot.emulator.harness import FrozenClock
from slackbot.kb.loader import load_entries
from slackbot.program import Program
from slackbot.services import qa
from storage.uow import UowFactory

SETTINGS_VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "DEVCENTER_TZ",
    "DEVCENTER_STAFF_USERGROUP",
    "DEVCENTER_STAFF_USERS",
    "DEVCENTER_REVIEW_CHANNEL",
    "DEVCENTER_ANNOUNCE_CHANNEL",
    "PORT",
    "LOG_LEVEL",
)
ACME = [
    {
        "id": "acme-webhooks",
        "title": "How acme-analytics receives events",
        "questions": ["How does acme get events?", "Does acme-analytics use webhooks?", "acme webhook setup"],
        "answer": "Acme Analytics receives events by webhook.",
        "sources": [{"document": "seed: Developer Center Overview", "section": "Acme example"}],
        "as_of": "2026-11-01",
        "tags": ["acme"],
    }
]


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A working directory without .env and an environment without settings (restored afterwards)."""
    monkeypatch.chdir(tmp_path)
    for name in SETTINGS_VARIABLES:
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    return tmp_path


@pytest.fixture
def db_env(cli_env: Path, monkeypatch: pytest.MonkeyPatch, database_url: str) -> Path:
    monkeypatch.setenv("DATABASE_URL", database_url)
    return cli_env


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def acme_folder(root: Path, entries: list[dict[str, object]] = ACME) -> Path:
    folder = root / "acme-kb"
    folder.mkdir(exist_ok=True)
    (folder / "acme.yaml").write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")
    return folder


def test_ask_json_on_a_fresh_clone_answers_from_the_shipped_files(cli_env: Path) -> None:
    result = run("ask", "when is the next deploy", "--json")

    assert result.exit_code == 0, result.output
    answers = json.loads(result.stdout)["answers"]
    assert answers[0]["id"] == "deploy-schedule"
    assert all({"id", "title", "answer", "sources", "score"} <= set(a) for a in answers)
    assert [a["score"] for a in answers] == sorted((a["score"] for a in answers), reverse=True)
    assert answers[0]["sources"][0]["document"] and set(answers[0]["next_release"]) == {"release", "cutoff", "timezone"}
    assert not (cli_env / "var").exists()  # asking created no database


def test_ask_json_lists_nothing_and_exits_zero_when_nothing_answers_well(cli_env: Path) -> None:
    result = run("ask", "what's the weather in paris", "--json")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"answers": []}


def test_ask_text_says_i_dont_know_or_prints_the_live_release_window(cli_env: Path) -> None:
    unknown = run("ask", "what's the weather in paris")
    deploy = run("ask", "when is the next deploy", "--limit", "1")

    assert unknown.stdout.startswith("I don't know")
    assert "Tuesday 5 pm Pacific" in deploy.stdout and "Next release: Wednesday" in deploy.stdout
    assert "merge by Tue" in deploy.stdout and "as of 2025-10-02" in deploy.stdout


def test_kb_load_is_idempotent(db_env: Path, uow: UowFactory) -> None:
    first, second = run("kb", "load"), run("kb", "load")

    shipped = len(load_entries())
    assert first.exit_code == 0 and f"created: {shipped}, updated: 0, unchanged: 0" in first.stdout
    assert second.exit_code == 0 and f"created: 0, updated: 0, unchanged: {shipped}" in second.stdout
    with uow() as unit:
        assert unit.kb.count_by_origin() == {"file": shipped}


def test_ask_uses_the_database_entries_once_loaded(db_env: Path) -> None:
    assert run("kb", "load", str(acme_folder(db_env))).exit_code == 0

    acme = json.loads(run("ask", "does acme use webhooks", "--json").stdout)["answers"]
    deploy = json.loads(run("ask", "when is the next deploy", "--json").stdout)["answers"]

    assert [a["id"] for a in acme] == ["acme-webhooks"]
    assert deploy == []  # the shipped files are not consulted any more


def test_kb_load_refuses_an_unmigrated_database(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{cli_env / 'empty.db'}")

    result = run("kb", "load")

    assert result.exit_code == 1
    assert "not migrated. Run `devcenter-bot db upgrade` first." in result.stderr


def test_kb_check_passes_the_shipped_files(cli_env: Path) -> None:
    result = run("kb", "check")

    assert result.exit_code == 0 and f"{len(load_entries())} entries OK" in result.stdout


def test_kb_check_fails_listing_every_problem(cli_env: Path) -> None:
    broken = [{**ACME[0], "sources": [], "answer": "x" * 2901}, ACME[0]]

    result = run("kb", "check", str(acme_folder(cli_env, broken)))

    assert result.exit_code == 1
    assert "duplicate id 'acme-webhooks'" in result.stderr
    assert "acme-webhooks: answer has 2901 characters (max 2900)" in result.stderr
    assert "acme-webhooks: no sources" in result.stderr


def test_kb_load_of_bad_files_changes_nothing(db_env: Path, uow: UowFactory) -> None:
    result = run("kb", "load", str(acme_folder(db_env, [{**ACME[0], "questions": []}])))

    assert result.exit_code == 1 and "no questions" in result.stderr and "nothing was changed" in result.stderr
    with uow() as unit:
        assert unit.kb.entries() == []


def test_kb_export_round_trips_the_loaded_files(db_env: Path) -> None:
    run("kb", "load")

    result = run("kb", "export", str(db_env / "exported"))

    assert result.exit_code == 0 and "deploys.yaml: 3 entries" in result.stdout
    assert load_entries(db_env / "exported") == load_entries()


def test_kb_stats_shows_unanswered_and_not_helpful_questions(db_env: Path, uow: UowFactory, clock: FrozenClock) -> None:
    program = Program(uow=uow, clock=clock, settings=Settings(review_channel="C0STAFF001"))
    pat = Actor("U0MEMBER01", is_staff=False, partner_id=None)
    for text in ("what's the weather in paris", "how long does review take"):
        answer = qa.ask(program, pat, text, channel="C0ACME0001")
    qa.rate_answer(program, pat, answer.question_id, helpful=False)

    result = run("kb", "stats")

    assert result.exit_code == 0
    assert "2 asked, 1 answered, 0 helpful, 1 not helpful, 1 escalated (1 waiting for staff)" in result.stdout
    unanswered, not_helpful = result.stdout.split("not helpful (")
    assert "U0MEMBER01: what's the weather in paris" in unanswered
    assert "how long does review take (closest: review-turnaround" in not_helpful
