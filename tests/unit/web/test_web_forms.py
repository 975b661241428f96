"""Modal forms: what the page sends for each kind of input, and what a field shows again after a refusal."""

from __future__ import annotations

from slackbot.emulator.forms import state_values
from slackbot.emulator.web.forms import form_values, shown_value, shown_values
from slackbot.emulator.workspace import View

TICKS = {
    "type": "checkboxes",
    "action_id": "ticks",
    "options": [
        {"text": {"type": "plain_text", "text": "Tests"}, "value": "tests"},
        {"text": {"type": "plain_text", "text": "Docs"}, "value": "docs"},
    ],
    "initial_options": [{"text": {"type": "plain_text", "text": "Tests"}, "value": "tests"}],
}
KIND = {
    "type": "static_select",
    "action_id": "kind",
    "options": [{"text": {"type": "plain_text", "text": "Cloud"}, "value": "cloud"}],
}
VIEW = View(
    "V1",
    "U1",
    {
        "type": "modal",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": "intro"}},
            {
                "type": "input",
                "block_id": "name",
                "element": {"type": "plain_text_input", "action_id": "name", "initial_value": "Zebra"},
            },
            {"type": "input", "block_id": "kind", "element": KIND},
            {"type": "input", "block_id": "ticks", "element": TICKS},
        ],
    },
    "h",
    "modal",
)


def test_every_input_is_sent_and_an_emptied_one_is_empty_not_its_initial_value() -> None:
    values = form_values(VIEW, {"f.name": [""], "f.kind": ["cloud"]})

    assert values == {"name": None, "kind": "cloud", "ticks": []}
    state = state_values(VIEW, values)
    assert state["ticks"]["ticks"]["selected_options"] == [] and state["name"]["name"]["value"] is None


def test_windows_line_endings_from_a_textarea_arrive_as_newlines() -> None:
    assert form_values(VIEW, {"f.name": ["a\r\nb"]})["name"] == "a\nb"


def test_a_field_shows_what_was_typed_before_a_refusal_else_its_initial_value() -> None:
    element = VIEW.data["blocks"][1]["element"]

    assert shown_value(element, "name", None) == "Zebra"
    assert shown_value(element, "name", {"name": "Zebra Metrics"}) == "Zebra Metrics"
    assert shown_values(TICKS, "ticks", None) == ["tests"]
    assert shown_values(TICKS, "ticks", {"ticks": []}) == []
