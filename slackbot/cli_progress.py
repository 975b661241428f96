"""Delivering an announcement from the command line, with a progress bar (rich)."""

from __future__ import annotations

import threading
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


def deliver_with_progress(bot: Any, announcement_id: int, *, stop: threading.Event | None = None) -> None:
    """Drain the outbox (honouring Retry-After) until every channel of the announcement got it or failed."""
    stop = stop or threading.Event()
    columns = (
        TextColumn("announcement #{task.fields[number]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
    )
    with Progress(*columns) as bar:
        state = bot.services.announcement_progress(None, announcement_id)
        task = bar.add_task("send", total=state.total, number=announcement_id, failed=0)
        while not stop.is_set():
            report = bot.outbox.drain()
            state = bot.services.announcement_progress(None, announcement_id)
            bar.update(task, completed=state.sent + state.failed, failed=state.failed)
            if state.pending == 0:
                break
            wait = (report.next_retry_at - bot.services.clock()).total_seconds() if report.next_retry_at else 0.2
            stop.wait(max(wait, 0.05))
