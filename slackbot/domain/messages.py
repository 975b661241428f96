"""Kinds of notification the outbox carries (rendered at delivery time by slackbot.render.messages)."""

from __future__ import annotations

from enum import StrEnum


class OutboxStatus(StrEnum):
    """Where an outbox message stands."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class MessageKind(StrEnum):
    """One value per outbox message renderer."""

    WELCOME_CHANNEL = "welcome_channel"
    WELCOME_DM = "welcome_dm"
    STAFF_ALERT = "staff_alert"
    ACCESS_CARD = "access_card"  # staff: a new access request with Approve / Decline
    ACCESS_RECEIVED = "access_received"
    ACCESS_APPROVED = "access_approved"
    ACCESS_DECLINED = "access_declined"
    REVIEW_CARD = "review_card"  # staff: a submission with the review buttons
    SUBMISSION_ACK = "submission_ack"
    CHANGES_REQUESTED = "changes_requested"
    REPLAY_INFO_REQUEST = "replay_info_request"
    OAUTH_REQUEST = "oauth_request"
    REVIEW_APPROVED = "review_approved"
    MERGED = "merged"
    REQUEST_ANSWER = "request_answer"  # staff thread: the partner's answer to a staff request
    CARD_SUPERSEDED = "card_superseded"  # edits an older review card (payload "edit": the parent is replaced)
    PRIVATE_BETA = "private_beta"  # partner: shipped, with the private-beta URL
    RELEASE_CARD = "release_card"  # staff: release day, with "Mark release shipped"
    ANNOUNCEMENT = "announcement"  # channel-wide announcement
    CUTOFF_REMINDER = "cutoff_reminder"  # partner: approved, not merged, cutoff today
    REVIEW_OVERDUE = "review_overdue"  # staff: a review passed its due date
    PUBLIC_BETA_APPROVED = "public_beta_approved"  # partner: listed in the catalog as public beta
    PUBLIC_APPROVED = "public_approved"  # partner: public (GA), New & Noteworthy
    VERIFICATION_CARD = "verification_card"  # staff: a customer verification with Confirm / Reject
    VERIFICATION_CONFIRMED = "verification_confirmed"  # partner: staff confirmed a verification
    VERIFICATION_REJECTED = "verification_rejected"  # partner: staff could not confirm it
    QA_ESCALATION = "qa_escalation"  # staff: a partner question the bot could not answer (or a person was asked)
    QA_STAFF_REPLY = "qa_staff_reply"  # partner: a staff reply to that question, relayed
