"""Per-request context: the program, the Slack directory, the command router and the acting user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse

from handlers.routing import Router
from slackbot.domain.actors import Actor
from slackbot.program import Program
from slackbot.services.partners import resolve_actor
from slackbot.slack.directory import SlackDirectory
from slackbot.slack.requests import check_shape, refuse

NOBODY = Actor("", is_staff=False, partner_id=None)


def register(app: App, program: Program, directory: SlackDirectory, router: Router) -> None:
    """Inject `program`, `directory`, `router` and a resolved `actor` into every request's context."""

    @app.middleware
    def well_formed(body: dict[str, Any], next: Callable[[], None]) -> BoltResponse | None:
        """Socket Mode envelopes get the door checks HTTP requests had: a malformed one is refused, not run."""
        if (refusal := check_shape(body)) is not None:
            refuse(refusal, "socket mode", 0)
            return BoltResponse(status=refusal.status, body=refusal.reason)
        next()
        return None

    @app.middleware
    def inject(context: BoltContext, next: Callable[[], None]) -> None:
        context["program"], context["directory"], context["router"] = program, directory, router
        user = context.user_id
        context["actor"] = resolve_actor(program, user, is_staff=directory.is_staff(user)) if user else NOBODY
        next()
