"""Kinds of notification the outbox carries (rendered at delivery time by slackbot.render.messages)."""

from __future__ import annotations

from enum import StrEnum


class MessageKind(StrEnum):
    """One value per outbox message renderer."""

    WELCOME_CHANNEL = "welcome_channel"
    WELCOME_DM = "welcome_dm"
    STAFF_ALERT = "staff_alert"
