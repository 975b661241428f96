"""`make bench`: the bot against a bare Bolt app in the same run, on SQLite and a throwaway PostgreSQL.

Per database and dataset size: CPU per `/devcenter status` in-process (bot vs bare Bolt through `App.dispatch`)
with SQL statements per status, then both apps served by gunicorn under the same signed load. Per database: an
announcement to many channels against the emulator's enforced rate limit, and `devcenter-bot partners import` of a
CSV. Once: Q&A latency and memory. Everything runs on 127.0.0.1 against the built-in Slack emulator; ratios measured
in one run on one machine are the result. A complete run writes bench/results/latest.{json,md}; a run narrowed by
--only, --db or --sizes writes bench/results/partial.{json,md} instead.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.cpu import cpu_in_subprocess
from bench.fanout import fan_out
from bench.http_load import Latency
from bench.importing import time_import
from bench.load import load
from bench.postgres import PostgresServer, throwaway_postgres
from bench.qa import qa_in_subprocess
from bench.report import all_rows, git_commit, machine, not_met, text_table, write_results
from bench.served import http_round
from slackbot.emulator.server import FakeSlack
from slackbot.emulator.workspace import Workspace
from storage.db import make_engine, upgrade

PARTS = ("cpu", "http", "fanout", "import", "qa")
DATABASES = ("sqlite", "postgresql")
SIZES = (10_000, 100_000)
RESULTS = Path(__file__).parent / "results"


def _csv(kind: type[Any]) -> Any:
    return lambda text: tuple(kind(item.strip()) for item in text.split(",") if item.strip())


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (also read from BENCH_ARGS by `make bench`)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", type=_csv(str), default=PARTS, help=f"parts to run, of {','.join(PARTS)}")
    parser.add_argument("--db", type=_csv(str), default=DATABASES, help="databases: sqlite,postgresql")
    parser.add_argument("--sizes", type=_csv(int), default=SIZES, help="partners per dataset: 10000,100000")
    parser.add_argument("--integrations-per-partner", type=int, default=3)
    parser.add_argument("--cpu-requests", type=int, default=300, help="in-process statuses per app and size")
    parser.add_argument("--requests", type=int, default=1000, help="HTTP requests per side and round (2 rounds)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--channels", type=int, default=1000, help="channels of the announcement")
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=2000, help="knowledge-base entries for Q&A")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    unknown = [p for p in args.only if p not in PARTS] + [d for d in args.db if d not in DATABASES]
    if unknown:
        parser.error(f"unknown part or database: {', '.join(unknown)}")
    return args


def complete(args: argparse.Namespace) -> bool:
    """True when the run covers every part, both databases and both standard dataset sizes."""
    return set(args.only) == set(PARTS) and set(args.db) == set(DATABASES) and set(SIZES) <= set(args.sizes)


class Databases:
    """Fresh empty databases of either kind: SQLite files in a temporary folder, or databases on one server."""

    def __init__(self, folder: Path, postgres: PostgresServer | None) -> None:
        self.folder, self.postgres = folder, postgres

    def fresh(self, kind: str, name: str) -> str:
        """The URL of a new, empty database."""
        if kind == "sqlite":
            return f"sqlite:///{self.folder / name}.db"
        assert self.postgres is not None
        return self.postgres.create_database(name)


@contextmanager
def databases(kinds: tuple[str, ...]) -> Iterator[Databases]:
    """A temporary folder, and a throwaway PostgreSQL server when PostgreSQL is asked for."""
    with tempfile.TemporaryDirectory(prefix="devcenter-bench.") as folder:
        if "postgresql" in kinds:
            with throwaway_postgres() as server:
                yield Databases(Path(folder), server)
        else:
            yield Databases(Path(folder), None)


def _latency(latency: Latency) -> dict[str, float]:
    return {
        "p50": latency.p50,
        "p99": latency.p99,
        "throughput": latency.throughput,
        "requests": len(latency.samples),
        "seconds": latency.seconds,
    }


def measure_size(args: argparse.Namespace, url: str, partners: int, pg_data: Path | None) -> dict[str, Any]:
    """CPU in-process and the HTTP part on one loaded database."""
    entry: dict[str, Any] = {}
    slack = FakeSlack(Workspace()).start()
    try:
        if "cpu" in args.only:
            cpu = cpu_in_subprocess(slack, url, partners, args.cpu_requests, pg_data=pg_data)
            entry["cpu"] = {**asdict(cpu), "ratio": cpu.ratio}
        if "http" in args.only:
            http = http_round(slack, url, partners, args.requests, args.concurrency)
            entry["http"] = {"bot": _latency(http.bot), "bare": _latency(http.bare), "rss_mb": http.rss_mb}
    finally:
        slack.stop()
    return entry


def measure_sizes(args: argparse.Namespace, kind: str, dbs: Databases) -> dict[str, Any]:
    """Grow one database through the dataset sizes, measuring at each."""
    url, sizes, loaded = dbs.fresh(kind, "bench"), {}, 0
    engine = make_engine(url)
    upgrade(engine)
    pg_data = dbs.postgres.data if kind == "postgresql" and dbs.postgres else None
    for partners in sorted(args.sizes):
        started = time.perf_counter()
        load(engine, partners, args.integrations_per_partner, start=loaded)
        loaded, seconds = partners, time.perf_counter() - started
        print(f"  {kind}: {partners:,} partners loaded in {seconds:.1f}s", flush=True)
        sizes[str(partners)] = {"load_seconds": seconds, **measure_size(args, url, partners, pg_data)}
    engine.dispose()
    return sizes


def measure_database(args: argparse.Namespace, kind: str, dbs: Databases) -> dict[str, Any]:
    """Every database-bound part on one kind of database."""
    figures: dict[str, Any] = {}
    if {"cpu", "http"} & set(args.only):
        figures["sizes"] = measure_sizes(args, kind, dbs)
    if "fanout" in args.only:
        fan = fan_out(args.channels, dbs.fresh(kind, "fanout"))
        figures["fanout"] = {**asdict(fan), "ratio": fan.wall / fan.lower_bound}
        print(f"  {kind}: fan-out to {args.channels:,} channels in {fan.wall:.1f}s", flush=True)
    if "import" in args.only:
        figures["import"] = asdict(time_import(dbs.fresh(kind, "partners_import"), args.import_rows))
        print(f"  {kind}: import of {args.import_rows:,} rows in {figures['import']['seconds']:.1f}s", flush=True)
    return figures


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Run the selected parts; the figures by database (and dataset size), plus Q&A."""
    results: dict[str, Any] = {}
    with databases(args.db) as dbs:
        for kind in args.db:
            results[kind] = measure_database(args, kind, dbs)
    if "qa" in args.only:
        results["qa"] = asdict(qa_in_subprocess(args.entries))
    return results


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks, print the table, write the results files."""
    args = arguments(argv)
    started, when = time.perf_counter(), datetime.now(UTC)
    print(f"devcenter-bot benchmarks: {', '.join(args.only)} on {', '.join(args.db)}", flush=True)
    results = measure(args)
    host, commit, seconds = machine(), git_commit(), time.perf_counter() - started
    title = (
        f"devcenter-bot benchmarks, {when:%Y-%m-%d %H:%M} UTC, {host['arch']} {host['cpu']} × {host['cores']} cores, "
        f"Python {host['python']}, commit {commit[:12]}, {seconds:.0f} s"
    )
    rows = all_rows(results)
    settings = {k: list(v) if isinstance(v, tuple) else v for k, v in vars(args).items() if k != "output"}
    payload = {
        "date": when.isoformat(timespec="seconds"),
        "machine": host,
        "commit": commit,
        "seconds": seconds,
        "complete": complete(args),
        "settings": settings,
        "results": results,
    }
    written = write_results(args.output, "latest" if complete(args) else "partial", payload, rows, title)
    print(f"\n{title}\n\n{text_table(rows)}\n\n{not_met(rows)}\n\nwritten: {', '.join(str(p) for p in written)}")


if __name__ == "__main__":
    main()
