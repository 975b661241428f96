"""Per-request context: the services facade, the Slack directory and the acting user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext


def register(app: App, services: Any, directory: Any) -> None:
    """Inject `services`, `directory` and a resolved `actor` into every request's context."""

    @app.middleware
    def inject(context: BoltContext, next: Callable[[], None]) -> None:
        context["services"] = services
        context["directory"] = directory
        if context.user_id:
            context["actor"] = services.actor(context.user_id, is_staff=directory.is_staff(context.user_id))
        next()
