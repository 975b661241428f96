"""Production HTTP serving: gunicorn (gthread workers) running the WSGI app, one outbox loop per worker."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

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
        return wsgi_app(bot.app, lambda: database_ok(bot.program), github_app(bot.program))


def start_scheduler_thread(bot: Any) -> None:
    """The single-process install: run the scheduler loop (lease-guarded) on a daemon thread."""
    import threading

    from slackbot.jobs.worker import SchedulerWorker

    worker = SchedulerWorker(bot.engine, bot.program)
    threading.Thread(target=worker.run, args=(threading.Event(),), name="scheduler", daemon=True).start()


def serve_gunicorn(settings: Settings, host: str, port: int, workers: int) -> None:
    """Run gunicorn in the foreground until it is stopped."""
    BotApplication(
        settings,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": 8,
            "timeout": 30,
            "graceful_timeout": 10,
            "accesslog": None,
            "loglevel": settings.log_level.lower(),
        },
    ).run()
