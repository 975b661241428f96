"""Release views: deploy windows, the release-day card, announcements and their delivery log."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
)

from slackbot.domain.views.releases import DeployReport, ReleaseCard
from slackbot.ids import ActionId
from slackbot.render.common import Rendered, checked, context, day_name, escape, header, section, when


def _left(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, hours, mins = minutes // 1440, minutes % 1440 // 60, minutes % 60
    return " ".join(part for part in (f"{days}d" if days else "", f"{hours}h" if hours else "", f"{mins}m") if part)


def deploy_blocks(report: DeployReport, timezone: str) -> list[Block]:
    """Next release, time left to the cutoff, and the partner's changes that make it or not."""
    window = report.window
    blocks: list[Block] = [
        header(f"Next release: {day_name(window.release)}"),
        section(
            f"Changes approved *and merged* by *{when(window.cutoff, timezone)}* ship in it "
            f"({_left(report.time_left)} left). Later merges ship the Wednesday after."
        ),
    ]
    rows = [
        (":white_check_mark: Makes it", report.makes_it),
        (":hourglass: Misses it", report.misses),
        (":twisted_rightwards_arrows: Approved, waiting for Segment to merge", report.waiting_merge),
    ]
    for title, items in rows:
        if items:
            lines = "\n".join(
                f"• *{escape(i.name)}* (`{i.slug}`)" + (f" → {day_name(i.release)}" if i.release else "") for i in items
            )
            blocks.append(section(f"{title}\n{lines}"))
    if report.frozen:
        blocks.append(context("No release (freeze): " + ", ".join(day_name(d) for d in report.frozen[:10])))
    return checked(blocks)


def release_card(p: dict[str, Any]) -> Rendered:
    """Release day for staff: what ships, and the button (or who shipped it)."""
    card = ReleaseCard.from_payload(p)
    return release_card_text(card), release_card_blocks(card)


def release_card_text(card: ReleaseCard) -> str:
    """Fallback text of the release card."""
    return f"Release {card.release.isoformat()}: {len(card.items)} integrations"


def release_card_blocks(card: ReleaseCard) -> list[Block]:
    """The release card's blocks."""
    items = "\n".join(f"• *{escape(i.name)}* (`{i.slug}`) — {escape(i.partner_name)}" for i in card.items[:40])
    blocks: list[Block] = [
        header(f"Release day: {day_name(card.release)}"),
        section(items or "Nothing is approved and merged for this release."),
    ]
    if card.shipped_by and card.shipped_at:
        blocks.append(
            context(
                f":rocket: Shipped by <@{card.shipped_by}> · {when(card.shipped_at, card.timezone)} — "
                f"{len(card.items)} moved to private beta"
            )
        )
    elif card.items:
        blocks.append(
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text="Mark release shipped",
                        action_id=ActionId.SHIP_RELEASE,
                        value=card.release.isoformat(),
                        style="primary",
                    )
                ]
            )
        )
    return checked(blocks)


def private_beta(p: dict[str, Any]) -> Rendered:
    """To the partner: shipped to private beta, with the URL and what to do next."""
    text = (
        f":lock: *{escape(p['name'])}* shipped in the {p['release']} release and is in *private beta*. It is not "
        f"listed in the catalog yet; you and your customers reach it at <{p['url']}>."
    )
    return text, checked(
        [
            section(text),
            section(
                "Next: check that the catalog page renders correctly, then invite one or more customers to install it "
                "from that URL. At least one customer must verify that it works before it can go public; record each "
                "verification with `/devcenter verify` or from my App Home."
            ),
        ]
    )


def cutoff_reminder(p: dict[str, Any]) -> Rendered:
    """To the partner on cutoff day."""
    cutoff = datetime.fromisoformat(p["cutoff"])
    text = (
        f":alarm_clock: *{escape(p['name'])}* is approved but not merged yet. Changes merged by "
        f"*{when(cutoff, p['timezone'])}* ship on {day_name(date.fromisoformat(p['release']))}; reply here if "
        "anything still blocks the merge."
    )
    return text, checked([section(text)])
