"""The results of one run: the table (plain text and Markdown), and `latest.json` with every figure and the machine."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[1]
LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
HEADER = ("measure", "devcenter-bot", "reference", "ratio", "target", "met?")


@dataclass(frozen=True)
class Row:
    """One line of the table; `met` is None for figures without a target."""

    measure: str
    bot: str
    reference: str = ""
    ratio: str = ""
    target: str = ""
    met: bool | None = None

    def cells(self) -> tuple[str, ...]:
        """The row as six strings."""
        met = "" if self.met is None else ("yes" if self.met else "NO")
        return (self.measure, self.bot, self.reference, self.ratio, self.target, met)


def _partners(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def cpu_rows(where: str, cpu: dict[str, Any]) -> list[Row]:
    """CPU per status in-process, SQL statements per status, and PostgreSQL's own CPU when measured."""
    ratio = cpu["bot_ms"] / cpu["bare_ms"]
    rows = [
        Row(
            f"{where} CPU per status, in-process dispatch (ms)",
            f"{cpu['bot_ms']:.2f}",
            f"bare Bolt {cpu['bare_ms']:.2f}",
            f"{ratio:.2f}×",
            "≤ 2×",
            ratio <= 2,
        ),
        Row(f"{where} SQL statements per status", f"{cpu['statements']:.1f}", f"pool checkouts {cpu['checkouts']:.1f}"),
    ]
    if cpu.get("db_server_ms") is not None:
        rows.append(Row(f"{where} PostgreSQL server CPU per status (ms)", f"{cpu['db_server_ms']:.2f}"))
    return rows


def http_rows(where: str, http: dict[str, Any]) -> list[Row]:
    """Latency, throughput and memory of the served bot against the served bare Bolt app."""
    bot, bare = http["bot"], http["bare"]
    p50, p99, rate = bot["p50"] / bare["p50"], bot["p99"] / bare["p99"], bot["throughput"] / bare["throughput"]
    return [
        Row(f"{where} ack p50 (ms)", f"{bot['p50']:.1f}", f"bare Bolt {bare['p50']:.1f}", f"{p50:.2f}×"),
        Row(
            f"{where} ack p99 (ms)",
            f"{bot['p99']:.1f}",
            f"bare Bolt {bare['p99']:.1f}",
            f"{p99:.2f}×",
            "≤ 1.5×",
            p99 <= 1.5,
        ),
        Row(
            f"{where} throughput (requests/s)",
            f"{bot['throughput']:.0f}",
            f"bare Bolt {bare['throughput']:.0f}",
            f"{rate:.2f}×",
            "≥ 0.8×",
            rate >= 0.8,
        ),
        Row(f"{where} peak RSS per bot worker (MB)", f"{http['rss_mb']:.0f}", "", "", "< 150", http["rss_mb"] < 150),
    ]


def database_rows(db: str, figures: dict[str, Any]) -> list[Row]:
    """Every row of one database: per dataset size, then fan-out and import."""
    label, rows = LABELS[db], []
    for size, entry in figures.get("sizes", {}).items():
        where = f"{label} {_partners(int(size))} ·"
        rows += cpu_rows(where, entry["cpu"]) if "cpu" in entry else []
        rows += http_rows(where, entry["http"]) if "http" in entry else []
    if fan := figures.get("fanout"):
        ratio, clean = fan["wall"] / fan["lower_bound"], fan["lost"] == 0 and fan["duplicates"] == 0
        rows += [
            Row(
                f"{label} · announcement to {fan['channels']:,} channels (s)",
                f"{fan['wall']:.1f}",
                f"rate bound {fan['lower_bound']:.1f}",
                f"{ratio:.3f}×",  # three places: the target is close
                "≤ 1.1×",
                ratio <= 1.1,
            ),
            Row(
                f"{label} · lost / duplicated messages", f"{fan['lost']} / {fan['duplicates']}", "", "", "0 / 0", clean
            ),
        ]
    if imp := figures.get("import"):
        ok = imp["seconds"] < 5 and imp["integrations_in_database"] == imp["rows"]
        rows.append(
            Row(f"{label} · partners import, {imp['rows']:,} rows (s)", f"{imp['seconds']:.1f}", "", "", "< 5", ok)
        )
    return rows


def qa_rows(qa: dict[str, Any]) -> list[Row]:
    """Q&A search latency and memory (no database involved)."""
    return [
        Row(
            f"Q&A p99 per query, {qa['entries']:,} entries (ms)",
            f"{qa['p99']:.2f}",
            f"p50 {qa['p50']:.2f}",
            "",
            "< 5",
            qa["p99"] < 5,
        ),
        Row("Q&A process peak RSS (MB)", f"{qa['rss_mb']:.0f}", "", "", "< 150", qa["rss_mb"] < 150),
    ]


def all_rows(results: dict[str, Any]) -> list[Row]:
    """The whole table, in a fixed order."""
    rows = [row for db in LABELS if db in results for row in database_rows(db, results[db])]
    return rows + (qa_rows(results["qa"]) if "qa" in results else [])


def text_table(rows: list[Row]) -> str:
    """Aligned plain-text columns."""
    lines = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines)


def markdown_table(rows: list[Row]) -> str:
    """A GitHub Markdown table."""
    lines = [HEADER, ("---",) * len(HEADER), *(row.cells() for row in rows)]
    return "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |" for line in lines)


def machine() -> dict[str, Any]:
    """Architecture, CPU model, core count, Python version."""
    model = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo().splitlines() if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    return {
        "arch": platform.machine(),
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def _cpuinfo() -> str:
    try:
        return Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""


def git_commit() -> str:
    """The checked-out commit, with `-dirty` when the work tree has changes."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD") or "unknown"
    return commit + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def not_met(rows: list[Row]) -> str:
    """One sentence naming every measure whose target is not met."""
    missed = [row.measure for row in rows if row.met is False]
    return f"Not met ({len(missed)}): " + "; ".join(missed) + "." if missed else "Every target is met."


def write_results(folder: Path, stem: str, payload: dict[str, Any], rows: list[Row], title: str) -> list[Path]:
    """Write `<stem>.json` (payload plus the table's rows) and `<stem>.md` (title and table); return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    json_path, md_path = folder / f"{stem}.json", folder / f"{stem}.md"
    document = {**payload, "table": [asdict(row) for row in rows]}
    json_path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(f"{title}\n\n{markdown_table(rows)}\n\n{not_met(rows)}\n")
    return [json_path, md_path]
