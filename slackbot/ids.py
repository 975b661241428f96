"""Every Slack identifier the bot owns: command words, action ids, callback ids, block ids, event kinds."""

from __future__ import annotations

from enum import StrEnum

SLASH_COMMAND = "/devcenter"
OUTBOX_EVENT_TYPE = "devcenter_outbox"  # message metadata event_type, used to reconcile deliveries


class Command(StrEnum):
    """Sub-commands of /devcenter (also accepted after an @mention of the bot)."""

    HELP = "help"
    STATUS = "status"
    DEPLOYS = "deploys"
    ANNOUNCE = "announce"
    JOIN = "join"
    SUBMIT = "submit"
    QUEUE = "queue"
    HISTORY = "history"
    CHECKLIST = "checklist"
    METADATA = "metadata"
    VERIFY = "verify"
    CARD = "card"
    ASK = "ask"
    WITHDRAW = "withdraw"


class ActionId(StrEnum):
    """action_id of every interactive element the bot renders."""

    OPEN_STATUS = "home.status"
    OPEN_HELP = "home.help"
    SHIP_RELEASE = "release.ship"
    OPEN_ANNOUNCE_FORM = "forms.announce"
    OPEN_ACCESS_FORM = "forms.access"
    OPEN_SUBMIT_FORM = "forms.submit"
    OPEN_WITHDRAW = "forms.withdraw"  # the withdraw confirmation (partner owner or staff)
    ANSWER_REQUEST = "requests.answer"
    # Staff card buttons: "lifecycle." + the lifecycle Action they take (see staff_action_id()).
    APPROVE_ACCESS = "lifecycle.approve_access"
    DECLINE_ACCESS = "lifecycle.decline_access"
    APPROVE_REVIEW = "lifecycle.approve_review"
    REQUEST_CHANGES = "lifecycle.request_changes"
    REQUEST_REPLAY_INFO = "lifecycle.request_replay_info"
    REQUEST_OAUTH = "lifecycle.request_oauth"
    MARK_MERGED = "lifecycle.mark_merged"
    APPROVE_PUBLIC_BETA = "lifecycle.approve_public_beta"
    APPROVE_PUBLIC = "lifecycle.approve_public"
    OPEN_CHECKLIST = "launch.checklist"
    OPEN_METADATA = "launch.metadata"
    OPEN_VERIFICATION = "launch.verification"
    OPEN_TEST_ACCOUNT = "launch.test_account"  # staff: the metadata with its secrets, in a modal
    CONFIRM_VERIFICATION = "launch.confirm_verification"
    REJECT_VERIFICATION = "launch.reject_verification"
    POST_CARD = "launch.post_card"
    HOME_FOCUS = "home.focus"
    HOME_EMAIL = "home.email"  # the partner turns email off or on again (value "off" / "on")
    QA_HELPFUL = "qa.helpful"
    QA_NOT_HELPFUL = "qa.not_helpful"
    QA_ASK_PERSON = "qa.ask_person"


class CallbackId(StrEnum):
    """callback_id of modals and shortcuts."""

    STATUS_SHORTCUT = "devcenter.status_shortcut"
    ANNOUNCE_COMPOSE = "modal.announce_compose"
    ANNOUNCE_SEND = "modal.announce_send"
    ACCESS_REQUEST = "modal.access_request"
    SUBMIT_FOR_REVIEW = "modal.submit_for_review"
    STAFF_NOTE = "modal.staff_note"
    ANSWER_REQUEST = "modal.answer_request"
    SAVE_AS_FAQ = "devcenter.save_as_faq"  # message shortcut (staff)
    FAQ_MODAL = "modal.faq"
    CHECKLIST = "modal.checklist"
    METADATA = "modal.metadata"
    VERIFICATION = "modal.verification"
    WITHDRAW = "modal.withdraw"
    NOTICE = "modal.notice"  # a read-only message in a modal (Home buttons have no response_url)


class BlockId(StrEnum):
    """block_id of blocks the bot reads back."""

    STATUS_ACTIONS = "status.actions"
    CARD_ACTIONS = "card.actions"
    NOTE = "note"
    ANSWER = "answer"
    REASON = "reason"  # the optional reason of a withdrawal
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
