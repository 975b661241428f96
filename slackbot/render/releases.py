"""Release views: deploy windows, the release-day card, the private-beta notice and the cutoff reminder."""

from __future__ import annotations

from datetime import timedelta

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from slackbot.domain.messages.releases import CutoffReminder, PrivateBeta, ReleaseCardMessage
from slackbot.domain.views.releases import DeployReport, ReleaseCard, ReleaseItem
from slackbot.ids import SLASH_COMMAND, ActionId
from slackbot.render.common import Rendered, checked, context, day_name, header, message, section, when
from slackbot.render.mrkdwn import Md, code, joined, link, md, mention


def _left(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, hours, mins = minutes // 1440, minutes % 1440 // 60, minutes % 60
    return " ".join(part for part in (f"{days}d" if days else "", f"{hours}h" if hours else "", f"{mins}m") if part)


def _item(item: ReleaseItem) -> Md:
    release = md(" → {day}", day=day_name(item.release)) if item.release else Md("")
    return md("• *{name}* ({slug}){release}", name=item.name, slug=code(item.slug), release=release)


def deploy_blocks(report: DeployReport, timezone: str) -> list[Block]:
    """Next release, time left to the cutoff, and the partner's changes that make it or not."""
    window = report.window
    blocks: list[Block] = [
        header(f"Next release: {day_name(window.release)}"),
        section(
            md(
                "Changes approved *and merged* by *{cutoff}* ship in it ({left} left). Later merges ship the "
                "Wednesday after.",
                cutoff=when(window.cutoff, timezone),
                left=_left(report.time_left),
            )
        ),
    ]
    rows = [
        (":white_check_mark: Makes it", report.makes_it),
        (":hourglass: Misses it", report.misses),
        (":twisted_rightwards_arrows: Approved, waiting for Segment to merge", report.waiting_merge),
    ]
    for title, items in rows:
        if items:
            blocks.append(section(md("{title}\n{lines}", title=Md(title), lines=joined("\n", map(_item, items)))))
    if report.frozen:
        days = ", ".join(day_name(d) for d in report.frozen[:10])
        blocks.append(context(md("No release (freeze): {days}", days=days)))
    return checked(blocks)


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
        release=p.release.isoformat(),
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
    """To the partner on cutoff day."""
    return message(
        md(
            ":alarm_clock: *{name}* is approved but not merged yet. Changes merged by *{cutoff}* ship on {day}; "
            "reply here if anything still blocks the merge.",
            name=p.name,
            cutoff=when(p.cutoff, p.timezone),
            day=day_name(p.release),
        )
    )
