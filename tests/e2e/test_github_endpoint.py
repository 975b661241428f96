"""POST /github/events over signed HTTP: forgeries, redeliveries, pings, strangers' pull requests and broken
payloads are answered without a 5xx or a traceback, and none of them changes anything twice (or at all)."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from typing import Any

import pytest

from slackbot.emulator.demo import ACME_PULL, DemoWorld, build_world
from slackbot.emulator.github import FakeGitHub
from slackbot.emulator.harness import Harness


@pytest.fixture
def world(harness: Harness, gh: FakeGitHub) -> DemoWorld:
    """The demo: Acme Analytics in review with pull request #3141 open on the fake GitHub."""
    return build_world(harness)


def stage_line(harness: Harness, world: DemoWorld) -> str:
    """The stage line of Acme's /devcenter status."""
    text = harness.emu.slash("/devcenter status", as_user=world.pat).text
    return next(line for line in text.splitlines() if "*Acme Analytics*" in line)


def history(harness: Harness, world: DemoWorld) -> str:
    """/devcenter history acme-analytics, as staff see it."""
    return harness.emu.slash("/devcenter history acme-analytics", as_user=world.staff).text


def merged_dms(harness: Harness, world: DemoWorld) -> int:
    """How many times Acme's partner was told about a merge."""
    return sum("is merged and ships" in harness.emu.message_text(m) for m in harness.emu.dms(world.pat))


def test_a_forged_or_unsigned_merge_is_refused_with_401_and_changes_nothing(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    before = history(harness, world)

    forged, unsigned = gh.forged(ACME_PULL), gh.unsigned(ACME_PULL)

    assert (forged.status, forged.json()["message"]) == (401, "bad signature")
    assert (unsigned.status, unsigned.json()["message"]) == (401, "missing X-Hub-Signature-256")
    assert "In review" in stage_line(harness, world)
    assert history(harness, world) == before and merged_dms(harness, world) == 0


def test_a_redelivery_under_a_new_id_or_the_same_id_changes_nothing_twice(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    merge = gh.merge(ACME_PULL, by="segment-eng")
    after_merge = harness.emu.messages(world.review_channel)

    again = gh.redeliver(merge)  # GitHub's Redeliver button: a new delivery id, the same body
    same = gh.send(merge.event, merge.body, headers={"X-GitHub-Delivery": merge.id})

    assert merge.status == 200 and again.id != merge.id
    assert (again.status, again.json()["message"]) == (200, "already applied")
    assert (same.status, same.json()["message"]) == (200, "duplicate delivery")
    assert merged_dms(harness, world) == 1
    assert history(harness, world).count("mark merged") == 1
    assert harness.emu.messages(world.review_channel) == after_merge


def test_ping_is_answered_with_2xx(harness: Harness, gh: FakeGitHub, world: DemoWorld) -> None:
    ping = gh.ping()

    assert (ping.status, ping.json()["message"]) == (200, "pong")


def test_another_repository_and_an_unknown_pull_request_get_2xx_and_one_log_line(
    harness: Harness, gh: FakeGitHub, world: DemoWorld, caplog: pytest.LogCaptureFixture
) -> None:
    fork = FakeGitHub(gh.clock, webhook_url=gh.webhook_url, secret=gh.secret, repository="segmentio/analytics-next")
    fork.open(ACME_PULL, deliver=False)
    gh.open(9999, author="someone", deliver=False)
    caplog.set_level(logging.INFO)

    elsewhere, unknown = fork.merge(ACME_PULL), gh.merge(9999)

    assert (elsewhere.status, elsewhere.json()["message"]) == (202, "ignored: another repository")
    assert (unknown.status, unknown.json()["message"]) == (202, "ignored: pull request #9999 is not tracked")
    for delivery in (elsewhere, unknown):
        assert len([r for r in caplog.records if delivery.id in r.getMessage()]) == 1
    assert "In review" in stage_line(harness, world) and merged_dms(harness, world) == 0


def _merge_payload(gh: FakeGitHub) -> dict[str, Any]:
    """A well-formed merge of #3141 that the bot was not told about (to break in tests)."""
    return json.loads(gh.merge(ACME_PULL, deliver=False).body)


def _pull(payload: dict[str, Any], **fields: Any) -> bytes:
    """The payload with some pull request fields replaced."""
    return json.dumps({**payload, "pull_request": {**payload["pull_request"], **fields}}).encode()


def _without(payload: dict[str, Any], key: str) -> bytes:
    """The payload without one top-level key."""
    return json.dumps({k: v for k, v in payload.items() if k != key}).encode()


BREAKAGES = {
    "not json": lambda p: b'{"action": "closed", "pull_request": ',
    "a list": lambda p: b"[1, 2, 3]",
    "nested too deeply": lambda p: b"[" * 200_000 + b"]" * 200_000,
    "number as text": lambda p: json.dumps({**p, "number": "3141"}).encode(),
    "no pull request": lambda p: _without(p, "pull_request"),
    "sender missing": lambda p: _without(p, "sender"),
    "merged without merged_at": lambda p: _pull(p, merged_at=None),
    "naive merged_at": lambda p: _pull(p, merged_at="2026-11-24T16:59:00"),
    "merged_at not a time": lambda p: _pull(p, merged_at=17),
    "head sha not a sha": lambda p: _pull(p, head={**p["pull_request"]["head"], "sha": "<script>"}),
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_a_broken_payload_gets_a_4xx_never_a_5xx_nor_a_traceback_and_changes_nothing(
    harness: Harness, gh: FakeGitHub, world: DemoWorld, caplog: pytest.LogCaptureFixture, breakage: str
) -> None:
    body = BREAKAGES[breakage](_merge_payload(gh))
    caplog.set_level(logging.INFO)

    delivery = gh.malformed(body)

    assert 400 <= (delivery.status or 0) < 500, delivery.answer
    assert json.loads(delivery.answer)["ok"] is False
    assert not [r for r in caplog.records if r.exc_info], "no traceback"
    assert "In review" in stage_line(harness, world) and merged_dms(harness, world) == 0


def test_a_huge_body_is_refused_with_413_before_it_is_parsed(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    delivery = gh.oversized(3_000_000)

    assert (delivery.status, delivery.json()["message"]) == (413, "body over 1048576 bytes")


def test_without_a_webhook_secret_there_is_no_github_endpoint(harness: Harness) -> None:
    url = harness.app_url.replace("/slack/events", "/github/events")
    request = urllib.request.Request(url, data=b"{}", method="POST", headers={"Content-Type": "application/json"})

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)

    assert refused.value.code == 404
