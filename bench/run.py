"""`make bench`: the bot against a bare Bolt app in the same run, fan-out pace, Q&A latency, memory.

Everything runs on 127.0.0.1 (free ports) against the built-in Slack emulator; ratios, not absolute numbers,
are the result, since both sides are measured on the same machine in the same run.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.fanout import fan_out
from bench.http_load import Latency, hammer
from bench.qa import qa_in_subprocess
from slackbot.emulator.server import FakeSlack
from slackbot.emulator.workspace import Workspace
from storage.db import make_engine, upgrade

ROOT = Path(__file__).parents[1]
LOG_LINES: list[str] = []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(command: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert server.stdout is not None
    booted = 0
    for line in server.stdout:  # wait until every worker booted
        booted += "Booting worker" in line
        if booted == 2:
            # keep reading: a full pipe would block the server's log writes and serialize its requests
            threading.Thread(target=LOG_LINES.extend, args=(server.stdout,), daemon=True).start()
            return server
    raise RuntimeError("server did not start")


def _peak_rss_mb(master: int) -> float:
    """Peak resident memory (VmHWM) of the largest worker process of a gunicorn master."""
    peaks = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master:
                status = (stat.parent / "status").read_text()
                peaks.append(int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1]))
        except (OSError, StopIteration, IndexError, ValueError):
            continue
    return max(peaks, default=0) / 1024


def http_round(slack: FakeSlack, database_url: str, requests: int, concurrency: int) -> dict[str, object]:
    """/devcenter status on the bot vs ack("pong") on a bare Bolt app, both under gunicorn gthread (2×8)."""
    secret = secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DEVCENTER_"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=secret,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=database_url,
        LOG_LEVEL="INFO",
        PYTHONPATH=str(ROOT),
    )
    bot_port, bare_port = _free_port(), _free_port()
    bot = _serve([sys.executable, "-m", "slackbot.cli", "serve", "--port", str(bot_port), "--workers", "2"], env)
    bare = _serve(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "bench.bare_app:create()",
            "-b",
            f"127.0.0.1:{bare_port}",
            "-k",
            "gthread",
            "--threads",
            "8",
            "-w",
            "2",
            "--log-level",
            "info",
        ],
        env,
    )
    try:
        results: dict[str, list[Latency]] = {"bot": [], "bare": []}
        for _name, port in (("bare", bare_port), ("bot", bot_port)):  # warm up: imports, pools, auth.test
            hammer(slack, port, secret, 200, concurrency)
        for _ in range(2):  # interleaved rounds so drift hits both sides alike
            for name, port in (("bare", bare_port), ("bot", bot_port)):
                results[name].append(hammer(slack, port, secret, requests, concurrency))
        rss = _peak_rss_mb(bot.pid)
    finally:
        for server in (bot, bare):
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    bot_l, bare_l = Latency.merge(results["bot"]), Latency.merge(results["bare"])
    return {"bot": bot_l, "bare": bare_l, "rss_mb": rss}


def main() -> None:
    """Run every benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--integrations", type=int, default=30_000)
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=2000)
    args = parser.parse_args()

    from bench.load import load

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        engine = make_engine(url)
        upgrade(engine)
        load(engine, args.partners, max(args.integrations // args.partners, 1))
        engine.dispose()
        slack = FakeSlack(Workspace()).start()
        started = time.perf_counter()
        http = http_round(slack, url, args.requests, args.concurrency)
        slack.stop()
        http_seconds = time.perf_counter() - started
    fan = fan_out(args.channels)
    qa = qa_in_subprocess(args.entries)

    bot, bare = http["bot"], http["bare"]
    rows = [
        (
            "ack p50 /devcenter status (ms)",
            f"{bot.p50:.1f}",
            f"bare Bolt {bare.p50:.1f}",
            f"{bot.p50 / bare.p50:.2f}×",
            "",
        ),
        (
            "ack p99 /devcenter status (ms)",
            f"{bot.p99:.1f}",
            f"bare Bolt {bare.p99:.1f}",
            f"{bot.p99 / bare.p99:.2f}×",
            "≤ 1.5×",
        ),
        (
            "throughput (requests/s)",
            f"{bot.throughput:.0f}",
            f"bare Bolt {bare.throughput:.0f}",
            f"{bot.throughput / bare.throughput:.2f}×",
            "≥ 0.8×",
        ),
        ("peak RSS per bot worker (MB)", f"{http['rss_mb']:.0f}", "", "", "< 150"),
        (
            f"announcement to {fan.channels} channels (s)",
            f"{fan.wall:.1f}",
            f"lower bound {fan.lower_bound:.1f}",
            f"{fan.wall / fan.lower_bound:.2f}×",
            "≤ 1.1×",
        ),
        ("  lost / duplicated messages", f"{fan.lost} / {fan.duplicates}", "", "", "0 / 0"),
        (f"Q&A p99 per query, {qa.entries} entries (ms)", f"{qa.p99:.2f}", f"p50 {qa.p50:.2f}", "", "< 5"),
        ("Q&A process peak RSS (MB)", f"{qa.rss_mb:.0f}", "", "", "< 150"),
    ]
    print(
        f"\ndevcenter-bot benchmarks — {args.partners} partners, {args.integrations} integrations, "
        f"{args.requests}×2 requests per side at concurrency {args.concurrency} (HTTP part {http_seconds:.0f}s)\n"
    )
    widths = [max(len(str(r[i])) for r in rows) for i in range(5)]
    header = ("measure", "devcenter-bot", "reference", "ratio", "target")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    for row in (header, *rows):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
