"""The Public Beta checklist: a modal where each person ticks their own items, and a read-only message."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    InputBlock,
    Option,
)
from slack_sdk.models.views import View

from slackbot.domain.checklist import SECTIONS, ItemState, Owner, editable
from slackbot.domain.views.launch import ChecklistView
from slackbot.ids import ActionId, CallbackId
from slackbot.render.common import MAX_MESSAGE_BLOCKS, checked, context, header, modal, notice_modal, section
from slackbot.render.mrkdwn import Md, code, joined, md, mention
from slackbot.wire import SlugMeta

BLOCK_PREFIX = "checklist."
WHO = {Owner.PARTNER: "you", Owner.SEGMENT: "Segment"}


def _mark(state: ItemState) -> Md:
    how = Md(" _(automatic)_") if state.automatic else (md(" _({who})_", who=mention(state.by)) if state.by else Md(""))
    box = ":white_check_mark:" if state.done else ":white_large_square:"
    return md("{box} {label}{how}", box=box, label=state.item.label, how=how)


def _sections(view: ChecklistView) -> list[tuple[int, str, list[ItemState]]]:
    return [
        (number, title, [s for s in view.items if s.item.section == number])
        for number, title in enumerate(SECTIONS, start=1)
    ]


def checklist_text(view: ChecklistView) -> Md:
    """Fallback text."""
    return md("Public Beta checklist of {name}: {progress} done", name=view.name, progress=str(view.progress))


def checklist_blocks(view: ChecklistView) -> list[Block]:
    """The checklist as a message: every section with its items and who ticks them, then a button to update."""
    who = WHO[view.viewer]
    blocks: list[Block] = [
        header(f"Public Beta checklist — {view.name}"),
        context(
            md(
                "{slug} · {progress} done · you tick the items marked “{who}”",
                slug=code(view.slug),
                progress=str(view.progress),
                who=who,
            )
        ),
    ]
    for number, title, states in _sections(view):
        owner = WHO[states[0].item.owner] if states else ""
        marks = joined("\n", map(_mark, states))
        blocks.append(section(md("*{number}. {title}* — {owner}\n{marks}", number=number, title=title, owner=owner,
                                 marks=marks)))  # fmt: skip
    blocks.append(
        ActionsBlock(
            elements=[
                ButtonElement(
                    text="Update checklist", action_id=ActionId.OPEN_CHECKLIST, value=view.slug, style="primary"
                )
            ]
        )
    )
    return checked(blocks, MAX_MESSAGE_BLOCKS)


def checklist_modal(view: ChecklistView, *, from_home: bool = False) -> View:
    """Checkboxes for the viewer's own items, section by section; everything else read-only."""
    blocks: list[Block] = [
        section(
            md(
                "*{name}* ({slug}) — {progress} done. Tick what you have finished; items marked automatic follow "
                "what the bot already knows.",
                name=view.name,
                slug=code(view.slug),
                progress=str(view.progress),
            )
        )
    ]
    for number, title, states in _sections(view):
        mine = [s for s in states if editable(s, view.viewer)]
        others = [s for s in states if s not in mine]
        if others or not mine:
            marks = joined("\n", map(_mark, others))
            blocks.append(section(md("*{number}. {title}*\n{marks}", number=number, title=title, marks=marks)))
        if mine:
            options = [Option(value=s.item.key, text=s.item.label) for s in mine]
            initial = [o for o, s in zip(options, mine, strict=True) if s.done] or None
            blocks.append(
                InputBlock(
                    block_id=f"{BLOCK_PREFIX}{number}",
                    label=f"{number}. {title}",
                    optional=True,
                    element=CheckboxesElement(
                        action_id=f"{BLOCK_PREFIX}{number}", options=options, initial_options=initial
                    ),
                )
            )
    return modal(CallbackId.CHECKLIST, "Public Beta checklist", "Save", blocks, SlugMeta(view.slug, from_home),
                 close="Close")  # fmt: skip


def checklist_saved_modal(view: ChecklistView) -> View:
    """The checklist modal once saved: what is done now, and what is still the viewer's to do."""
    left = [s for s in view.items if not s.done and editable(s, view.viewer)]
    todo = md("{count} item(s) left for {who}.", count=len(left), who=WHO[view.viewer]) if left else Md("")
    text = md(
        ":white_check_mark: Saved. *{name}* ({slug}) — {progress} done. {todo}",
        name=view.name, slug=code(view.slug), progress=str(view.progress), todo=todo,
    )  # fmt: skip
    return notice_modal("Checklist saved", text, close="Done")


def ticked(values: dict[str, object]) -> list[str]:
    """Every item key ticked in a submitted checklist modal (values keyed by block id)."""
    found: list[str] = []
    for block_id, value in values.items():
        if block_id.startswith(BLOCK_PREFIX) and isinstance(value, list):
            found += [str(v) for v in value]
    return found
