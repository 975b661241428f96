"""Use case: welcome a partner's user in the shared channel and by DM, once per person, ever."""

from __future__ import annotations

from slackbot.domain.actors import Actor
from slackbot.domain.messages.welcome import WelcomeByDm, WelcomeInChannel
from slackbot.program import Program
from slackbot.services.outbox import queue


def member_joined(program: Program, actor: Actor, *, event_id: str, channel_id: str) -> bool:
    """Queue the welcomes for a join event; True when this event queued anything.

    A repeated event_id (Slack retries up to 3 times) is ignored; the outbox dedupe keys make the
    welcome once per user ever, whatever the channel, leaves and rejoins.
    """
    user_id, is_staff, is_external, now = actor.user_id, actor.is_staff, actor.is_external, program.now()
    program.members.forget(user_id)
    with program.uow() as uow:
        if not uow.events.first_time(event_id, "member_joined_channel", now):
            uow.rollback()
            return False
        partner = uow.partners.by_channel(channel_id)
        member = uow.partners.member(user_id)
        if partner is None or is_staff:
            uow.commit()
            return False
        if member is None and is_external:  # a new teammate from the partner's organisation
            member = uow.partners.add_member(partner, user_id, is_external=True, now=now)
        if member is None or member.partner_id != partner.id:
            uow.commit()
            return False
        welcome = (user_id, partner.name, channel_id)
        queued = queue(uow, WelcomeInChannel(*welcome), channel_id, f"welcome:channel:{user_id}", now)
        queued |= queue(uow, WelcomeByDm(*welcome), user_id, f"welcome:dm:{user_id}", now)
        uow.commit()
        return queued
