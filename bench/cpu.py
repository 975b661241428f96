"""CPU per `/devcenter status`, in-process: the real bot and a bare Bolt app, both through `App.dispatch`.

The same signed slash command body goes to both apps, one after the other, for every request. CPU is
`time.process_time()` of a process that does nothing else (Slack's emulator lives in the parent): it counts every
thread of the process, which matters because Bolt runs listeners on its executor's threads, where a thread clock
would miss them. The bot's SQL statements are counted with a `before_cursor_execute` event on its engine, its
connection checkouts with the pool's `checkout` event.
"""

from __future__ import annotations

import json
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from slack_bolt import BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import Engine, event

from bench.bare_app import build_app
from bench.http_load import status_bodies
from handlers.acks import AckAwareExecutor
from slackbot.app import build_bot
from slackbot.config import Settings
from slackbot.emulator.server import FakeSlack
from slackbot.web import build_request

ROOT = Path(__file__).parents[1]
Headers = dict[str, str | Sequence[str]]


@dataclass(frozen=True)
class CpuResult:
    """CPU milliseconds per request (mean and median) for both apps, and the bot's SQL statements per status."""

    requests: int
    bot_ms: float
    bare_ms: float
    bot_p50_ms: float
    bare_p50_ms: float
    statements: float
    checkouts: float  # connections taken from the pool per status (SQLAlchemy's pre-ping runs on each)
    db_server_ms: float | None = None  # PostgreSQL's own CPU per status (its processes, not the bot's)

    @property
    def ratio(self) -> float:
        """Bot CPU over bare Bolt CPU, per request."""
        return self.bot_ms / self.bare_ms


def _headers(signer: SignatureVerifier, body: str) -> Headers:
    ts = str(int(time.time()))
    return {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": ts,
        "x-slack-signature": signer.generate_signature(timestamp=ts, body=body) or "",
    }


@dataclass(frozen=True)
class _Side:
    """One app under measurement: how a raw request is served, what finishes its work, what its answer holds."""

    serve: Callable[[str, Headers], BoltResponse]
    settle: Callable[[], None]
    expect: str

    def timed(self, body: str, headers: Headers) -> float:
        """CPU ms to build the request from the raw body (as WSGI adapters do) and dispatch it, listeners included."""
        started = time.process_time()
        response = self.serve(body, headers)
        self.settle()
        spent = (time.process_time() - started) * 1000
        if response.status != 200 or self.expect not in str(response.body):
            raise RuntimeError(f"dispatch answered {response.status}: {str(response.body)[:200]}")
        return spent


def _sides(database_url: str, slack_api_url: str, secret: str) -> tuple[_Side, _Side, AckAwareExecutor, Engine]:
    """The real bot (its listeners on an executor that can tell when they are done) and the bare Bolt app."""
    settings = Settings(
        bot_token="xoxb-bench",
        signing_secret=secret,
        slack_api_url=slack_api_url,
        database_url=database_url,
        post_rate=0.0,
    )
    executor = AckAwareExecutor()
    bot = build_bot(settings, listener_executor=executor)
    bare = build_app(WebClient(token="xoxb-bench", base_url=slack_api_url), secret)
    return (
        _Side(lambda body, headers: bot.app.dispatch(build_request(body, None, headers)), executor.wait_idle, "bench-"),
        _Side(lambda body, headers: bare.dispatch(BoltRequest(body=body, headers=headers)), lambda: None, "pong"),
        executor,
        bot.engine,
    )


def measure_cpu(
    database_url: str,
    slack_api_url: str,
    bodies: list[str],
    *,
    warmup: int = 30,
    server_cpu: Callable[[], float] | None = None,
) -> CpuResult:
    """Dispatch every body to the bot and to the bare app (the first `warmup` not counted); CPU per request."""
    secret = secrets.token_hex(16)
    signer = SignatureVerifier(secret)
    bot, bare, executor, engine = _sides(database_url, slack_api_url, secret)
    counts: Counter[str] = Counter()
    samples: dict[str, list[float]] = {"bot": [], "bare": []}
    server_before = 0.0
    for n, body in enumerate(bodies):
        if n == warmup:
            event.listen(engine, "before_cursor_execute", lambda *_: counts.update(["statements"]))
            event.listen(engine, "checkout", lambda *_: counts.update(["checkouts"]))  # each one pings on PostgreSQL
            server_before = server_cpu() if server_cpu else 0.0
        bot_ms, bare_ms = bot.timed(body, _headers(signer, body)), bare.timed(body, _headers(signer, body))
        if n >= warmup:
            samples["bot"].append(bot_ms)
            samples["bare"].append(bare_ms)
    measured = len(samples["bot"])
    server_ms = (server_cpu() - server_before) * 1000 / measured if server_cpu else None
    executor.shutdown()
    engine.dispose()
    return _result(samples["bot"], samples["bare"], counts, server_ms)


def _result(bot: list[float], bare: list[float], counts: Counter[str], server_ms: float | None) -> CpuResult:
    return CpuResult(
        len(bot),
        statistics.fmean(bot),
        statistics.fmean(bare),
        statistics.median(bot),
        statistics.median(bare),
        counts["statements"] / len(bot),
        counts["checkouts"] / len(bot),
        server_ms,
    )


def cpu_in_subprocess(
    slack: FakeSlack, database_url: str, partners: int, requests: int, *, warmup: int = 30, pg_data: Path | None = None
) -> CpuResult:
    """Run `measure_cpu` in a fresh process, so that its CPU clock counts the two apps and nothing else."""
    plan = {
        "database_url": database_url,
        "slack_api_url": slack.api_url,
        "bodies": status_bodies(slack, partners, requests + warmup),
        "warmup": warmup,
        "pg_data": str(pg_data) if pg_data else None,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
        json.dump(plan, file)
        file.flush()
        out = subprocess.run(
            [sys.executable, "-m", "bench.cpu", file.name], check=True, capture_output=True, text=True, cwd=ROOT
        ).stdout
    return CpuResult(**json.loads(out.strip().splitlines()[-1]))


def _main(plan_file: str) -> None:
    plan = json.loads(Path(plan_file).read_text())
    server_cpu = None
    if plan["pg_data"]:
        from bench.postgres import postmaster_cpu_seconds

        data = Path(plan["pg_data"])
        server_cpu = lambda: postmaster_cpu_seconds(data)
    result = measure_cpu(
        plan["database_url"], plan["slack_api_url"], plan["bodies"], warmup=plan["warmup"], server_cpu=server_cpu
    )
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    _main(sys.argv[1])
