"""Forged, unsigned, oversized and malformed requests: a 4xx, one log line without the body, no traceback,
and nothing happens in the workspace."""

from __future__ import annotations

import http.client
import json
import logging
import time  # signature timestamps only
from urllib.parse import urlencode, urlsplit

import pytest
from conftest import Proof

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness

MARKER = "BODY-MARKER-7f3a"  # appears in every forged body; must never appear in a log line
FORM, JSON = "application/x-www-form-urlencoded", "application/json"


def _raw(harness: Harness, body: bytes, headers: dict[str, str]) -> int:
    """POST bytes with exactly these headers (http.client: nothing is fixed up on the way)."""
    url = urlsplit(harness.app_url)
    connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
    try:
        connection.request("POST", url.path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def _signed(harness: Harness, body: str, content_type: str = JSON, **headers: str) -> int:
    return harness.driver.post(body, content_type, headers=headers).status


def _event(event: object) -> str:
    return json.dumps({"type": "event_callback", "event_id": "EvFORGED01", "event": event, "note": MARKER})


def _interaction(payload: dict[str, object]) -> str:
    return urlencode({"payload": json.dumps({**payload, "note": MARKER})})


USER = {"id": "U0PAT00001", "name": "pat.partner", "team_id": "T0DEVCTR01"}
SIGNED_BUT_MALFORMED = {
    "not JSON": ("{" + MARKER, JSON),
    "a JSON list": (json.dumps([MARKER]), JSON),
    "event null": (_event(None), JSON),
    "event without a type": (_event({"text": MARKER}), JSON),
    "actions empty": (_interaction({"type": "block_actions", "user": USER, "actions": []}), FORM),
    "actions not objects": (_interaction({"type": "block_actions", "user": USER, "actions": [1, MARKER]}), FORM),
    "view null": (_interaction({"type": "view_submission", "user": USER, "view": None}), FORM),
    "view state not an object": (
        _interaction({"type": "view_submission", "user": USER, "view": {"state": MARKER}}),
        FORM,
    ),
    "no user": (_interaction({"type": "block_actions", "actions": [{"action_id": MARKER}]}), FORM),
    "payload not JSON": (urlencode({"payload": "{" + MARKER}), FORM),
}


@pytest.mark.parametrize("case", sorted(SIGNED_BUT_MALFORMED))
def test_a_signed_but_malformed_envelope_gets_400(
    harness: Harness, world: DemoWorld, case: str, proof: Proof, caplog: pytest.LogCaptureFixture
) -> None:
    body, content_type = SIGNED_BUT_MALFORMED[case]
    with caplog.at_level(logging.INFO):
        status = _signed(harness, body, content_type)
        harness.settle()

    _clean_refusal(caplog, proof, status, 400, case)


JUNK_HEADERS = {
    "no signature at all": {},
    "a letter timestamp": {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=" + "0" * 64},
    "an empty timestamp": {"X-Slack-Request-Timestamp": "", "X-Slack-Signature": "v0=" + "0" * 64},
    "a float timestamp": {"X-Slack-Request-Timestamp": "1e9", "X-Slack-Signature": "v0=" + "0" * 64},
    "a huge timestamp": {"X-Slack-Request-Timestamp": "9" * 40, "X-Slack-Signature": "v0=" + "0" * 64},
    "a short signature": {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=forged"},
    "a wrong signature": {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=" + "a" * 64},
    "a stale timestamp": {
        "X-Slack-Request-Timestamp": str(int(time.time()) - 600),
        "X-Slack-Signature": "v0=" + "a" * 64,
    },
}


@pytest.mark.parametrize("case", sorted(JUNK_HEADERS))
def test_an_unsigned_or_forged_request_gets_401_before_anything_is_parsed(
    harness: Harness, world: DemoWorld, case: str, proof: Proof, caplog: pytest.LogCaptureFixture
) -> None:
    body = ("{not json " + MARKER).encode()  # would fail to parse: proves the signature is checked first
    with caplog.at_level(logging.INFO):
        status = _raw(harness, body, {"Content-Type": JSON, "Content-Length": str(len(body)), **JUNK_HEADERS[case]})
        harness.settle()

    _clean_refusal(caplog, proof, status, 401, case)


def test_a_body_over_the_limit_gets_413_signed_or_not(
    harness: Harness, world: DemoWorld, proof: Proof, caplog: pytest.LogCaptureFixture
) -> None:
    huge = "x" * (2 << 20) + MARKER
    with caplog.at_level(logging.INFO):
        signed = _signed(harness, json.dumps({"type": "event_callback", "pad": huge}))
        unsigned = _raw(harness, huge.encode(), {"Content-Type": JSON, "Content-Length": str(len(huge))})

    _clean_refusal(caplog, proof, signed, 413, "a signed 2 MB body", lines=2)
    assert unsigned == 413


def test_a_bad_content_length_or_a_non_utf8_body_gets_400(
    harness: Harness, world: DemoWorld, proof: Proof, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        length = _raw(harness, b"{}", {"Content-Type": JSON, "Content-Length": "two"})
    assert length == 400
    body = b'{"note": "' + MARKER.encode() + b'\xff\xfe"}'
    now = str(int(time.time()))
    headers = {"Content-Type": JSON, "Content-Length": str(len(body)), "X-Slack-Request-Timestamp": now}
    headers["X-Slack-Signature"] = "v0=" + "b" * 64  # it cannot be signed as text: refused either way
    with caplog.at_level(logging.INFO):
        status = _raw(harness, body, headers)
    _clean_refusal(caplog, proof, status, 400, "a body that is not UTF-8", lines=2, allowed=(400, 401))


def _clean_refusal(
    caplog: pytest.LogCaptureFixture,
    proof: Proof,
    status: int,
    expected: int,
    case: str,
    *,
    lines: int = 1,
    allowed: tuple[int, ...] = (),
) -> None:
    proof.tried += 1
    proof.forgeries_accepted += status < 400
    proof.tracebacks += sum(1 for r in caplog.records if r.exc_info)
    summary = "forged, unsigned, oversized and malformed requests: 4xx, one log line, no body, no traceback"
    if summary not in proof.checks:
        proof.checks.append(summary)
    assert status == expected or status in allowed
    refusals = [r for r in caplog.records if r.name == "devcenter.requests"]
    assert len(refusals) == lines and all(r.levelno == logging.WARNING for r in refusals)
    assert not [r for r in caplog.records if r.exc_info or MARKER in r.getMessage()]
