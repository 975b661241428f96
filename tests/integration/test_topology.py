"""The production topology on one PostgreSQL: two `serve --no-worker` web processes and two `worker` processes.

Signed Slack requests go to both web processes (each Events API delivery retried at the other one), the outbox is
delivered by both workers, the scheduled jobs that fell due while no worker ran run once, and the worker that
holds the scheduler lease gets SIGTERM while Slack is still answering one of its posts: that post is finished and
recorded, the lease is handed over at once, and nothing is lost, posted twice or run twice.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine, select, text

from slackbot.app import system_clock
from slackbot.domain.actors import operator
from slackbot.domain.partners import parse_import
from slackbot.emulator.demo import DEMO_ROLES, build_world
from slackbot.emulator.driver import Driver
from slackbot.emulator.harness import Harness
from slackbot.emulator.payloads import message_event
from slackbot.emulator.workspace import BOT_USER_ID, Channel, Message, User, Workspace
from slackbot.jobs.scheduler import build_scheduler, register_jobs
from slackbot.program import Program
from slackbot.services.partners import import_partners
from storage.db import make_engine
from storage.models.base import Base
from storage.models.outbox import OutboxMessage

ROOT = Path(__file__).parents[2]
PARTNERS = 12
STALL = 5.0  # seconds Slack holds the answer to the lease holder's post while it is told to stop
QUESTION = "how long does a review take?"
TOKENS = ("xoxb-topology-worker-1", "xoxb-topology-worker-2")


@dataclass
class Process:
    """A `devcenter-bot` child process and the lines it printed (stdout and stderr), read as they come."""

    name: str
    popen: subprocess.Popen[str]
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    def expect(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        """The first line from now on matching `pattern`; fails with everything printed so far."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"{self.name}: no line matching {pattern!r} in {timeout}s:\n" + "".join(self.seen))
            self.seen.append(line)
            if found := re.search(pattern, line):
                return found

    def output(self) -> str:
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return "".join(self.seen)


def _start(name: str, args: list[str], env: dict[str, str], cwd: Path) -> Process:
    popen = subprocess.Popen(
        [sys.executable, "-m", "slackbot.cli", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    process = Process(name, popen)
    threading.Thread(target=lambda: [process.lines.put(line) for line in popen.stdout], daemon=True).start()  # type: ignore[union-attr]
    return process


def _env(harness: Harness, **values: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DEVCENTER_", "PROMETHEUS_", "LOG_"))}
    settings = harness.settings
    return clean | {
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
        "SLACK_BOT_TOKEN": settings.bot_token or "",
        "SLACK_SIGNING_SECRET": settings.signing_secret or "",
        "SLACK_API_URL": settings.slack_api_url,
        "DATABASE_URL": settings.database_url,
        "DEVCENTER_STAFF_USERS": ",".join(sorted(settings.staff_users)),
        "DEVCENTER_REVIEW_CHANNEL": settings.review_channel or "",
        "DEVCENTER_ANNOUNCE_CHANNEL": settings.announce_channel or "",
        "DEVCENTER_POST_RATE": "50",
        "LOG_LEVEL": "WARNING",
        **values,
    }


@pytest.fixture
def postgres_url(postgres_migrated: str) -> str:
    """The migrated PostgreSQL, emptied, with no stored scheduler jobs (skipped without PostgreSQL)."""
    engine = make_engine(postgres_migrated)
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        connection.execute(text("DROP TABLE IF EXISTS apscheduler_jobs"))
    engine.dispose()
    return postgres_migrated


@pytest.fixture
def harness(postgres_url: str) -> Iterator[Harness]:
    """The fake Slack and the demo workspace on PostgreSQL, in real time (the processes use the real clock)."""
    h = Harness(
        postgres_url,
        clock=system_clock,
        **DEMO_ROLES,
    )
    yield h
    h.close()


def _partners(harness: Harness) -> list[tuple[User, Channel]]:
    """PARTNERS partners in building, each with a person and a Slack Connect channel."""
    ws, rows, people = harness.slack.workspace, ["company,integration,slug,stage,channel,users"], []
    for n in range(PARTNERS):
        user = ws.add_user(f"topology{n}", external=True)
        channel = ws.add_channel(f"partner-topology-{n}", shared=True, members=[user])
        rows.append(f"Topology {n},Dest {n},topology-{n},building,{channel.id},{user.id}")
        people.append((user, channel))
    import_partners(harness.bot.program, operator("test"), parse_import("\n".join(rows) + "\n"))
    harness.deliver_all()  # nothing is owed before the processes start
    return people


def _jobs_fell_due(engine: Engine, program: Program) -> set[str]:
    """Store every job as due a minute ago, as if the workers had been down when it should have run."""
    scheduler = build_scheduler(engine, program.timezone)
    scheduler.start(paused=True)
    register_jobs(scheduler, program.timezone, program)
    for job in scheduler.get_jobs():
        scheduler.modify_job(job.id, next_run_time=datetime.now(UTC) - timedelta(minutes=1))
    due = {job.id for job in scheduler.get_jobs()}
    scheduler.shutdown()
    return due


def _scrape(url: str, name: str, **labels: str) -> float:
    with urllib.request.urlopen(url, timeout=30) as answer:
        families = text_string_to_metric_families(answer.read().decode())
    samples = [s for family in families for s in family.samples if s.name == name]
    return sum(s.value for s in samples if labels.items() <= s.labels.items())


def _traffic(drivers: list[Driver], people: list[tuple[User, Channel]], harness: Harness) -> list[str]:
    """Per partner: a question @mention at one web process, Slack's retry of it at the other, a DM, a status."""
    ws, roots = harness.slack.workspace, []
    for n, (user, channel) in enumerate(people):
        first, other = drivers[n % 2], drivers[(n + 1) % 2]
        ts = _say(ws, user, channel, f"<@{BOT_USER_ID}> {QUESTION}")
        mention = message_event("app_mention", user, channel, ts, f"<@{BOT_USER_ID}> {QUESTION}")
        assert first.event(mention, event_id=f"EvTopoMention{n:04d}")[0].status == 200
        assert other.event(mention, event_id=f"EvTopoMention{n:04d}")[0].status == 200  # the retry, elsewhere
        im = ws.im_with(user.id)
        dm = message_event("message", user, im, _say(ws, user, im, "status"), "status")
        assert other.event(dm, event_id=f"EvTopoDm{n:04d}")[0].status == 200
        assert first.slash(user, channel, "/devcenter", "status").status == 200
        roots.append(ts)
    return roots


def _say(ws: Workspace, user: User, channel: Channel, text: str) -> str:
    """A person's message in the workspace (Slack has it before it sends the event); its ts."""
    ts = ws.next_ts()
    with ws.lock:
        ws.messages.append(Message(ts, channel.id, user.id, text, []))
    return ts


def _delivered(harness: Harness, roots: list[str]) -> bool:
    """Every question answered in its thread, and every outbox row has reached Slack (by its outbox id)."""
    messages = list(harness.slack.workspace.messages)
    answered = {m.thread_ts for m in messages if m.thread_ts in roots and m.user == BOT_USER_ID}
    with harness.bot.program.uow() as uow:
        rows = len(uow.session.scalars(select(OutboxMessage.id)).all())
    return len(answered) == len(roots) and len(_outbox_ids(messages)) >= rows


def _report(harness: Harness, roots: list[str]) -> str:
    messages = list(harness.slack.workspace.messages)
    with harness.bot.program.uow() as uow:
        rows = [(r.id, r.kind, str(r.status), r.channel, r.attempts, r.last_error) for r in uow.outbox.latest(500)]
    threads = [(m.thread_ts, m.user, m.text[:40]) for m in messages if m.thread_ts]
    return f"rows={rows}\nposted={sorted(_outbox_ids(messages))}\nthreads={threads}\nroots={roots}"


def _outbox_ids(messages: list[object]) -> Counter[str]:
    tags = ((getattr(m, "metadata", None) or {}).get("event_payload") or {} for m in messages)
    return Counter(str(tag["outbox_id"]) for tag in tags if "outbox_id" in tag)


def test_two_web_processes_and_two_workers_deliver_everything_once_and_run_every_job_once(
    harness: Harness, tmp_path: Path
) -> None:
    build_world(harness)
    people = _partners(harness)
    due_jobs = _jobs_fell_due(harness.bot.engine, harness.bot.program)
    web_env = _env(harness, LOG_LEVEL="INFO")  # gunicorn says where it listens at INFO
    webs = [_start(f"web{n}", ["serve", "--no-worker", "--port", "0", "--workers", "1"], web_env, tmp_path)
            for n in (1, 2)]  # fmt: skip
    worker_args = ["worker", "--lease-seconds", "3", "--metrics-port", "0"]
    holder = _start("worker1", worker_args, _env(harness, SLACK_BOT_TOKEN=TOKENS[0], LOG_LEVEL="INFO"), tmp_path)
    standby: Process | None = None
    try:
        urls = [web.expect(r"Listening at: (http://127\.0\.0\.1:\d+)").group(1) for web in webs]
        holder_metrics = holder.expect(r"metrics: (http://\S+)").group(1)
        holder.expect(r"scheduler: running")
        ran = {holder.expect(r"job (\w+) ran").group(1) for _ in due_jobs}
        assert ran == due_jobs  # every job that fell due while no worker ran, once
        assert {
            job: _scrape(holder_metrics, "devcenter_jobs_total", job=job, outcome="ok") for job in ran
        } == dict.fromkeys(ran, 1.0)

        harness.slack.inject("chat.postMessage", status=200, stall=STALL, token=TOKENS[0])  # slow, not failing
        secret = harness.settings.signing_secret or ""
        drivers = [
            Driver(f"{url}/slack/events", secret, harness.slack.workspace, harness.slack.base_url) for url in urls
        ]
        roots = _traffic(drivers, people, harness)
        assert harness.slack.stalled.wait(60), "the lease holder never posted"
        standby = _start("worker2", worker_args, _env(harness, SLACK_BOT_TOKEN=TOKENS[1]), tmp_path)
        standby_metrics = standby.expect(r"metrics: (http://\S+)").group(1)
        standby.expect(r"scheduler: standby")

        stopped_at = time.monotonic()
        holder.popen.send_signal(signal.SIGTERM)  # mid-delivery: Slack has not answered its post yet
        assert holder.popen.wait(timeout=30) == 0
        standby.expect(r"scheduler: running", timeout=10)  # the lease was handed over, not left to expire
        assert harness.slack.wait_until(lambda: _delivered(harness, roots), timeout=60), _report(harness, roots)
        assert _scrape(standby_metrics, "devcenter_jobs_total", outcome="ok") == 0  # nothing ran twice
        figures = {
            s: _scrape(f"{urls[1]}/metrics", "devcenter_outbox_messages", status=s)
            for s in ("pending", "maybe_sent", "failed")
        }
        requests = sum(_scrape(f"{url}/metrics", "devcenter_slack_requests_total", outcome="ok") for url in urls)
        web_posts = [
            _scrape(f"{url}/metrics", "devcenter_slack_api_calls_total", method="chat.postMessage") for url in urls
        ]
        standby_posts = _scrape(
            standby_metrics, "devcenter_slack_api_calls_total", method="chat.postMessage", outcome="ok"
        )
        standby.popen.send_signal(signal.SIGTERM)
        assert standby.popen.wait(timeout=30) == 0
    finally:
        for process in [*webs, holder, *([standby] if standby else [])]:
            if process.popen.poll() is None:
                process.popen.terminate()
                process.popen.wait(timeout=30)

    assert "worker stopped" in holder.output() and time.monotonic() - stopped_at < STALL + 10
    with harness.bot.program.uow() as uow:
        rows = uow.session.scalars(select(OutboxMessage)).all()
        statuses = Counter(str(row.status) for row in rows)
        attempts = Counter(row.attempts for row in rows if row.thread_of is None)
    posted = _outbox_ids(list(harness.slack.workspace.messages))
    assert statuses == {"sent": len(rows)}  # nothing lost
    assert set(posted) == {str(row.id) for row in rows} and set(posted.values()) == {1}  # nothing twice
    assert set(attempts) == {1}  # the stopped worker's post was finished and recorded, not reconciled later
    assert figures == {"pending": 0, "maybe_sent": 0, "failed": 0}
    assert requests == PARTNERS * 4  # both web processes counted, each request once
    assert web_posts == [0, 0] and standby_posts > 0  # --no-worker: only the workers deliver
    answers = Counter(
        m.thread_ts for m in harness.slack.workspace.messages if m.thread_ts in roots and m.user == BOT_USER_ID
    )
    assert set(answers.values()) == {1}  # the retried mention is answered once, whichever process took it
    assert all("Traceback" not in process.output() for process in [*webs, holder])
