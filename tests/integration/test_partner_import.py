"""Importing partners from CSV: parse_import, import_partners and `devcenter-bot partners import FILE`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from slackbot.cli import main
from slackbot.domain.actors import operator
from slackbot.domain.errors import InvalidInput
from slackbot.domain.lifecycle import Stage
from slackbot.domain.partners import parse_import
from slackbot.emulator.harness import FrozenClock
from slackbot.program import Program
from slackbot.services.partners import ImportResult, import_partners
from storage.uow import UowFactory

HEADER = "company,integration,slug,stage,channel,users\n"
GOOD = HEADER + (
    "Acme Analytics,Acme Analytics,acme-analytics,in_review,C0ACME0001,U0ACMEDEV1 U0ACMEDEV2\n"
    "Acme Analytics,Acme Audiences,acme-audiences,building,C0ACME0001,U0ACMEDEV1\n"
    "\n"
    "Globex,,,access_requested,,W0GLOBEX01\n"
    "Initech,Initech Insights,initech-insights,private_beta,G0INITECH1,\n"
)
BAD = HEADER + (
    "Acme Analytics,Acme Analytics,acme-analytics,in_review,C0ACME0001,U0ACMEDEV1\n"  # 2: fine
    "Globex,Globex Insights,globex-insights,in_review\n"  # 3
    "Initech,Initech Insights,initech-insights,shipped,,\n"  # 4
    "Umbrella,Umbrella Metrics,Umbrella_Metrics,building,,\n"  # 5
    "Hooli,Hooli Analytics,acme-analytics,building,,\n"  # 6
    "Vandelay,Vandelay Imports,vandelay-imports,building,#vandelay,\n"  # 7
    "Pied Piper,Pied Piper,pied-piper,building,C0PIEDPIP1,richard\n"  # 8
)
BAD_LINES = {
    "line 3": "expected 6 fields, found 4",
    "line 4": "'shipped'",
    "line 5": "'Umbrella_Metrics'",
    "line 6": "already appears on line 2",
    "line 7": "'#vandelay'",
    "line 8": "richard",
}
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

OPERATOR = operator("test")


def problems(text: str) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        parse_import(text)
    return caught.value.field_errors


def partner_names(uow: UowFactory) -> list[str]:
    with uow() as u:
        return [n for n in ("Acme Analytics", "Globex", "Initech", "Umbrella") if u.partners.by_name(n)]


def test_a_good_file_creates_partners_members_and_integrations(
    uow: UowFactory, clock: FrozenClock, make_program: Callable[..., Program]
) -> None:
    result = import_partners(make_program(), OPERATOR, parse_import(GOOD))
    assert result == ImportResult(partners_created=3, integrations_created=3, integrations_updated=0, members_added=3)
    with uow() as u:
        acme = u.partners.by_name("Acme Analytics")
        assert acme is not None and (acme.stage, acme.channel_id) == (Stage.BUILDING, "C0ACME0001")
        assert u.partners.member_ids(acme.id) == ["U0ACMEDEV1", "U0ACMEDEV2"]
        assert [(i.slug, i.stage) for i in u.integrations.for_partner(acme.id)] == [
            ("acme-analytics", Stage.IN_REVIEW),
            ("acme-audiences", Stage.BUILDING),
        ]
        globex = u.partners.by_name("Globex")
        assert globex is not None and globex.stage is Stage.ACCESS_REQUESTED and globex.channel_id is None
        assert list(u.integrations.for_partner(globex.id)) == []
        assert u.partners.by_member("W0GLOBEX01") == globex
        initech = u.integrations.by_slug("initech-insights")
        assert initech is not None and initech.stage is Stage.PRIVATE_BETA
        assert initech.partner.channel_id == "G0INITECH1"


def test_importing_the_same_file_twice_creates_nothing_new(
    uow: UowFactory, clock: FrozenClock, make_program: Callable[..., Program]
) -> None:
    import_partners(make_program(), OPERATOR, parse_import(GOOD))
    assert import_partners(make_program(clock.advance(days=1)), OPERATOR, parse_import(GOOD)) == ImportResult(
        0, 0, 0, 0
    )


def test_a_changed_stage_updates_the_integration(
    uow: UowFactory, clock: FrozenClock, make_program: Callable[..., Program]
) -> None:
    import_partners(make_program(), OPERATOR, parse_import(GOOD))
    moved = GOOD.replace("acme-analytics,in_review", "acme-analytics,approved")
    assert import_partners(make_program(clock.advance(days=1)), OPERATOR, parse_import(moved)) == ImportResult(
        0, 0, 1, 0
    )
    with uow() as u:
        acme = u.integrations.by_slug("acme-analytics")
        assert acme is not None and (acme.stage, acme.updated_at) == (Stage.APPROVED, clock())


def test_every_bad_row_is_reported_with_its_line_number() -> None:
    found = problems(BAD)
    assert set(found) == set(BAD_LINES)
    for line, expected in BAD_LINES.items():
        assert expected in found[line], (line, found[line])


@pytest.mark.parametrize(
    "header",
    [
        "",
        "company,slug,stage\n",
        "company;integration;slug;stage;channel;users\n",
        "Acme Analytics,Acme Analytics,acme-analytics,in_review,C0ACME0001,\n",
    ],
)
def test_a_file_without_the_header_is_refused_at_line_one(header: str) -> None:
    assert set(problems(header + GOOD.removeprefix(HEADER))) == {"line 1"}


def test_a_header_in_other_case_with_spaces_is_fine() -> None:
    rows = parse_import(" Company , Integration,SLUG,stage,channel,users\n" + GOOD.removeprefix(HEADER))
    assert [r.line for r in rows] == [2, 3, 5, 6]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (",Acme Analytics,acme-analytics,building,,", "company is empty"),
        ("Acme Analytics,,acme-analytics,building,,", "integration name is empty"),
        ("Acme Analytics,Acme Analytics,,building,,", "slug ''"),
        ("Globex,Globex Insights,globex-insights,access_requested,,", "no integration yet"),
        ("Globex,,,declined,C0GLOBEX01,U0GLOBEX01 bob", "bob"),
        ("Acme Analytics,Acme Analytics,acme-analytics,building,U0ACMEDEV1,", "not a Slack channel id"),
        ("Acme Analytics,Acme Analytics,acme-analytics,In_Review,,", "unknown stage"),
        ("Acme Analytics,Acme Analytics,acme-analytics,building,,,", "expected 6 fields, found 7"),
    ],
)
def test_each_kind_of_bad_row_says_what_is_wrong(row: str, expected: str) -> None:
    assert expected in problems(HEADER + row + "\n")["line 2"]


def test_line_numbers_stay_right_after_a_quoted_multi_line_field() -> None:
    text = HEADER + '"Acme\nAnalytics",Acme Analytics,acme-analytics,building,,\nGlobex,,,shipped,,\n'
    assert set(problems(text)) == {"line 4"}


def test_a_user_of_another_partner_rolls_back_the_whole_import(
    uow: UowFactory, clock: FrozenClock, make_program: Callable[..., Program]
) -> None:
    import_partners(make_program(), OPERATOR, parse_import(HEADER + "Acme Analytics,,,access_requested,,U0ACMEDEV1\n"))
    rows = parse_import(HEADER + "Globex,,,access_requested,,W0GLOBEX01\nInitech,,,access_requested,,U0ACMEDEV1\n")
    with pytest.raises(InvalidInput) as caught:
        import_partners(make_program(), OPERATOR, rows)
    assert "U0ACMEDEV1" in caught.value.field_errors["line 3"]
    assert partner_names(uow) == ["Acme Analytics"]


def test_a_slug_of_another_partner_rolls_back_the_whole_import(
    uow: UowFactory, clock: FrozenClock, make_program: Callable[..., Program]
) -> None:
    import_partners(make_program(), OPERATOR, parse_import(GOOD))
    rows = parse_import(HEADER + "Umbrella,Umbrella Metrics,acme-analytics,building,,\n")
    with pytest.raises(InvalidInput, match="belongs to another partner"):
        import_partners(make_program(), OPERATOR, rows)
    assert "Umbrella" not in partner_names(uow)


# --- the command line -----------------------------------------------------------------------------


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A working directory without .env and an environment without settings (restored afterwards)."""
    monkeypatch.chdir(tmp_path)
    for name in SETTINGS_VARIABLES:
        monkeypatch.setenv(name, "")  # recorded, so whatever load_dotenv sets is undone at teardown
        monkeypatch.delenv(name)
    return tmp_path


def run_import(folder: Path, content: str, name: str = "partners.csv") -> tuple[Result, Path]:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return CliRunner().invoke(main, ["partners", "import", str(path)]), path


def test_the_command_imports_a_good_file_and_repeating_it_changes_nothing(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, database_url: str, uow: UowFactory
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    first, _ = run_import(cli_env, "\ufeff" + GOOD)  # a spreadsheet export starts with a byte order mark
    assert first.exit_code == 0, first.output
    assert "partners created: 3, members added: 3, integrations created: 3, updated: 0" in first.stdout
    again, _ = run_import(cli_env, GOOD)
    assert again.exit_code == 0, again.output
    assert "partners created: 0, members added: 0, integrations created: 0, updated: 0" in again.stdout
    assert partner_names(uow) == ["Acme Analytics", "Globex", "Initech"]


def test_the_command_imports_nothing_when_any_row_is_bad(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, database_url: str, uow: UowFactory
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    result, path = run_import(cli_env, BAD)
    assert result.exit_code != 0
    for line, expected in BAD_LINES.items():
        assert f"{path}: {line}: " in result.stderr and expected in result.stderr
    assert f"{path}: line 2: " not in result.stderr
    assert "nothing was imported" in result.stderr
    assert partner_names(uow) == []


def test_the_command_reads_database_url_from_dot_env_in_the_working_directory(
    cli_env: Path, database_url: str, uow: UowFactory
) -> None:
    (cli_env / ".env").write_text(f"DATABASE_URL={database_url}\n", encoding="utf-8")
    result, _ = run_import(cli_env, GOOD)
    assert result.exit_code == 0, result.output
    assert partner_names(uow) == ["Acme Analytics", "Globex", "Initech"]


def test_the_command_refuses_a_missing_file(cli_env: Path, monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    result = CliRunner().invoke(main, ["partners", "import", str(cli_env / "missing.csv")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_the_command_on_an_unmigrated_database_says_to_run_db_upgrade(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{cli_env / 'empty.db'}")
    result, _ = run_import(cli_env, GOOD)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "devcenter-bot db upgrade" in result.output


def test_the_bot_refuses_to_start_on_an_unmigrated_database(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from slackbot.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/empty.db")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")

    result = CliRunner().invoke(main, ["worker"])

    assert result.exit_code == 1
    assert "not migrated" in result.output and "devcenter-bot db upgrade" in result.output
    assert "Traceback" not in result.output
