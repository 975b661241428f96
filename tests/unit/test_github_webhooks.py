"""receive(): every delivery is verified before it is parsed, and every request gets a 2xx or 4xx and one log line."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slackbot.domain.github import CommitsPushed, Ping, PullRequestClosed, PullRequestMerged, ReviewState
from slackbot.domain.github import ReviewSubmitted as Review
from slackbot.emulator import github_payloads as shape
from slackbot.emulator.github_objects import sha
from slackbot.github.webhooks import REFUSED_BY_BUG, Receipt, receive

SECRET = "whsec-acme-5d41402abc4b2a76b9719d911017c592"
REPO = "segmentio/action-destinations"
AT = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
MARKER = "the-review-text-must-never-be-logged"


def pull(**changes: Any) -> shape.FakePull:
    """Pull request #4242 as the fake keeps it, with these changes."""
    base = shape.FakePull(4242, "acme-dev", "Acme Analytics destination", AT, sha(4242, 1), REPO)
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def review_payload(state: str = "changes_requested", association: str = "MEMBER") -> dict[str, Any]:
    """A `pull_request_review.submitted` payload shaped like GitHub's."""
    item = shape.FakeReview(2_500_000_001, "segment-eng", state, association, MARKER, AT, sha(4242, 1))
    return shape.review_envelope(pull(), item, AT)


def merged_payload() -> dict[str, Any]:
    """A `pull_request.closed` payload of a merge."""
    merged = pull(state="closed", closed_at=AT, merged_at=AT, merged_by="segment-eng")
    return shape.envelope(merged, "closed", "segment-eng", AT)


def sign(body: bytes, secret: str = SECRET) -> str:
    """GitHub's X-Hub-Signature-256 for this body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(
    event: str,
    payload: dict[str, Any] | bytes,
    *,
    secret: str | None = SECRET,
    headers: dict[str, str] | None = None,
    max_bytes: int = 1_048_576,
) -> Receipt:
    """Hand a signed delivery to receive()."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    sent = {
        "Content-Type": "application/json",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": "72d3162e-cc78-11e3",
        "X-Hub-Signature-256": sign(body),
        "User-Agent": "GitHub-Hookshot/8e03811",
        **(headers or {}),
    }
    return receive(sent, body, secret=secret, repository=REPO, max_bytes=max_bytes)


def test_a_signed_changes_requested_review_becomes_a_review_event_with_every_field() -> None:
    receipt = deliver("pull_request_review", review_payload())
    assert receipt.status == 202 and receipt.delivery_id == "72d3162e-cc78-11e3"
    assert receipt.event == Review(
        number=4242,
        url="https://github.com/segmentio/action-destinations/pull/4242",
        review_id=2_500_000_001,
        state=ReviewState.CHANGES_REQUESTED,
        reviewer="segment-eng",
        association="MEMBER",
        body=MARKER,
        review_url="https://github.com/segmentio/action-destinations/pull/4242#pullrequestreview-2500000001",
        submitted_at=AT,
        commit_id=sha(4242, 1),
    )


def test_a_merge_carries_merged_at_and_who_merged() -> None:
    assert deliver("pull_request", merged_payload()).event == PullRequestMerged(
        4242, "https://github.com/segmentio/action-destinations/pull/4242", AT, "segment-eng"
    )


def test_a_close_without_merge_and_a_push_become_their_own_events() -> None:
    closed = shape.envelope(pull(state="closed", closed_at=AT), "closed", "acme-dev", AT)
    assert isinstance(deliver("pull_request", closed).event, PullRequestClosed)
    pushed = shape.envelope(pull(), "synchronize", "acme-dev", AT, before=sha(1), after=sha(4242, 1))
    assert deliver("pull_request", pushed).event == CommitsPushed(4242, pull().url, sha(4242, 1), "acme-dev")


def test_a_ping_is_answered_200() -> None:
    receipt = deliver("ping", shape.ping(4_242_001, REPO, "https://bot.example/github/events", AT))
    assert (receipt.status, receipt.event) == (200, Ping(4_242_001, "Keep it logically awesome."))


@pytest.mark.parametrize(("headers", "secret"), [
    ({"X-Hub-Signature-256": "sha256=" + "0" * 64}, SECRET),
    ({"X-Hub-Signature-256": ""}, SECRET),
    ({"X-Hub-Signature-256": "sha1=" + "0" * 40}, SECRET),
    ({"X-Hub-Signature-256": "garbage"}, SECRET),
    ({}, "another-secret-of-sufficient-length"),
], ids=["bad", "empty", "sha1", "garbage", "wrong-secret"])  # fmt: skip
def test_a_bad_signature_is_refused_401_and_yields_no_event(headers: dict[str, str], secret: str) -> None:
    receipt = deliver("pull_request", merged_payload(), headers=headers, secret=secret)
    assert (receipt.status, receipt.event) == (401, None)


def test_a_delivery_without_the_sha256_signature_is_refused_even_with_a_valid_sha1_one() -> None:
    body = json.dumps(merged_payload()).encode()
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": "pull_request",
        "X-GitHub-Delivery": "d",
        "X-Hub-Signature": "sha1=" + hmac.new(SECRET.encode(), body, hashlib.sha1).hexdigest(),
    }
    assert receive(headers, body, secret=SECRET, repository=REPO, max_bytes=10**6).status == 401


def test_a_body_altered_after_signing_is_refused() -> None:
    body = json.dumps(merged_payload()).encode()
    altered = body.replace(b'"merged_by": {"login": "segment-eng"', b'"merged_by": {"login": "mallory"')
    assert altered != body
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": "pull_request",
        "X-GitHub-Delivery": "d",
        "X-Hub-Signature-256": sign(body),
    }
    assert receive(headers, altered, secret=SECRET, repository=REPO, max_bytes=10**6).status == 401


def test_the_signature_is_checked_before_anything_is_parsed() -> None:
    assert deliver("pull_request", b"{not json", headers={"X-Hub-Signature-256": sign(b"other")}).status == 401


def test_without_a_secret_the_endpoint_does_not_exist() -> None:
    assert deliver("pull_request", merged_payload(), secret=None).status == 404
    assert deliver("pull_request", merged_payload(), secret="").status == 404


def test_a_body_over_the_limit_is_refused_413_and_one_at_the_limit_is_read() -> None:
    body = json.dumps(merged_payload()).encode()
    assert deliver("pull_request", body, max_bytes=len(body) - 1).status == 413
    assert deliver("pull_request", body, max_bytes=len(body)).status == 202


def test_a_form_encoded_webhook_is_told_to_use_json() -> None:
    receipt = deliver("pull_request", merged_payload(), headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert receipt.status == 415


@pytest.mark.parametrize("header", ["X-GitHub-Event", "X-GitHub-Delivery"])
def test_a_delivery_missing_its_event_or_delivery_header_is_refused_400(header: str) -> None:
    assert deliver("pull_request", merged_payload(), headers={header: ""}).status == 400


def _mutated(path: str, value: Any) -> dict[str, Any]:
    payload = merged_payload()
    *parents, last = path.split(".")
    target = payload
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return payload


@pytest.mark.parametrize(("path", "value"), [
    ("pull_request", KeyError), ("repository", KeyError), ("pull_request.number", KeyError),
    ("pull_request.number", "4242"), ("pull_request.number", 4242.5), ("pull_request.number", True),
    ("pull_request.number", 10**30), ("pull_request.number", -1), ("pull_request.merged_at", "2026-12-01T20:00:00"),
    ("pull_request.merged_at", "yesterday"), ("pull_request.merged_at", None), ("pull_request.head.sha", "HEAD"),
    ("pull_request.html_url", ["u"]), ("repository.full_name", None), ("sender", "segment-eng"), ("action", 7),
])  # fmt: skip
def test_a_payload_missing_or_mistyping_what_is_needed_is_refused_400(path: str, value: Any) -> None:
    receipt = deliver("pull_request", _mutated(path, value))
    assert receipt.status == 400 and receipt.event is None


@pytest.mark.parametrize("body", [
    b"", b"{", b"[]", b"null", b"\xff\xfe", b'{"action": "closed"', b"[" * 50_000 + b"]" * 50_000,
    b'{"action":"closed","deep":' + b"[" * 50_000 + b"]" * 50_000 + b"}",
], ids=["empty", "brace", "array", "null", "not-utf8", "truncated", "deep-array", "deep-field"])  # fmt: skip
def test_malformed_json_is_refused_400(body: bytes) -> None:
    assert deliver("pull_request", body).status == 400


def test_a_review_of_a_malformed_review_id_is_refused_400() -> None:
    payload = review_payload()
    payload["review"]["id"] = "2500000001"
    assert deliver("pull_request_review", payload).status == 400


@pytest.mark.parametrize(("event", "payload"), [
    ("issues", {"action": "opened"}), ("push", b"{not even json"),
    ("pull_request", {**merged_payload(), "action": "labeled"}),
    ("pull_request_review", {**review_payload(), "action": "dismissed"}),
    ("pull_request", {**merged_payload(), "repository": {"full_name": "acme/action-destinations"}}),
    ("pull_request_review", review_payload(state="pending")),
], ids=["issues", "push", "labeled", "dismissed", "other-repository", "pending-review"])  # fmt: skip
def test_what_the_bot_does_not_use_is_acknowledged_and_ignored(event: str, payload: dict[str, Any] | bytes) -> None:
    receipt = deliver(event, payload)
    assert receipt.status == 202 and receipt.event is None and receipt.message.startswith("ignored")


def test_the_repository_is_compared_without_case() -> None:
    payload = {**merged_payload(), "repository": {"full_name": "SegmentIO/Action-Destinations"}}
    assert deliver("pull_request", payload).event is not None


def test_each_delivery_logs_one_line_without_the_body_or_the_secret(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="slackbot.github"):
        deliver("pull_request_review", review_payload())
        deliver("pull_request_review", review_payload(), headers={"X-Hub-Signature-256": "sha256=" + "0" * 64})
    assert len(caplog.records) == 2
    assert all(MARKER not in r.getMessage() and SECRET not in r.getMessage() for r in caplog.records)
    assert "72d3162e-cc78-11e3" in caplog.records[1].getMessage()


def test_the_answer_body_is_a_short_json_object() -> None:
    assert json.loads(deliver("ping", b"{}").body) == {
        "ok": False,
        "message": "bad ping payload: Object missing required field `zen`",
    }


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048), st.sampled_from(["pull_request", "pull_request_review", "ping"]))
def test_any_signed_bytes_get_a_2xx_or_4xx_and_never_an_exception(body: bytes, event: str) -> None:
    receipt = deliver(event, body)
    assert 200 <= receipt.status < 500 and not receipt.message.startswith(REFUSED_BY_BUG)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        [
            "pull_request",
            "pull_request.number",
            "pull_request.merged_at",
            "pull_request.head",
            "pull_request.merged_by",
            "pull_request.user",
            "sender",
            "repository",
        ]
    ),
    JSON_VALUES,
)
def test_any_value_in_any_needed_field_gets_a_2xx_or_4xx(path: str, value: Any) -> None:
    receipt = deliver("pull_request", _mutated(path, value))
    assert receipt.status in (202, 400) and not receipt.message.startswith(REFUSED_BY_BUG)


class _ExplodingHeaders(dict[str, str]):
    def items(self) -> Any:
        """Fail as a buggy mapping would."""
        raise RuntimeError("a bug in the caller's header mapping")


def test_even_an_internal_error_is_answered_400_in_one_log_line(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="slackbot.github"):
        receipt = receive(_ExplodingHeaders(), b"{}", secret=SECRET)
    assert (receipt.status, receipt.message) == (400, f"{REFUSED_BY_BUG}: RuntimeError")
    assert len(caplog.records) == 1 and caplog.records[0].exc_info is None
