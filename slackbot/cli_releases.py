"""Release and audit commands: the release calendar and freezes, announcements, the audit export."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import click

from slackbot.cli_support import migrated_engine, settings_from_env, wired_bot
from slackbot.config import Settings


@click.group()
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

    rows = audit_rows(uow_factory(session_factory(migrated_engine(settings_from_env()))))
    if fmt == "json":
        json.dump(rows, output, indent=2)
        output.write("\n")
        return
    writer = csv.DictWriter(
        output, fieldnames=["id", "at", "subject_type", "subject", "action", "actor", "from_stage", "to_stage", "note"]
    )
    writer.writeheader()
    writer.writerows(rows)


@click.group()
def deploys() -> None:
    """The Wednesday release calendar."""


@deploys.command("next")
@click.option("--at", "at", default=None, help="ISO 8601 moment (default: now)")
@click.option("--json", "as_json", is_flag=True)
def deploys_next(at: str | None, as_json: bool) -> None:
    """The next release and its cutoff."""
    from slackbot.app import system_clock
    from slackbot.domain.releases import ReleaseCalendar

    settings = settings_from_env()
    moment = system_clock() if at is None else _parse_moment(at, settings)
    window = ReleaseCalendar(settings.timezone, _frozen_days(settings)).next_window(moment)  # regular releases
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


def _frozen_days(settings: Settings) -> frozenset[date]:
    """Freezes from the database when it is migrated; none on a fresh clone without one."""
    from slackbot.services.kb_admin import database_ready
    from storage.db import make_engine, session_factory
    from storage.uow import uow_factory

    if not database_ready(settings.database_url):
        return frozenset()
    with uow_factory(session_factory(make_engine(settings.database_url)))() as uow:
        return uow.releases.frozen_days()


def _uow(settings: Settings) -> Any:
    from storage.db import session_factory
    from storage.uow import uow_factory

    return uow_factory(session_factory(migrated_engine(settings)))


@deploys.group("freeze")
def freeze() -> None:
    """Wednesdays without a release (freezes, holidays); their changes ship the next Wednesday."""


@freeze.command("add")
@click.argument("day", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option("--reason", default=None)
def freeze_add(day: datetime, reason: str | None) -> None:
    """Freeze the release of DAY (a Wednesday, YYYY-MM-DD)."""
    _set_freeze(day.date(), frozen=True, reason=reason)


@freeze.command("remove")
@click.argument("day", type=click.DateTime(formats=["%Y-%m-%d"]))
def freeze_remove(day: datetime) -> None:
    """Release on DAY again."""
    _set_freeze(day.date(), frozen=False, reason=None)


@freeze.command("list")
def freeze_list() -> None:
    """Every frozen Wednesday."""
    from slackbot.services.releases import freezes

    rows = freezes(_uow(settings_from_env()))
    click.echo("\n".join(f"{day:%a %Y-%m-%d}  {reason or ''}".rstrip() for day, reason in rows) or "no freezes")


def _set_freeze(day: date, *, frozen: bool, reason: str | None) -> None:
    import getpass

    from slackbot.app import system_clock
    from slackbot.domain.errors import InvalidInput
    from slackbot.services.releases import set_freeze

    try:
        changed = set_freeze(
            _uow(settings_from_env()),
            day,
            frozen=frozen,
            reason=reason,
            by=f"cli:{getpass.getuser()}",
            now=system_clock(),
        )
    except InvalidInput as error:
        raise click.ClickException(error.user_message) from None
    state = "frozen" if frozen else "open"
    click.echo(f"{day:%a %Y-%m-%d} is {state}" + ("" if changed else " (no change)"))


@deploys.group("emergency")
def emergency() -> None:
    """Staff-declared one-off releases (any day, with their own cutoff)."""


@emergency.command("add")
@click.argument("day", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option("--cutoff", required=True, help="ISO 8601: merged by then ships that day")
@click.option("--reason", default=None)
def emergency_add(day: datetime, cutoff: str, reason: str | None) -> None:
    """Declare an emergency release on DAY."""
    import getpass

    from slackbot.app import system_clock
    from slackbot.domain.errors import InvalidInput
    from slackbot.services.releases import declare_emergency

    settings = settings_from_env()
    try:
        declare_emergency(
            _uow(settings),
            day.date(),
            _parse_moment(cutoff, settings),
            reason,
            f"cli:{getpass.getuser()}",
            system_clock(),
        )
    except InvalidInput as error:
        raise click.ClickException(error.user_message) from None
    click.echo(f"emergency release on {day:%a %Y-%m-%d}, cutoff {cutoff}")


@emergency.command("list")
def emergency_list() -> None:
    """Emergency releases from today on."""
    from slackbot.app import system_clock

    settings = settings_from_env()
    with _uow(settings)() as uow:
        rows = uow.releases.emergencies(system_clock().astimezone(settings.tz).date())
        click.echo(
            "\n".join(
                f"{r.release_date:%a %Y-%m-%d}  cutoff {r.cutoff.astimezone(settings.tz):%a %H:%M %Z}  "
                f"{r.reason or ''}".rstrip()
                for r in rows
            )
            or "no emergency releases"
        )


@click.command()
@click.argument("message")
@click.option("--stage", "stages", multiple=True, help="only partners with an integration at this stage (repeat)")
@click.option("--dry-run", is_flag=True, help="show the channels it would reach, send nothing")
@click.option("--wait/--no-wait", default=True, show_default=True, help="deliver now with a progress bar")
def announce(message: str, stages: tuple[str, ...], dry_run: bool, wait: bool) -> None:
    """Send MESSAGE to every partner's shared channel (and the announcements channel), at Slack's pace."""
    from slackbot.cli_progress import deliver_with_progress
    from slackbot.domain.actors import Actor
    from slackbot.domain.errors import DomainError

    bot = wired_bot(settings_from_env())
    operator = Actor("cli", is_staff=True, partner_id=None)
    try:
        preview = bot.services.draft_announcement(operator, message, list(stages) or None)
        click.echo(f"{len(preview.channels)} channels: {' '.join(preview.channels)}")
        if dry_run:
            click.echo("dry run: nothing sent")
            return
        bot.services.send_announcement(operator, preview.announcement_id)
    except DomainError as error:
        raise click.ClickException(error.user_message) from None
    if wait:
        deliver_with_progress(bot, preview.announcement_id)
    else:
        click.echo(f"queued as announcement #{preview.announcement_id}; a running worker delivers it")
