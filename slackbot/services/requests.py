"""Use case: a partner answers a staff request (replay compatibility info, OAuth); the answer goes to staff."""

from __future__ import annotations

import logging
from datetime import datetime

from slackbot.domain.actors import Actor
from slackbot.domain.errors import Conflict, NotFound, NotPermitted
from slackbot.domain.messages import MessageKind
from slackbot.domain.text import parse_note
from slackbot.services.cards import notify_staff
from storage.uow import UowFactory

log = logging.getLogger(__name__)
REQUEST_TITLES = {"replay_info": "replay compatibility info", "oauth": "OAuth / Enable with Segment"}


def request_title(request_id: int, uow_factory: UowFactory, actor: Actor) -> str:
    """What is being asked, for the answer modal; only the owning partner may see it."""
    with uow_factory() as uow:
        request = uow.requests.get(request_id)
        if request is None:
            raise NotFound("That request no longer exists.")
        if request.integration.partner_id != actor.partner_id:
            log.warning("refused answer to request %s by %s (not the partner)", request_id, actor.user_id)
            raise NotPermitted("Only the partner who owns this integration can answer.")
        if request.status != "open":
            raise Conflict("This request was already answered.")
        return f"{REQUEST_TITLES.get(request.kind, request.kind)} for {request.integration.name}"


def answer_request(
    uow_factory: UowFactory,
    actor: Actor,
    request_id: int,
    text: str | None,
    now: datetime,
    *,
    review_channel: str | None,
) -> None:
    """Store the answer once and post it in the thread of the staff review card."""
    answer = parse_note(text, "answer")
    request_title(request_id, uow_factory, actor)
    with uow_factory() as uow:
        request = uow.requests.get(request_id)
        assert request is not None
        if not uow.requests.answer(request_id, answer or "", actor.user_id, now):
            raise Conflict("This request was already answered.")
        integration = request.integration
        uow.audit.record(
            subject_type="integration",
            subject_id=integration.id,
            subject_key=integration.slug,
            action=f"answer_{request.kind}",
            actor=actor.user_id,
            from_stage=integration.stage,
            to_stage=None,
            note=answer,
            at=now,
        )
        notify_staff(
            uow,
            review_channel,
            MessageKind.REQUEST_ANSWER,
            {
                "name": integration.name,
                "slug": integration.slug,
                "request": REQUEST_TITLES.get(request.kind),
                "answer": answer,
                "actor": actor.user_id,
            },
            f"request_answer:{request_id}",
            now,
            thread_of=integration.card_key,
        )
        uow.commit()
