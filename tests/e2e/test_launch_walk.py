"""Launching end to end: Rocket Metrics goes private beta → metadata → verifications → public beta → public, and
every launch gate refuses first and passes once its condition is met."""

from __future__ import annotations

import pytest

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.text import Button, buttons
from slackbot.emulator.workspace import Message

SQUARE_MARK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30"/></svg>'
WIDE_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 64"><text x="4" y="44">Rocket Metrics</text></svg>'
)
METADATA = {
    "name": "Rocket Metrics",
    "description": "Rocket Metrics turns Segment events into launch dashboards.",
    "website": "https://rocket.example.com",
    "primary_category": "Analytics",
    "secondary_category": "Attribution",
    "logo_svg": WIDE_LOGO,
    "mark_svg": SQUARE_MARK,
    "support_email": "help@rocket.example.com",
    "test_username": "segment-tester",
    "test_password": "s3cret-Launch!",
    "test_notes": "Use the EU region.",
}
GLOBEX = {
    "customer": "Globex",
    "workspace": "globex-prod",
    "contact": "Hank Scorpio <hank@globex.example.com>",
    "notes": "identify and track arrive",
}
INITECH = {**GLOBEX, "customer": "Initech", "workspace": "initech", "contact": "Bill <bill@initech.example.com>"}


def _latest_card(harness: Harness, world: DemoWorld, title: str) -> Message:
    return next(m for m in reversed(harness.emu.messages(world.review_channel)) if title in m.text)


def _labels(message: Message) -> list[str]:
    return [b.label for b in buttons(message.blocks)]


def _forge(harness: Harness, world: DemoWorld, card: Message, action: str) -> str:
    """Press a staff button the card does not offer (a stale or forged click): decide() must refuse it."""
    request_oauth = next(b for b in buttons(card.blocks) if b.label == "Request OAuth")
    forged = Button("Forged", f"lifecycle.{action}", request_oauth.block_id, request_oauth.value, None)
    return harness.emu.press(world.staff, forged, message=card).text


def _dm(harness: Harness, world: DemoWorld) -> str:
    return "\n".join(harness.emu.message_text(m) for m in harness.emu.dms(world.riley))


def _record(harness: Harness, world: DemoWorld, values: dict[str, str]) -> None:
    harness.emu.slash("/devcenter verify", as_user=world.riley)
    harness.emu.submit(values, as_user=world.riley)


def _confirm_latest(harness: Harness, world: DemoWorld) -> None:
    harness.emu.click("Confirm", as_user=world.staff, in_channel=world.review_channel)


DOCS_RULE = {"launch_rule": "docs-2-weeks-2-users"}


@pytest.mark.parametrize("harness_settings", [DOCS_RULE])
def test_rocket_metrics_goes_public_with_every_gate_refusing_first(harness: Harness, world: DemoWorld) -> None:
    """Under the strictest rule (2 customers, 14 days of public beta, OAuth from 5) every gate refuses first."""
    emu = harness.emu
    emu.slash("/devcenter card rocket-metrics", as_user=world.staff)
    card = _latest_card(harness, world, "Rocket Metrics (rocket-metrics)")
    text = emu.message_text(card)
    assert "Approve public beta" not in _labels(card)
    assert "Catalog metadata: Write a description" in text and "1 more confirmed customer verification (0 of 1)" in text
    assert "catalog metadata is not complete" in _forge(harness, world, card, "approve_public_beta")

    emu.slash("/devcenter metadata", as_user=world.riley)
    refused = emu.submit({**METADATA, "mark_svg": WIDE_LOGO, "description": "x" * 501}, as_user=world.riley)
    errors = refused.response.json()["errors"]
    assert errors["mark_svg"] == "The mark must be square; its viewBox is 240×64."
    assert "501 characters" in errors["description"]
    saved = emu.submit(METADATA, as_user=world.riley)
    assert saved.response.json()["response_action"] == "update"
    assert "The catalog metadata is complete" in emu.text(emu.modal(world.riley).data["blocks"])

    emu.slash("/devcenter card rocket-metrics", as_user=world.staff)
    card = _latest_card(harness, world, "Rocket Metrics (rocket-metrics)")
    assert "Approve public beta" not in _labels(card) and "Catalog metadata" not in emu.message_text(card)
    assert "the launch rule is not met yet" in _forge(harness, world, card, "approve_public_beta")

    _record(harness, world, GLOBEX)
    verification = _latest_card(harness, world, "Customer verification")
    assert _labels(verification) == ["Confirm", "Reject"]
    emu.slash("/devcenter card rocket-metrics", as_user=world.staff)
    assert "waiting for confirmation: 1" in emu.message_text(_latest_card(harness, world, "(rocket-metrics)"))
    assert "Approve public beta" not in _labels(_latest_card(harness, world, "(rocket-metrics)"))

    _confirm_latest(harness, world)
    assert "Confirmed by @sam.staff" in emu.message_text(_latest_card(harness, world, "Customer verification"))
    assert "Segment confirmed that *Globex* verified *Rocket Metrics*" in _dm(harness, world)
    ready = _latest_card(harness, world, "Rocket Metrics (rocket-metrics)")
    assert "Approve public beta" in _labels(ready) and "all gates pass" in emu.message_text(ready)

    emu.click("Approve public beta", as_user=world.staff, in_channel=world.review_channel)
    assert "is approved for *public beta*: it is now listed in the Segment catalog" in _dm(harness, world)
    card = _latest_card(harness, world, "Rocket Metrics (rocket-metrics)")
    assert "Approve public" not in _labels(card)
    assert "1 more confirmed customer verification (1 of 2)" in emu.message_text(card)
    assert "14 more days in public beta (0 of 14)" in emu.message_text(card)
    assert "the launch rule is not met yet" in _forge(harness, world, card, "approve_public")

    _record(harness, world, INITECH)
    _confirm_latest(harness, world)
    emu.open_home(world.staff)
    assert "Post card" not in [b.label for b in buttons(harness.slack.workspace.homes[world.staff.id].data["blocks"])]

    harness.clock.advance(days=14)
    emu.open_home(world.staff)
    assert "ready for public" in emu.home(world.staff)
    emu.click("Post card", as_user=world.staff, in_home=True)
    emu.click("Approve public", as_user=world.staff, in_channel=world.review_channel)
    assert "is *public*! Any Segment customer can find it in the catalog" in _dm(harness, world)
    assert "New & Noteworthy" in _dm(harness, world)

    history = emu.slash("/devcenter history rocket-metrics", as_user=world.staff).text
    for step in (
        "update metadata",
        "record verification",
        "confirm verification",
        "approve public beta",
        "approve public",
    ):
        assert step in history


def test_under_the_program_rule_one_verified_customer_takes_rocket_metrics_public(
    harness: Harness, world: DemoWorld
) -> None:
    """The default rule is the overview's: one verified customer for public beta and for public."""
    emu = harness.emu
    emu.slash("/devcenter metadata", as_user=world.riley)
    emu.submit(METADATA, as_user=world.riley)
    _record(harness, world, GLOBEX)
    _confirm_latest(harness, world)
    emu.click("Approve public beta", as_user=world.staff, in_channel=world.review_channel)

    card = _latest_card(harness, world, "Rocket Metrics (rocket-metrics)")
    assert "Approve public" in _labels(card) and "all gates pass" in emu.message_text(card)
    emu.click("Approve public", as_user=world.staff, in_channel=world.review_channel)
    assert "is *public*! Any Segment customer can find it in the catalog" in _dm(harness, world)


def test_status_shows_the_private_beta_url_the_active_rule_and_what_is_missing(
    harness: Harness, world: DemoWorld
) -> None:
    status = harness.emu.slash("/devcenter status", as_user=world.riley).text

    assert "https://app.segment.com/goto-my-workspace/destinations/catalog/rocket-metrics" in status
    assert "Launch rule:* Program rule" in status and "program-2026" in status
    assert "1 more confirmed customer verification (0 of 1)" in status
    assert "Catalog metadata:" in status and "Developer Center Overview" in status


def test_only_confirmed_verifications_count_and_only_staff_confirm(harness: Harness, world: DemoWorld) -> None:
    _record(harness, world, GLOBEX)
    world.review_channel.members.add(world.riley.id)

    refused = harness.emu.click("Confirm", as_user=world.riley, in_channel=world.review_channel)

    assert "Only Segment staff can confirm customer verifications" in refused.text
    assert "0 of 1" in harness.emu.slash("/devcenter status", as_user=world.riley).text


def test_a_workspace_verifies_an_integration_once(harness: Harness, world: DemoWorld) -> None:
    _record(harness, world, GLOBEX)
    harness.emu.slash("/devcenter verify", as_user=world.riley)

    again = harness.emu.submit({**GLOBEX, "workspace": "GLOBEX-prod "}, as_user=world.riley)

    assert "already recorded" in again.response.json()["errors"]["workspace"]


def test_verifications_wait_for_private_beta(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.slash("/devcenter verify acme-analytics", as_user=world.pat)

    assert "Record customer verification is not possible at stage In review" in reply.text


def test_a_rejected_verification_tells_the_partner_and_does_not_count(harness: Harness, world: DemoWorld) -> None:
    _record(harness, world, GLOBEX)

    harness.emu.click("Reject", as_user=world.staff, in_channel=world.review_channel)

    assert "Segment could not confirm the verification by *Globex*" in _dm(harness, world)
    assert "Rejected by @sam.staff" in harness.emu.message_text(_latest_card(harness, world, "Customer verification"))
