"""The one error handler: domain errors become friendly replies, anything else a short apology."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.context.respond import Respond
from slack_sdk.models.views import View

from handlers.acks import SignallingAck, signal_ack
from slackbot.domain.errors import DomainError
from slackbot.render.commands import error_blocks
from slackbot.render.mrkdwn import md
from slackbot.wire import BadValue

log = logging.getLogger("devcenter.errors")
SORRY = "Something went wrong on our side. It has been logged; please try again in a minute."


def _message(error: Exception) -> str:
    return error.user_message if isinstance(error, DomainError) else SORRY


def _log(error: Exception, body: dict[str, Any]) -> None:
    if isinstance(error, BadValue):  # Slack sent back a value the bot never made: refused, not a crash
        log.warning("refused a %s Slack sent back: not one the bot made", error.what)
    elif not isinstance(error, DomainError):
        log.error("unhandled error in %s: %s", body.get("type") or body.get("command"), error, exc_info=error)


def on_error(error: Exception, body: dict[str, Any], respond: Any) -> BoltResponse | None:
    """Never show a stack trace to a user; log unexpected errors with the request kind only."""
    message = _message(error)
    _log(error, body)
    if respond is not None and (body.get("response_url") or body.get("response_urls")):
        respond(
            text=md("{m}", m=message), blocks=error_blocks(message), response_type="ephemeral", replace_original=False
        )
    return None


def reporting_errors(listener: Callable[..., Any]) -> Callable[..., Any]:
    """Handle a listener's errors inside the listener thread.

    slack-bolt 1.30's thread runner resets `ack.response` to None when a listener raises after ack(), so a
    fast failure can turn the acknowledged request into "Unhandled request" (404) and log "didn't call
    ack()" (slack_bolt/listener/thread_runner.py, run_ack_function_asynchronously). Catching here keeps the
    ack intact; Bolt still finds the original signature through functools.wraps (it calls inspect.unwrap).
    """

    @functools.wraps(listener)
    def wrapper(**kwargs: Any) -> Any:
        if "ack" in kwargs:
            kwargs["ack"] = SignallingAck(kwargs["ack"])
        else:  # events are acknowledged by Bolt before the listener runs
            signal_ack()
        try:
            return listener(**kwargs)
        except Exception as error:
            return _failed(error, kwargs)

    return wrapper


def _failed(error: Exception, kwargs: dict[str, Any]) -> None:
    """Ack what the listener did not (within Slack's 3 seconds), then tell the user in the right place."""
    ack: Any = kwargs.get("ack")
    payload = kwargs.get("body") or kwargs.get("command") or {}
    unacked = ack is not None and ack.response is None
    if unacked and "command" in kwargs:
        ack(text=md("{m}", m=_message(error)), blocks=error_blocks(_message(error)), response_type="ephemeral")
        _log(error, payload)
        return None
    if unacked and "view" in kwargs:  # a view submission: replace the modal with the explanation
        blocks = error_blocks(_message(error))
        ack(response_action="update", view=View(type="modal", title="Developer Center", close="Close", blocks=blocks))
        _log(error, payload)
        return None
    if unacked:
        ack()
    url = payload.get("response_url") if isinstance(payload, dict) else None
    on_error(error, payload if isinstance(payload, dict) else {}, Respond(response_url=url) if url else None)
    return None


def register(app: App) -> None:
    """Attach the error handler."""
    app.error(on_error)
