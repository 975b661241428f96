"""Launch views: the launch rule and its gates in status, approvals and verifications as messages and cards."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DatePickerElement,
    HeaderBlock,
    InputBlock,
    PlainTextInputElement,
    PlainTextObject,
)
from slack_sdk.models.views import View

from slackbot.domain.launch import LaunchRule, private_beta_url
from slackbot.domain.lifecycle import Stage
from slackbot.domain.messages import MessageKind
from slackbot.domain.views.launch import LaunchReport, LaunchStatus
from slackbot.ids import SLASH_COMMAND, ActionId, CallbackId
from slackbot.render.common import MAX_MESSAGE_BLOCKS, MAX_VIEW_BLOCKS, checked, context, escape, section
from slackbot.render.status import status_blocks as plain_status_blocks

Rendered = tuple[str, list[Any]]
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
    """The private-beta URL and what to do with it (seed 000, "Release to Private Beta")."""
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


def status_blocks(report: LaunchReport) -> list[Block]:
    """/devcenter status, then the launch rule and, for each integration in beta, its URL and gates."""
    blocks = plain_status_blocks(report.status)
    room = MAX_MESSAGE_BLOCKS - len(blocks) - 2
    for status in report.launches[: max(room // 2, 0)]:
        if status.stage is Stage.PRIVATE_BETA:
            blocks.append(section(private_beta_text(status.slug)))
        blocks.append(section(launch_text(status)))
    if len(blocks) < MAX_MESSAGE_BLOCKS - 1:
        blocks.append(context(f"{rule_line(report.rule)}. {rule_sources(report.rule)}"))
    return checked(blocks[:MAX_MESSAGE_BLOCKS])


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
                "Next: keep collecting customer verifications. Segment makes it *public* (general availability) when the "
                f"launch rule is met — see what is still missing with `{SLASH_COMMAND} status` or in my App Home."
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
                "Next: write a blog post or a recipe (https://segment.com/recipes/) showing a problem it solves, or work "
                "with Segment's marketing team on a feature; and keep the integration maintained — fix bugs, follow your API "
                "changes, add what customers ask for."
            ),
        ]
    )


def _verification_facts(p: dict[str, Any]) -> str:
    verified = date.fromisoformat(p["verified_on"])
    notes = f"\n>{escape(p['notes'][:500])}" if p.get("notes") else ""
    return (
        f"*Customer:* {escape(p['customer'])} · *Workspace:* `{escape(p['workspace'])}`\n"
        f"*Contact:* {escape(p['contact'])} · *Verified on:* {verified:%b} {verified.day}, {verified.year}{notes}"
    )


def verification_card(p: dict[str, Any]) -> Rendered:
    """Staff: a customer verification, with Confirm / Reject while it is pending."""
    title = f"Customer verification: {p['name']} ({p['slug']})"
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=title[:150])),
        section(
            f"<@{p['recorded_by']}> recorded that a customer verified *{escape(p['name'])}* "
            f"({escape(p['partner_name'])}).\n{_verification_facts(p)}"
        ),
    ]
    if p["status"] == "pending":
        value = str(p["verification_id"])
        blocks.append(
            ActionsBlock(
                block_id=f"verification:{value}",
                elements=[
                    ButtonElement(
                        text="Confirm", action_id=ActionId.CONFIRM_VERIFICATION, value=value, style="primary"
                    ),
                    ButtonElement(text="Reject", action_id=ActionId.REJECT_VERIFICATION, value=value, style="danger"),
                ],
            )
        )
        blocks.append(context("Only confirmed verifications count for the launch rule."))
    else:
        blocks.append(
            context(f"{p['status'].capitalize()} by <@{p['decided_by']}>. Confirmed customers now: {p['confirmed']}.")
        )
    return f"{title} — {p['status']}", checked(blocks)


def verification_confirmed(p: dict[str, Any]) -> Rendered:
    """To the partner: a verification counts now, and what the launch rule still needs."""
    text = (
        f":white_check_mark: Segment confirmed that *{escape(p['customer'])}* verified *{escape(p['name'])}*. "
        f"Confirmed customers: *{p['confirmed']}*."
    )
    rest = (
        "Every launch gate now passes: Segment approves the next step."
        if p["ready"]
        else "Still missing:\n" + "\n".join(f"• {escape(m)}" for m in p["missing"])
        if p["missing"]
        else ""
    )
    return text, checked([section(text), *([section(rest)] if rest else [])])


def verification_rejected(p: dict[str, Any]) -> Rendered:
    """To the partner: a verification could not be confirmed."""
    text = (
        f"Segment could not confirm the verification by *{escape(p['customer'])}* (workspace "
        f"`{escape(p['workspace'])}`) of *{escape(p['name'])}*. Reply here to sort it out, or record another "
        f"customer with `{SLASH_COMMAND} verify {p['slug']}`."
    )
    return text, checked([section(text)])


RENDERERS = {
    MessageKind.PUBLIC_BETA_APPROVED: public_beta_approved,
    MessageKind.PUBLIC_APPROVED: public_approved,
    MessageKind.VERIFICATION_CARD: verification_card,
    MessageKind.VERIFICATION_CONFIRMED: verification_confirmed,
    MessageKind.VERIFICATION_REJECTED: verification_rejected,
}


def verification_modal(slug: str, name: str, today: date, *, from_home: bool = False) -> View:
    """Record a customer who verified the integration (staff confirm it before it counts)."""

    def text(
        block_id: str, label: str, placeholder: str, *, multiline: bool = False, optional: bool = False
    ) -> InputBlock:
        return InputBlock(
            block_id=block_id,
            label=label,
            optional=optional,
            element=PlainTextInputElement(
                action_id=block_id,
                multiline=multiline,
                max_length=1000 if multiline else 200,
                placeholder=PlainTextObject(text=placeholder),
            ),
        )

    blocks: list[Block] = [
        section(
            f"A customer verified that *{escape(name)}* (`{slug}`) works in their Segment workspace? Record it "
            "here; Segment confirms it with the contact before it counts for the launch rule."
        ),
        text("customer", "Customer (company)", "Globex Corporation"),
        text("workspace", "Their Segment workspace (name or slug)", "globex-production"),
        text("contact", "Contact who verified it (name and email)", "Hank Scorpio <hank@globex.example.com>"),
        InputBlock(
            block_id="verified_on",
            label="Verified on",
            element=DatePickerElement(action_id="verified_on", initial_date=today.isoformat()),
        ),
        text(
            "notes",
            "Notes (what they tested)",
            "Sent identify and track events; both arrived.",
            multiline=True,
            optional=True,
        ),
    ]
    return View(
        type="modal",
        callback_id=CallbackId.VERIFICATION,
        title="Customer verification",
        submit="Record",
        close="Cancel",
        private_metadata=json.dumps({"slug": slug, "home": from_home}),
        blocks=checked(blocks, MAX_VIEW_BLOCKS),
    )


def notice_modal(title: str, text: str) -> View:
    """A read-only message in a modal (for Home buttons, which have no response_url to answer on)."""
    return View(type="modal", callback_id=CallbackId.NOTICE, title=title[:24], close="Close", blocks=[section(text)])
