"""`devcenter-bot partners import FILE.csv`: partner records."""

from __future__ import annotations

from pathlib import Path

import click

from slackbot.cli.support import cli_actor, program_for, settings_from_env


@click.group()
def partners() -> None:
    """Partner records."""


@partners.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def partners_import(csv_file: Path) -> None:
    """Import company,integration,slug,stage,channel,users rows (all or nothing; safe to repeat)."""
    from slackbot.domain.errors import InvalidInput
    from slackbot.domain.partners import parse_import
    from slackbot.services.partners import import_partners

    program = program_for(settings_from_env())
    try:
        rows = parse_import(csv_file.read_text(encoding="utf-8-sig"))
        result = import_partners(program, cli_actor(), rows)
    except InvalidInput as error:
        for where, problem in error.field_errors.items():
            click.echo(f"{csv_file}: {where}: {problem}", err=True)
        raise click.ClickException("nothing was imported") from None
    click.echo(
        f"partners created: {result.partners_created}, members added: {result.members_added}, "
        f"integrations created: {result.integrations_created}, updated: {result.integrations_updated}"
    )


COMMANDS = (partners,)
