"""The `devcenter-bot` command line. The only module that reads .env (and only when a command runs)."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from slackbot.config import ConfigError, Settings, load_settings


def _settings() -> Settings:
    from dotenv import load_dotenv

    load_dotenv(Path.cwd() / ".env")
    try:
        return load_settings(os.environ)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def _logging(settings: Settings) -> None:
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _engine(settings: Settings) -> Any:
    from storage.db import make_engine

    return make_engine(settings.database_url)


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


def _migrated_engine(settings: Settings) -> Any:
    from storage.db import SchemaNotReady, require_current_schema

    engine = _engine(settings)
    try:
        require_current_schema(engine)
    except SchemaNotReady as error:
        raise click.ClickException(str(error)) from None
    return engine


def _bot(settings: Settings) -> Any:
    from slackbot.app import build_bot
    from storage.db import SchemaNotReady

    try:
        return build_bot(settings)
    except SchemaNotReady as error:
        raise click.ClickException(str(error)) from None


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

    settings = _settings()
    _logging(settings)
    bot = _bot(settings)
    bot.outbox.start()
    SocketModeHandler(bot.app, settings.app_token).start()


@main.command()
def worker() -> None:
    """Deliver the outbox until stopped (SIGTERM/SIGINT)."""
    settings = _settings()
    _logging(settings)
    bot = _bot(settings)
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    bot.outbox.start()
    click.echo("outbox worker running; Ctrl-C to stop")
    stopping.wait()
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
    click.echo(f"partners created: {result.partners_created}, members added: {result.members_added}, "
               f"integrations created: {result.integrations_created}, updated: {result.integrations_updated}")


@main.group()
def audit() -> None:
    """The audit trail of every stage change and staff request."""


@audit.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--output", "-o", type=click.File("w"), default="-", help="file to write (default: stdout)")
def audit_export(fmt: str, output: Any) -> None:
    """Every audit entry, oldest first."""
    import csv

    from slackbot.services.queue import audit_rows
    from storage.db import session_factory
    from storage.uow import uow_factory

    rows = audit_rows(uow_factory(session_factory(_migrated_engine(_settings()))))
    if fmt == "json":
        json.dump(rows, output, indent=2)
        output.write("\n")
        return
    writer = csv.DictWriter(output, fieldnames=["id", "at", "subject_type", "subject", "action", "actor",
                                                "from_stage", "to_stage", "note"])
    writer.writeheader()
    writer.writerows(rows)


@main.group()
def deploys() -> None:
    """The Wednesday release calendar."""


@deploys.command("next")
@click.option("--at", "at", default=None, help="ISO 8601 moment (default: now)")
@click.option("--json", "as_json", is_flag=True)
def deploys_next(at: str | None, as_json: bool) -> None:
    """The next release and its cutoff."""
    from slackbot.app import system_clock
    from slackbot.domain.deploys import ReleaseCalendar

    settings = _settings()
    moment = system_clock() if at is None else _parse_moment(at, settings)
    window = ReleaseCalendar(settings.timezone).next_window(moment)
    if as_json:
        click.echo(json.dumps(window.to_json()))
    else:
        click.echo(f"next release: {window.release:%A %Y-%m-%d}; merge by {window.cutoff:%a %Y-%m-%d %H:%M %Z}")


def _parse_moment(text: str, settings: Settings) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"not an ISO 8601 date-time: {text!r}", param_hint="--at") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=settings.tz)


if __name__ == "__main__":
    main()
