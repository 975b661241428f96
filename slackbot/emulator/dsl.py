"""The conversation DSL: emu.slash(...), emu.click(...), emu.submit(...), then look at the workspace."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slackbot.emulator.driver import Driver, Response
from slackbot.emulator.payloads import block_actions, message_action, message_event, view_submission
from slackbot.emulator.server import FakeSlack
from slackbot.emulator.text import Button, buttons, render_blocks
from slackbot.emulator.workspace import BOT_USER_ID, Channel, Message, User, View

UserRef = User | str
ChannelRef = Channel | str


class EmulatorError(AssertionError):
    """The test asked for something the emulated workspace does not show (e.g. a missing button)."""


@dataclass
class Reply:
    """What the user saw after a request: the HTTP answer and the messages it produced."""

    response: Response
    messages: list[Message]
    text: str

    @property
    def status(self) -> int:
        """HTTP status the app answered."""
        return self.response.status


class Emulator:
    """Drives the app like people in a Slack workspace would, and reads what the workspace shows."""

    def __init__(self, slack: FakeSlack, driver: Driver, settle: Callable[[], None]) -> None:
        self.slack, self.driver, self.settle = slack, driver, settle
        self.ws = slack.workspace

    # -- people and places ------------------------------------------------------------------------
    def user(self, ref: UserRef) -> User:
        """A user by object or name."""
        return ref if isinstance(ref, User) else self.ws.user_by_name(ref)

    def channel(self, ref: ChannelRef) -> Channel:
        """A channel by object, name or id."""
        if isinstance(ref, Channel):
            return ref
        return self.ws.channels.get(ref) or self.ws.channel_by_name(ref)

    # -- actions ----------------------------------------------------------------------------------
    def slash(self, line: str, *, as_user: UserRef, channel: ChannelRef | None = None) -> Reply:
        """Type a slash command ('/devcenter status') in a channel (default: the user's DM with the bot)."""
        user = self.user(as_user)
        where = self.channel(channel) if channel else self.ws.im_with(user.id)
        command, _, text = line.strip().partition(" ")
        return self._observe(
            user, lambda: self._show_ack(user, where, self.driver.slash(user, where, command, text.strip()))
        )

    def _show_ack(self, user: User, where: Channel, response: Response) -> Response:
        """A slash command answered in its ack: Slack shows that message (ephemeral unless in_channel)."""
        body = response.json() if response.status == 200 and response.body.startswith("{") else {}
        if body.get("text") or body.get("blocks"):
            public = body.get("response_type") == "in_channel"
            with self.ws.lock:
                self.ws.messages.append(
                    Message(
                        self.ws.next_ts(),
                        where.id,
                        "U0BOTDEV01",
                        str(body.get("text") or ""),
                        body.get("blocks") or [],
                        ephemeral_to=None if public else user.id,
                        bot_id="B0BOTDEV01",
                    )
                )
        return response

    def mention(self, text: str, *, as_user: UserRef, channel: ChannelRef, thread_ts: str | None = None) -> Reply:
        """Post '@DevCenter <text>' in a channel, or in a thread of it (the app_mention event)."""
        user = self.user(as_user)
        event = self.mention_event(text, as_user=user, channel=channel, thread_ts=thread_ts)
        return self._observe(user, lambda: self.driver.event(event)[0])

    def mention_event(
        self, text: str, *, as_user: UserRef, channel: ChannelRef, thread_ts: str | None = None
    ) -> dict[str, Any]:
        """Post '@DevCenter <text>' and return the app_mention event without delivering it (to send it again)."""
        return self._say(
            self.user(as_user), self.channel(channel), f"<@{BOT_USER_ID}> {text}", "app_mention", thread_ts
        )

    def reply_in_thread(
        self, text: str, *, as_user: UserRef, channel: ChannelRef, thread_ts: str, deliveries: int = 1
    ) -> Reply:
        """Reply in a thread as a person; Slack sends the `message` event (message.channels/.groups)."""
        return self.post(text, as_user=as_user, channel=channel, thread_ts=thread_ts, deliveries=deliveries)

    def post(
        self, text: str, *, as_user: UserRef, channel: ChannelRef, thread_ts: str | None = None, deliveries: int = 1
    ) -> Reply:
        """Post a plain message as a person (in a thread with `thread_ts`); Slack sends the `message` event."""
        user, where = self.user(as_user), self.channel(channel)
        event = self._say(user, where, text, "message", thread_ts)
        return self._observe(user, lambda: self.driver.event(event, deliveries=deliveries)[0])

    def dm(self, text: str, *, as_user: UserRef) -> Reply:
        """Write to the bot in its DM (the Messages tab); Slack sends a `message` event (message.im)."""
        user = self.user(as_user)
        event = self._say(user, self.ws.im_with(user.id), text, "message")
        return self._observe(user, lambda: self.driver.event(event)[0])

    def _say(self, user: User, where: Channel, text: str, kind: str, thread_ts: str | None = None) -> dict[str, Any]:
        """Post a person's message in the workspace; the event Slack sends about it."""
        ts = self.ws.next_ts()
        with self.ws.lock:
            self.ws.messages.append(Message(ts, where.id, user.id, text, [], thread_ts=thread_ts))
        return message_event(kind, user, where, ts, text, thread_ts)

    def message_shortcut(self, callback_id: str, message: Message, *, as_user: UserRef) -> Reply:
        """Run a message shortcut from a message's ⋯ menu (message_action, as in message_shortcut.json)."""
        user = self.user(as_user)
        payload = message_action(self.ws, self.driver.hooks_base, user, callback_id, message)
        return self._observe(user, lambda: self.driver.interaction(payload))

    def join(self, user: UserRef, channel: ChannelRef, *, deliveries: int = 1) -> list[Response]:
        """Add a user to a channel; Slack sends member_joined_channel (`deliveries` times: retries)."""
        member, where = self.user(user), self.channel(channel)
        with self.ws.lock:
            where.members.add(member.id)
        event = {
            "type": "member_joined_channel",
            "user": member.id,
            "channel": where.id,
            "channel_type": "C",
            "team": member.team_id,
            "event_ts": self.ws.next_ts(),
        }
        answers = self.driver.event(event, deliveries=deliveries)
        self.settle()
        return answers

    def leave(self, user: UserRef, channel: ChannelRef) -> None:
        """Remove a user from a channel."""
        with self.ws.lock:
            self.channel(channel).members.discard(self.user(user).id)

    def open_home(self, user: UserRef) -> Response:
        """Open the bot's App Home tab (app_home_opened)."""
        member = self.user(user)
        event = {
            "type": "app_home_opened",
            "user": member.id,
            "channel": self.ws.im_with(member.id).id,
            "tab": "home",
            "event_ts": self.ws.next_ts(),
        }
        answer = self.driver.event(event)[0]
        self.settle()
        return answer

    def click(
        self, label: str, *, as_user: UserRef, in_channel: ChannelRef | None = None, in_home: bool = False
    ) -> Reply:
        """Press the newest button called `label` that this user can see (in a channel, DM or Home)."""
        user = self.user(as_user)
        if in_home:
            view = self.ws.homes.get(user.id)
            return self.press(user, self._find(label, view.data.get("blocks", []) if view else [], "Home"), view=view)
        where = self.channel(in_channel) if in_channel else self.ws.im_with(user.id)
        message = next(
            (
                m
                for m in reversed(self.ws.visible_messages(where.id, user.id))
                if any(b.label == label for b in buttons(m.blocks))
            ),
            None,
        )
        if message is None:
            raise EmulatorError(f"no button {label!r} visible to {user.name} in #{where.name}")
        return self.press(user, self._find(label, message.blocks, where.name), message=message)

    def press(self, user: User, button: Button, *, message: Message | None = None, view: View | None = None) -> Reply:
        """Press one specific button of a message or a view."""
        if view is not None:
            payload = self.action_payload(user, button, {"type": "view", "view_id": view.id}, view=view)
        elif message is not None:
            where = self.ws.channels[message.channel]
            payload = self.action_payload(
                user,
                button,
                {
                    "type": "message",
                    "message_ts": message.ts,
                    "channel_id": where.id,
                    "is_ephemeral": message.ephemeral_to is not None,
                },
                message=message,
                channel=where,
            )
        else:
            raise EmulatorError("press() needs the message or view that holds the button")
        return self._observe(user, lambda: self.driver.interaction(payload))

    def submit(self, values: dict[str, Any], *, as_user: UserRef) -> Reply:
        """Fill the user's open modal (values keyed by input block_id) and press its submit button."""
        user = self.user(as_user)
        view = self.modal(user)
        if view is None:
            raise EmulatorError(f"{user.name} has no open modal")
        payload = view_submission(self.ws, user, view, values)
        reply = self._observe(user, lambda: self.driver.interaction(payload))
        answer = reply.response.json() if reply.response.body.startswith("{") else {}
        action = answer.get("response_action")
        if action in (None, "clear"):
            view.closed = True
        elif action == "update":  # Slack swaps the modal's content for the view in the ack
            view.data = {k: v for k, v in answer["view"].items() if k != "id"}
        return reply

    def close(self, *, as_user: UserRef) -> None:
        """Press the open modal's close button (the bot asks for no view_closed: notify_on_close is never set)."""
        view = self.modal(as_user)
        if view is None:
            raise EmulatorError(f"{self.user(as_user).name} has no open modal")
        view.closed = True

    # -- what the workspace shows -----------------------------------------------------------------
    def messages(self, channel: ChannelRef, *, as_user: UserRef | None = None) -> list[Message]:
        """Messages in a channel as `as_user` sees them (ephemerals only for their recipient)."""
        viewer = self.user(as_user).id if as_user else None
        return self.ws.visible_messages(self.channel(channel).id, viewer)

    def dms(self, user: UserRef) -> list[Message]:
        """What the bot sent this user by DM."""
        return self.ws.visible_messages(self.ws.im_with(self.user(user).id).id)

    def home(self, user: UserRef) -> str:
        """The user's Home tab as readable text ('' when never published)."""
        view = self.ws.homes.get(self.user(user).id)
        return self.text(view.data.get("blocks", [])) if view else ""

    def modal(self, user: UserRef) -> View | None:
        """The user's newest open modal."""
        member = self.user(user)
        return next(
            (
                v
                for v in reversed(list(self.ws.views.values()))
                if v.user == member.id and v.type == "modal" and not v.closed
            ),
            None,
        )

    def text(self, blocks: list[dict[str, Any]], fallback: str = "") -> str:
        """Readable text of blocks, with user and channel names resolved."""
        return render_blocks(blocks, fallback, user_name=self._user_name, channel_name=self._channel_name)[0]

    def message_text(self, message: Message) -> str:
        """Readable text of one message."""
        return self.text(message.blocks, message.text)

    # -- internals --------------------------------------------------------------------------------
    def _observe(self, user: User, send: Callable[[], Response]) -> Reply:
        before = len(self.ws.messages)
        response = send()
        self.settle()
        new = [m for m in self.ws.messages[before:] if m.ephemeral_to in (None, user.id)]
        text = "\n".join(self.message_text(m) for m in new)
        return Reply(response, new, text)

    def _find(self, label: str, blocks: list[dict[str, Any]], where: str) -> Button:
        found = [b for b in buttons(blocks) if b.label == label]
        if not found:
            raise EmulatorError(f"no button {label!r} in {where}")
        return found[-1]

    def action_payload(
        self, user: User, button: Button, container: dict[str, Any], *, message: Message | None = None,
        channel: Channel | None = None, view: View | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        """The block_actions payload Slack sends when `user` presses `button` (shaped as block_actions.json)."""
        return block_actions(
            self.ws, self.driver.hooks_base, user, button, container, message=message, channel=channel, view=view
        )

    def _user_name(self, user_id: str) -> str:
        user = self.ws.users.get(user_id)
        return user.name if user else user_id

    def _channel_name(self, channel_id: str) -> str:
        channel = self.ws.channels.get(channel_id)
        return channel.name if channel else channel_id
