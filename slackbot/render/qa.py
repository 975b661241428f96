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

from slackbot.domain.messages.qa import QaEscalation, QaStaffReply
from slackbot.ids import SLASH_COMMAND, ActionId, BlockId, CallbackId, Command
from slackbot.kb.answers import Answer, Escalation, EscalationResult, FaqDraft, Feedback, FeedbackResult, NextRelease
from slackbot.kb.intents import PERSON_EMAIL, IntentKind
from slackbot.kb.model import KbEntry, Source
from slackbot.render.common import Rendered, checked, context, modal, section, text_input, when
from slackbot.render.mrkdwn import Md, channel_ref, code, escape, joined, link, md, mention, quoted, without_broadcasts
from slackbot.wire import FaqMeta, encode_id

_LINK = re.compile(r"(<(?:https?://|mailto:)[^<>|\s]+(?:\|[^<>|]+)?>)")  # <url> or <url|label, with spaces>
REPLY_PLACES = {"thread": "in this thread", "channel": "in this channel", "dm": "in a direct message from me"}
FAQ_FIELDS = {
    "id": BlockId.FAQ_ID,
    "title": BlockId.FAQ_TITLE,
    "questions": BlockId.FAQ_QUESTIONS,
    "answer": BlockId.FAQ_ANSWER,
    "tags": BlockId.FAQ_TAGS,
    "source": BlockId.FAQ_SOURCE,
}


def kb_mrkdwn(text: str) -> Md:
    """Entry text for a mrkdwn field: links like <https://…|label> stay links, other < > & are escaped."""
    parts = _LINK.split(text)
    return joined("", (Md(part) if i % 2 else Md(escape(part)) for i, part in enumerate(parts)))


ENGLISH_ONLY = "I can only answer in English: the Developer Center knowledge base is written in English."
TEAM_SOURCE = Md("the Developer Center team")


def source_text(source: Source) -> Md:
    """'document — section', linked when the source has a URL."""
    label = f"{source.document} — {source.section}"
    return link(source.url, label) if source.url else md("{label}", label=label)


def sources_text(sources: tuple[Source, ...]) -> Md:
    """The sources a partner can open (public links); internal ones (a staff answer's Slack message, a working
    document) are never named: an entry with none reads "the Developer Center team"."""
    return joined(" · ", [source_text(source) for source in sources if source.public]) or TEAM_SOURCE


def answer_text(answer: Answer) -> Md:
    """Plain-text fallback of an answer (notifications, screen readers)."""
    if answer.intent is IntentKind.SMALL_TALK:
        return md("{reply}", reply=answer.reply or "")
    if answer.intent is IntentKind.OTHER_LANGUAGE:
        return Md(ENGLISH_ONLY)
    if answer.best is None:
        return Md("I don't know the answer to that one.")
    return md("{title}\n{answer}", title=answer.best.title, answer=kb_mrkdwn(answer.best.answer[:2800]))


def _next_release(release: NextRelease) -> Md:
    day = release.release
    return md(
        ":calendar: *Next release:* {day} ({iso}). Merge by *{cutoff}* to make it.",
        day=f"{day:%A %b} {day.day}, {day.year}", iso=day.isoformat(), cutoff=when(release.cutoff, release.timezone),
    )  # fmt: skip


def answer_blocks(answer: Answer) -> list[Block]:
    """The best entry with its sources and as-of date, the live release window, related titles, buttons."""
    if answer.intent is IntentKind.SMALL_TALK:
        return [section(md("{reply}", reply=answer.reply or ""))]
    if answer.intent is IntentKind.OTHER_LANGUAGE:
        return _other_language(answer)
    if answer.best is None:
        return checked(_no_answer(answer))
    entry = answer.best
    blocks: list[Block] = [section(md("*{title}*", title=entry.title)), section(kb_mrkdwn(entry.answer))]
    if answer.next_release is not None:
        blocks.append(section(_next_release(answer.next_release)))
    sources = sources_text(entry.sources)
    as_of = f"{entry.as_of:%b} {entry.as_of.day}, {entry.as_of.year}"
    blocks.append(context(md("Sources: {sources}  |  As of {as_of}", sources=sources, as_of=as_of)))
    if answer.related:
        related = joined(" · ", (md("*{title}*", title=e.title) for e in answer.related))
        blocks.append(context(md("Related: {related}", related=related)))
    blocks.append(_buttons(answer.question_id, person=not answer.escalated and answer.can_escalate))
    return checked(blocks)


def _no_answer(answer: Answer) -> list[Block]:
    if answer.escalated:
        text = md(
            "I don't know the answer to that one, so I've asked the Developer Center team. A person will reply "
            "{where}.",
            where=REPLY_PLACES.get(answer.reply_in, "here"),
        )
    else:
        text = Md(
            "I don't know the answer to that one. Ask the Developer Center team in your partner channel or email "
            "partner-support@segment.com."
        )
    return [section(md(":thinking_face: {text}", text=text)), context(md("You asked: {q}", q=answer.question[:500]))]


def _other_language(answer: Answer) -> list[Block]:
    again = "Could you ask again in English?"
    if answer.can_escalate:
        person = md("{again} Or press *Ask a person* and the Developer Center team will reply.", again=again)
    else:
        person = md("{again} Or email the Developer Center team at {email}.", again=again, email=PERSON_EMAIL)
    blocks: list[Block] = [
        section(md(":globe_with_meridians: {english} {person}", english=ENGLISH_ONLY, person=person)),
        context(md("You asked: {q}", q=answer.question[:500])),
    ]
    if answer.can_escalate:
        value = encode_id(answer.question_id)
        person_button = ButtonElement(text="Ask a person", action_id=ActionId.QA_ASK_PERSON, value=value)
        blocks.append(ActionsBlock(block_id=BlockId.QA_ACTIONS, elements=[person_button]))
    return checked(blocks)


def _buttons(question_id: int, *, person: bool) -> ActionsBlock:
    value = encode_id(question_id)
    elements = [
        ButtonElement(text="Helpful", action_id=ActionId.QA_HELPFUL, value=value),
        ButtonElement(text="Not helpful", action_id=ActionId.QA_NOT_HELPFUL, value=value),
    ]
    if person:
        elements.append(ButtonElement(text="Ask a person", action_id=ActionId.QA_ASK_PERSON, value=value))
    return ActionsBlock(block_id=BlockId.QA_ACTIONS, elements=elements)


def _plain(text: Md) -> Rendered:
    return text, [section(text)]


def ask_usage() -> Rendered:
    """`/devcenter ask` without a question."""
    example = f"{SLASH_COMMAND} {Command.ASK} how do I test my destination locally"
    return _plain(md("Ask me a build question, for example {example}.", example=code(example)))


def feedback_reply(result: FeedbackResult) -> Rendered:
    """What the person who pressed Helpful / Not helpful sees."""
    text = {
        Feedback.RECORDED: "Thanks, noted!"
        if result.helpful
        else "Thanks for telling me. Press *Ask a person* if you'd like the Developer Center team to answer.",
        Feedback.ALREADY_RATED: "You've already rated this answer.",
        Feedback.NOT_THE_ASKER: "Only the person who asked can rate this answer.",
    }[result.outcome]
    return _plain(Md(text))


def escalation_reply(result: EscalationResult) -> Rendered:
    """What the person who pressed Ask a person sees."""
    place = REPLY_PLACES.get(result.reply_in, "here")
    text = {
        Escalation.ASKED: f"I've passed your question to the Developer Center team. A person will reply {place}.",
        Escalation.ALREADY_ASKED: f"The Developer Center team already has this question; they'll reply {place}.",
        Escalation.NOT_THE_ASKER: "Only the person who asked can hand this question to a person. Have a question of "
        "your own? Ask me, and I'll pass it on if I can't answer it.",
        Escalation.UNAVAILABLE: "I can't reach the team from here; please ask in your partner channel.",
    }[result.outcome]
    return Md(text), [section(md(":raising_hand: {text}", text=text))]


def escalation_message(p: QaEscalation) -> Rendered:
    """Staff review channel: a partner question the bot could not (or should not) answer alone."""
    direct = (p.channel or "").startswith("D")
    where = Md("in a direct message") if direct else md("in {channel}", channel=channel_ref(p.channel or ""))
    who = md(":raising_hand: Question from {asker} {where}", asker=mention(p.asker), where=where)
    best = code(p.best_entry_id or "")
    if p.requested and p.best_entry_id:
        note = md("They read the bot's answer ({best}) and asked for a person.", best=best)
    elif p.requested:
        note = Md("The question is not in English, so the bot did not search; they asked for a person.")
    elif p.best_entry_id:
        note = md("The bot had no good answer (closest: {best}, score {score}).", best=best, score=f"{p.score:.2f}")
    else:
        note = Md("The bot had no answer at all.")
    how = md(
        "Reply in this thread: each reply goes back to {asker}. To keep a good answer, use *Save as FAQ* from the "
        "reply's ⋯ menu.",
        asker=mention(p.asker),
    )
    blocks: list[Block] = [
        section(md("*{who}*\n{question}", who=who, question=quoted(p.question))),
        context(note),
        context(how),
    ]
    return md("{who}: {question}", who=who, question=p.question[:200]), checked(blocks)


def staff_reply_message(p: QaStaffReply) -> Rendered:
    """Partner side: a staff reply relayed from the escalation thread (its pings made inert)."""
    reply, staff, asker = without_broadcasts(p.text), mention(p.staff_user), mention(p.asker)
    if not p.first:
        text = md("*{staff}* (Developer Center team): {reply}", staff=staff, reply=reply)
    elif p.in_thread:
        text = md("{asker}, {staff} from the Developer Center team answered:\n{reply}", asker=asker, staff=staff,
                  reply=reply)  # fmt: skip
    else:
        text = md(
            "{asker}, the Developer Center team answered your question\n{question}\n*{staff}:* {reply}",
            asker=asker, question=quoted(p.question), staff=staff, reply=reply,
        )  # fmt: skip
    return md("Developer Center team: {reply}", reply=Md(reply[:200])), checked([section(text)])


def faq_modal(draft: FaqDraft) -> View:
    """Save as FAQ: the staff answer prefilled as a knowledge-base entry to review."""
    blocks: list[Block] = [
        context(Md("Saved entries answer partners at once; `devcenter-bot kb export` writes them to the files.")),
        text_input(BlockId.FAQ_ID, "Entry id (kebab-case)", initial=draft.entry_id, max_length=80),
        text_input(BlockId.FAQ_TITLE, "Title", initial=draft.title, max_length=150),
        text_input(
            BlockId.FAQ_QUESTIONS, "Questions partners ask (one per line)", initial=draft.question, multiline=True
        ),
        text_input(BlockId.FAQ_ANSWER, "Answer", initial=draft.answer, multiline=True, max_length=3000),
        text_input(BlockId.FAQ_TAGS, "Tags (comma separated)", optional=True),
        text_input(BlockId.FAQ_SOURCE, "Source document", initial=draft.source_document, optional=True),
    ]
    metadata = FaqMeta(draft.channel, draft.message_ts, draft.source_section)
    return modal(CallbackId.FAQ_MODAL, "Save as FAQ", "Save", blocks, metadata)


def faq_fields(values: dict[str, Any]) -> dict[str, str | None]:
    """The submitted form (values by block id) as field name → text."""
    return {name: values.get(block_id) for name, block_id in FAQ_FIELDS.items()}


def faq_errors(field_errors: dict[str, str]) -> dict[str, str]:
    """Field errors keyed by the modal's block ids (Slack's response_action=errors)."""
    return {str(FAQ_FIELDS.get(name, BlockId.FAQ_ANSWER)): message for name, message in field_errors.items()}


def faq_saved(entry: KbEntry) -> Rendered:
    """Told to the staff member who saved an entry."""
    return _plain(
        md(
            ":white_check_mark: Saved *{title}* ({id}) to the knowledge base. Partners get it from now on; "
            "`devcenter-bot kb export` writes it to the files.",
            title=entry.title,
            id=code(entry.id),
        )
    )
