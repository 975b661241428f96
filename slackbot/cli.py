"""The `devcenter-bot` command line. The only module that reads .env (and only when a command runs)."""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Any

import click

from slackbot import cli_releases
from slackbot.cli_support import engine_for as _engine
from slackbot.cli_support import migrated_engine as _migrated_engine
from slackbot.cli_support import settings_from_env as _settings
from slackbot.cli_support import setup_logging as _logging
from slackbot.cli_support import wired_bot as _bot
from slackbot.domain.errors import InvalidInput


@click.group()
def main() -> None:
    """Segment Developer Center partner bot."""


@main.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Serve Slack when tokens are configured; otherwise open the local console sandbox."""
    settings = _settings()
    if not settings.has_slack_tokens:
        ctx.invoke(console)
    elif settings.app_token:
        ctx.invoke(socket)
    else:
        ctx.invoke(serve, host="0.0.0.0", port=settings.port)


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    from storage.db import current_revision, upgrade

    engine = _engine(_settings())
    upgrade(engine)
    click.echo(f"database at revision {current_revision(engine)}")


@db.command("current")
def db_current() -> None:
    """Print the database's migration revision."""
    from storage.db import current_revision, head_revision

    click.echo(f"current: {current_revision(_engine(_settings()))}  head: {head_revision()}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=None, help="defaults to PORT (3000)")
@click.option("--workers", type=int, default=2, show_default=True)
def serve(host: str, port: int | None, workers: int) -> None:
    """HTTP mode under gunicorn (gthread): POST /slack/events, GET /healthz; delivers the outbox too."""
    from slackbot.serving import serve_gunicorn

    settings = _settings()
    _logging(settings)
    _bot(settings).engine.dispose()  # fail fast with a clear message before forking workers
    serve_gunicorn(settings, host, settings.port if port is None else port, workers)


@main.command()
def socket() -> None:
    """Socket Mode (needs SLACK_APP_TOKEN); delivers the outbox in the same process."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from slackbot.serving import start_scheduler_thread

    settings = _settings()
    _logging(settings)
    bot = _bot(settings)
    bot.outbox.start()
    start_scheduler_thread(bot)
    SocketModeHandler(bot.app, settings.app_token).start()


@main.command()
@click.option(
    "--lease-seconds",
    type=float,
    default=30.0,
    show_default=True,
    help="how long the scheduler lease lasts; a standby worker takes over this long after a crash",
)
def worker(lease_seconds: float) -> None:
    """Deliver the outbox and, while holding the database lease, run the scheduled jobs (until SIGTERM)."""
    from slackbot.app import system_clock
    from slackbot.jobs.worker import SchedulerWorker

    settings = _settings()
    _logging(settings)
    bot = _bot(settings)
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    bot.outbox.start()
    click.echo("worker running: outbox delivery on; Ctrl-C to stop")
    SchedulerWorker(
        bot.engine, bot.services, system_clock, lease_ttl=lease_seconds, announce=lambda line: click.echo(line)
    ).run(stopping)
    bot.outbox.stop()


@main.command()
@click.option("--keep", is_flag=True, help="keep var/console.db from the last session instead of starting fresh")
def console(keep: bool) -> None:
    """The local sandbox: the real bot against the built-in Slack emulator, with demo data."""
    from slackbot.emulator.console import run_console

    logging.basicConfig(level=logging.ERROR)
    sys.exit(run_console(sys.stdin, sys.stdout, keep=keep, interactive=sys.stdin.isatty()))


@main.group()
def partners() -> None:
    """Partner records."""


@partners.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def partners_import(csv_file: Path) -> None:
    """Import company,integration,slug,stage,channel,users rows (all or nothing; safe to repeat)."""
    from slackbot.app import system_clock
    from slackbot.domain.errors import InvalidInput
    from slackbot.services.partners import import_partners, parse_import
    from storage.db import session_factory
    from storage.uow import uow_factory

    engine = _migrated_engine(_settings())
    try:
        rows = parse_import(csv_file.read_text(encoding="utf-8-sig"))
        result = import_partners(uow_factory(session_factory(engine)), rows, system_clock())
    except InvalidInput as error:
        for where, problem in error.field_errors.items():
            click.echo(f"{csv_file}: {where}: {problem}", err=True)
        raise click.ClickException("nothing was imported") from None
    click.echo(
        f"partners created: {result.partners_created}, members added: {result.members_added}, "
        f"integrations created: {result.integrations_created}, updated: {result.integrations_updated}"
    )


def _kb_db(required: bool = True) -> Any:
    from slackbot.services.kb_admin import database_ready, unit_of_work

    settings = _settings()
    return unit_of_work(_migrated_engine(settings)) if required or database_ready(settings.database_url) else None


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help='print {"answers": [{"id", "title", "answer", …}]}')
@click.option("--limit", type=click.IntRange(1, 20), default=3, show_default=True)
def ask(question: str, as_json: bool, limit: int) -> None:
    """Ranked knowledge-base answers to QUESTION, best first: database entries (after `kb load`) or the shipped files.

    Only answers at or above the no-answer threshold are listed: none means "I don't know" ({"answers": []}); exit 0.
    """
    from slackbot.app import system_clock
    from slackbot.kb.report import ranked_json, ranked_text
    from slackbot.services.kb_admin import rank

    answers = rank(_kb_db(required=False), question, limit=limit, now=system_clock(), timezone=_settings().timezone)
    click.echo(json.dumps(ranked_json(answers), indent=2, ensure_ascii=False) if as_json else ranked_text(answers))


@main.group()
def kb() -> None:
    """The knowledge base: reviewed YAML files (slackbot/kb/entries) loaded into the database."""


def _kb_run(call: Any) -> Any:
    try:
        return call()
    except InvalidInput as error:
        click.echo("\n".join(error.field_errors.values()), err=True)
        raise click.ClickException(f"{len(error.field_errors)} problem(s); nothing was changed") from None


@kb.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def kb_check(directory: Path | None) -> None:
    """Validate entry files (default: the shipped ones); exit 1 listing every problem."""
    from slackbot.app import system_clock
    from slackbot.services.kb_admin import check_folder

    click.echo(f"{_kb_run(lambda: check_folder(directory, system_clock().date()))} entries OK")


@kb.command("load")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--prune", is_flag=True, help="delete file entries that are no longer in the files")
def kb_load(directory: Path | None, prune: bool) -> None:
    """Upsert the entry files into the database (safe to repeat; staff-saved entries are kept)."""
    from slackbot.app import system_clock
    from slackbot.services.kb_admin import load_folder

    click.echo(_kb_run(lambda: load_folder(_kb_db(), directory, system_clock(), prune=prune)))


@kb.command("export")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def kb_export(directory: Path | None) -> None:
    """Write the database's entries, staff-saved ones included, to YAML files (default: the shipped folder)."""
    from slackbot.services.kb_admin import export_files

    click.echo("\n".join(f"{n}: {c} entries" for n, c in export_files(_kb_db(), directory).items()) or "no entries")


@kb.command("stats")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
def kb_stats(limit: int) -> None:
    """Questions asked: the unanswered and not-helpful ones staff should turn into entries."""
    from slackbot.kb.report import stats_text
    from slackbot.services.kb_admin import stats

    click.echo(stats_text(stats(_kb_db(), limit)))


for _group in (cli_releases.audit, cli_releases.deploys, cli_releases.announce):
    main.add_command(_group)


if __name__ == "__main__":
    main()
