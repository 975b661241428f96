"""Build Q&A: cited answers with feedback buttons, staff escalations and relays, the Save as FAQ modal."""

from __future__ import annotations

import re
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
)
from slack_sdk.models.views import View

from slackbot.ids import SLASH_COMMAND, ActionId, BlockId, CallbackId, Command
from slackbot.kb.answers import Answer, Escalation, EscalationResult, FaqDraft, Feedback, FeedbackResult
from slackbot.kb.model import KbEntry, Source
from slackbot.render.common import Rendered, checked, context, escape, modal, section, text_input, when

_LINK = re.compile(r"(<(?:https?://|mailto:)[^<>\s]+>)")
REPLY_PLACES = {"thread": "in this thread", "channel": "in this channel", "dm": "in a direct message from me"}
FAQ_FIELDS = {
    "id": BlockId.FAQ_ID,
    "title": BlockId.FAQ_TITLE,
    "questions": BlockId.FAQ_QUESTIONS,
    "answer": BlockId.FAQ_ANSWER,
    "tags": BlockId.FAQ_TAGS,
    "source": BlockId.FAQ_SOURCE,
}


def kb_mrkdwn(text: str) -> str:
    """Entry text for a mrkdwn field: links like <https://…|label> stay links, other < > & are escaped."""
    parts = _LINK.split(text)
    return "".join(part if i % 2 else escape(part) for i, part in enumerate(parts))


def source_text(source: Source) -> str:
    """'document — section', linked when the source has a URL."""
    label = f"{source.document} — {source.section}"
    if source.url:
        return f"<{source.url}|{escape(label).replace('|', '/')}>"
    return escape(label)


def answer_text(answer: Answer) -> str:
    """Plain-text fallback of an answer (notifications, screen readers)."""
    if answer.best is None:
        return "I don't know the answer to that one."
    return f"{answer.best.title}\n{answer.best.answer}"[:2900]


def answer_blocks(answer: Answer) -> list[Block]:
    """The best entry with its sources and as-of date, the live release window, related titles, buttons."""
    if answer.best is None:
        return checked(_no_answer(answer))
    entry = answer.best
    blocks: list[Block] = [section(f"*{escape(entry.title)}*"), section(kb_mrkdwn(entry.answer))]
    if (release := answer.next_release) is not None:
        blocks.append(
            section(
                f":calendar: *Next release:* {release.release:%A %b} {release.release.day}, "
                f"{release.release.year} ({release.release.isoformat()}). Merge by "
                f"*{when(release.cutoff, release.timezone)}* to make it."
            )
        )
    sources = " · ".join(source_text(s) for s in entry.sources)
    blocks.append(context(f"Sources: {sources}  |  As of {entry.as_of:%b} {entry.as_of.day}, {entry.as_of.year}"))
    if answer.related:
        blocks.append(context("Related: " + " · ".join(f"*{escape(e.title)}*" for e in answer.related)))
    blocks.append(_buttons(answer.question_id, person=not answer.escalated and answer.can_escalate))
    return checked(blocks)


def _no_answer(answer: Answer) -> list[Block]:
    if answer.escalated:
        text = (
            f"I don't know the answer to that one, so I've asked the Developer Center team. "
            f"A person will reply {REPLY_PLACES.get(answer.reply_in, 'here')}."
        )
    else:
        text = (
            "I don't know the answer to that one. Ask the Developer Center team in your partner channel "
            "or email partner-support@segment.com."
        )
    return [section(f":thinking_face: {text}"), context(f"You asked: {escape(answer.question)[:500]}")]


def _buttons(question_id: int, *, person: bool) -> ActionsBlock:
    value = str(question_id)
    elements = [
        ButtonElement(text="Helpful", action_id=ActionId.QA_HELPFUL, value=value),
        ButtonElement(text="Not helpful", action_id=ActionId.QA_NOT_HELPFUL, value=value),
    ]
    if person:
        elements.append(ButtonElement(text="Ask a person", action_id=ActionId.QA_ASK_PERSON, value=value))
    return ActionsBlock(block_id=BlockId.QA_ACTIONS, elements=elements)


def ask_usage() -> Rendered:
    """`/devcenter ask` without a question."""
    text = f"Ask me a build question, for example `{SLASH_COMMAND} {Command.ASK} how do I test my destination locally`."
    return text, [section(text)]


def feedback_reply(result: FeedbackResult) -> Rendered:
    """What the person who pressed Helpful / Not helpful sees."""
    text = {
        Feedback.RECORDED: "Thanks, noted!"
        if result.helpful
        else "Thanks for telling me. Press *Ask a person* if you'd like the Developer Center team to answer.",
        Feedback.ALREADY_RATED: "You've already rated this answer.",
        Feedback.NOT_THE_ASKER: "Only the person who asked can rate this answer.",
    }[result.outcome]
    return text, [section(text)]


def escalation_reply(result: EscalationResult) -> Rendered:
    """What the person who pressed Ask a person sees."""
    place = REPLY_PLACES.get(result.reply_in, "here")
    text = {
        Escalation.ASKED: f"I've passed your question to the Developer Center team. A person will reply {place}.",
        Escalation.ALREADY_ASKED: f"The Developer Center team already has this question; they'll reply {place}.",
        Escalation.UNAVAILABLE: "I can't reach the team from here; please ask in your partner channel.",
    }[result.outcome]
    return text, [section(f":raising_hand: {text}")]


def escalation_message(p: dict[str, Any]) -> Rendered:
    """Staff review channel: a partner question the bot could not (or should not) answer alone."""
    where = "in a direct message" if str(p.get("channel", "")).startswith("D") else f"in <#{p['channel']}>"
    text = f":raising_hand: Question from <@{p['asker']}> {where}"
    if p.get("requested"):
        note = f"They read the bot's answer (`{p.get('best_entry_id')}`) and asked for a person."
    elif p.get("best_entry_id"):
        note = f"The bot had no good answer (closest: `{p['best_entry_id']}`, score {float(p.get('score', 0)):.2f})."
    else:
        note = "The bot had no answer at all."
    return f"{text}: {p['question'][:200]}", checked(
        [
            section(f"*{text}*\n> {escape(p['question'])}"),
            context(note),
            context(
                f"Rendered in this thread: each reply goes back to <@{p['asker']}>. To keep a good answer, "
                "use *Save as FAQ* from the reply's ⋯ menu."
            ),
        ]
    )


def staff_reply_message(p: dict[str, Any]) -> Rendered:
    """Partner side: a staff reply relayed from the escalation thread (Slack text, already escaped)."""
    if not p.get("first"):
        text = f"*<@{p['staff_user']}>* (Developer Center team): {p['text']}"
    elif p.get("in_thread"):
        text = f"<@{p['asker']}>, <@{p['staff_user']}> from the Developer Center team answered:\n{p['text']}"
    else:
        text = (
            f"<@{p['asker']}>, the Developer Center team answered your question\n> {escape(p['question'])}\n"
            f"*<@{p['staff_user']}>:* {p['text']}"
        )
    return f"Developer Center team: {p['text'][:200]}", checked([section(text)])


def faq_modal(draft: FaqDraft) -> View:
    """Save as FAQ: the staff answer prefilled as a knowledge-base entry to review."""
    blocks: list[Block] = [
        context("Saved entries answer partners at once; `devcenter-bot kb export` writes them to the files."),
        text_input(BlockId.FAQ_ID, "Entry id (kebab-case)", initial=draft.entry_id, max_length=80),
        text_input(BlockId.FAQ_TITLE, "Title", initial=draft.title, max_length=150),
        text_input(
            BlockId.FAQ_QUESTIONS, "Questions partners ask (one per line)", initial=draft.question, multiline=True
        ),
        text_input(BlockId.FAQ_ANSWER, "Answer", initial=draft.answer, multiline=True, max_length=3000),
        text_input(BlockId.FAQ_TAGS, "Tags (comma separated)", optional=True),
        text_input(BlockId.FAQ_SOURCE, "Source document", initial=draft.source_document, optional=True),
    ]
    metadata = {"channel": draft.channel, "message_ts": draft.message_ts, "section": draft.source_section}
    return modal(CallbackId.FAQ_MODAL, "Save as FAQ", "Save", blocks, metadata)


def faq_fields(values: dict[str, Any]) -> dict[str, str | None]:
    """The submitted form (values by block id) as field name → text."""
    return {name: values.get(block_id) for name, block_id in FAQ_FIELDS.items()}


def faq_errors(field_errors: dict[str, str]) -> dict[str, str]:
    """Field errors keyed by the modal's block ids (Slack's response_action=errors)."""
    return {str(FAQ_FIELDS.get(name, BlockId.FAQ_ANSWER)): message for name, message in field_errors.items()}


def faq_saved(entry: KbEntry) -> Rendered:
    """Told to the staff member who saved an entry."""
    text = (
        f":white_check_mark: Saved *{escape(entry.title)}* (`{entry.id}`) to the knowledge base. "
        "Partners get it from now on; `devcenter-bot kb export` writes it to the files."
    )
    return text, [section(text)]
