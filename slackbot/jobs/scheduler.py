"""APScheduler wiring: a persistent job store in our database, explicit job ids, and a database lease."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Engine

from slackbot.jobs.tasks import BY_ID, JOBS
from slackbot.program import Program
from storage.uow import UowFactory

log = logging.getLogger(__name__)
LOCK_NAME = "scheduler"
_RUNTIME: dict[str, Any] = {}  # set by install(): job functions are stored by reference, not pickled closures


JobObserver = Callable[[str, str], None]  # (job id, outcome): outcome is ok or error


def _unobserved(job_id: str, outcome: str) -> None:
    return None


def install(program: Program, observe: JobObserver | None = None) -> None:
    """Give stored jobs the live program to run against (called by the process that runs the scheduler), and
    `observe`, told how every run ended (the composition root counts them in devcenter_jobs_total)."""
    _RUNTIME.update(program=program, observe=observe or _unobserved)


def run_job(job_id: str) -> Any:
    """Entry point stored in the job store: run one job with the live program and the current time."""
    program: Program = _RUNTIME["program"]
    observe: JobObserver = _RUNTIME.get("observe", _unobserved)
    try:
        result = BY_ID[job_id].run(program, program.now())
    except Exception:
        observe(job_id, "error")
        raise  # APScheduler logs it with the traceback (EVENT_JOB_ERROR)
    observe(job_id, "ok")
    log.info("job %s ran: %s", job_id, result)
    return result


class _Scheduler(BackgroundScheduler):  # type: ignore[misc]
    """APScheduler 3's BackgroundScheduler without its last pass after shutdown().

    Its thread wakes once more after shutdown() and processes due jobs with the executor already closed: each due
    run fails to start ("cannot schedule new futures after shutdown") and is still moved to its next time, so a
    run due while a worker hands the lease over would be skipped. Stopped means stopped: the next holder runs it.
    """

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        return super()._process_jobs()  # type: ignore[no-any-return]


def build_scheduler(engine: Engine, timezone: str) -> BackgroundScheduler:
    """A scheduler whose jobs live in the `apscheduler_jobs` table of our database."""
    return _Scheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        timezone=timezone,
    )


def register_jobs(scheduler: BackgroundScheduler, timezone: str, program: Program | None = None) -> None:
    """Add (or replace) every job under its explicit id; with `program`, drop the jobs its settings turn off.

    A stored job whose schedule is unchanged is left as it is: replacing it would move its next run time past
    now and silently skip a run that fell due while no scheduler was running (a restart, a lease handover).
    Left alone, that run happens once when the scheduler resumes (coalesce, within misfire_grace_time).
    """
    for job in JOBS:
        stored = scheduler.get_job(job.id)
        if program is not None and not job.enabled(program):
            if stored is not None:  # stored by an earlier run with other settings
                scheduler.remove_job(job.id)
            continue
        trigger = CronTrigger(timezone=timezone, **job.cron)
        if stored is not None and _same_schedule(stored, trigger, job.id):
            continue
        scheduler.add_job(run_job, trigger, args=[job.id], id=job.id, name=job.id, replace_existing=True)


def _same_schedule(stored: Job, trigger: CronTrigger, job_id: str) -> bool:
    return (
        stored.func is run_job
        and list(stored.args) == [job_id]
        and str(stored.trigger) == str(trigger)
        and getattr(stored.trigger, "timezone", None) == trigger.timezone
        and stored.next_run_time is not None
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
