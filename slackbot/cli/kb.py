"""`devcenter-bot ask` and `devcenter-bot kb check|load|export|stats`: the knowledge base."""

from __future__ import annotations

import json
from pathlib import Path

import click

from slackbot.cli.support import program_for, refused, settings_from_env
from slackbot.program import Program


def _program() -> Program:
    return program_for(settings_from_env())


def _program_if_ready() -> Program | None:
    """The program on the database; None (answer from the shipped files) on a fresh clone without one."""
    from slackbot.services.kb import database_ready

    settings = settings_from_env()
    return program_for(settings) if database_ready(settings.database_url) else None


@click.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help='print {"answers": [{"id", "title", "answer", …}]}')
@click.option("--limit", type=click.IntRange(1, 20), default=3, show_default=True)
def ask(question: str, as_json: bool, limit: int) -> None:
    """Ranked knowledge-base answers to QUESTION, best first: database entries (after `kb load`) or the shipped files.

    Only answers at or above the no-answer threshold are listed: none means "I don't know" ({"answers": []}); exit 0.
    """
    from slackbot.app import system_clock
    from slackbot.kb.report import ranked_json, ranked_text
    from slackbot.services.kb import rank

    answers = rank(
        _program_if_ready(), question, limit=limit, now=system_clock(), timezone=settings_from_env().timezone
    )
    click.echo(json.dumps(ranked_json(answers), indent=2, ensure_ascii=False) if as_json else ranked_text(answers))


@click.group()
def kb() -> None:
    """The knowledge base: reviewed YAML files (slackbot/kb/entries) loaded into the database."""


@kb.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def kb_check(directory: Path | None) -> None:
    """Validate entry files (default: the shipped ones); exit 1 listing every problem."""
    from slackbot.app import system_clock
    from slackbot.services.kb import check_folder

    click.echo(f"{refused(lambda: check_folder(directory, system_clock().date()))} entries OK")


@kb.command("load")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--prune", is_flag=True, help="delete file entries that are no longer in the files")
def kb_load(directory: Path | None, prune: bool) -> None:
    """Upsert the entry files into the database (safe to repeat; staff-saved entries are kept)."""
    from slackbot.services.kb import load_folder

    program = _program()
    click.echo(refused(lambda: load_folder(program, directory, prune=prune)))


@kb.command("export")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def kb_export(directory: Path | None) -> None:
    """Write the database's entries, staff-saved ones included, to YAML files (default: the shipped folder)."""
    from slackbot.services.kb import export_files

    program = _program()
    click.echo("\n".join(f"{n}: {c} entries" for n, c in export_files(program, directory).items()) or "no entries")


@kb.command("stats")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
def kb_stats(limit: int) -> None:
    """Questions asked: the unanswered and not-helpful ones staff should turn into entries."""
    from slackbot.kb.report import stats_text
    from slackbot.services.kb import stats

    program = _program()
    click.echo(stats_text(stats(program, limit)))


COMMANDS = (ask, kb)
