"""Staff buttons are staff-only: partners, external users and strangers are refused, logged, and change nothing."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sqlalchemy import select

from slackbot.emulator.demo import DemoWorld, build_world
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import User
from slackbot.ids import staff_action_id
from storage.models.audit import AuditEntry
from storage.models.outbox import OutboxMessage
from storage.models.partners import Integration, Partner
from storage.models.reviews import StaffRequest

CARD_BUTTONS = ["Request changes", "Request replay info", "Request OAuth", "Approve"]


@pytest.fixture
def world(harness: Harness) -> DemoWorld:
    return build_world(harness)


def _snapshot(harness: Harness) -> dict[str, Any]:
    with harness.bot.program.uow() as uow:
        session = uow.session
        return {
            "integrations": [(i.slug, i.stage, i.merged_at) for i in session.scalars(select(Integration))],
            "partners": [(p.name, p.stage) for p in session.scalars(select(Partner))],
            "audit": len(session.scalars(select(AuditEntry)).all()),
            "outbox": len(session.scalars(select(OutboxMessage)).all()),
            "requests": len(session.scalars(select(StaffRequest)).all()),
        }


def _review_card(harness: Harness, world: DemoWorld, slug: str) -> None:
    """Put the integration's review card in the staff channel, as staff do with `/devcenter card`."""
    harness.emu.slash(f"/devcenter card {slug}", as_user=world.staff, channel=world.review_channel)
    harness.settle()


def _outsiders(harness: Harness, world: DemoWorld) -> dict[str, User]:
    outsider = harness.slack.workspace.add_user("eve.external", external=True)
    listed_but_external = harness.slack.workspace.add_user("mallory.connect", external=True)
    harness.bot.directory.staff_users = frozenset({"U0STAFF001", listed_but_external.id})
    for user in (world.pat, world.riley, outsider, listed_but_external, world.stranger):
        world.review_channel.members.add(user.id)
    return {
        "owning partner": world.pat,
        "other partner": world.riley,
        "external user": outsider,
        "staff-listed external user": listed_but_external,
        "internal stranger": world.stranger,
    }


@pytest.mark.parametrize("button", CARD_BUTTONS)
@pytest.mark.parametrize(
    "who", ["owning partner", "other partner", "external user", "staff-listed external user", "internal stranger"]
)
def test_non_staff_click_is_refused_logged_and_changes_nothing(
    harness: Harness, world: DemoWorld, who: str, button: str, caplog: pytest.LogCaptureFixture
) -> None:
    _review_card(harness, world, "acme-analytics")
    user = _outsiders(harness, world)[who]
    before = _snapshot(harness)

    with caplog.at_level(logging.WARNING):
        reply = harness.emu.click(button, as_user=user, in_channel=world.review_channel)

    assert "Only Segment staff can use these buttons" in reply.text
    assert reply.messages[0].ephemeral_to == user.id
    assert _snapshot(harness) == before
    assert harness.emu.modal(user) is None
    assert any("refused" in r.message and user.id in r.message for r in caplog.records)


@pytest.mark.parametrize("who", ["owning partner", "external user", "internal stranger"])
def test_non_staff_cannot_decide_access_requests_either(harness: Harness, world: DemoWorld, who: str) -> None:
    newcomer = harness.slack.workspace.add_user("nina.new", external=True)
    harness.emu.slash("/devcenter join", as_user=newcomer)
    harness.emu.submit(
        {
            "company": "Nina Co",
            "website": "https://nina.example.com",
            "data_in": "API",
            "data_out": "Dashboards",
            "use_cases": "CRM",
            "heard_from": "Blog",
            "agreement": ["agreed"],
        },
        as_user=newcomer,
    )
    user = _outsiders(harness, world)[who]
    before = _snapshot(harness)

    for button in ("Approve", "Decline"):
        reply = harness.emu.click(button, as_user=user, in_channel=world.review_channel)
        assert "Only Segment staff" in reply.text

    assert _snapshot(harness) == before


def test_staff_action_ids_cover_every_card_button() -> None:
    for action in (
        "approve_access",
        "decline_access",
        "approve_review",
        "request_changes",
        "request_replay_info",
        "request_oauth",
        "mark_merged",
    ):
        assert staff_action_id(action).value == f"lifecycle.{action}"
