"""Withdrawals: the confirmation modal (what withdrawing means), its result, and what partner and staff are told."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement
from slack_sdk.models.views import View

from slackbot.domain.access import SUPPORT_EMAIL
from slackbot.domain.lifecycle import stage_label
from slackbot.domain.messages.withdrawals import IntegrationWithdrawn
from slackbot.domain.text import MAX_NOTE
from slackbot.domain.views.reviews import Withdrawal
from slackbot.ids import SLASH_COMMAND, ActionId, BlockId, CallbackId
from slackbot.render.common import Rendered, context, message, modal, notice_modal, section, text_input
from slackbot.render.mrkdwn import Md, code, joined, md, mention, quoted
from slackbot.wire import WithdrawMeta


def _integration(name: str, slug: str) -> Md:
    return md("*{name}* ({slug})", name=name, slug=code(slug))


def _consequences(w: Withdrawal) -> Md:
    lines = [
        Md("• Segment stops work on it: no review, release or launch step, and its staff card's buttons are retired."),
        md("• It cannot be submitted again as {slug}: withdrawing is final. To come back, submit it under a new slug, "
           "or write to {email}.", slug=code(w.slug), email=SUPPORT_EMAIL),
    ]  # fmt: skip
    if w.open_requests:
        lines.insert(1, md("• Segment's {count} open request(s) on it close unanswered.", count=w.open_requests))
    return joined("\n", lines)


def withdraw_modal(w: Withdrawal, *, from_home: bool = False) -> View:
    """Are you sure? Names the integration and what withdrawing means; Cancel changes nothing."""
    who = md(" of {partner}", partner=w.partner_name) if w.by_staff else Md("")
    blocks: list[Block] = [
        section(
            md(
                "Withdraw {integration}{who} from the Developer Center? It is *{stage}* now.",
                integration=_integration(w.name, w.slug), who=who, stage=stage_label(w.stage).lower(),
            )
        ),
        section(md("*What withdrawing means*\n{lines}", lines=_consequences(w))),
        text_input(
            BlockId.REASON, "Why? (optional; Segment and the partner see it)", multiline=True, max_length=MAX_NOTE,
            optional=True,
        ),
    ]  # fmt: skip
    meta = WithdrawMeta(w.slug, w.stage.value, from_home)
    return modal(CallbackId.WITHDRAW, "Withdraw integration", "Withdraw", blocks, meta, close="Cancel")


def withdrawn_modal(w: Withdrawal) -> View:
    """The confirmation modal after it was withdrawn."""
    text = md(
        ":wave: {integration} is withdrawn. Segment has been told, and its staff card no longer offers any action.",
        integration=_integration(w.name, w.slug),
    )
    return notice_modal("Withdrawn", text, close="Done")


def withdraw_prompt(w: Withdrawal) -> Rendered:
    """After a mention (no modal can open there): a button that opens the confirmation."""
    button = ButtonElement(text="Withdraw…", action_id=ActionId.OPEN_WITHDRAW, value=w.slug, style="danger")
    text = md("Withdraw {integration}? I'll ask you to confirm first.", integration=_integration(w.name, w.slug))
    return message(text, ActionsBlock(elements=[button]))


def integration_withdrawn(p: IntegrationWithdrawn) -> Rendered:
    """To the partner, and in the staff card's thread: withdrawn, by whom, why."""
    by = md("{who} (Segment)", who=mention(p.actor)) if p.by_staff else mention(p.actor)
    reason = md("\n{note}", note=quoted(p.note)) if p.note else Md("")
    text = md(
        ":wave: {integration} was withdrawn by {by} (it was {stage}).{reason}",
        integration=_integration(p.name, p.slug), by=by, stage=stage_label(p.from_stage).lower(), reason=reason,
    )  # fmt: skip
    again = md(
        "To come back, submit it under a new slug with `{command} submit`, or write to {email}.",
        command=SLASH_COMMAND, email=SUPPORT_EMAIL,
    )  # fmt: skip
    return message(text, context(again))
