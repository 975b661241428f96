"""Launch views: the launch rule and its gates in status, approvals and verifications as messages and cards."""

from __future__ import annotations

from typing import Any

from slackbot.domain.launch import LaunchRule, private_beta_url
from slackbot.domain.lifecycle import Stage
from slackbot.domain.views.launch import LaunchStatus
from slackbot.ids import SLASH_COMMAND
from slackbot.render.common import Rendered, checked, escape, section

STEP_NAMES = {Stage.PUBLIC_BETA: "public beta", Stage.PUBLIC: "public (GA)"}


def rule_line(rule: LaunchRule) -> str:
    """The active rule in one line."""
    return f"*Launch rule:* {escape(rule.title)} (`{rule.key}` v{rule.version})"


def rule_sources(rule: LaunchRule) -> str:
    """Where each clause of the rule comes from, with the date it was read."""
    seen = dict.fromkeys(c.source for c in rule.clauses)
    return "Sources: " + " · ".join(
        f"<{s.url}|{escape(s.title.split(':')[0][:120])}> (as of {s.as_of:%Y-%m-%d})" for s in seen
    )


def private_beta_text(slug: str) -> str:
    """The private-beta URL and what to do with it (the overview's "Release to Private Beta")."""
    return (
        f":lock: Private-beta URL: <{private_beta_url(slug)}>\nCheck that the catalog page renders correctly, "
        "then give the URL to one or more customers. When a customer has verified that it works, record it with "
        f"`{SLASH_COMMAND} verify {slug}` (or *Record a verification* in my App Home); Segment confirms it."
    )


def launch_text(status: LaunchStatus) -> str:
    """Gates of the next launch step: what the rule needs, what is met, what is missing."""
    lines = [
        f"*{escape(status.name)}* (`{status.slug}`) — confirmed customers: *{status.confirmed}*"
        + (f", {status.pending} waiting for Segment to confirm" if status.pending else "")
    ]
    evaluation = status.evaluation
    if evaluation is None:
        lines.append("Public: no launch gate left.")
        return "\n".join(lines)
    step = STEP_NAMES[evaluation.step]
    lines.append(
        f"*For {step}:* "
        + ("; ".join(evaluation.needs) or "no customer requirement")
        + (" and complete catalog metadata" if evaluation.step is Stage.PUBLIC_BETA else "")
    )
    if status.ready:
        lines.append(f":white_check_mark: Every gate passes: Segment can approve {step}.")
    else:
        lines += [f":x: {escape(b)}" for b in status.blockers()]
    return "\n".join(lines)


def public_beta_approved(p: dict[str, Any]) -> Rendered:
    """To the partner: public beta, listed in the catalog."""
    text = (
        f":seedling: *{escape(p['name'])}* (`{p['slug']}`) is approved for *public beta*: it is now listed in the "
        "Segment catalog, so any Segment workspace can find and install it (marked beta)."
    )
    return text, checked(
        [
            section(text),
            section(
                "Next: keep collecting customer verifications. Segment makes it *public* (general availability) "
                f"when the launch rule is met — see what is still missing with `{SLASH_COMMAND} status` or in my "
                "App Home."
            ),
        ]
    )


def public_approved(p: dict[str, Any]) -> Rendered:
    """To the partner: public (GA), New & Noteworthy."""
    text = (
        f":rocket: *{escape(p['name'])}* (`{p['slug']}`) is *public*! Any Segment customer can find it in the "
        "catalog, and it will be featured on the *New & Noteworthy* page."
    )
    return text, checked(
        [
            section(text),
            section(
                "Next: write a blog post or a recipe (https://segment.com/recipes/) showing a problem it solves, or "
                "work with Segment's marketing team on a feature; and keep the integration maintained — fix bugs, "
                "follow your API changes, add what customers ask for."
            ),
        ]
    )
