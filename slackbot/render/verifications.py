"""Customer verifications: the modal partners fill in, the staff card, and what the partner is told."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DatePickerElement,
    InputBlock,
)
from slack_sdk.models.views import View

from slackbot.ids import SLASH_COMMAND, ActionId, CallbackId
from slackbot.render.common import Rendered, checked, context, escape, header, modal, section, text_input


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
        header(title),
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


def verification_modal(slug: str, name: str, today: date, *, from_home: bool = False) -> View:
    """Record a customer who verified the integration (staff confirm it before it counts)."""
    text = lambda block_id, label, placeholder: text_input(block_id, label, max_length=200, placeholder=placeholder)
    intro = (
        f"A customer verified that *{escape(name)}* (`{slug}`) works in their Segment workspace? Record it "
        "here; Segment confirms it with the contact before it counts for the launch rule."
    )
    picker = DatePickerElement(action_id="verified_on", initial_date=today.isoformat())
    blocks: list[Block] = [
        section(intro),
        text("customer", "Customer (company)", "Globex Corporation"),
        text("workspace", "Their Segment workspace (name or slug)", "globex-production"),
        text("contact", "Contact who verified it (name and email)", "Hank Scorpio <hank@globex.example.com>"),
        InputBlock(block_id="verified_on", label="Verified on", element=picker),
        text_input(
            "notes", "Notes (what they tested)", multiline=True, max_length=1000, optional=True,
            placeholder="Sent identify and track events; both arrived.",
        ),
    ]  # fmt: skip
    metadata = {"slug": slug, "home": from_home}
    return modal(CallbackId.VERIFICATION, "Customer verification", "Record", blocks, metadata)
