"""The worker loop: hold the lease → run the scheduler; lose it → stand by; stop → hand it over."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine

from slackbot.jobs.scheduler import JobObserver, Lease, build_scheduler, install, register_jobs
from slackbot.program import Program

log = logging.getLogger(__name__)


class SchedulerWorker:
    """Runs the scheduler only while this process holds the database lease (checked every ttl/3)."""

    def __init__(
        self,
        engine: Engine,
        program: Program,
        *,
        lease_ttl: float = 30.0,
        announce: Callable[[str], None] = log.info,
        observe: JobObserver | None = None,
    ) -> None:
        self.engine, self.program, self.observe = engine, program, observe
        self.lease = Lease(program.uow, program.clock, lease_ttl)
        self.announce = announce
        self.scheduler: BackgroundScheduler | None = None
        self.state = "starting"

    def step(self) -> str:
        """One lease check: start or stop the scheduler as needed; returns 'running' or 'standby'."""
        if self.lease.acquire():
            if self.scheduler is None:
                self._start_scheduler()
            self._set("running")
        else:
            self._stop_scheduler()
            self._set("standby")
        return self.state

    def _start_scheduler(self) -> None:
        """Register the jobs before processing any, so a run missed while nobody held the lease happens once."""
        install(self.program, self.observe)
        self.scheduler = build_scheduler(self.engine, self.program.timezone)
        self.scheduler.start(paused=True)
        register_jobs(self.scheduler, self.program.timezone, self.program)
        self.scheduler.resume()

    def run(self, stop: threading.Event) -> None:
        """Loop until `stop` is set, then release the lease so another worker takes over at once."""
        try:
            while not stop.is_set():
                try:
                    self.step()
                except Exception:  # a database hiccup: stop scheduling until the lease is confirmed again
                    log.exception("scheduler lease check failed")
                    self._stop_scheduler()
                    self._set("standby")
                stop.wait(self.lease.ttl / 3)
        finally:
            self._stop_scheduler(wait=True)  # a job still running finishes before the lease is handed over
            self.lease.release()
            self._set("stopped")

    def _stop_scheduler(self, *, wait: bool = False) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=wait)
            self.scheduler = None

    def _set(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.announce(f"scheduler: {state} ({self.lease.holder})")
