"""A background loop that drains the outbox; used by `worker`, `serve` and the console."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from slackbot.services.outbox import DeliveryReport, Sender, deliver_due
from storage.uow import UowFactory

log = logging.getLogger(__name__)


class OutboxWorker:
    """Calls deliver_due every `interval` seconds on a daemon thread until stopped."""

    def __init__(
        self,
        uow_factory: UowFactory,
        sender: Sender,
        clock: Callable[[], datetime],
        *,
        alert_channel: str | None = None,
        interval: float = 1.0,
    ) -> None:
        self.uow_factory, self.sender, self.clock = uow_factory, sender, clock
        self.alert_channel, self.interval = alert_channel, interval
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def drain(self) -> DeliveryReport:
        """One pass over the due messages."""
        return deliver_due(self.uow_factory, self.sender, self.clock(), alert_channel=self.alert_channel)

    def wake(self) -> None:
        """Ask for a pass now (after a use case queued something)."""
        self._wake.set()

    def start(self) -> None:
        """Run in the background."""
        self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop after the current pass."""
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.drain()
            except Exception:  # keep the loop alive; the error is logged, the rows stay pending
                log.exception("outbox pass failed")
            self._wake.wait(self.interval)
            self._wake.clear()
