"""Kinds of notification the outbox carries (rendered at delivery time by slackbot.render.messages)."""

from __future__ import annotations

from enum import StrEnum


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
    STAFF_LOG = "staff_log"  # staff thread: who did what on a card
    QA_ESCALATION = "qa_escalation"  # staff: a partner question the bot could not answer (or a person was asked)
    QA_STAFF_REPLY = "qa_staff_reply"  # partner: a staff reply to that question, relayed
