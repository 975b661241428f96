"""Two staff members press Approve at the same moment: exactly one transition, one notification."""

from __future__ import annotations

import json
import threading
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from slackbot.emulator.demo import DemoWorld, build_world
from slackbot.emulator.harness import Harness
from slackbot.emulator.text import buttons
from storage.models.audit import AuditEntry
from storage.models.outbox import OutboxMessage


@pytest.fixture
def world(harness: Harness) -> DemoWorld:
    world = build_world(harness)
    zoe = harness.slack.workspace.add_user("zoe.zebra", external=True)
    harness.emu.slash("/devcenter join", as_user=zoe)
    harness.emu.submit(
        {
            "company": "Zebra",
            "website": "https://zebra.example.com",
            "email": "pat@zebra.example.com",
            "data_in": "API",
            "data_out": "Dashboards",
            "use_cases": "Analytics",
            "heard_from": "Friend",
            "agreement": ["agreed"],
        },
        as_user=zoe,
    )
    return world


def test_two_simultaneous_approvals_make_one_transition_and_one_notification(
    harness: Harness, world: DemoWorld
) -> None:
    second = harness.slack.workspace.add_user("sky.staff", "Sky Staff")
    world.review_channel.members.add(second.id)
    harness.bot.directory.staff_users = frozenset({world.staff.id, second.id})
    card = harness.emu.messages(world.review_channel)[-1]
    approve = next(b for b in buttons(card.blocks) if b.label == "Approve")
    bodies = []
    for user in (world.staff, second):
        payload = harness.emu.action_payload(
            user,
            approve,
            {  # the same card, clicked twice
                "type": "message",
                "message_ts": card.ts,
                "channel_id": world.review_channel.id,
                "is_ephemeral": False,
            },
            message=card,
            channel=world.review_channel,
        )
        bodies.append(urlencode({"payload": json.dumps(payload)}))
    start = threading.Barrier(2)

    def click(body: str) -> None:
        start.wait()
        harness.driver.post(body, "application/x-www-form-urlencoded")

    threads = [threading.Thread(target=click, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    harness.settle()

    with harness.bot.program.uow() as uow:
        approvals = uow.session.scalars(select(AuditEntry).where(AuditEntry.action == "approve_access")).all()
        notices = uow.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "access_approved")).all()
        partner = uow.partners.by_name("Zebra")
        assert partner is not None and partner.stage == "building"
    assert len(approvals) == 1
    assert len(notices) == 1  # one DM to the single member
    losers = [m for m in harness.emu.ws.messages if m.ephemeral_to in (world.staff.id, second.id)]
    assert len(losers) == 1
    assert "Already handled by" in harness.emu.message_text(losers[0])
