"""Launch views: the launch rule and its gates (what each step needs, what is missing), the approval notices."""

from __future__ import annotations

from slackbot.domain.launch import LaunchRule, Need, Requirement, Shortfall, private_beta_url
from slackbot.domain.lifecycle import Stage
from slackbot.domain.messages.launch import PublicApproved, PublicBetaApproved
from slackbot.domain.views.launch import LaunchStatus
from slackbot.ids import SLASH_COMMAND
from slackbot.render.common import Rendered, message, section
from slackbot.render.mrkdwn import Md, code, joined, link, md

STEP_NAMES = {Stage.PUBLIC_BETA: "public beta", Stage.PUBLIC: "public (GA)"}
STAGE_NAMES = {Stage.PRIVATE_BETA: "private beta", Stage.PUBLIC_BETA: "public beta"}
MAX_PROBLEMS_SHOWN = 4


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def requirement_text(requirement: Requirement) -> str:
    """What one requirement asks, e.g. '14 days in public beta'."""
    amount = requirement.amount
    if requirement.need is Need.CUSTOMERS:
        return _plural(amount, "confirmed customer verification")
    if requirement.need is Need.DAYS:
        return f"{_plural(amount, 'day')} in {STAGE_NAMES[requirement.stage]}"
    return f"Enable with Segment / OAuth once {amount} customers are confirmed"


def shortfall_text(shortfall: Shortfall) -> str:
    """What is still missing, e.g. '11 more days in public beta (3 of 14)'."""
    need, have = shortfall.requirement, shortfall.have
    if need.need is Need.CUSTOMERS:
        more = need.amount - have
        return f"{more} more confirmed customer verification{'' if more == 1 else 's'} ({have} of {need.amount})"
    if need.need is Need.DAYS:
        return f"{_plural(need.amount - have, 'more day')} in {STAGE_NAMES[need.stage]} ({have} of {need.amount})"
    return f"Enable with Segment / OAuth ({have} confirmed customers; required from {need.amount})"


def blockers(status: LaunchStatus) -> list[str]:
    """Why the next launch step is not possible yet, in words (metadata first for public beta)."""
    if status.evaluation is None:
        return []
    reasons = [f"Launch rule: {shortfall_text(m)}" for m in status.evaluation.missing]
    problems = status.metadata_problems
    if status.evaluation.step is Stage.PUBLIC_BETA and problems:
        more = f" (+{len(problems) - MAX_PROBLEMS_SHOWN} more)" if len(problems) > MAX_PROBLEMS_SHOWN else ""
        reasons.insert(0, "Catalog metadata: " + " ".join(p.message for p in problems[:MAX_PROBLEMS_SHOWN]) + more)
    return reasons


def rule_line(rule: LaunchRule) -> Md:
    """The active rule in one line."""
    return md("*Launch rule:* {title} ({key} v{version})", title=rule.title, key=code(rule.key), version=rule.version)


def rule_sources(rule: LaunchRule) -> Md:
    """Where each clause of the rule comes from, with the date it was read."""
    seen = dict.fromkeys(c.source for c in rule.clauses)
    sources = (
        md("{link} (as of {day})", link=link(s.url, s.title.split(":")[0][:120]), day=f"{s.as_of:%Y-%m-%d}")
        for s in seen
    )
    return md("Sources: {sources}", sources=joined(" · ", sources))


def private_beta_text(slug: str) -> Md:
    """The private-beta URL and what to do with it (the overview's "Release to Private Beta")."""
    return md(
        ":lock: Private-beta URL: {url}\nCheck that the catalog page renders correctly, then give the URL to one or "
        "more customers. When a customer has verified that it works, record it with `{command} verify {slug}` (or "
        "*Record a verification* in my App Home); Segment confirms it.",
        url=link(private_beta_url(slug)),
        command=SLASH_COMMAND,
        slug=slug,
    )


def launch_text(status: LaunchStatus) -> Md:
    """Gates of the next launch step: what the rule needs, what is met, what is missing."""
    waiting = f", {status.pending} waiting for Segment to confirm" if status.pending else ""
    lines = [
        md("*{name}* ({slug}) — confirmed customers: *{confirmed}*{waiting}", name=status.name,
           slug=code(status.slug), confirmed=status.confirmed, waiting=waiting)
    ]  # fmt: skip
    evaluation = status.evaluation
    if evaluation is None:
        return joined("\n", [*lines, Md("Public: no launch gate left.")])
    step = STEP_NAMES[evaluation.step]
    needs = "; ".join(map(requirement_text, evaluation.needs)) or "no customer requirement"
    metadata = " and complete catalog metadata" if evaluation.step is Stage.PUBLIC_BETA else ""
    lines.append(md("*For {step}:* {needs}{metadata}", step=step, needs=needs, metadata=metadata))
    if status.ready:
        lines.append(md(":white_check_mark: Every gate passes: Segment can approve {step}.", step=step))
    else:
        lines += [md(":x: {reason}", reason=reason) for reason in blockers(status)]
    return joined("\n", lines)


def public_beta_approved(p: PublicBetaApproved) -> Rendered:
    """To the partner: public beta, listed in the catalog."""
    text = md(
        ":seedling: *{name}* ({slug}) is approved for *public beta*: it is now listed in the Segment catalog, so any "
        "Segment workspace can find and install it (marked beta).",
        name=p.name,
        slug=code(p.slug),
    )
    next_steps = md(
        "Next: keep collecting customer verifications. Segment makes it *public* (general availability) when the "
        "launch rule is met — see what is still missing with `{command} status` or in my App Home.",
        command=SLASH_COMMAND,
    )
    return message(text, section(next_steps))


def public_approved(p: PublicApproved) -> Rendered:
    """To the partner: public (GA), New & Noteworthy."""
    text = md(
        ":rocket: *{name}* ({slug}) is *public*! Any Segment customer can find it in the catalog, and it will be "
        "featured on the *New & Noteworthy* page.",
        name=p.name,
        slug=code(p.slug),
    )
    next_steps = Md(
        "Next: write a blog post or a recipe (https://segment.com/recipes/) showing a problem it solves, or work with "
        "Segment's marketing team on a feature; and keep the integration maintained — fix bugs, follow your API "
        "changes, add what customers ask for."
    )
    return message(text, section(next_steps))
