"""Process commands: `run`, `serve` (HTTP), `socket` (Socket Mode), `worker`, `console`, `sandbox` (web)."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from typing import TYPE_CHECKING

import click

from slackbot.cli.support import settings_from_env, setup_logging, slack_reachable, wired_bot

if TYPE_CHECKING:
    from slackbot.app import Bot


@click.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Serve Slack when tokens are configured; otherwise open the local console sandbox."""
    settings = settings_from_env()
    if not settings.has_slack_tokens:
        ctx.invoke(console)
    elif settings.app_token:
        ctx.invoke(socket)
    else:
        ctx.invoke(serve, host="0.0.0.0", port=settings.port)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=None, help="defaults to PORT (3000); 0 picks a free port")
@click.option("--workers", type=int, default=2, show_default=True, help="gunicorn worker processes (8 threads each)")
@click.option(
    "--worker/--no-worker",
    "deliver",
    default=True,
    show_default=True,
    help="also deliver the outbox and run the scheduler in the web workers (--no-worker: `worker` processes do)",
)
def serve(host: str, port: int | None, workers: int, deliver: bool) -> None:
    """HTTP mode under gunicorn (gthread): POST /slack/events, GET /healthz, GET /metrics."""
    from slackbot.serving import serve_gunicorn

    settings = settings_from_env()
    setup_logging(settings)
    wired_bot(settings).engine.dispose()  # fail fast with a clear message before forking workers
    serve_gunicorn(settings, host, settings.port if port is None else port, workers, deliver=deliver)


@click.command()
def socket() -> None:
    """Socket Mode (needs SLACK_APP_TOKEN); delivers the outbox in the same process."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.errors import SlackApiError, SlackClientError

    from slackbot.serving import start_scheduler_thread

    settings = settings_from_env()
    setup_logging(settings)
    bot = wired_bot(settings)
    slack_reachable(bot)  # one line, not a traceback, when Slack cannot be reached or refuses the token
    bot.outbox.start()
    start_scheduler_thread(bot)
    try:
        SocketModeHandler(bot.app, settings.app_token).start()
    except (SlackApiError, SlackClientError, OSError) as error:
        raise click.ClickException(f"Socket Mode could not connect: {getattr(error, 'reason', error)}") from None


@click.command()
@click.option(
    "--lease-seconds",
    type=float,
    default=30.0,
    show_default=True,
    help="how long the scheduler lease lasts; a standby worker takes over this long after a crash",
)
@click.option("--metrics-host", default="127.0.0.1", show_default=True, help="address of the worker's /metrics")
@click.option("--metrics-port", type=int, default=None, help="serve GET /metrics on this port (0: a free one)")
def worker(lease_seconds: float, metrics_host: str, metrics_port: int | None) -> None:
    """Deliver the outbox and, while holding the database lease, run the scheduled jobs (until SIGTERM).

    On SIGTERM or Ctrl-C the delivery in flight finishes and is recorded, a running job finishes, and the lease
    is handed over at once."""
    from slackbot.jobs.worker import SchedulerWorker
    from slackbot.observability.metrics import record_job

    settings = settings_from_env()
    setup_logging(settings)
    bot = wired_bot(settings)
    stopping = threading.Event()

    def stop(*_: object) -> None:
        stopping.set()
        bot.outbox.request_stop()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    if metrics_port is not None:
        click.echo(f"metrics: {serve_worker_metrics(bot, metrics_host, metrics_port)}")
    bot.outbox.start()
    click.echo("worker running: outbox delivery on; Ctrl-C to stop")
    SchedulerWorker(bot.engine, bot.program, lease_ttl=lease_seconds, announce=click.echo, observe=record_job).run(
        stopping
    )
    if not bot.outbox.stop():
        click.echo("worker stopped with a delivery still in flight: the next worker reconciles it", err=True)
    click.echo("worker stopped")


def serve_worker_metrics(bot: Bot, host: str, port: int) -> str:
    """The worker's own /metrics (its Slack calls, its job runs, the outbox gauges); returns its URL."""
    from slackbot.observability.wsgi import metrics_app, serve_metrics
    from slackbot.web import outbox_source

    return serve_metrics(metrics_app(outbox_source(bot.program)), host, port)


@click.command()
@click.option("--keep", is_flag=True, help="keep var/console.db from the last session instead of starting fresh")
def console(keep: bool) -> None:
    """The local sandbox: the real bot against the built-in Slack emulator, with demo data."""
    from slackbot.emulator.console import run_console

    logging.basicConfig(level=logging.ERROR)
    sys.exit(run_console(sys.stdin, sys.stdout, keep=keep, interactive=sys.stdin.isatty()))


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", type=int, default=8790, show_default=True, help="port (0: any free port)")
def sandbox(host: str, port: int) -> None:
    """The web sandbox: the real bot in a browser, as it looks in Slack (no tokens, nothing leaves the machine)."""
    from slackbot.emulator.web.server import serve_sandbox

    logging.basicConfig(level=logging.ERROR)
    serve_sandbox(host, port, sys.stdout)


COMMANDS = (run, serve, socket, worker, console, sandbox)
