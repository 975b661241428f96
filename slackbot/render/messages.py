"""Outbox messages: a kind and its JSON payload in, (notification text, blocks) out at delivery time."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from slackbot.domain.messages import access as access_messages
from slackbot.domain.messages import announcements as announcement_messages
from slackbot.domain.messages import cards as card_messages
from slackbot.domain.messages import events as event_messages
from slackbot.domain.messages import github as github_messages
from slackbot.domain.messages import launch as launch_messages
from slackbot.domain.messages import load_payload
from slackbot.domain.messages import qa as qa_messages
from slackbot.domain.messages import releases as release_messages
from slackbot.domain.messages import reviews as review_messages
from slackbot.domain.messages import welcome as welcome_messages
from slackbot.domain.messages import withdrawals as withdrawal_messages
from slackbot.domain.messages.base import Payload
from slackbot.domain.messages.outbox import StaffAlert
from slackbot.render import (
    access,
    announcements,
    cards,
    events,
    github,
    launch,
    qa,
    releases,
    reviews,
    verifications,
    welcome,
    withdrawals,
)
from slackbot.render.common import Rendered, checked, context, section
from slackbot.render.mrkdwn import code, md


def staff_alert(p: StaffAlert) -> Rendered:
    """Told to staff when a notification could not be delivered."""
    text = md(
        ":rotating_light: A {kind} notification (outbox #{id}) could not be delivered.",
        kind=code(p.message_kind),
        id=p.outbox_id,
    )
    return text, checked([section(text), context(md("{error}", error=p.error[:500]))])


RENDERERS: dict[type[Payload], Callable[[Any], Rendered]] = {
    welcome_messages.WelcomeInChannel: welcome.welcome_channel,
    welcome_messages.WelcomeByDm: welcome.welcome_dm,
    StaffAlert: staff_alert,
    card_messages.AccessCard: cards.staff_card,
    card_messages.ReviewCard: cards.staff_card,
    card_messages.CardSuperseded: cards.card_superseded,
    card_messages.CardUpdated: cards.staff_card,
    access_messages.AccessReceived: access.access_received,
    access_messages.AccessApproved: access.access_approved,
    access_messages.AccessDeclined: access.access_declined,
    review_messages.SubmissionAck: reviews.submission_ack,
    review_messages.ChangesRequested: reviews.changes_requested,
    review_messages.ReplayInfoRequest: reviews.replay_info_request,
    review_messages.OAuthRequest: reviews.oauth_request,
    review_messages.ReviewApproved: reviews.review_approved,
    review_messages.Merged: reviews.merged,
    review_messages.RequestAnswer: reviews.request_answer,
    review_messages.RequestAnswered: reviews.request_answered,
    review_messages.ReviewOverdue: reviews.review_overdue,
    release_messages.PrivateBeta: releases.private_beta,
    release_messages.ReleaseCardMessage: releases.release_card,
    release_messages.CutoffReminder: releases.cutoff_reminder,
    announcement_messages.Announcement: announcements.announcement,
    announcement_messages.ReleaseAnnouncement: announcements.release_announcement,
    launch_messages.PublicBetaApproved: launch.public_beta_approved,
    launch_messages.PublicApproved: launch.public_approved,
    launch_messages.VerificationCard: verifications.verification_card,
    launch_messages.VerificationConfirmed: verifications.verification_confirmed,
    launch_messages.VerificationRejected: verifications.verification_rejected,
    qa_messages.QaEscalation: qa.escalation_message,
    qa_messages.QaStaffReply: qa.staff_reply_message,
    event_messages.EventReply: events.event_reply,
    withdrawal_messages.IntegrationWithdrawn: withdrawals.integration_withdrawn,
    github_messages.ClosedWithoutMerge: github.closed_without_merge,
    github_messages.CommitsPushedNote: github.commits_pushed,
}


def render_payload(payload: Payload) -> Rendered:
    """Render a typed payload."""
    return RENDERERS[type(payload)](payload)


def render_message(kind: str, data: Mapping[str, Any]) -> Rendered:
    """Render an outbox row by kind; ValueError for an unknown kind or a payload that does not fit it."""
    return render_payload(load_payload(kind, data))
