"""The coming releases in words: one plan per release day, drawn the same way in /devcenter deploys and App Home."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slackbot.domain.launch import private_beta_url
from slackbot.domain.views.releases import ReleaseItem, ReleasePlan
from slackbot.render.common import day_name, pr_link, when
from slackbot.render.mrkdwn import Md, code, joined, link, md

MAX_ITEMS = 10  # per list of a plan; the rest is counted
MAX_LIST_CHARS = 2900  # a list is one section: Slack takes 3,000 characters, and a clipped link would show broken


def release_title(plan: ReleasePlan, window_release: date, timezone: str) -> Md:
    """'Release of Wednesday Nov 25 — merge cutoff Tue Nov 24, 5:00 PM PST (passed)'."""
    kind = " (emergency)" if plan.emergency else ""
    today = " — today" if plan.today else ""
    if plan.cutoff is None:
        return md("*Release of {day}*{kind}{today}", day=day_name(plan.release), kind=kind, today=today)
    passed = " (passed)" if plan.release < window_release else ""
    return md(
        "*Release of {day}*{kind}{today} — merge cutoff {cutoff}{passed}",
        day=day_name(plan.release), kind=kind, today=today, cutoff=when(plan.cutoff, timezone), passed=passed,
    )  # fmt: skip


def item_line(item: ReleaseItem, timezone: str) -> Md:
    """One integration of a release list, with its card (staff), pull request, merge and shipping times."""
    name = link(item.link, item.name) if item.link else md("*{name}*", name=item.name)
    facts = []
    if item.released_at is not None:
        facts.append(md("shipped {at}", at=when(item.released_at, timezone)))
    elif item.merged_at is not None:
        facts.append(md("merged {at}", at=when(item.merged_at, timezone)))
    if item.carried_from is not None:
        facts.append(md("carried over from {day}", day=day_name(item.carried_from)))
    if item.pr_url:
        facts.append(md("PR {pr}", pr=pr_link(item.pr_url)))
    return md(
        "• {name} ({slug}, {partner}){facts}", name=name, slug=code(item.slug), partner=item.partner_name,
        facts=md(" — {facts}", facts=joined(" · ", facts)) if facts else Md(""),
    )  # fmt: skip


def _items(title: str, items: Sequence[ReleaseItem], timezone: str) -> Md:
    """A titled list that fits one section: at most MAX_ITEMS lines and MAX_LIST_CHARS characters; the rest counted."""
    lines: list[Md] = []
    size = len(title) + 40
    for line in (item_line(i, timezone) for i in items[:MAX_ITEMS]):
        if size + len(line) > MAX_LIST_CHARS:
            break
        lines.append(line)
        size += len(line) + 1
    more = md("\n…and {n} more", n=len(items) - len(lines)) if len(items) > len(lines) else Md("")
    return md("{title} ({count})\n{lines}{more}", title=Md(title), count=len(items), lines=joined("\n", lines),
              more=more)  # fmt: skip


def plan_parts(plan: ReleasePlan, window_release: date, timezone: str) -> list[Md]:
    """A release for staff, one part per section: its title, what shipped in it, what ships in it, and what would
    make it if merged by the cutoff."""
    parts = [release_title(plan, window_release, timezone)]
    if plan.shipped:
        parts.append(_items(":rocket: Shipped to private beta", plan.shipped, timezone))
    if plan.ships:
        parts.append(_items(":package: Approved and merged: ships in it", plan.ships, timezone))
    if plan.waiting:
        parts.append(_items(":hourglass_flowing_sand: Approved, not merged yet", plan.waiting, timezone))
    if not (plan.shipped or plan.ships or plan.waiting):
        parts[0] = md("{title}\n_nothing approved and merged for it yet_", title=parts[0])
    return parts


def names_of(items: Sequence[ReleaseItem]) -> Md:
    """'*Acme Analytics*, *Acme Journeys*'."""
    return joined(", ", (md("*{name}*", name=i.name) for i in items))


def partner_lines(plans: Sequence[ReleasePlan], window_release: date) -> list[Md]:
    """A partner's own work in each release: shipped today (with its private-beta URL), shipping, coming later."""
    lines = []
    for plan in plans:
        day = day_name(plan.release)
        for item in plan.shipped:
            lines.append(md(
                ":rocket: *Shipped today* in the {day} release: *{name}* is in private beta. You and your customers "
                "reach it at {url}", day=day, name=item.name, url=link(private_beta_url(item.slug)),
            ))  # fmt: skip
        if plan.ships and plan.today:
            lines.append(
                md(
                    ":package: *Today's release* ({day}): {names} ships today; you get the private-beta URL "
                    "as soon as Segment marks the release shipped.",
                    day=day,
                    names=names_of(plan.ships),
                )
            )
        elif plan.ships and plan.release < window_release:
            lines.append(
                md(
                    ":package: *{day} release* (merge cutoff passed): {names} ships in it; you get the "
                    "private-beta URL when it ships.",
                    day=day,
                    names=names_of(plan.ships),
                )
            )
        elif plan.ships and plan.release > window_release:
            lines.append(md(":calendar: *{day} release*: {names} ships in it.", day=day, names=names_of(plan.ships)))
    return lines
