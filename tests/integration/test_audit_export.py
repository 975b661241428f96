"""`devcenter-bot audit export` writes every audit entry as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from slackbot.cli import main
from slackbot.domain.lifecycle import Stage
from storage.uow import UowFactory


@pytest.fixture
def audited(uow: UowFactory, clock, database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with uow() as work:
        partner = work.partners.add("Acme Analytics", Stage.BUILDING, None, clock())
        integration = work.integrations.add(
            partner, "acme-analytics", "Acme Analytics", "cloud", Stage.IN_REVIEW, clock()
        )
        for action, note in (
            ("submit_for_review", "https://github.com/segmentio/action-destinations/pull/1"),
            ("request_changes", 'Add tests, "please"'),
        ):
            work.audit.record(
                subject_type="integration",
                subject_id=integration.id,
                subject_key="acme-analytics",
                action=action,
                actor="U0STAFF001",
                from_stage="building",
                to_stage="in_review",
                note=note,
                at=clock(),
            )
        work.commit()
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url)


def test_audit_export_as_json_lists_every_entry_oldest_first(audited: None) -> None:
    result = CliRunner().invoke(main, ["audit", "export", "--format", "json"])

    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["action"] for r in rows] == ["submit_for_review", "request_changes"]
    assert rows[1]["note"] == 'Add tests, "please"' and rows[0]["subject"] == "acme-analytics"


def test_audit_export_as_csv_quotes_notes_safely(audited: None) -> None:
    result = CliRunner().invoke(main, ["audit", "export"])

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 2 and rows[1]["note"] == 'Add tests, "please"'
