"""Fuzzing every way in: slash text, every button's value and every modal's values and private_metadata, as a
staff member and as a partner. Every request is answered (acked) in time with a 2xx, nothing logs a
traceback or an ERROR, and nothing fuzzed ever shows up as a ping."""

from __future__ import annotations

import json
import logging
import time  # ack latency only
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Proof
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import handlers
from slackbot.domain.access import AccessField
from slackbot.domain.announcements import AnnounceField
from slackbot.domain.metadata import Field
from slackbot.domain.reviews import SubmitField
from slackbot.domain.verifications import VerificationField
from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.payloads import block_actions
from slackbot.emulator.text import Button
from slackbot.emulator.views_api import view_api
from slackbot.emulator.workspace import View

ACTIONS = sorted(handlers.table("ACTIONS"))
VIEWS = sorted(handlers.table("VIEWS"))
FIELDS = sorted({*AccessField, *AnnounceField, *Field, *SubmitField, *VerificationField, "note", "answer", "items"})
ACK_BUDGET = 3.0  # seconds: Slack shows an error to the user after 3
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))

junk = st.one_of(
    st.sampled_from(["", "abc", "-1", "0", "1e3", "10" * 11, '{"id": 1}', "[]", "null", "\x00", "💥", "<!channel>"]),
    st.text(max_size=80),
    st.integers(-(10**22), 10**22).map(str),
    st.dictionaries(st.sampled_from(["id", "slug", "stage", "kind", "x"]), st.integers() | st.text(max_size=8)).map(
        json.dumps
    ),
)


class Errors(logging.Handler):
    """Every ERROR record or record carrying a traceback, anywhere in the process."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.bad: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.bad.append(f"{record.name}: {record.getMessage()[:200]}")


@pytest.fixture
def errors() -> Iterator[Errors]:
    handler = Errors()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


def _check(harness: Harness, proof: Proof, errors: Errors, send: Any) -> None:
    started = time.perf_counter()
    answer = send()
    elapsed = time.perf_counter() - started
    harness.settle()
    proof.tried += 1
    proof.tracebacks += len(errors.bad)
    assert 200 <= answer.status < 300 and elapsed < ACK_BUDGET, (answer.status, answer.body[:200], elapsed)
    assert errors.bad == []


def _who(world: DemoWorld, staff: bool) -> Any:
    return world.staff if staff else world.pat


@FUZZ
@given(text=st.text(max_size=120), staff=st.booleans())
def test_any_slash_text_gets_an_answer_and_no_traceback(
    harness: Harness, world: DemoWorld, proof: Proof, errors: Errors, text: str, staff: bool
) -> None:
    user = _who(world, staff)
    _check(harness, proof, errors, lambda: harness.driver.slash(user, world.acme_channel, "/devcenter", text))
    _note(proof, "slash commands with fuzzed text")


@FUZZ
@given(action=st.sampled_from(ACTIONS), value=junk, block=junk, staff=st.booleans())
def test_any_button_value_is_acked_and_refused_cleanly(
    harness: Harness, world: DemoWorld, proof: Proof, errors: Errors, action: str, value: str, block: str, staff: bool
) -> None:
    user, channel = _who(world, staff), world.review_channel if staff else world.acme_channel
    button = Button("Fuzz", action, block[:255] or "b", value, None)
    container = {"type": "message", "message_ts": "1.000001", "channel_id": channel.id, "is_ephemeral": False}
    payload = block_actions(
        harness.slack.workspace, harness.driver.hooks_base, user, button, container, channel=channel
    )
    _check(harness, proof, errors, lambda: harness.driver.interaction(payload))
    _note(proof, "every button with fuzzed values and block ids")


@FUZZ
@given(
    callback=st.sampled_from(VIEWS),
    metadata=junk,
    values=st.dictionaries(st.sampled_from(FIELDS), junk, max_size=6),
    staff=st.booleans(),
)
def test_any_modal_submission_is_acked_with_errors_or_a_close_never_a_crash(
    harness: Harness,
    world: DemoWorld,
    proof: Proof,
    errors: Errors,
    callback: str,
    metadata: str,
    values: dict[str, str],
    staff: bool,
) -> None:
    user = _who(world, staff)
    view = View(
        f"V{abs(hash(metadata)) % 10**9:09d}", user.id, {"type": "modal", "callback_id": callback}, "h", "modal"
    )
    state = {field: {field: {"type": "plain_text_input", "value": value}} for field, value in values.items()}
    payload = {
        "type": "view_submission",
        "team": {"id": "T0DEVCTR01", "domain": "devcenter"},
        "user": {"id": user.id, "username": user.name, "name": user.name, "team_id": "T0DEVCTR01"},
        "api_app_id": "A0DEVCTR01",
        "trigger_id": harness.slack.workspace.new_trigger(user.id),
        "view": {**view_api(view), "private_metadata": metadata, "state": {"values": state}},
        "response_urls": [],
    }
    _check(harness, proof, errors, lambda: harness.driver.interaction(payload))
    _note(proof, "every modal with fuzzed values and private_metadata")


def _note(proof: Proof, what: str) -> None:
    if what not in proof.checks:
        proof.checks.append(what)
