"""Acks without polling: Bolt's listener executor returns as soon as the listener has acked.

With process_before_response=False, slack-bolt 1.30 submits each listener to its executor and then polls
`ack.response` every 10 ms (slack_bolt/listener/thread_runner.py), so every request pays at least one 10 ms
sleep, more under load. This executor's submit() waits for the listener's ack (signalled by the handler
wrapper through a context variable), so Bolt finds the ack on its first look, while the slow post-ack work
(views.open, chat.update, replies) keeps running on the pool after the HTTP response went out.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

_ACKED: contextvars.ContextVar[threading.Event | None] = contextvars.ContextVar("acked", default=None)
MAX_ACK_WAIT = 2.5  # seconds; Slack's limit is 3


def signal_ack() -> None:
    """Tell the executor that the current listener has acknowledged its request."""
    acked = _ACKED.get()
    if acked is not None:
        acked.set()


class SignallingAck:
    """Bolt's `ack`, which also signals the executor when called."""

    def __init__(self, ack: Any) -> None:
        self._ack = ack

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._ack(*args, **kwargs)
        finally:
            signal_ack()

    @property
    def response(self) -> Any:
        """The acknowledgement sent (None before ack)."""
        return self._ack.response


class AckAwareExecutor(Executor):
    """A thread pool whose submit() returns once the listener acked or finished; can wait until idle."""

    def __init__(self, workers: int = 16, *, max_ack_wait: float = MAX_ACK_WAIT) -> None:
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="listener")
        self._max_ack_wait = max_ack_wait
        self._idle = threading.Condition()
        self._pending = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        acked = threading.Event()

        def run() -> Any:
            _ACKED.set(acked)
            try:
                return fn(*args, **kwargs)
            finally:
                acked.set()

        with self._idle:
            self._pending += 1
        future = self._pool.submit(contextvars.copy_context().run, run)
        future.add_done_callback(self._done)
        acked.wait(self._max_ack_wait)
        return future

    def _done(self, _future: Future[Any]) -> None:
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block until no listener is running (tests settle on this instead of sleeping)."""
        with self._idle:
            if not self._idle.wait_for(lambda: self._pending == 0, timeout):
                raise TimeoutError("Bolt listeners still running")

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)
