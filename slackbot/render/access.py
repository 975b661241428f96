"""Access requests: the survey modal and what the requester is told."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, CheckboxesElement, InputBlock, Option
from slack_sdk.models.views import View

from slackbot.domain.access import AGREEMENT, MAX_ANSWER, SUPPORT_EMAIL, SURVEY_QUESTIONS
from slackbot.domain.messages.access import AccessApproved, AccessDeclined, AccessReceived
from slackbot.ids import SLASH_COMMAND, CallbackId
from slackbot.render.common import Rendered, context, long_day, message, modal, section, text_input
from slackbot.render.mrkdwn import Md, md, quoted

AGREEMENT_LINKS = Md(
    "Read the <https://segment.com/legal/partnersagreement/|Segment Partner Program Agreement> and "
    "the <https://segment.com/legal/privacy/|Privacy Policy>."
)
PLACEHOLDERS = {"website": "https://acme.example.com", "email": "you@acme.example.com"}
AGREEMENT_TEXT = "I agree to the Partner Program Agreement and Privacy Policy"  # option text: ≤ 75 characters


def access_modal() -> View:
    """The partner survey of the Public Beta checklist (1. Partner Access) and the agreement."""
    blocks: list[Block] = [
        section(Md("Tell us about your company. The Segment team reviews requests in about one business day."))
    ]
    for key, label in SURVEY_QUESTIONS:
        placeholder = PLACEHOLDERS.get(key)
        long = key not in ("company", "website", "email")
        blocks.append(text_input(key, label, multiline=long, max_length=MAX_ANSWER, placeholder=placeholder))
    agreed = CheckboxesElement(action_id=AGREEMENT, options=[Option(value="agreed", text=AGREEMENT_TEXT)])
    blocks += [section(AGREEMENT_LINKS), InputBlock(block_id=AGREEMENT, label="Agreement", element=agreed)]
    return modal(CallbackId.ACCESS_REQUEST, "Request access", "Request access", blocks)


def access_received(p: AccessReceived) -> Rendered:
    """To the requester: we got it."""
    return message(
        md(
            "Thanks! We received the access request for *{company}*. The Segment team reviews it in about one "
            "business day; I'll message you here with the decision.",
            company=p.partner_name,
        )
    )


def access_approved(p: AccessApproved) -> Rendered:
    """Access approved: what to do next."""
    return message(
        md(
            ":tada: *{company}* is approved for the Developer Center! Build your destination in "
            "`segmentio/action-destinations`, test it locally, open a pull request, then run `{command} submit` "
            "(or use my App Home).",
            company=p.partner_name,
            command=SLASH_COMMAND,
        )
    )


def access_declined(p: AccessDeclined) -> Rendered:
    """Access declined, with the reason, who to ask, and from when the company may apply again."""
    text = md("The access request for *{company}* was declined.\n{note}", company=p.partner_name, note=quoted(p.note))
    again = (
        md(
            " You may apply again with `{command} join` from *{day}*.",
            command=SLASH_COMMAND,
            day=long_day(p.reapply_from),
        )
        if p.reapply_from
        else Md("")
    )
    return message(text, context(md("Questions about the decision? Write to {email}.{again}", email=SUPPORT_EMAIL,
                                    again=again)))  # fmt: skip
