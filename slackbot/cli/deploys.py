"""`devcenter-bot deploys next|freeze|emergency`: the Wednesday release calendar."""

from __future__ import annotations

import json
from datetime import date, datetime

import click

from slackbot.cli.support import cli_actor, program_for, refused, settings_from_env
from slackbot.config import Settings


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
    from slackbot.services.kb import database_ready
    from slackbot.services.releases import freezes

    if not database_ready(settings.database_url):
        return frozenset()
    return frozenset(day for day, _ in freezes(program_for(settings)))


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

    rows = freezes(program_for(settings_from_env()))
    click.echo("\n".join(f"{day:%a %Y-%m-%d}  {reason or ''}".rstrip() for day, reason in rows) or "no freezes")


def _set_freeze(day: date, *, frozen: bool, reason: str | None) -> None:
    from slackbot.services.releases import set_freeze

    program = program_for(settings_from_env())
    changed = refused(lambda: set_freeze(program, cli_actor(), day, frozen=frozen, reason=reason))
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
    from slackbot.services.releases import declare_emergency

    settings = settings_from_env()
    program, moment = program_for(settings), _parse_moment(cutoff, settings)
    refused(lambda: declare_emergency(program, cli_actor(), day.date(), moment, reason))
    click.echo(f"emergency release on {day:%a %Y-%m-%d}, cutoff {cutoff}")


@emergency.command("list")
def emergency_list() -> None:
    """Emergency releases from today on."""
    from slackbot.services.releases import emergency_list as upcoming

    settings = settings_from_env()
    program = program_for(settings)
    rows = upcoming(program, program.now().astimezone(settings.tz).date())
    lines = [
        f"{day:%a %Y-%m-%d}  cutoff {cutoff.astimezone(settings.tz):%a %H:%M %Z}  {reason or ''}".rstrip()
        for day, cutoff, reason in rows
    ]
    click.echo("\n".join(lines) or "no emergency releases")


COMMANDS = (deploys,)
