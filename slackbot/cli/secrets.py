"""`devcenter-bot secrets key|reseal`: the key of DEVCENTER_SECRET_KEY, and sealing what is stored with it."""

from __future__ import annotations

import click

from slackbot.cli.support import program_for, settings_from_env


@click.group()
def secrets() -> None:
    """Secrets at rest (test-account passwords)."""


@secrets.command("key")
def key() -> None:
    """Print a new key for DEVCENTER_SECRET_KEY (to rotate: put it first, keep the old one after a comma)."""
    from slackbot.sealing import new_key

    click.echo(new_key())


@secrets.command("reseal")
def reseal() -> None:
    """Seal every stored password with the first key: plaintext from before, and values of older keys."""
    from slackbot.services.metadata import reseal_secrets

    settings = settings_from_env()
    if not settings.secret_keys:
        raise click.ClickException("DEVCENTER_SECRET_KEY is not set; make a key with `devcenter-bot secrets key`")
    changed, unreadable = reseal_secrets(program_for(settings))
    click.echo(f"resealed {changed} password(s); {unreadable} sealed with a key that is no longer configured")


COMMANDS = (secrets,)
