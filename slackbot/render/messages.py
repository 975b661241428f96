"""Outbox messages: a kind and its payload in, (notification text, blocks) out at delivery time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slackbot.domain.messages import MessageKind
from slackbot.render import access, announcements, cards, launch, qa, releases, reviews, verifications, welcome
from slackbot.render.common import Rendered, checked, context, escape, section


def staff_alert(p: dict[str, Any]) -> Rendered:
    """Told to staff when a notification could not be delivered."""
    text = f":rotating_light: A `{p['kind']}` notification (outbox #{p['outbox_id']}) could not be delivered."
    return text, checked([section(text), context(escape(str(p["error"]))[:500])])


RENDERERS: dict[MessageKind, Callable[[dict[str, Any]], Rendered]] = {
    MessageKind.WELCOME_CHANNEL: welcome.welcome_channel,
    MessageKind.WELCOME_DM: welcome.welcome_dm,
    MessageKind.STAFF_ALERT: staff_alert,
    MessageKind.ACCESS_CARD: cards.staff_card,
    MessageKind.ACCESS_RECEIVED: access.access_received,
    MessageKind.ACCESS_APPROVED: access.access_approved,
    MessageKind.ACCESS_DECLINED: access.access_declined,
    MessageKind.REVIEW_CARD: cards.staff_card,
    MessageKind.SUBMISSION_ACK: reviews.submission_ack,
    MessageKind.CHANGES_REQUESTED: reviews.changes_requested,
    MessageKind.REPLAY_INFO_REQUEST: reviews.replay_info_request,
    MessageKind.OAUTH_REQUEST: reviews.oauth_request,
    MessageKind.REVIEW_APPROVED: reviews.review_approved,
    MessageKind.MERGED: reviews.merged,
    MessageKind.REQUEST_ANSWER: reviews.request_answer,
    MessageKind.CARD_SUPERSEDED: reviews.card_superseded,
    MessageKind.REVIEW_OVERDUE: reviews.review_overdue,
    MessageKind.PRIVATE_BETA: releases.private_beta,
    MessageKind.RELEASE_CARD: releases.release_card,
    MessageKind.CUTOFF_REMINDER: releases.cutoff_reminder,
    MessageKind.ANNOUNCEMENT: announcements.announcement,
    MessageKind.PUBLIC_BETA_APPROVED: launch.public_beta_approved,
    MessageKind.PUBLIC_APPROVED: launch.public_approved,
    MessageKind.VERIFICATION_CARD: verifications.verification_card,
    MessageKind.VERIFICATION_CONFIRMED: verifications.verification_confirmed,
    MessageKind.VERIFICATION_REJECTED: verifications.verification_rejected,
    MessageKind.QA_ESCALATION: qa.escalation_message,
    MessageKind.QA_STAFF_REPLY: qa.staff_reply_message,
}


def render_message(kind: str, payload: dict[str, Any]) -> Rendered:
    """Render an outbox message by kind; KeyError for an unknown kind."""
    return RENDERERS[MessageKind(kind)](payload)
