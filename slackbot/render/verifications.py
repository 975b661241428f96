"""Customer verifications: the modal partners fill in, the staff card, and what the partner is told."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DatePickerElement,
    InputBlock,
)
from slack_sdk.models.views import View

from slackbot.domain.messages.launch import VerificationCard, VerificationConfirmed, VerificationRejected
from slackbot.domain.verifications import VerificationField, VerificationStatus
from slackbot.domain.views.launch import VerificationView
from slackbot.ids import SLASH_COMMAND, ActionId, CallbackId
from slackbot.render.common import (
    Rendered,
    checked,
    context,
    header,
    message,
    modal,
    notice_modal,
    section,
    text_input,
)
from slackbot.render.launch import blockers
from slackbot.render.mrkdwn import Md, code, joined, md, mention, quoted
from slackbot.wire import SlugMeta, encode_id


def _facts(v: VerificationView) -> Md:
    notes = md("\n{notes}", notes=quoted(v.notes[:500])) if v.notes else Md("")
    day = v.verified_on
    return md(
        "*Customer:* {customer} · *Workspace:* {workspace}\n*Contact:* {contact} · *Verified on:* {day}{notes}",
        customer=v.customer, workspace=code(v.workspace), contact=v.contact, day=f"{day:%b} {day.day}, {day.year}",
        notes=notes,
    )  # fmt: skip


def verification_card(p: VerificationCard | VerificationView) -> Rendered:
    """Staff: a customer verification, with Confirm / Reject while it is pending."""
    v = p.verification if isinstance(p, VerificationCard) else p
    title = f"Customer verification: {v.name} ({v.slug})"
    recorded = md(
        "{who} recorded that a customer verified *{name}* ({partner}).\n{facts}",
        who=mention(v.recorded_by), name=v.name, partner=v.partner_name, facts=_facts(v),
    )  # fmt: skip
    blocks: list[Block] = [header(title), section(recorded)]
    if v.status is VerificationStatus.PENDING:
        value = encode_id(v.verification_id)
        confirm = ButtonElement(text="Confirm", action_id=ActionId.CONFIRM_VERIFICATION, value=value, style="primary")
        reject = ButtonElement(text="Reject", action_id=ActionId.REJECT_VERIFICATION, value=value, style="danger")
        blocks.append(ActionsBlock(block_id=f"verification:{value}", elements=[confirm, reject]))
        blocks.append(context(Md("Only confirmed verifications count for the launch rule.")))
    else:
        decided = md(
            "{status} by {who}. Confirmed customers now: {count}.", status=v.status.value.capitalize(),
            who=mention(v.decided_by or ""), count=v.confirmed_total,
        )  # fmt: skip
        blocks.append(context(decided))
    return md("{title} — {status}", title=title, status=v.status.value), checked(blocks)


def verification_confirmed(p: VerificationConfirmed) -> Rendered:
    """To the partner: a verification counts now, and what the launch rule still needs."""
    v = p.verification
    text = md(
        ":white_check_mark: Segment confirmed that *{customer}* verified *{name}*. Confirmed customers: *{count}*.",
        customer=v.customer, name=v.name, count=v.confirmed_total,
    )  # fmt: skip
    status = v.launch
    if status is not None and status.ready:
        return message(text, section(Md("Every launch gate now passes: Segment approves the next step.")))
    missing = blockers(status) if status is not None else []
    if not missing:
        return message(text)
    lines = joined("\n", (md("• {reason}", reason=reason) for reason in missing))
    return message(text, section(md("Still missing:\n{lines}", lines=lines)))


def verification_rejected(p: VerificationRejected) -> Rendered:
    """To the partner: a verification could not be confirmed."""
    v = p.verification
    return message(
        md(
            "Segment could not confirm the verification by *{customer}* (workspace {workspace}) of *{name}*. Reply "
            "here to sort it out, or record another customer with `{command} verify {slug}`.",
            customer=v.customer, workspace=code(v.workspace), name=v.name, command=SLASH_COMMAND, slug=v.slug,
        )
    )  # fmt: skip


def verification_recorded_modal(v: VerificationView) -> View:
    """The verification modal once recorded: what happens next."""
    text = md(
        ":white_check_mark: Recorded: *{customer}* (workspace {workspace}) verified *{name}*. Segment confirms it "
        "with the contact; it counts for the launch rule once confirmed, and you'll get a message then.",
        customer=v.customer, workspace=code(v.workspace), name=v.name,
    )  # fmt: skip
    return notice_modal("Verification recorded", text, close="Done")


def verification_modal(slug: str, name: str, today: date, *, from_home: bool = False) -> View:
    """Record a customer who verified the integration (staff confirm it before it counts)."""
    text = lambda block_id, label, placeholder: text_input(block_id, label, max_length=200, placeholder=placeholder)
    intro = md(
        "A customer verified that *{name}* ({slug}) works in their Segment workspace? Record it here; Segment "
        "confirms it with the contact before it counts for the launch rule.",
        name=name,
        slug=code(slug),
    )
    f = VerificationField
    picker = DatePickerElement(action_id=f.VERIFIED_ON, initial_date=today.isoformat())
    blocks: list[Block] = [
        section(intro),
        text(f.CUSTOMER, "Customer (company)", "Globex Corporation"),
        text(f.WORKSPACE, "Their Segment workspace (name or slug)", "globex-production"),
        text(f.CONTACT, "Contact who verified it (name and email)", "Hank Scorpio <hank@globex.example.com>"),
        InputBlock(block_id=f.VERIFIED_ON, label="Verified on", element=picker),
        text_input(
            f.NOTES, "Notes (what they tested)", multiline=True, max_length=1000, optional=True,
            placeholder="Sent identify and track events; both arrived.",
        ),
    ]  # fmt: skip
    metadata = SlugMeta(slug, from_home)
    return modal(CallbackId.VERIFICATION, "Customer verification", "Record", blocks, metadata)
