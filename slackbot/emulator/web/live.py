"""Live updates: a watcher notices when the workspace or the outbox changed, and the page hears it by SSE."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

log = logging.getLogger(__name__)
KEEPALIVE_SECONDS = 15.0  # a comment line now and then: a closed tab ends its stream at the next write


class Watcher:
    """Compares a fingerprint every `interval` seconds; each change bumps `version` and wakes every stream."""

    def __init__(self, fingerprint: Callable[[], Any], lock: threading.RLock, *, interval: float = 0.25) -> None:
        self.fingerprint, self.lock, self.interval = fingerprint, lock, interval
        self.version = 0
        self.changed = threading.Condition()
        self._stop = threading.Event()
        self._last: Any = None
        self._thread = threading.Thread(target=self._run, name="sandbox-watcher", daemon=True)

    def start(self) -> Watcher:
        """Start watching in the background."""
        self._last = self._read()
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching and end every open stream."""
        self._stop.set()
        with self.changed:
            self.changed.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def check(self) -> bool:
        """Compare once (the page does it after each action, so its own changes count at once)."""
        current = self._read()
        if current is None:
            return False
        with self.changed:
            if current == self._last:
                return False
            self._last = current
            self.version += 1
            self.changed.notify_all()
        return True

    def _read(self) -> Any:
        if not self.lock.acquire(timeout=self.interval):  # an action is running: its own page shows its result
            return None
        try:
            return self.fingerprint()
        except Exception:  # the demo is being reset under us; the next tick sees the new one
            log.debug("sandbox fingerprint unavailable", exc_info=True)
            return None
        finally:
            self.lock.release()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()

    def stream(self) -> Iterator[str]:
        """Server-sent events: the current version at once, then every new one, until the watcher stops."""
        sent = self.version
        yield f"retry: 1000\ndata: {sent}\n\n"
        while True:
            current = self._next(sent)
            if current is None:
                return
            yield ": keepalive\n\n" if current == sent else f"data: {current}\n\n"
            sent = current

    def _next(self, sent: int) -> int | None:
        """The version after `sent` (or `sent` again after a quiet while); None once stopped."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != sent or self._stop.is_set(), KEEPALIVE_SECONDS)
            return None if self._stop.is_set() else self.version
