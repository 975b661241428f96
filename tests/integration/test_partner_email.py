"""The partner's contact email: the import's optional email column and `devcenter-bot partners set-email`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from slackbot.cli import main
from slackbot.domain.errors import InvalidInput
from slackbot.domain.partners import parse_import
from storage.uow import UowFactory

HEADER = "company,integration,slug,stage,channel,users,email\n"
GOOD = HEADER + (
    "Acme Analytics,Acme Analytics,acme-analytics,in_review,C0ACME0001,U0ACMEDEV1,pat@acme.example.com\n"
    "Globex,,,access_requested,,W0GLOBEX01,\n"
)


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DEVCENTER_SECRET_KEY", "SMTP_URL"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_URL", database_url)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def emails(uow: UowFactory) -> dict[str, str | None]:
    with uow() as session:
        return {name: session.partners.by_name(name).email for name in ("Acme Analytics", "Globex")}  # type: ignore[union-attr]


def test_the_email_column_is_optional_and_checked_with_its_line_number() -> None:
    assert [row.email for row in parse_import(GOOD)] == ["pat@acme.example.com", None]
    assert parse_import(GOOD.replace(",email\n", "\n").replace(",pat@acme.example.com", "").replace(",\n", "\n"))
    with pytest.raises(InvalidInput) as caught:
        parse_import(GOOD + "Initech,Initech Insights,initech-insights,building,,,pat at initech\n")
    assert list(caught.value.field_errors) == ["line 4"]
    assert "no spaces" in caught.value.field_errors["line 4"]


def test_import_sets_the_email_and_a_bad_one_imports_nothing(cli_env: Path, uow: UowFactory) -> None:
    (cli_env / "bad.csv").write_text(GOOD + "Initech,Initech Insights,initech-insights,building,,,initech@\n")
    refused = run("partners", "import", str(cli_env / "bad.csv"))
    assert refused.exit_code != 0 and "line 4: email 'initech@'" in refused.stderr
    (cli_env / "good.csv").write_text(GOOD)
    assert run("partners", "import", str(cli_env / "good.csv")).exit_code == 0
    assert emails(uow) == {"Acme Analytics": "pat@acme.example.com", "Globex": None}


def test_set_email_by_slug_or_company_and_a_bad_address_is_refused(cli_env: Path, uow: UowFactory) -> None:
    (cli_env / "good.csv").write_text(GOOD)
    assert run("partners", "import", str(cli_env / "good.csv")).exit_code == 0

    by_slug = run("partners", "set-email", "acme-analytics", "dev@acme.example.com")
    by_name = run("partners", "set-email", "Globex", "hello@globex.example.com")
    bad = run("partners", "set-email", "Globex", "Hello <hello@globex.example.com>")
    unknown = run("partners", "set-email", "nobody-here", "x@y.example.com")

    assert (
        by_slug.exit_code == 0
        and "Acme Analytics: email pat@acme.example.com -> dev@acme.example.com" in by_slug.stdout
    )
    assert by_name.exit_code == 0 and "(none) -> hello@globex.example.com" in by_name.stdout
    assert bad.exit_code == 1 and "without a name or angle brackets" in bad.stderr
    assert unknown.exit_code == 1 and "No partner or integration called 'nobody-here'" in unknown.stderr
    assert emails(uow) == {"Acme Analytics": "dev@acme.example.com", "Globex": "hello@globex.example.com"}
