"""Every HTTP attempt a Slack client makes is observed once, by method and outcome, 429s and retries included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from slackbot.emulator.server import FakeSlack
from slackbot.slack.client import ObservedWebClient, api_method


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def _client(slack: FakeSlack, seen: list[tuple[str, str]], **options: object) -> ObservedWebClient:
    return ObservedWebClient(
        token="xoxb-client-test",
        base_url=slack.api_url,
        timeout=5,
        observe=lambda method, outcome: seen.append((method, outcome)),
        **options,  # type: ignore[arg-type]
    )


def test_a_429_waited_out_by_the_retry_handler_is_seen_and_so_is_the_retry(slack: FakeSlack) -> None:
    seen: list[tuple[str, str]] = []
    client = _client(slack, seen, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])
    slack.inject("auth.test", status=429, retry_after=0)

    assert client.auth_test()["ok"] is True

    assert seen == [("auth.test", "ratelimited"), ("auth.test", "ok")]


def test_refusals_server_errors_and_dropped_connections_each_have_their_outcome(slack: FakeSlack) -> None:
    seen: list[tuple[str, str]] = []
    client = _client(slack, seen, retry_handlers=[])
    user = slack.workspace.add_user("someone")
    slack.inject("users.info", status=500)
    slack.inject("conversations.open", drop=True)

    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C0NOWHERE1", text="hello")  # 200 with "ok": false
    with pytest.raises(SlackApiError):
        client.users_info(user=user.id)
    with pytest.raises((SlackClientError, OSError)):
        client.conversations_open(users=user.id)
    client.users_info(user=user.id)

    assert seen == [
        ("chat.postMessage", "error"),
        ("users.info", "error"),
        ("conversations.open", "network"),
        ("users.info", "ok"),
    ]


def test_the_method_is_the_last_path_segment_without_a_query() -> None:
    assert api_method("https://slack.com/api/chat.postMessage") == "chat.postMessage"
    assert api_method("http://127.0.0.1:8080/api/conversations.history?limit=1") == "conversations.history"
