"""Reading modal submissions and answering them (values by block id, inline errors in the ack); opening modals."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.models.views import View

from slackbot.domain.errors import DomainError, InvalidInput
from slackbot.render.common import notice_modal

T = TypeVar("T")


def values(view: dict[str, Any]) -> dict[str, Any]:
    """{block_id: text | selected value | [checked values]} from view.state.values."""
    flat: dict[str, Any] = {}
    for block_id, elements in view.get("state", {}).get("values", {}).items():
        for element in elements.values():
            if "selected_options" in element:
                flat[block_id] = [o["value"] for o in element.get("selected_options") or []]
            elif "selected_option" in element:
                flat[block_id] = (element.get("selected_option") or {}).get("value")
            else:
                flat[block_id] = element.get("value")
    return flat


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    """The JSON the modal carried in private_metadata."""
    return json.loads(view.get("private_metadata") or "{}")


def ack_form(
    ack: Ack, call: Callable[[], T], fallback_field: str, then: Callable[[T], dict[str, Any]] | None = None
) -> T | None:
    """Run the use case, then ack: inline errors keyed by block_id (response_action=errors), or close the
    modal, or (with `then`) answer with what `then` returns, e.g. a response_action=update to a next step."""
    try:
        result = call()
    except InvalidInput as error:
        ack(response_action="errors", errors=error.field_errors)
        return None
    except DomainError as error:  # permission, conflict: shown on the form rather than lost
        ack(response_action="errors", errors={fallback_field: error.user_message})
        return None
    ack(**(then(result) if then else {}))
    return result


def from_home(body: dict[str, Any]) -> bool:
    """Whether a click came from App Home (which has no response_url to answer on)."""
    return (body.get("container") or {}).get("type") == "view" or (body.get("view") or {}).get("type") == "home"


def open_or_notice(client: WebClient, body: dict[str, Any], build: Callable[[], View]) -> None:
    """Open the modal `build` returns; a domain error opens a notice modal instead of being lost."""
    try:
        view = build()
    except DomainError as error:
        view = notice_modal("Developer Center", f":warning: {error.user_message}")
    client.views_open(trigger_id=body["trigger_id"], view=view)
