"""The one error handler: domain errors become friendly replies, anything else a short apology."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltResponse

from slackbot.domain.errors import DomainError
from slackbot.render.status import error_blocks

log = logging.getLogger("devcenter.errors")
SORRY = "Something went wrong on our side. It has been logged; please try again in a minute."


def on_error(error: Exception, body: dict[str, Any], respond: Any) -> BoltResponse | None:
    """Never show a stack trace to a user; log unexpected errors with the request kind only."""
    message = error.user_message if isinstance(error, DomainError) else SORRY
    if not isinstance(error, DomainError):
        log.error("unhandled error in %s: %s", body.get("type") or body.get("command"), error, exc_info=error)
    if respond is not None and (body.get("response_url") or body.get("response_urls")):
        respond(text=message, blocks=error_blocks(message), response_type="ephemeral", replace_original=False)
    return None


def register(app: App) -> None:
    """Attach the error handler."""
    app.error(on_error)
