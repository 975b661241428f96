"""Access requests: `/devcenter join`, the Request access button, the survey modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.models.views import View

from handlers.modals import ack_form, open_or_notice, values
from handlers.routing import Invocation, Reply, form_route
from slackbot.domain.access import AGREEMENT
from slackbot.domain.actors import Actor
from slackbot.ids import ActionId, CallbackId, Command
from slackbot.program import Program
from slackbot.render.access import access_modal
from slackbot.services.access import ensure_can_request, request_access


def join_route(call: Invocation) -> Reply | None:
    """`join`: refused before the form opens when it cannot succeed, else the survey."""
    ensure_can_request(call.program, call.actor)
    return form_route(access_modal, "Request access", ActionId.OPEN_ACCESS_FORM)(call)


def open_access_form(ack: Ack, body: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """Button (Home, mention reply): the access survey, or why a request cannot be made now."""
    ack()

    def survey() -> View:
        ensure_can_request(program, actor)
        return access_modal()

    open_or_notice(client, body, survey)


def submit_access(ack: Ack, view: dict[str, Any], program: Program, actor: Actor) -> None:
    """The survey was submitted: inline errors, or the request goes to staff."""
    form = values(view)
    ack_form(ack, lambda: request_access(program, actor, form, bool(form.get(AGREEMENT))), "company")


ROUTES = {Command.JOIN: join_route}
ACTIONS = {ActionId.OPEN_ACCESS_FORM: open_access_form}
VIEWS = {CallbackId.ACCESS_REQUEST: submit_access}
