"""`devcenter-bot announce MESSAGE`: a channel-wide announcement, delivered with a progress bar (rich)."""

from __future__ import annotations

import threading

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from slackbot.app import Bot
from slackbot.cli.support import cli_actor, refused, settings_from_env, wired_bot


@click.command()
@click.argument("message")
@click.option("--stage", "stages", multiple=True, help="only partners with an integration at this stage (repeat)")
@click.option("--dry-run", is_flag=True, help="show the channels it would reach, send nothing")
@click.option("--wait/--no-wait", default=True, show_default=True, help="deliver now with a progress bar")
def announce(message: str, stages: tuple[str, ...], dry_run: bool, wait: bool) -> None:
    """Send MESSAGE to every partner's shared channel (and the announcements channel), at Slack's pace."""
    from slackbot.services import announcements

    bot, operator = wired_bot(settings_from_env()), cli_actor()
    preview = refused(lambda: announcements.draft(bot.program, operator, message, list(stages) or None))
    click.echo(f"{len(preview.channels)} channels: {' '.join(preview.channels)}")
    if dry_run:
        click.echo("dry run: nothing sent")
        return
    refused(lambda: announcements.send(bot.program, operator, preview.announcement_id))
    if wait:
        deliver_with_progress(bot, preview.announcement_id)
    else:
        click.echo(f"queued as announcement #{preview.announcement_id}; a running worker delivers it")


def deliver_with_progress(bot: Bot, announcement_id: int, *, stop: threading.Event | None = None) -> None:
    """Drain the outbox (honouring Retry-After) until every channel of the announcement got it or failed."""
    from slackbot.services.announcements import progress

    stop, operator = stop or threading.Event(), cli_actor()
    columns = (
        TextColumn("announcement #{task.fields[number]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
    )
    with Progress(*columns) as bar:
        state = progress(bot.program, operator, announcement_id)
        task = bar.add_task("send", total=state.total, number=announcement_id, failed=0)
        while not stop.is_set():
            report = bot.outbox.drain()
            state = progress(bot.program, operator, announcement_id)
            bar.update(task, completed=state.sent + state.failed, failed=state.failed)
            if state.pending == 0:
                break
            wait = (report.next_retry_at - bot.program.now()).total_seconds() if report.next_retry_at else 0.2
            stop.wait(max(wait, 0.05))


COMMANDS = (announce,)
