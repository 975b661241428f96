"""Production HTTP serving: gunicorn (gthread workers) running the WSGI app, one outbox loop per worker."""

from __future__ import annotations

import logging
import threading
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from slackbot.config import Settings


class BotApplication(BaseApplication):  # type: ignore[misc]
    """A gunicorn application whose workers each build the bot after forking (no shared connections).

    With `deliver` (the single-process install), every web worker also drains the outbox and competes for the
    scheduler lease; without it (`serve --no-worker`), `devcenter-bot worker` processes do that.
    """

    def __init__(self, settings: Settings, options: dict[str, Any], *, deliver: bool = True) -> None:
        self.settings, self.options, self.deliver = settings, options, deliver
        self.stopping = threading.Event()
        self.delivery: tuple[Any, threading.Thread] | None = None  # this worker's outbox loop and scheduler thread
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        if self.deliver:
            self.cfg.set("worker_exit", lambda server, worker: self.stop_delivery())

    def load(self) -> Any:
        from slackbot.app import build_bot
        from slackbot.web import bot_wsgi_app

        bot = build_bot(self.settings)
        if self.deliver:
            bot.outbox.start()  # leases make concurrent outbox loops deliver each message once
            scheduler = start_scheduler_thread(bot, self.stopping)  # every worker competes for the lease
            self.delivery = (bot.outbox, scheduler)
        return bot_wsgi_app(bot)

    def stop_delivery(self) -> None:
        """gunicorn's worker_exit hook, in the stopping worker: the delivery in flight finishes and is recorded, a
        running job finishes and the scheduler lease is handed over (within gunicorn's graceful timeout)."""
        self.stopping.set()
        if self.delivery is not None:
            outbox, scheduler = self.delivery
            outbox.stop(timeout=5)
            scheduler.join(timeout=3)


def start_scheduler_thread(bot: Any, stopping: threading.Event | None = None) -> threading.Thread:
    """The single-process install: run the scheduler loop (lease-guarded) on a daemon thread until `stopping`."""
    from slackbot.jobs.worker import SchedulerWorker
    from slackbot.observability.metrics import record_job

    worker = SchedulerWorker(bot.engine, bot.program, observe=record_job)
    thread = threading.Thread(target=worker.run, args=(stopping or threading.Event(),), name="scheduler", daemon=True)
    thread.start()
    return thread


class RootLogger(Logger):  # type: ignore[misc]
    """Gunicorn's logger without its own handler: its lines go through the root handler (LOG_FORMAT=json)."""

    def setup(self, cfg: Any) -> None:
        """Set gunicorn's loggers up, then hand their records to the root logger."""
        super().setup(cfg)
        self.error_log.handlers.clear()
        self.error_log.propagate = True


def gunicorn_options(settings: Settings, host: str, port: int, workers: int) -> dict[str, Any]:
    """Gunicorn's settings, with the multiprocess metrics directory prepared and its hooks set."""
    from slackbot.observability.multiprocess import enable_multiprocess, mark_worker_dead

    metrics_dir = enable_multiprocess()  # before the fork: every worker writes its metrics files there
    origin = "temporary" if metrics_dir.owned else "PROMETHEUS_MULTIPROC_DIR"
    logging.getLogger(__name__).info("metrics: multiprocess directory %s (%s)", metrics_dir.path, origin)
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": 8,
        "timeout": 30,
        "graceful_timeout": 10,
        "accesslog": None,
        "loglevel": settings.log_level.lower(),
        "child_exit": lambda server, worker: mark_worker_dead(worker.pid, metrics_dir),
        "on_exit": lambda server: metrics_dir.remove(),
    }
    if settings.log_format == "json":
        options["logger_class"] = RootLogger
    return options


def serve_gunicorn(settings: Settings, host: str, port: int, workers: int, *, deliver: bool = True) -> None:
    """Run gunicorn in the foreground until it is stopped (`deliver`: the outbox and scheduler in every worker)."""
    BotApplication(settings, gunicorn_options(settings, host, port, workers), deliver=deliver).run()
