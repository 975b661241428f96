"""The results files carry every figure, the date, the machine and the commit; the table says what is not met."""

from __future__ import annotations

import json
from pathlib import Path

from bench.report import all_rows, git_commit, machine, markdown_table, not_met, write_results
from bench.run import arguments, complete

CPU = {"bot_ms": 6.0, "bare_ms": 1.0, "statements": 7.0, "checkouts": 2.0, "db_server_ms": 1.5, "requests": 10}
HTTP = {
    "bot": {"p50": 20.0, "p99": 30.0, "throughput": 400.0},
    "bare": {"p50": 10.0, "p99": 25.0, "throughput": 450.0},
    "rss_mb": 80.0,
}
RESULTS = {
    "postgresql": {
        "sizes": {"10000": {"cpu": CPU, "http": HTTP}},
        "import": {"rows": 10000, "seconds": 34.0, "integrations_in_database": 10000, "output": ""},
    }
}


def test_the_table_marks_each_target_met_or_not() -> None:
    met = {row.measure: row.met for row in all_rows(RESULTS)}

    assert met["PostgreSQL 10k · CPU per status, in-process dispatch (ms)"] is False  # 6×, target ≤ 2×
    assert met["PostgreSQL 10k · ack p99 (ms)"] is True  # 1.2×, target ≤ 1.5×
    assert met["PostgreSQL 10k · throughput (requests/s)"] is True  # 0.89×, target ≥ 0.8×
    assert met["PostgreSQL · partners import, 10,000 rows (s)"] is False
    assert met["PostgreSQL 10k · PostgreSQL server CPU per status (ms)"] is None


def test_the_results_files_hold_the_figures_the_machine_the_commit_and_the_markdown_table(tmp_path: Path) -> None:
    rows = all_rows(RESULTS)
    payload = {"date": "2026-12-01T12:00:00+00:00", "machine": machine(), "commit": git_commit(), "results": RESULTS}

    json_path, md_path = write_results(tmp_path, "latest", payload, rows, "A title")

    written = json.loads(json_path.read_text())
    assert written["date"] == "2026-12-01T12:00:00+00:00"
    assert set(written["machine"]) >= {"arch", "cpu", "cores", "python"}
    assert written["commit"] and written["results"] == RESULTS
    assert written["table"][0]["measure"] == rows[0].measure
    assert md_path.read_text() == f"A title\n\n{markdown_table(rows)}\n\n{not_met(rows)}\n"
    assert "| NO |" in md_path.read_text()
    assert not_met(rows).startswith("Not met (2): PostgreSQL 10k · CPU per status")


def test_a_run_narrowed_to_some_parts_or_one_database_is_not_complete() -> None:
    assert complete(arguments([]))
    assert not complete(arguments(["--only", "cpu,import", "--db", "sqlite"]))
    assert arguments(["--only", "cpu,import"]).only == ("cpu", "import")
