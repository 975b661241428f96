"""Reading modal submissions and answering them (values by block id, inline errors in the ack); opening modals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.models.views import View

from slackbot.domain.errors import DomainError, InvalidInput
from slackbot.render.common import notice_modal
from slackbot.render.mrkdwn import md
from slackbot.wire import BadValue, decode_meta

T = TypeVar("T")
M = TypeVar("M")
log = logging.getLogger("devcenter.requests")


def _element_value(element: object) -> str | list[str] | None:
    """One input's value from view.state: text, the selected option(s) or date; BadValue for any other shape."""
    if not isinstance(element, dict):
        raise BadValue("form")
    if "selected_options" in element:
        options = element.get("selected_options") or []
        picked = (
            [o.get("value") if isinstance(o, dict) else None for o in options] if isinstance(options, list) else [None]
        )
        if not all(isinstance(v, str) for v in picked):
            raise BadValue("form")
        return picked  # type: ignore[return-value]
    key = "selected_date" if "selected_date" in element else "value"
    value = (element.get("selected_option") or {}).get("value") if "selected_option" in element else element.get(key)
    if value is not None and not isinstance(value, str):
        raise BadValue("form")
    return value


def values(view: object) -> dict[str, Any]:
    """{block_id: text | selected value | [checked values] | date} from view.state.values (checked, never trusted)."""
    state = view.get("state") if isinstance(view, dict) else None
    blocks = (state or {}).get("values") if isinstance(state, dict) else None
    if not isinstance(blocks, dict):
        raise BadValue("form")
    flat: dict[str, Any] = {}
    for block_id, elements in blocks.items():
        if not isinstance(elements, dict):
            raise BadValue("form")
        for element in elements.values():
            flat[str(block_id)] = _element_value(element)
    return flat


def metadata(view: object, kind: type[M]) -> M:
    """The typed private_metadata the modal carried (BadValue when it is not one the bot made)."""
    return decode_meta(kind, view.get("private_metadata") if isinstance(view, dict) else None)


def ack_form(
    ack: Ack, call: Callable[[], T], fallback_field: str, then: Callable[[T], dict[str, Any]] | None = None
) -> T | None:
    """Run the use case, then ack: inline errors keyed by block_id (response_action=errors), or close the
    modal, or (with `then`) answer with what `then` returns, e.g. a response_action=update to a next step."""
    try:
        result = call()
    except BadValue as error:
        log.warning("refused a %s Slack sent back: not one the bot made", error.what)
        ack(response_action="errors", errors={fallback_field: error.user_message})
        return None
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
        view = notice_modal("Developer Center", md(":warning: {message}", message=error.user_message))
    client.views_open(trigger_id=body["trigger_id"], view=view)
