"""A run that fell due while no scheduler ran (a restart, a lease handover) is kept, and happens once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from sqlalchemy import Engine

from slackbot.config import Settings
from slackbot.emulator.harness import FrozenClock
from slackbot.jobs.scheduler import build_scheduler, install, register_jobs
from slackbot.program import Program
from storage.uow import UowFactory

TZ = "America/Los_Angeles"


def _forget_stored_jobs(engine: Engine) -> None:
    scheduler = build_scheduler(engine, TZ)
    scheduler.start(paused=True)
    scheduler.remove_all_jobs()
    scheduler.shutdown()


@pytest.fixture(autouse=True)
def no_stored_jobs(engine: Engine) -> Iterator[None]:
    """PostgreSQL keeps apscheduler_jobs between tests (it is not one of our tables): start and leave it empty."""
    _forget_stored_jobs(engine)
    yield
    _forget_stored_jobs(engine)


def _missed_review_sla(engine: Engine) -> datetime:
    """Store the jobs with review_sla due ten minutes ago, then stop, as a worker that went down would."""
    scheduler = build_scheduler(engine, TZ)
    scheduler.start(paused=True)
    register_jobs(scheduler, TZ)
    missed = datetime.now(UTC) - timedelta(minutes=10)  # within misfire_grace_time
    scheduler.modify_job("review_sla", next_run_time=missed)
    scheduler.shutdown()  # stopped means stopped: its last pass does not skip the due run
    return missed


def test_registering_again_keeps_a_missed_run_and_resuming_runs_it_once(engine: Engine, uow: UowFactory) -> None:
    missed = _missed_review_sla(engine)
    install(Program(uow=uow, clock=FrozenClock(), settings=Settings(timezone=TZ, review_channel="C0STAFF001")))
    scheduler = build_scheduler(engine, TZ)
    finished: list[JobExecutionEvent] = []
    ran = threading.Event()
    scheduler.add_listener(lambda event: (finished.append(event), ran.set()), EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    scheduler.start(paused=True)

    register_jobs(scheduler, TZ)  # what the next lease holder does before it resumes
    kept = scheduler.get_job("review_sla").next_run_time
    scheduler.resume()
    assert ran.wait(timeout=30)
    scheduler.shutdown()

    assert kept == missed
    assert [(event.job_id, event.code) for event in finished] == [("review_sla", EVENT_JOB_EXECUTED)]


def test_a_changed_schedule_replaces_the_stored_job(engine: Engine) -> None:
    _missed_review_sla(engine)
    scheduler = build_scheduler(engine, TZ)
    scheduler.start(paused=True)

    register_jobs(scheduler, "Europe/London")  # DEVCENTER_TZ changed: every job's schedule did
    job = scheduler.get_job("review_sla")
    scheduler.shutdown()

    assert str(job.trigger.timezone) == "Europe/London" and job.next_run_time > datetime.now(UTC)
