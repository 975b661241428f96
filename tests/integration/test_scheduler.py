"""The scheduler: persistent jobs that survive a restart, explicit ids, and exactly one running worker."""

from __future__ import annotations

import queue
import signal
import subprocess
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from sqlalchemy import Engine

from slackbot.config import GitHubConfig, Settings
from slackbot.emulator.harness import FrozenClock
from slackbot.emulator.processes import bot_command, child_env
from slackbot.emulator.server import FakeSlack
from slackbot.jobs.scheduler import Lease, build_scheduler, install, register_jobs, run_job
from slackbot.program import Program
from storage.uow import UowFactory

TZ = "America/Los_Angeles"
WEDNESDAY_8AM = datetime(2026, 11, 25, 16, 0, tzinfo=UTC)


def _program(uow: UowFactory, clock: FrozenClock) -> Program:
    return Program(uow=uow, clock=clock, settings=Settings(timezone=TZ, review_channel="C0STAFF001"))


def test_a_job_scheduled_before_a_restart_runs_after_it_exactly_once(engine: Engine, uow: UowFactory) -> None:
    clock = FrozenClock(WEDNESDAY_8AM)
    install(_program(uow, clock))
    first = build_scheduler(engine, TZ)
    first.start()
    first.add_job(
        run_job,
        "date",
        run_date=datetime.now(UTC) + timedelta(hours=1),
        args=["release_day"],
        id="one-off-release-card",
    )
    first.shutdown()  # the process "restarts" before the job is due: it lives only in the database now

    second = build_scheduler(engine, TZ)
    ran = threading.Event()
    outcomes: list[int] = []
    second.add_listener(lambda event: (outcomes.append(event.code), ran.set()), EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    second.start(paused=True)
    assert [job.id for job in second.get_jobs()] == ["one-off-release-card"]  # it survived the restart
    second.modify_job("one-off-release-card", next_run_time=datetime.now(UTC))  # its time has come
    second.resume()
    assert ran.wait(timeout=30)
    second.shutdown()

    third = build_scheduler(engine, TZ)
    third.start()
    assert third.get_jobs() == []  # a one-off job is gone once it ran: a third start runs nothing
    third.shutdown()
    assert outcomes == [EVENT_JOB_EXECUTED]
    with uow() as work:
        assert work.outbox.counts_for("release_card:") == {"pending": 1}


def test_every_job_has_an_explicit_id_and_registering_twice_replaces_them(engine: Engine) -> None:
    scheduler = build_scheduler(engine, TZ)
    scheduler.start(paused=True)
    register_jobs(scheduler, TZ)
    register_jobs(scheduler, TZ)

    jobs = {job.id: job for job in scheduler.get_jobs()}
    scheduler.shutdown()
    assert set(jobs) == {"cutoff_reminder", "review_sla", "release_day", "launch_gates", "github_sync"}
    assert str(jobs["release_day"].trigger).startswith("cron[hour='8', minute='0'")


def test_github_sync_is_scheduled_hourly_only_with_a_token(engine: Engine, uow: UowFactory) -> None:
    clock = FrozenClock(WEDNESDAY_8AM)
    with_token = Settings(timezone=TZ, github=GitHubConfig(token="ghp_example"))
    scheduler = build_scheduler(engine, TZ)
    scheduler.start(paused=True)
    register_jobs(scheduler, TZ, Program(uow=uow, clock=clock, settings=with_token))
    hourly = str(scheduler.get_job("github_sync").trigger)
    register_jobs(scheduler, TZ, _program(uow, clock))  # restarted without GITHUB_TOKEN

    remaining = {job.id for job in scheduler.get_jobs()}
    scheduler.shutdown()
    assert hourly == "cron[minute='17']"  # every hour at :17
    assert "github_sync" not in remaining and "release_day" in remaining


def test_the_lease_has_one_holder_until_it_expires(uow: UowFactory) -> None:
    clock = FrozenClock()
    first, second = Lease(uow, clock, ttl=30), Lease(uow, clock, ttl=30)

    assert first.acquire() and not second.acquire()
    clock.advance(seconds=20)
    assert first.acquire()  # renewed
    clock.advance(seconds=31)
    assert second.acquire() and not first.acquire()  # the first holder died: taken over
    second.release()
    assert first.acquire()


@pytest.fixture
def slack_url() -> str:
    fake = FakeSlack().start()
    yield fake.api_url
    fake.stop()


def _start_worker(database_url: str, tmp_path: Path, slack_url: str) -> tuple[subprocess.Popen[str], queue.Queue[str]]:
    env = child_env(
        DATABASE_URL=database_url,
        SLACK_BOT_TOKEN="xoxb-worker-test",
        SLACK_SIGNING_SECRET="worker-test",
        SLACK_API_URL=slack_url,
    )
    process = subprocess.Popen(
        bot_command("worker", "--lease-seconds", "1.5"),
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()  # type: ignore[union-attr]
    return process, lines


def _next_state(lines: queue.Queue[str], timeout: float = 30) -> str:
    seen: list[str] = []
    while True:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"no scheduler state change within {timeout}s; the worker printed:\n" + "".join(seen))
        seen.append(line)
        if line.startswith("scheduler: "):
            return line.split()[1]


def test_two_workers_run_one_scheduler_and_the_standby_takes_over_when_it_dies(
    database_url: str, tmp_path: Path, slack_url: str
) -> None:
    first, first_lines = _start_worker(database_url, tmp_path, slack_url)
    try:
        assert _next_state(first_lines) == "running"
        second, second_lines = _start_worker(database_url, tmp_path, slack_url)
        try:
            assert _next_state(second_lines) == "standby"
            first.send_signal(signal.SIGKILL)  # no clean shutdown: the lease must expire by itself
            first.wait(timeout=30)
            assert _next_state(second_lines) == "running"
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    assert second.returncode == 0
