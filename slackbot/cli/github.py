"""`devcenter-bot github sync`: apply the pull request reviews, merges and closes the webhooks missed."""

from __future__ import annotations

import dataclasses

import click

from slackbot.cli.support import program_for, settings_from_env


@click.group()
def github() -> None:
    """GitHub pull request sync (segmentio/action-destinations, or GITHUB_REPOSITORY)."""


@github.command("sync")
def github_sync() -> None:
    """Read every open tracked pull request from GitHub's REST API (GITHUB_TOKEN) and apply what was missed."""
    from slackbot.app import github_reconciler
    from slackbot.services.github import reconcile

    settings = settings_from_env()
    program = dataclasses.replace(program_for(settings), reconciler=github_reconciler(settings))
    run = reconcile(program, program.now())
    if run is None:
        raise click.ClickException("GITHUB_TOKEN is not set: reconciliation reads GitHub's REST API with it")
    for line in run.applied:
        click.echo(line)
    for refusal in run.report.refused:
        click.echo(f"skipped: {refusal}", err=True)
    if run.report.stopped:
        done = dataclasses.replace(run.report, stopped=None).line
        raise click.ClickException(f"GitHub is unreachable, try again later ({run.report.stopped}); {done}")
    click.echo(run.report.line)


COMMANDS = (github,)
