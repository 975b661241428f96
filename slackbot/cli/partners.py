"""`devcenter-bot partners import FILE.csv` and `partners set-email SLUG EMAIL`: partner records."""

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
        rows = parse_import(csv_text(csv_file))
        result = import_partners(program, cli_actor(), rows)
    except InvalidInput as error:
        for where, problem in error.field_errors.items():
            click.echo(f"{csv_file}: {where}: {problem}", err=True)
        raise click.ClickException("nothing was imported") from None
    click.echo(
        f"partners created: {result.partners_created}, members added: {result.members_added}, "
        f"integrations created: {result.integrations_created}, updated: {result.integrations_updated}"
    )


@partners.command("set-email")
@click.argument("who", metavar="SLUG")
@click.argument("email")
def partners_set_email(who: str, email: str) -> None:
    """Set the contact email of the partner of integration SLUG (or of the company named SLUG)."""
    from slackbot.domain.errors import DomainError
    from slackbot.services.email import set_partner_email

    program = program_for(settings_from_env())
    try:
        company, previous = set_partner_email(program, cli_actor(), who, email)
    except DomainError as error:
        raise click.ClickException(error.user_message) from None
    click.echo(f"{company}: email {previous or '(none)'} -> {email.strip()}")


def csv_text(path: Path) -> str:
    """The file as text: UTF-8 (with or without a BOM) or UTF-16 with its BOM (Excel's "Unicode text")."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise click.ClickException(f"{path}: cannot read it ({error.strerror})") from None
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.ClickException(
            f"{path}: not UTF-8 text (byte {error.start}); save it as CSV UTF-8 and import it again"
        ) from None


COMMANDS = (partners,)
