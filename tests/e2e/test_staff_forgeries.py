"""Every staff action, forged by every kind of non-staff user (a crafted click or modal submission): refused,
logged, nothing changed. Complements test_staff_only.py, which clicks the buttons really shown."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from sqlalchemy import select

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.text import Button
from slackbot.emulator.workspace import User
from slackbot.ids import CallbackId, staff_actions
from storage.models.audit import AuditEntry
from storage.models.outbox import OutboxMessage
from storage.models.partners import Integration, Partner


def _snapshot(harness: Harness) -> dict[str, Any]:
    with harness.bot.program.uow() as uow:
        session = uow.session
        return {
            "integrations": [(i.slug, i.stage, i.merged_at) for i in session.scalars(select(Integration))],
            "partners": [(p.name, p.stage) for p in session.scalars(select(Partner))],
            "audit": len(session.scalars(select(AuditEntry)).all()),
            "outbox": len(session.scalars(select(OutboxMessage)).all()),
        }


def _outsider(harness: Harness, world: DemoWorld, who: str) -> User:
    users = {
        "partner": world.pat,
        "other partner": world.riley,
        "stranger": world.stranger,
        "external": harness.slack.workspace.add_user("eve.external", external=True),
    }
    world.review_channel.members.add(users[who].id)
    return users[who]


def _subject(harness: Harness, action_id: str) -> tuple[int, str]:
    with harness.bot.program.uow() as uow:
        if action_id.endswith("_access"):
            partner = uow.partners.by_name("Acme Analytics")
            return partner.id, "access_requested"
        acme = uow.integrations.by_slug("acme-analytics")
        return acme.id, acme.stage.value


@pytest.mark.parametrize("action_id", [a.value for a in staff_actions()])
@pytest.mark.parametrize("who", ["partner", "other partner", "stranger", "external"])
def test_a_forged_staff_click_is_refused_and_changes_nothing(
    harness: Harness, world: DemoWorld, who: str, action_id: str, caplog: pytest.LogCaptureFixture
) -> None:
    user = _outsider(harness, world, who)
    card = harness.emu.messages(world.review_channel)[-1]
    subject_id, stage = _subject(harness, action_id)
    before = _snapshot(harness)

    with caplog.at_level(logging.WARNING):
        reply = harness.emu.press(
            user, Button("Forged", action_id, "card.actions", f"{subject_id}:{stage}", None), message=card
        )

    assert "Only Segment staff" in reply.text
    assert _snapshot(harness) == before and harness.emu.modal(user) is None
    assert any("refused" in r.message for r in caplog.records)


@pytest.mark.parametrize("action", ["request_changes", "decline_access"])
def test_a_forged_reason_modal_submission_is_refused_inline(harness: Harness, world: DemoWorld, action: str) -> None:
    subject_id, stage = _subject(harness, f"x_{action}" if action.endswith("access") else "x")
    before = _snapshot(harness)
    view = {
        "id": "VFORGED001",
        "type": "modal",
        "callback_id": CallbackId.STAFF_NOTE,
        "hash": "1.x",
        "private_metadata": json.dumps(
            {
                "action": action,
                "subject_id": subject_id,
                "stage": stage,
                "channel": world.review_channel.id,
                "ts": "1.1",
            }
        ),
        "state": {"values": {"note": {"note": {"type": "plain_text_input", "value": "forged"}}}},
    }
    payload = {
        "type": "view_submission",
        "team": {"id": "T0DEVCTR01", "domain": "devcenter-partners"},
        "user": {"id": world.pat.id, "username": "pat", "name": "pat", "team_id": world.pat.team_id},
        "api_app_id": "A0DEVCTR01",
        "trigger_id": "1.2.3",
        "view": view,
        "response_urls": [],
    }

    answer = harness.driver.interaction(payload)
    harness.settle()

    assert answer.status == 200 and "Only Segment staff" in answer.json()["errors"]["note"]
    assert _snapshot(harness) == before
