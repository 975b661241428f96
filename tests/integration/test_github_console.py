"""`:github …` lines drive the fake GitHub and print how the bot's webhook endpoint answered."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server
from zoneinfo import ZoneInfo

import pytest

from slackbot.emulator.github import FakeGitHub, ManualClock
from slackbot.emulator.github_console import USAGE, github_command
from slackbot.github.webhooks import Receipt
from slackbot.github.wsgi import EVENTS_PATH, github_events_app

SECRET = "whsec-5d41402abc4b2a76b9719d911017c592"
PACIFIC = ZoneInfo("America/Los_Angeles")


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""
        return None


@pytest.fixture
def heard() -> list[Receipt]:
    """Receipts the webhook endpoint accepted."""
    return []


@pytest.fixture
def gh(heard: list[Receipt]) -> Iterator[FakeGitHub]:
    """The fake GitHub delivering to a small webhook endpoint on a free port."""

    def apply(receipt: Receipt) -> Receipt:
        """Record the receipt."""
        heard.append(receipt)
        return receipt

    server = make_server("127.0.0.1", 0, github_events_app(SECRET, apply=apply), handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}{EVENTS_PATH}"
    yield FakeGitHub(ManualClock(datetime(2026, 11, 30, 9, 0, tzinfo=PACIFIC)), webhook_url=url, secret=SECRET)
    server.shutdown()
    server.server_close()


def run(gh: FakeGitHub, line: str) -> str:
    """One `:github` line."""
    return github_command(gh, line, PACIFIC)


def test_a_scripted_review_round_prints_each_answer(gh: FakeGitHub, heard: list[Receipt]) -> None:
    assert (
        run(gh, "open 4242 author=acme-dev title=Acme Analytics")
        == "pull_request.opened → 202 ignored: action not used"
    )
    assert run(gh, "review 4242 changes_requested by=segment-eng body=Please add tests") == (
        "pull_request_review.submitted → 202 accepted: pull request #4242"
    )
    assert run(gh, "approve 4242").endswith("202 accepted: pull request #4242")
    assert len(heard) == 2 and json.loads(gh.deliveries[1].body)["review"]["body"] == "Please add tests"


def test_merge_at_a_local_time_is_sent_as_githubs_utc_merge_time(gh: FakeGitHub, heard: list[Receipt]) -> None:
    run(gh, "open 4242")
    run(gh, "merge 4242 at=2026-12-01T16:59")
    assert json.loads(gh.deliveries[-1].body)["pull_request"]["merged_at"] == "2026-12-02T00:59:00Z"
    assert heard[-1].event is not None and heard[-1].event.effect_key == "github:merged:4242:2026-12-02T00:59:00+00:00"


def test_missed_changes_github_without_telling_the_bot(gh: FakeGitHub, heard: list[Receipt]) -> None:
    run(gh, "open 4242")
    assert run(gh, "missed merge 4242") == "pull_request.closed: not delivered (the bot was not told)"
    assert gh.pull(4242).merged_at is not None and heard == []
    assert run(gh, "redeliver").endswith("202 accepted: pull request #4242") and len(heard) == 1


def test_ping_push_close_and_the_delivery_list(gh: FakeGitHub) -> None:
    run(gh, "open 4242")
    assert run(gh, "ping") == "ping → 200 pong"
    assert run(gh, "push 4242").startswith("pull_request.synchronize → 202")
    assert run(gh, "close 4242").startswith("pull_request.closed → 202")
    assert run(gh, "deliveries").splitlines()[1] == "[2] ping → 200 pong"


@pytest.mark.parametrize(("line", "problem"), [
    ("", USAGE), ("fly 4242", USAGE), ("merge", USAGE), ("merge 9999", "no pull request #9999"),
    ("review 4242 maybe", "review states"), ("redeliver 7", "no such delivery"),
])  # fmt: skip
def test_a_bad_line_is_answered_with_what_to_type(gh: FakeGitHub, line: str, problem: str) -> None:
    run(gh, "open 4242")
    with pytest.raises(ValueError, match=re.escape(problem)):
        run(gh, line)
