"""Modal inputs as HTML form fields and back: field names, what each field shows, and what a submit sends."""

from __future__ import annotations

from typing import Any

from slackbot.emulator.workspace import View

MULTI = ("checkboxes", "multi_static_select")
FIELD_PREFIX = "f."


def field_name(block_id: str) -> str:
    """The HTML name of an input block's field."""
    return FIELD_PREFIX + block_id


def input_blocks(view: View) -> list[dict[str, Any]]:
    """The modal's input blocks, in order."""
    return [b for b in view.data.get("blocks", []) if b.get("type") == "input"]


def form_values(view: View, form: dict[str, list[str]]) -> dict[str, Any]:
    """What the person typed or picked, keyed by block_id, as the emulator's submit() takes it.

    Every input is sent, also an emptied one: an unticked checkbox group or a cleared text field is a choice,
    not "untouched" (which would resubmit the initial value).
    """
    values: dict[str, Any] = {}
    for block in input_blocks(view):
        block_id = block.get("block_id", "")
        kind = (block.get("element") or {}).get("type")
        sent = form.get(field_name(block_id), [])
        if kind in MULTI:
            values[block_id] = [v for v in sent if v]
        else:
            value = sent[0] if sent else ""
            values[block_id] = value.replace("\r\n", "\n") if value else None
    return values


def shown_value(element: dict[str, Any], block_id: str, draft: dict[str, Any] | None) -> str:
    """The text a single-value field shows: what was typed before a refused submit, else its initial value."""
    if draft is not None and block_id in draft:
        return str(draft[block_id] or "")
    if element.get("initial_option"):
        return str(element["initial_option"].get("value", ""))
    return str(element.get("initial_value") or element.get("initial_date") or "")


def shown_values(element: dict[str, Any], block_id: str, draft: dict[str, Any] | None) -> list[str]:
    """The options a multi-value field shows as chosen."""
    if draft is not None and block_id in draft:
        return [str(v) for v in draft[block_id] or []]
    return [str(o.get("value")) for o in element.get("initial_options") or []]
