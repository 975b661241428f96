"""Secrets of the catalog metadata (test account password, support email) never reach a log line or a view that a
partner can see; staff see them in a private modal only."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import select

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.text import buttons
from slackbot.sealing import Sealer
from slackbot.services.metadata import staff_metadata
from slackbot.services.partners import resolve_actor
from storage.models.audit import AuditEntry
from storage.models.outbox import OutboxMessage

PASSWORD, EMAIL, USERNAME = "Pl4netary-Hunter-2", "escalations@rocket.example.com", "segment-qa-7731"
METADATA = {
    "name": "Rocket Metrics",
    "description": "Launch dashboards from Segment events.",
    "website": "https://rocket.example.com",
    "primary_category": "Analytics",
    "logo_svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 64"><rect width="240" height="64"/></svg>',
    "mark_svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64"/></svg>',
    "support_email": EMAIL,
    "test_username": USERNAME,
    "test_password": PASSWORD,
    "test_notes": "MFA code: 424242",
}
SECRETS = (PASSWORD, EMAIL, USERNAME, "424242")


def _everything_partners_see(harness: Harness, world: DemoWorld) -> str:
    emu, seen = harness.emu, []
    emu.open_home(world.riley)
    seen.append(json.dumps(harness.slack.workspace.homes[world.riley.id].data))
    emu.slash("/devcenter metadata", as_user=world.riley)  # the form, reopened
    seen.append(json.dumps(emu.modal(world.riley).data))
    seen.append(emu.mention("metadata", as_user=world.riley, channel=world.rocket_channel).text)
    seen.append(emu.slash("/devcenter status", as_user=world.riley).text)
    seen.append(emu.slash("/devcenter history rocket-metrics", as_user=world.riley).text)
    for channel in (world.rocket_channel, harness.slack.workspace.im_with(world.riley.id)):
        seen += [json.dumps(m.to_api()) for m in emu.messages(channel, as_user=world.riley)]
    return "\n".join(seen)


def test_secrets_stay_out_of_logs_and_partner_views_even_at_debug_level(
    harness: Harness, world: DemoWorld, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    harness.emu.slash("/devcenter metadata", as_user=world.riley)
    harness.emu.submit({**METADATA, "mark_svg": METADATA["logo_svg"]}, as_user=world.riley)  # refused inline
    harness.emu.submit(METADATA, as_user=world.riley)
    world.review_channel.members.add(world.riley.id)
    harness.emu.slash("/devcenter metadata rocket-metrics", as_user=world.staff, channel=world.review_channel)
    harness.emu.click("Show test account", as_user=world.staff, in_channel=world.review_channel)
    staff_view = json.dumps(harness.emu.modal(world.staff).data)

    assert all(secret in staff_view for secret in SECRETS)  # staff see the login, privately
    partner_views = _everything_partners_see(harness, world)
    assert "Support email:* on file" in partner_views and "Test account:* on file" in partner_views
    leaks = [s for s in SECRETS if s in partner_views or s in caplog.text]
    assert leaks == []
    with harness.bot.program.uow() as uow:
        stored = " ".join(e.note or "" for e in uow.session.scalars(select(AuditEntry)))
        stored += " ".join(json.dumps(m.payload) for m in uow.session.scalars(select(OutboxMessage)))
    assert not [s for s in SECRETS if s in stored]


def test_partners_cannot_open_the_staff_view_of_the_secrets(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter metadata", as_user=world.riley)
    harness.emu.submit(METADATA, as_user=world.riley)

    reply = harness.emu.mention("metadata rocket-metrics", as_user=world.riley, channel=world.rocket_channel)

    assert PASSWORD not in reply.text and "on file" in reply.text
    with pytest.raises(Exception, match="Only Segment staff"):
        staff_metadata(
            harness.bot.program, resolve_actor(harness.bot.program, world.riley.id, is_staff=False), "rocket-metrics"
        )


def test_another_partner_never_sees_rocket_metrics_metadata(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter metadata", as_user=world.riley)
    harness.emu.submit(METADATA, as_user=world.riley)

    reply = harness.emu.slash("/devcenter metadata rocket-metrics", as_user=world.pat)

    assert "No integration called `rocket-metrics` that you can see" in reply.text
    assert EMAIL not in reply.text


def test_a_partner_pressing_the_staff_button_gets_a_refusal_not_the_login(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter metadata", as_user=world.riley)
    harness.emu.submit(METADATA, as_user=world.riley)
    harness.emu.mention("metadata rocket-metrics", as_user=world.staff, channel=world.rocket_channel)
    staff_only = harness.emu.messages(world.rocket_channel, as_user=world.staff)[-1]
    assert staff_only.ephemeral_to == world.staff.id  # the partner never even sees the button…
    button = next(b for b in buttons(staff_only.blocks) if b.label == "Show test account")

    harness.emu.press(world.riley, button, message=staff_only)  # …so it forges the click

    modal = json.dumps(harness.emu.modal(world.riley).data)
    assert "Only Segment staff can see the test account" in modal and PASSWORD not in modal


def test_an_oversized_secret_is_refused_inline_and_never_logged(
    harness: Harness, world: DemoWorld, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "Pl4netary-" + "x" * 400
    harness.emu.slash("/devcenter metadata", as_user=world.riley)

    reply = harness.emu.submit({**METADATA, "test_password": secret}, as_user=world.riley)

    assert reply.response.json()["errors"]["test_password"] == "Keep it to 300 characters."
    assert secret not in caplog.text


def test_the_password_is_stored_sealed_and_a_later_save_keeps_it(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter metadata", as_user=world.riley)
    harness.emu.submit(METADATA, as_user=world.riley)
    harness.emu.slash("/devcenter metadata", as_user=world.riley)
    harness.emu.submit({**METADATA, "test_password": "", "description": "Dashboards, sealed."}, as_user=world.riley)

    with harness.bot.program.uow() as uow:
        [entry] = uow.catalog.with_password()
        stored = entry.test_password
    assert stored.startswith("fernet:") and PASSWORD not in stored
    staff = resolve_actor(harness.bot.program, world.staff.id, is_staff=True)
    shown = staff_metadata(harness.bot.program, staff, "rocket-metrics").staff_secrets
    assert shown is not None and shown.test_password == PASSWORD  # blank on the second save: kept, still readable


def test_without_a_secret_key_a_password_is_refused_inline_not_stored_in_plain_text(
    harness: Harness, world: DemoWorld
) -> None:
    object.__setattr__(harness.bot.program, "secrets", Sealer([]))  # a deployment without DEVCENTER_SECRET_KEY
    harness.emu.slash("/devcenter metadata", as_user=world.riley)

    refused = harness.emu.submit(METADATA, as_user=world.riley)
    saved = harness.emu.submit({**METADATA, "test_password": ""}, as_user=world.riley)

    assert "cannot store passwords yet" in refused.response.json()["errors"]["test_password"]
    assert saved.response.json().get("response_action") == "update"
    with harness.bot.program.uow() as uow:
        assert uow.catalog.with_password() == []
