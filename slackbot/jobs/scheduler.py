"""APScheduler wiring: a persistent job store in our database, explicit job ids, and a database lease."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Engine

from slackbot.jobs.tasks import BY_ID, JOBS
from slackbot.program import Program
from storage.uow import UowFactory

log = logging.getLogger(__name__)
LOCK_NAME = "scheduler"
_RUNTIME: dict[str, Any] = {}  # set by install(): job functions are stored by reference, not pickled closures


def install(program: Program) -> None:
    """Give stored jobs the live program to run against (called by the process that runs the scheduler)."""
    _RUNTIME.update(program=program)


def run_job(job_id: str) -> Any:
    """Entry point stored in the job store: run one job with the live program and the current time."""
    program: Program = _RUNTIME["program"]
    result = BY_ID[job_id].run(program, program.now())
    log.info("job %s ran: %s", job_id, result)
    return result


def build_scheduler(engine: Engine, timezone: str) -> BackgroundScheduler:
    """A scheduler whose jobs live in the `apscheduler_jobs` table of our database."""
    return BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        timezone=timezone,
    )


def register_jobs(scheduler: BackgroundScheduler, timezone: str, program: Program | None = None) -> None:
    """Add (or replace) every job under its explicit id; with `program`, drop the jobs its settings turn off."""
    for job in JOBS:
        if program is not None and not job.enabled(program):
            if scheduler.get_job(job.id) is not None:  # stored by an earlier run with other settings
                scheduler.remove_job(job.id)
            continue
        scheduler.add_job(
            run_job,
            CronTrigger(timezone=timezone, **job.cron),
            args=[job.id],
            id=job.id,
            name=job.id,
            replace_existing=True,
        )


class Lease:
    """The database lease that makes exactly one process run the scheduler."""

    def __init__(self, uow_factory: UowFactory, clock: Callable[[], datetime], ttl: float = 30.0) -> None:
        self.uow_factory, self.clock, self.ttl = uow_factory, clock, ttl
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def acquire(self) -> bool:
        """Take or renew the lease."""
        now = self.clock()
        with self.uow_factory() as uow:
            held = uow.locks.acquire(LOCK_NAME, self.holder, now, now + timedelta(seconds=self.ttl))
            uow.commit()
        return held

    def release(self) -> None:
        """Give it up so another worker can take over at once."""
        with self.uow_factory() as uow:
            uow.locks.release(LOCK_NAME, self.holder)
            uow.commit()
