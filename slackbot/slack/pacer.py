"""Client-side pacing: stay under Slack's posting rate instead of bouncing off 429s."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

CHANNEL_INTERVAL = 1.0  # seconds between two posts in one channel: Slack allows about one message per second there
CHANNELS_REMEMBERED = 10_000


class Pacer:
    """A token bucket shared by the threads of one process: `wait()` blocks until the next post may go.

    `rate` is posts per second workspace-wide (DEVCENTER_POST_RATE, the operator's cap; 0 turns pacing off). With
    a channel, `wait(channel)` also keeps `channel_interval` seconds between two posts in that channel. The
    workspace slot is taken only once the channel is free, so a lane waiting on a busy channel does not hold a
    slot that another channel could use.
    """

    def __init__(
        self,
        rate: float,
        *,
        burst: int = 1,
        channel_interval: float = CHANNEL_INTERVAL,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.burst, self.channel_interval, self.monotonic, self.sleep = burst, channel_interval, monotonic, sleep
        self._lock = threading.Lock()
        self._next = 0.0
        self._channel_next: dict[str, float] = {}

    def wait(self, channel: str | None = None) -> float:
        """Block until a post (in `channel`, if given) is allowed; returns the seconds waited (0 when off)."""
        if not self.interval:
            return 0.0
        waited = self._wait_for_channel(channel) if channel else 0.0
        with self._lock:
            now = self.monotonic()
            start = max(self._next, now - self.interval * (self.burst - 1))
            self._next = start + self.interval
            if channel:
                self._channel_next[channel] = max(start, now) + self.channel_interval
        delay = max(start - now, 0.0)
        if delay:
            self.sleep(delay)
        return waited + delay

    def _wait_for_channel(self, channel: str) -> float:
        with self._lock:
            now = self.monotonic()
            if len(self._channel_next) > CHANNELS_REMEMBERED:
                self._channel_next = {c: t for c, t in self._channel_next.items() if t > now}
            delay = max(self._channel_next.get(channel, 0.0) - now, 0.0)
        if delay:
            self.sleep(delay)
        return delay
