"""Owner checks on every partner action: another company's partner, an external user and an internal stranger
can neither open nor submit (forged) the checklist, the metadata or a verification of an integration that is
not theirs. Each attempt is refused, logged, and changes nothing."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sqlalchemy import func, select

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.views_api import view_api
from slackbot.emulator.workspace import User, View
from slackbot.ids import CallbackId
from slackbot.wire import SlugMeta, encode_meta
from storage.models.audit import AuditEntry
from storage.models.checklist import ChecklistTick
from storage.models.metadata import CatalogEntry
from storage.models.verifications import CustomerVerification

TARGET = "rocket-metrics"  # Riley's integration, in private beta
FEATURES = {
    "checklist": (CallbackId.CHECKLIST, {"items": "oauth"}),
    "metadata": (CallbackId.METADATA, {"name": "Pwned", "description": "x" * 40, "website": "https://evil.example"}),
    "verify": (
        CallbackId.VERIFICATION,
        {"customer": "Evil", "workspace": "evil", "contact": "e@evil.example", "notes": "fake"},
    ),
}

EVERY_FEATURE = pytest.mark.parametrize("feature", sorted(FEATURES))
EVERY_INTRUDER = pytest.mark.parametrize("who", ["another company's partner", "external user", "internal stranger"])


def _intruders(harness: Harness, world: DemoWorld) -> dict[str, User]:
    eve = harness.slack.workspace.add_user("eve.external", external=True)
    return {"another company's partner": world.pat, "external user": eve, "internal stranger": world.stranger}


def _state(harness: Harness) -> tuple[int, ...]:
    with harness.bot.program.uow() as uow:
        count = lambda model: uow.session.scalar(select(func.count()).select_from(model)) or 0
        return tuple(count(m) for m in (ChecklistTick, CatalogEntry, CustomerVerification, AuditEntry))


def _forged_submit(harness: Harness, user: User, callback: str, values: dict[str, str]) -> Any:
    view = View("V0FORGED01", user.id, {"type": "modal", "callback_id": callback}, "h", "modal")
    state = {k: {k: {"type": "plain_text_input", "value": v}} for k, v in values.items()}
    payload = {
        "type": "view_submission",
        "team": {"id": "T0DEVCTR01", "domain": "devcenter"},
        "user": {"id": user.id, "username": user.name, "name": user.name, "team_id": user.team_id},
        "api_app_id": "A0DEVCTR01",
        "trigger_id": harness.slack.workspace.new_trigger(user.id),
        "view": {**view_api(view), "private_metadata": encode_meta(SlugMeta(TARGET)), "state": {"values": state}},
        "response_urls": [],
    }
    return harness.driver.interaction(payload)


@EVERY_FEATURE
@EVERY_INTRUDER
def test_opening_another_companys_form_is_refused_and_logged(
    harness: Harness, world: DemoWorld, feature: str, who: str, caplog: pytest.LogCaptureFixture
) -> None:
    user = _intruders(harness, world)[who]
    before = _state(harness)

    with caplog.at_level(logging.WARNING):
        reply = harness.emu.slash(f"/devcenter {feature} {TARGET}", as_user=user)

    assert harness.emu.modal(user) is None
    assert f"No integration called `{TARGET}` that you can see" in reply.text
    assert _state(harness) == before
    assert any("refused" in r.message and TARGET in r.message and user.id in r.message for r in caplog.records)


@EVERY_FEATURE
@EVERY_INTRUDER
def test_a_forged_submission_for_another_companys_integration_changes_nothing(
    harness: Harness, world: DemoWorld, feature: str, who: str, caplog: pytest.LogCaptureFixture
) -> None:
    user = _intruders(harness, world)[who]
    callback, values = FEATURES[feature]
    before = _state(harness)

    with caplog.at_level(logging.WARNING):
        answer = _forged_submit(harness, user, callback, values)
        harness.settle()

    assert answer.status == 200 and answer.json().get("response_action") in ("errors", "update")
    assert f"No integration called `{TARGET}` that you can see" in answer.body
    assert _state(harness) == before
    assert any("refused" in r.message and TARGET in r.message and user.id in r.message for r in caplog.records)
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
