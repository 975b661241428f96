"""`devcenter-bot announce MESSAGE`: a channel-wide announcement, delivered with a progress bar (rich)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from slackbot.cli.support import cli_actor, program_for, refused, settings_from_env, slack_reachable, wired_bot

if TYPE_CHECKING:  # the Bolt app is imported only by the commands that run it: `partners import` starts fast
    from slackbot.app import Bot


@click.command()
@click.argument("message")
@click.option("--stage", "stages", multiple=True, help="only partners with an integration at this stage (repeat)")
@click.option("--dry-run", is_flag=True, help="show the channels it would reach, send nothing (no Slack needed)")
@click.option("--wait/--no-wait", default=True, show_default=True, help="deliver now with a progress bar")
@click.option("--again", is_flag=True, help="send it even though the same text went out in the last 24 hours")
def announce(message: str, stages: tuple[str, ...], dry_run: bool, wait: bool, again: bool) -> None:
    """Send MESSAGE to every partner's shared channel (and the announcements channel), at Slack's pace."""
    from slackbot.services import announcements

    settings, operator = settings_from_env(), cli_actor()
    if dry_run:
        preview = refused(lambda: announcements.draft(program_for(settings), operator, message, list(stages) or None))
        click.echo(f"{len(preview.channels)} channels: {' '.join(preview.channels)}")
        click.echo("dry run: nothing sent")
        return
    bot = wired_bot(settings)
    slack_reachable(bot)  # before anything is queued: an unreachable Slack leaves nothing behind to resend
    earlier = None if again else refused(lambda: announcements.same_sent_recently(bot.program, operator, message))
    if earlier is not None:
        raise click.ClickException(
            f"announcement #{earlier} with the same text went out in the last 24 hours and the outbox delivers it "
            "(`/devcenter announce status` in Slack shows where it stands); use --again to send it once more"
        )
    preview = refused(lambda: announcements.draft(bot.program, operator, message, list(stages) or None))
    click.echo(f"{len(preview.channels)} channels: {' '.join(preview.channels)}")
    refused(lambda: announcements.send(bot.program, operator, preview.announcement_id))
    if wait:
        try:
            deliver_with_progress(bot, preview.announcement_id)
        except KeyboardInterrupt:
            raise click.ClickException(
                f"interrupted: announcement #{preview.announcement_id} stays queued and a running worker delivers "
                "the rest, once each (do not run the command again)"
            ) from None
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
