"""Client-side pacing: stay under Slack's posting rate instead of bouncing off 429s."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Pacer:
    """A token bucket shared by the threads of one process: `wait()` blocks until the next post may go."""

    def __init__(
        self,
        rate: float,
        *,
        burst: int = 1,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.burst, self.monotonic, self.sleep = burst, monotonic, sleep
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> float:
        """Block until a post is allowed; returns the seconds waited (0 when pacing is off)."""
        if not self.interval:
            return 0.0
        with self._lock:
            now = self.monotonic()
            start = max(self._next, now - self.interval * (self.burst - 1))
            self._next = start + self.interval
        delay = max(start - now, 0.0)
        if delay:
            self.sleep(delay)
        return delay
