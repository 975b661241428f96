"""A background loop that drains the outbox; used by `worker`, `serve` and the console."""

from __future__ import annotations

import logging
import threading

from slackbot.program import Program
from slackbot.services.outbox import DeliveryReport, Sender, deliver_due

log = logging.getLogger(__name__)


class OutboxWorker:
    """Calls deliver_due every `interval` seconds on a daemon thread until stopped (`lanes` threads per pass)."""

    def __init__(self, program: Program, sender: Sender, *, interval: float = 1.0, lanes: int = 1) -> None:
        self.program, self.sender, self.interval, self.lanes = program, sender, interval, lanes
        self._stop = threading.Event()
        self._wake = program.outbox_wake  # set by use cases that want their message out now
        self._thread: threading.Thread | None = None

    def drain(self) -> DeliveryReport:
        """One pass over the due messages (cut short by stop(): the messages in flight still finish)."""
        return deliver_due(self.program, self.sender, lanes=self.lanes, stopping=self._stop.is_set)

    def wake(self) -> None:
        """Ask for a pass now (after a use case queued something)."""
        self._wake.set()

    def start(self) -> None:
        """Run in the background."""
        self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)
        self._thread.start()

    def request_stop(self) -> None:
        """Start no new delivery (safe in a signal handler); the one in flight goes on to its end."""
        self._stop.set()
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop once the delivery in flight is done and recorded; False when it still ran after `timeout` s
        (the process may then exit: that message's lease runs out and the next worker reconciles it)."""
        self.request_stop()
        if self._thread:
            self._thread.join(timeout=timeout)
            return not self._thread.is_alive()
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.drain()
            except Exception:  # keep the loop alive; the error is logged, the rows stay pending
                log.exception("outbox pass failed")
            self._wake.wait(self.interval)
            self._wake.clear()
