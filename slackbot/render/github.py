"""GitHub pull request sync: what the partner and staff read about a pull request closed or pushed to."""

from __future__ import annotations

from slackbot.domain.messages.github import ClosedWithoutMerge, CommitsPushedNote
from slackbot.ids import SLASH_COMMAND
from slackbot.render.common import Rendered, message, when
from slackbot.render.mrkdwn import code, link, md, mention


def closed_without_merge(p: ClosedWithoutMerge) -> Rendered:
    """The pull request was closed unmerged: the partner hears how to go on; staff see it in the card's thread."""
    what = md(
        ":no_entry_sign: The pull request of *{name}* ({slug}) was closed without merging by {who} on {at}: {pr}.",
        name=p.name, slug=code(p.slug), who=mention(p.actor), at=when(p.closed_at, p.timezone),
        pr=link(p.pr_url),
    )  # fmt: skip
    if p.to_staff:
        return message(md("{what}\nIt waits for the partner to resubmit.", what=what))
    return message(
        md(
            "{what}\nReopen it (or open a new one), then resubmit with `{command} submit`.",
            what=what,
            command=SLASH_COMMAND,
        )
    )


def commits_pushed(p: CommitsPushedNote) -> Rendered:
    """In the staff card's thread: new commits were pushed while changes are requested."""
    return message(
        md(
            ":arrow_up: New commits pushed to the pull request of *{name}* ({slug}) by {who}: {pr} (head {sha}).",
            name=p.name,
            slug=code(p.slug),
            who=mention(p.actor),
            pr=link(p.pr_url),
            sha=code(p.head_sha[:7]),
        )
    )
