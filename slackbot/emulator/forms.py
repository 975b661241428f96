"""Filling a modal like a person: the view_submission state.values for the values typed into its inputs."""

from __future__ import annotations

from typing import Any

from slackbot.emulator.workspace import View


def state_values(view: View, values: dict[str, Any]) -> dict[str, Any]:
    """state.values for the modal's input blocks, shaped as in view_submission.json."""
    state: dict[str, Any] = {}
    for block in view.data.get("blocks", []):
        if block.get("type") != "input":
            continue
        element, block_id = block.get("element") or {}, block.get("block_id", "")
        action_id, kind = element.get("action_id", ""), element.get("type")
        value = values[block_id] if block_id in values else _initial(element)  # untouched inputs keep it
        if kind in ("static_select", "radio_buttons"):
            options = {o["value"]: o for o in element.get("options", [])}
            entry = {"type": kind, "selected_option": options.get(value) if value else None}
        elif kind in ("checkboxes", "multi_static_select"):
            options = {o["value"]: o for o in element.get("options", [])}
            value = [v.strip() for v in value.split(",") if v.strip()] if isinstance(value, str) else value
            entry = {"type": kind, "selected_options": [options[v] for v in value or [] if v in options]}
        elif kind == "datepicker":
            entry = {"type": kind, "selected_date": value}
        else:
            entry = {"type": kind or "plain_text_input", "value": value}
        state[block_id] = {action_id: entry}
    return state


def _initial(element: dict[str, Any]) -> Any:
    """What Slack submits for an input the user did not touch: its initial value, option(s) or date."""
    if "initial_options" in element:
        return [o["value"] for o in element["initial_options"] or []]
    if element.get("initial_option"):
        return element["initial_option"]["value"]
    return element.get("initial_date") or element.get("initial_value")
