"""`devcenter-bot db upgrade|current`: the database schema."""

from __future__ import annotations

import click

from slackbot.cli.support import engine_for, settings_from_env


@click.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    from storage.db import current_revision, upgrade

    engine = engine_for(settings_from_env())
    upgrade(engine)
    click.echo(f"database at revision {current_revision(engine)}")


@db.command("current")
def db_current() -> None:
    """Print the database's migration revision."""
    from storage.db import current_revision, head_revision

    click.echo(f"current: {current_revision(engine_for(settings_from_env()))}  head: {head_revision()}")


COMMANDS = (db,)
