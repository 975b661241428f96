"""The HTTP part: the served bot and a bare Bolt app under gunicorn gthread (2 workers × 8 threads), same load."""

from __future__ import annotations

import secrets
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from bench.http_load import Latency, hammer
from slackbot.emulator.processes import LISTENING, bot_command, child_env
from slackbot.emulator.server import FakeSlack

ROOT = Path(__file__).parents[1]
WORKERS, THREADS = 2, 8
LOG_LINES: list[str] = []


@dataclass(frozen=True)
class HttpResult:
    """Both sides' latencies and the bot's largest worker's peak memory."""

    bot: Latency
    bare: Latency
    rss_mb: float


def _serve(command: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], int]:
    """Start a gunicorn bound to port 0; its process and the port the kernel gave it, once every worker booted."""
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert server.stdout is not None
    booted, port = 0, 0
    for line in server.stdout:  # wait until every worker booted
        if found := LISTENING.search(line):
            port = int(found.group(1).rsplit(":", 1)[1])
        booted += "Booting worker" in line
        if booted == WORKERS and port:
            # keep reading: a full pipe would block the server's log writes and serialize its requests
            threading.Thread(target=LOG_LINES.extend, args=(server.stdout,), daemon=True).start()
            return server, port
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


def _environment(slack: FakeSlack, database_url: str, secret: str) -> dict[str, str]:
    return child_env(
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=secret,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=database_url,
        LOG_LEVEL="INFO",
    )


def _servers(env: dict[str, str]) -> tuple[tuple[subprocess.Popen[str], int], tuple[subprocess.Popen[str], int]]:
    bot = _serve(bot_command("serve", "--port", "0", "--workers", str(WORKERS)), env)
    bare = _serve(
        [
            *(sys.executable, "-m", "gunicorn", "bench.bare_app:create()", "-b", "127.0.0.1:0"),
            *("-k", "gthread", "--threads", str(THREADS), "-w", str(WORKERS), "--log-level", "info"),
        ],
        env,
    )
    return bot, bare


def http_round(
    slack: FakeSlack, database_url: str, partners: int, requests: int, concurrency: int, warmup: int = 200
) -> HttpResult:
    """/devcenter status on the bot vs ack("pong") on a bare Bolt app, two interleaved rounds of `requests` each."""
    secret = secrets.token_hex(16)
    (bot, bot_port), (bare, bare_port) = _servers(_environment(slack, database_url, secret))
    try:
        results: dict[str, list[Latency]] = {"bot": [], "bare": []}
        sides = (("bare", bare_port, "pong"), ("bot", bot_port, "bench-"))  # the bot's answer names the slugs
        for _name, port, expect in sides:  # warm up: imports, pools, auth.test
            hammer(slack, port, secret, warmup, concurrency, partners, expect)
        for _ in range(2):  # interleaved rounds so drift hits both sides alike
            for name, port, expect in sides:
                results[name].append(hammer(slack, port, secret, requests, concurrency, partners, expect))
        rss = _peak_rss_mb(bot.pid)
    finally:
        for server in (bot, bare):
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    return HttpResult(Latency.merge(results["bot"]), Latency.merge(results["bare"]), rss)
