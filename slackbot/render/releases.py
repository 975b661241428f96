"""Release views: deploy windows, the release-day card, the private-beta notice and the cutoff reminder."""

from __future__ import annotations

from datetime import timedelta

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from slackbot.domain.messages.releases import CutoffReminder, PrivateBeta, ReleaseCardMessage
from slackbot.domain.views.releases import DeployReport, ReleaseCard, ReleaseItem
from slackbot.ids import SLASH_COMMAND, ActionId
from slackbot.render.common import (
    MAX_MESSAGE_BLOCKS,
    Rendered,
    checked,
    context,
    day_name,
    header,
    message,
    pr_link,
    section,
    when,
)
from slackbot.render.mrkdwn import Md, code, joined, link, md, mention
from slackbot.render.releases_plans import partner_lines, plan_parts


def _left(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, hours, mins = minutes // 1440, minutes % 1440 // 60, minutes % 60
    return " ".join(part for part in (f"{days}d" if days else "", f"{hours}h" if hours else "", f"{mins}m") if part)


def _item(item: ReleaseItem) -> Md:
    release = md(" → {day}", day=day_name(item.release)) if item.release else Md("")
    return md("• *{name}* ({slug}){release}", name=item.name, slug=code(item.slug), release=release)


def deploy_blocks(report: DeployReport, timezone: str) -> list[Block]:
    """Next release and time left to its cutoff; then every release from today on (staff) or the partner's work."""
    window = report.window
    blocks: list[Block] = [
        header(f"Next release: {day_name(window.release)}"),
        section(
            md(
                "Changes approved *and merged* by *{cutoff}* ship in it ({left} left). Later merges ship the "
                "Wednesday after. Segment merges approved pull requests.",
                cutoff=when(window.cutoff, timezone),
                left=_left(report.time_left),
            )
        ),
    ]
    blocks += _staff_blocks(report, timezone) if report.staff else _partner_blocks(report)
    if report.frozen:
        days = "; ".join(f"{day_name(f.day)} (its work ships {day_name(f.moves_to)})" for f in report.frozen[:10])
        blocks.append(context(md("No release (freeze): {days}", days=days)))
    return checked(blocks)


def _staff_blocks(report: DeployReport, timezone: str) -> list[Block]:
    """Every release from today on, in order, with what it ships, shipped and waits for."""
    parts = [part for plan in report.plans for part in plan_parts(plan, report.window.release, timezone)]
    room = MAX_MESSAGE_BLOCKS - 4
    blocks: list[Block] = [section(part) for part in parts[:room]]
    if len(parts) > room:
        blocks.append(context(md("…and {n} more lists, past what one Slack message holds.", n=len(parts) - room)))
    return blocks


def _partner_blocks(report: DeployReport) -> list[Block]:
    """The partner's changes: shipping before the window, making it, waiting for a merge, missing it."""
    blocks: list[Block] = [section(line) for line in partner_lines(report.earlier, report.window.release)]
    plan = report.plan(report.window.release)
    rows = [
        (":white_check_mark: Makes it", plan.ships if plan else ()),
        (":twisted_rightwards_arrows: Approved, waiting for Segment to merge", plan.waiting if plan else ()),
        (":hourglass: Misses it (merged after the cutoff)", tuple(i for p in report.later for i in p.ships)),
    ]
    for title, items in rows:
        if items:
            blocks.append(section(md("{title}\n{lines}", title=Md(title), lines=joined("\n", map(_item, items)))))
    return blocks[: MAX_MESSAGE_BLOCKS - 4]


def release_card(p: ReleaseCardMessage) -> Rendered:
    """Release day for staff: what ships, and the button (or who shipped it)."""
    return release_card_text(p.card), release_card_blocks(p.card)


def release_card_text(card: ReleaseCard) -> Md:
    """Fallback text of the release card."""
    return md("Release {day}: {count} integrations", day=card.release.isoformat(), count=len(card.items))


def release_card_blocks(card: ReleaseCard) -> list[Block]:
    """The release card's blocks."""
    lines = [
        md("• *{name}* ({slug}) — {partner}", name=i.name, slug=code(i.slug), partner=i.partner_name)
        for i in card.items[:40]
    ]
    items = joined("\n", lines) or Md("Nothing is approved and merged for this release.")
    blocks: list[Block] = [header(f"Release day: {day_name(card.release)}"), section(items)]
    if card.shipped_by and card.shipped_at:
        shipped = md(
            ":rocket: Shipped by {who} · {at} — {count} moved to private beta",
            who=mention(card.shipped_by),
            at=when(card.shipped_at, card.timezone),
            count=len(card.items),
        )
        blocks.append(context(shipped))
    elif card.items:
        ship = ButtonElement(
            text="Mark release shipped",
            action_id=ActionId.SHIP_RELEASE,
            value=card.release.isoformat(),
            style="primary",
        )
        blocks.append(ActionsBlock(elements=[ship]))
    return checked(blocks)


def private_beta(p: PrivateBeta) -> Rendered:
    """To the partner: shipped to private beta, with the URL and what to do next."""
    text = md(
        ":lock: *{name}* shipped in the {release} release and is in *private beta*. It is not listed in the catalog "
        "yet; you and your customers reach it at {url}.",
        name=p.name,
        release=day_name(p.release),
        url=link(p.url),
    )
    next_steps = md(
        "Next: check that the catalog page renders correctly, then invite one or more customers to install it from "
        "that URL. At least one customer must verify that it works before it can go public; record each "
        "verification with `{command} verify` or from my App Home.",
        command=SLASH_COMMAND,
    )
    return message(text, section(next_steps))


def cutoff_reminder(p: CutoffReminder) -> Rendered:
    """To the partner on cutoff day: Segment merges; what the partner can still do before the cutoff."""
    text = md(
        ":alarm_clock: *Merge cutoff today for {name}.* It is approved, and Segment merges approved pull requests: "
        "what Segment has merged by *{cutoff}* ships in the {day} release{later}.",
        name=p.name,
        cutoff=when(p.cutoff, p.timezone),
        day=day_name(p.release),
        later=md("; a later merge ships on {day}", day=day_name(p.following)) if p.following else Md(""),
    )
    pr = pr_link(p.pr_url) if p.pr_url else Md("your pull request")
    if p.open_requests:
        titles = joined(", ", (md("*{title}*", title=t) for t in p.open_requests))
        todo = md(
            "Before the cutoff: answer Segment's open request for {titles} (the *Answer* button on Segment's message "
            "or in my App Home), and push any last review fixes to {pr}. Segment merges it once nothing waits on you.",
            titles=titles,
            pr=pr,
        )
    else:
        todo = md(
            "Nothing is waiting on you. If you still plan a change, push it to {pr} and reply here before the cutoff; "
            "otherwise Segment merges it as approved.",
            pr=pr,
        )
    after = Md("When the release ships, you get the private-beta URL here.")
    return message(text, section(todo), context(after))
