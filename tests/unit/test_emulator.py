"""The emulator is only useful if it is faithful: Slack's signing vector, payload shapes, error shapes."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier

from slackbot.emulator.driver import Driver
from slackbot.emulator.server import FakeSlack
from slackbot.emulator.text import render_blocks
from slackbot.emulator.workspace import Workspace

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def slack() -> FakeSlack:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def _client(slack: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=slack.api_url)


def test_driver_signs_exactly_like_slacks_published_test_vector() -> None:
    vector = json.loads((FIXTURES / "signing_test_vector.json").read_text())
    driver = Driver("http://127.0.0.1:1/", vector["signing_secret"], Workspace(), "http://127.0.0.1:1/")

    signature = driver.signer.generate_signature(timestamp=vector["x_slack_request_timestamp"], body=vector["body"])

    assert signature == vector["expected_x_slack_signature"]
    assert SignatureVerifier(vector["signing_secret"], clock=_FixedClock(1531420618)).is_valid(
        vector["body"], vector["x_slack_request_timestamp"], signature
    )


class _FixedClock:
    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        return self._now


def test_slash_command_body_has_slacks_fields_in_slacks_order() -> None:
    ws = Workspace()
    user, channel = ws.add_user("pat.partner"), ws.add_channel("general")
    body = Driver("http://x/", "s", ws, "http://127.0.0.1:9/").slash_body(user, channel, "/devcenter", "status x")
    fixture_keys = [k for k, _ in parse_qsl((FIXTURES / "slash_command.txt").read_text().strip())]

    assert [k for k, _ in parse_qsl(body)] == fixture_keys
    assert dict(parse_qsl(body))["text"] == "status x"


def test_post_message_answers_like_slack_and_history_returns_metadata(slack: FakeSlack) -> None:
    channel = slack.workspace.add_channel("general")
    client = _client(slack)

    posted = client.chat_postMessage(
        channel=channel.id, text="hi", metadata={"event_type": "devcenter_outbox", "event_payload": {"outbox_id": "7"}}
    )
    history = client.conversations_history(channel=channel.id, include_all_metadata=True)

    assert posted["ok"] and posted["channel"] == channel.id and posted["message"]["bot_id"] == "B0BOTDEV01"
    assert history["messages"][0]["metadata"]["event_payload"] == {"outbox_id": "7"}


def test_unknown_channel_and_bot_not_in_channel_use_slacks_errors(slack: FakeSlack) -> None:
    private = slack.workspace.add_channel("secret", bot_member=False)
    client = _client(slack)

    with pytest.raises(SlackApiError, match="channel_not_found"):
        client.chat_postMessage(channel="C404", text="x")
    with pytest.raises(SlackApiError, match="not_in_channel"):
        client.chat_postMessage(channel=private.id, text="x")


def test_too_many_blocks_and_long_section_text_are_invalid_blocks(slack: FakeSlack) -> None:
    channel = slack.workspace.add_channel("general")
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "x"}}

    with pytest.raises(SlackApiError, match="invalid_blocks"):
        _client(slack).chat_postMessage(channel=channel.id, text="x", blocks=[section] * 51)
    with pytest.raises(SlackApiError, match="invalid_blocks"):
        _client(slack).chat_postMessage(
            channel=channel.id, text="x", blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "y" * 3001}}]
        )


def test_rate_limit_fault_answers_429_with_integer_retry_after(slack: FakeSlack) -> None:
    channel = slack.workspace.add_channel("general")
    slack.inject("chat.postMessage", status=429, retry_after=7)

    with pytest.raises(SlackApiError) as raised:
        _client(slack).chat_postMessage(channel=channel.id, text="x")

    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "7"
    assert _client(slack).chat_postMessage(channel=channel.id, text="x")["ok"]


def test_enforced_tier_limit_answers_429_once_the_minute_is_used_up(slack: FakeSlack) -> None:
    channel = slack.workspace.add_channel("general")
    slack.limiter.enabled = True
    client = _client(slack)

    client.chat_postMessage(channel=channel.id, text="first")
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel=channel.id, text="second in the same second")

    assert raised.value.response.status_code == 429
    assert int(raised.value.response.headers["Retry-After"]) >= 1


def test_trigger_ids_are_single_use_and_expire_after_three_seconds(slack: FakeSlack) -> None:
    now = [100.0]
    slack.workspace.monotonic = lambda: now[0]
    user = slack.workspace.add_user("pat")
    view = {"type": "modal", "title": {"type": "plain_text", "text": "T"}, "blocks": []}
    fresh, stale = slack.workspace.new_trigger(user.id), slack.workspace.new_trigger(user.id)

    assert _client(slack).views_open(trigger_id=fresh, view=view)["ok"]
    with pytest.raises(SlackApiError, match="invalid_trigger_id"):
        _client(slack).views_open(trigger_id=fresh, view=view)
    now[0] += 3.5
    with pytest.raises(SlackApiError, match="expired_trigger_id"):
        _client(slack).views_open(trigger_id=stale, view=view)


def test_modal_with_inputs_needs_a_submit_button(slack: FakeSlack) -> None:
    user = slack.workspace.add_user("pat")
    view = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "T"},
        "blocks": [
            {
                "type": "input",
                "block_id": "b",
                "label": {"type": "plain_text", "text": "L"},
                "element": {"type": "plain_text_input", "action_id": "a"},
            }
        ],
    }

    with pytest.raises(SlackApiError, match="invalid_arguments"):
        _client(slack).views_open(trigger_id=slack.workspace.new_trigger(user.id), view=view)


def test_text_rendering_numbers_buttons_and_resolves_mentions() -> None:
    blocks = json.loads((FIXTURES / "block_actions.json").read_text())["message"]["blocks"]

    text, buttons = render_blocks(blocks, user_name={"U0MEMBER01": "pat"}.get, number_from=3)

    assert "== New submission: My Integration v2 ==" in text
    assert "@pat" in text and "[3] Approve   [4] Reject" in text
    assert [b.action_id for b in buttons] == ["approve_submission", "reject_submission"]
