"""Production HTTP serving: gunicorn (gthread workers) running the WSGI app, one outbox loop per worker."""

from __future__ import annotations

import logging
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from slackbot.config import Settings


class BotApplication(BaseApplication):  # type: ignore[misc]
    """A gunicorn application whose workers each build the bot after forking (no shared connections)."""

    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self.settings, self.options = settings, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from slackbot.app import build_bot
        from slackbot.services.health import database_ok
        from slackbot.web import github_app, wsgi_app

        bot = build_bot(self.settings)
        bot.outbox.start()  # leases make concurrent outbox loops deliver each message once
        start_scheduler_thread(bot)  # every worker competes for the lease; one runs the jobs
        return wsgi_app(
            bot.app,
            lambda: database_ok(bot.program),
            github_app(bot.program),
            signing_secret=bot.settings.signing_secret,
        )


def start_scheduler_thread(bot: Any) -> None:
    """The single-process install: run the scheduler loop (lease-guarded) on a daemon thread."""
    import threading

    from slackbot.jobs.worker import SchedulerWorker

    worker = SchedulerWorker(bot.engine, bot.program)
    threading.Thread(target=worker.run, args=(threading.Event(),), name="scheduler", daemon=True).start()


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


def serve_gunicorn(settings: Settings, host: str, port: int, workers: int) -> None:
    """Run gunicorn in the foreground until it is stopped."""
    BotApplication(settings, gunicorn_options(settings, host, port, workers)).run()
