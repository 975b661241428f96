"""`devcenter-bot audit export`: the audit trail of every stage change and staff request."""

from __future__ import annotations

import csv
import json
from typing import TextIO

import click

from slackbot.cli.support import cli_actor, program_for, settings_from_env

FIELDS = ["id", "at", "subject_type", "subject", "action", "actor", "from_stage", "to_stage", "note"]


@click.group()
def audit() -> None:
    """The audit trail of every stage change and staff request."""


@audit.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--output", "-o", type=click.File("w"), default="-", help="file to write (default: stdout)")
def audit_export(fmt: str, output: TextIO) -> None:
    """Every audit entry, oldest first."""
    from slackbot.services.queue import audit_rows

    rows = audit_rows(program_for(settings_from_env()), cli_actor())
    if fmt == "json":
        json.dump(rows, output, indent=2)
        output.write("\n")
        return
    writer = csv.DictWriter(output, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerows(rows)


COMMANDS = (audit,)
