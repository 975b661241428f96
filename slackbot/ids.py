"""Every Slack identifier the bot owns: command words, action ids, callback ids, block ids, event kinds."""

from __future__ import annotations

from enum import StrEnum

SLASH_COMMAND = "/devcenter"
OUTBOX_EVENT_TYPE = "devcenter_outbox"  # message metadata event_type, used to reconcile deliveries


class Command(StrEnum):
    """Sub-commands of /devcenter (also accepted after an @mention of the bot)."""

    HELP = "help"
    STATUS = "status"
    JOIN = "join"
    SUBMIT = "submit"
    QUEUE = "queue"
    HISTORY = "history"
    ASK = "ask"


class ActionId(StrEnum):
    """action_id of every interactive element the bot renders."""

    OPEN_STATUS = "home.status"
    OPEN_HELP = "home.help"
    OPEN_ACCESS_FORM = "forms.access"
    OPEN_SUBMIT_FORM = "forms.submit"
    ANSWER_REQUEST = "requests.answer"
    # Staff card buttons: "lifecycle." + the lifecycle Action they take (see staff_action_id()).
    APPROVE_ACCESS = "lifecycle.approve_access"
    DECLINE_ACCESS = "lifecycle.decline_access"
    APPROVE_REVIEW = "lifecycle.approve_review"
    REQUEST_CHANGES = "lifecycle.request_changes"
    REQUEST_REPLAY_INFO = "lifecycle.request_replay_info"
    REQUEST_OAUTH = "lifecycle.request_oauth"
    MARK_MERGED = "lifecycle.mark_merged"
    QA_HELPFUL = "qa.helpful"
    QA_NOT_HELPFUL = "qa.not_helpful"
    QA_ASK_PERSON = "qa.ask_person"


class CallbackId(StrEnum):
    """callback_id of modals and shortcuts."""

    STATUS_SHORTCUT = "devcenter.status_shortcut"
    ACCESS_REQUEST = "modal.access_request"
    SUBMIT_FOR_REVIEW = "modal.submit_for_review"
    STAFF_NOTE = "modal.staff_note"
    ANSWER_REQUEST = "modal.answer_request"
    SAVE_AS_FAQ = "devcenter.save_as_faq"  # message shortcut (staff)
    FAQ_MODAL = "modal.faq"


class BlockId(StrEnum):
    """block_id of blocks the bot reads back."""

    STATUS_ACTIONS = "status.actions"
    CARD_ACTIONS = "card.actions"
    NOTE = "note"
    ANSWER = "answer"
    AGREEMENT = "agreement"
    QA_ACTIONS = "qa.actions"
    FAQ_ID = "faq.id"
    FAQ_TITLE = "faq.title"
    FAQ_QUESTIONS = "faq.questions"
    FAQ_ANSWER = "faq.answer"
    FAQ_TAGS = "faq.tags"
    FAQ_SOURCE = "faq.source"


class EventType(StrEnum):
    """Events API event types the bot subscribes to."""

    MEMBER_JOINED_CHANNEL = "member_joined_channel"
    APP_MENTION = "app_mention"
    APP_HOME_OPENED = "app_home_opened"
    MESSAGE = "message"  # manifest: message.channels, message.groups


STAFF_ACTION_PREFIX = "lifecycle."


def staff_action_id(action: str) -> ActionId:
    """The button action_id of a lifecycle action (ValueError when it has no staff button)."""
    return ActionId(STAFF_ACTION_PREFIX + action)


def staff_actions() -> list[ActionId]:
    """Every staff card button id."""
    return [a for a in ActionId if a.value.startswith(STAFF_ACTION_PREFIX)]
