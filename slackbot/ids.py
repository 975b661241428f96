"""Every Slack identifier the bot owns: command words, action ids, callback ids, block ids, event kinds."""

from __future__ import annotations

from enum import StrEnum

SLASH_COMMAND = "/devcenter"
OUTBOX_EVENT_TYPE = "devcenter_outbox"  # message metadata event_type, used to reconcile deliveries


class Command(StrEnum):
    """Sub-commands of /devcenter (also accepted after an @mention of the bot)."""

    HELP = "help"
    STATUS = "status"


class ActionId(StrEnum):
    """action_id of every interactive element the bot renders."""

    OPEN_STATUS = "home.status"
    OPEN_HELP = "home.help"


class CallbackId(StrEnum):
    """callback_id of modals and shortcuts."""

    STATUS_SHORTCUT = "devcenter.status_shortcut"


class BlockId(StrEnum):
    """block_id of blocks the bot reads back."""

    STATUS_ACTIONS = "status.actions"


class EventType(StrEnum):
    """Events API event types the bot subscribes to."""

    MEMBER_JOINED_CHANNEL = "member_joined_channel"
    APP_MENTION = "app_mention"
    APP_HOME_OPENED = "app_home_opened"
