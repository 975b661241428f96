"""App Home: the partner's dashboard and the staff dashboard, their buttons, and Slack's limits at 50 integrations."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from slackbot.domain.actors import Actor
from slackbot.domain.lifecycle import Action, Stage
from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.text import Button, buttons
from slackbot.ids import ActionId
from slackbot.services import checklist
from slackbot.services.cards import decide_on_card
from storage.uow import UowFactory

STAFF = Actor("U0STAFF001", is_staff=True, partner_id=None)
STAGES = [
    Stage.BUILDING,
    Stage.IN_REVIEW,
    Stage.CHANGES_REQUESTED,
    Stage.APPROVED,
    Stage.PRIVATE_BETA,
    Stage.PUBLIC_BETA,
    Stage.PUBLIC,
]


def _home_buttons(harness: Harness, user: object) -> list[str]:
    view = harness.slack.workspace.homes[harness.emu.user(user).id]  # type: ignore[arg-type]
    return [b.label for b in buttons(view.data["blocks"])]


def _slug(harness: Harness, slug: str) -> int:
    with harness.bot.program.uow() as uow:
        return uow.integrations.by_slug(slug).id


def test_partner_home_shows_the_timeline_next_deploy_launch_gates_and_checklist(
    harness: Harness, world: DemoWorld
) -> None:
    harness.emu.open_home(world.riley)

    home = harness.emu.home(world.riley)
    assert ":white_check_mark: Approved  →  :large_blue_circle: *Private beta*  →  :white_circle: Public beta" in home
    assert "Next deploy:* Wednesday Nov 25" in home and "Tue Nov 24, 5:00 PM PST" in home
    assert "Waiting on:* you" in home
    assert "https://app.segment.com/goto-my-workspace/destinations/catalog/rocket-metrics" in home
    assert "1 more confirmed customer verification (0 of 1)" in home and "Launch rule:* Program rule" in home
    assert "Public Beta checklist: 6/21 done" in home  # access, approval, the channel, the submission: automatic
    assert _home_buttons(harness, world.riley) == [
        "Record a verification",
        "Catalog metadata",
        "Checklist",
        "Withdraw…",
        "Turn email off",
    ]


def test_checklist_ticked_from_home_updates_the_progress(harness: Harness, world: DemoWorld) -> None:
    harness.emu.open_home(world.riley)
    harness.emu.click("Checklist", as_user=world.riley, in_home=True)
    modal = harness.emu.text(harness.emu.modal(world.riley).data["blocks"])
    assert "4. Partner build" in modal and "Segment reviews the documentation" in modal

    harness.emu.submit({"checklist.4": ["app_created", "components"], "checklist.6": ["docs"]}, as_user=world.riley)

    assert "Public Beta checklist: 9/21 done" in harness.emu.home(world.riley)
    checklist = harness.emu.mention("checklist", as_user=world.riley, channel=world.rocket_channel).text
    assert ":white_check_mark: Build one or more components" in checklist and "@riley.rocket" in checklist


def test_staff_tick_segments_items_and_partners_cannot(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter checklist rocket-metrics", as_user=world.staff)
    harness.emu.submit({"checklist.9": ["segment_docs_review"], "checklist.4": ["components"]}, as_user=world.staff)

    view = checklist.view(harness.bot.program, Actor(world.riley.id, False, _partner(harness)), "rocket-metrics")
    done = {s.item.key for s in view.items if s.done}
    assert "segment_docs_review" in done and "components" not in done


def _partner(harness: Harness) -> int:
    with harness.bot.program.uow() as uow:
        return uow.partners.by_name("Rocket Metrics").id


def test_open_staff_requests_appear_in_home_with_an_answer_button(harness: Harness, world: DemoWorld) -> None:
    decide_on_card(
        harness.bot.program, STAFF, Action.REQUEST_OAUTH, _slug(harness, "rocket-metrics"), Stage.PRIVATE_BETA
    )
    harness.emu.open_home(world.riley)

    assert "Segment asks for *OAuth / Enable with Segment*" in harness.emu.home(world.riley)
    assert "Waiting on:* you" in harness.emu.home(world.riley)
    harness.emu.click("Answer", as_user=world.riley, in_home=True)
    assert harness.emu.modal(world.riley) is not None


def test_a_home_button_refusal_is_explained_in_a_modal(harness: Harness, world: DemoWorld) -> None:
    harness.emu.open_home(world.pat)
    harness.emu.click("Catalog metadata", as_user=world.pat, in_home=True)  # fine: acme's own metadata
    harness.emu.submit({}, as_user=world.pat)
    view = harness.slack.workspace.homes[world.pat.id]
    forged = next(b for b in buttons(view.data["blocks"]) if b.label == "Checklist")

    harness.emu.press(
        world.pat, Button(forged.label, forged.action_id, forged.block_id, "rocket-metrics", None), view=view
    )

    assert "No integration called `rocket-metrics` that you can see" in harness.emu.text(
        harness.emu.modal(world.pat).data["blocks"]
    )


def test_people_outside_the_program_get_a_way_in(harness: Harness, world: DemoWorld) -> None:
    harness.emu.open_home(world.stranger)

    assert "Request access" in _home_buttons(harness, world.stranger)
    assert "not part of a Developer Center partner yet" in harness.emu.home(world.stranger)


def test_every_partner_command_works_from_a_mention_in_a_shared_channel(harness: Harness, world: DemoWorld) -> None:
    for word, button in (
        ("metadata", "Edit catalog metadata"),
        ("verify", "Record a verification"),
        ("checklist", "Update checklist"),
    ):
        harness.emu.mention(word, as_user=world.riley, channel=world.rocket_channel)
        harness.emu.click(button, as_user=world.riley, in_channel=world.rocket_channel)
        assert harness.emu.modal(world.riley) is not None, word
        harness.emu.modal(world.riley).closed = True


def test_staff_home_counts_stages_overdue_reviews_launches_and_the_next_release(
    harness: Harness, world: DemoWorld
) -> None:
    acme = _slug(harness, "acme-analytics")
    harness.clock.advance(days=4)
    harness.emu.slash("/devcenter verify", as_user=world.riley)
    harness.emu.submit(
        {"customer": "Globex", "workspace": "globex", "contact": "hank@globex.example.com"}, as_user=world.riley
    )
    harness.emu.open_home(world.staff)
    home = harness.emu.home(world.staff)
    assert "In review *1*" in home and "Private beta *1*" in home
    assert "Overdue reviews* (1)" in home and "Acme Analytics" in home
    assert "Blocked on catalog metadata* (1)" in home and "Rocket Metrics" in home
    assert "Globex, workspace `globex`" in home

    harness.emu.click("Confirm", as_user=world.staff, in_home=True)
    assert "Customer verifications to confirm* (0 shown)" in harness.emu.home(world.staff)

    decide_on_card(harness.bot.program, STAFF, Action.APPROVE_REVIEW, acme, Stage.IN_REVIEW)
    decide_on_card(harness.bot.program, STAFF, Action.MARK_MERGED, acme, Stage.APPROVED)
    harness.emu.open_home(world.staff)
    assert "Release of Wednesday Dec 2" in harness.emu.home(world.staff)
    assert "(`acme-analytics`, Acme Analytics) — merged Fri Nov 27, 9:00 AM PST" in harness.emu.home(world.staff)


def _fifty(uow_factory: UowFactory, harness: Harness, world: DemoWorld) -> None:
    """Rocket Metrics gets 50 more integrations at every stage, with long names, requests and verifications."""
    now = harness.clock()
    with uow_factory() as uow:
        partner = uow.partners.by_name("Rocket Metrics")
        for n in range(50):
            stage = STAGES[n % len(STAGES)]
            integration = uow.integrations.add(
                partner,
                f"rocket-{n:02d}",
                f"Rocket {n:02d} " + "Interstellar " * 14,
                "cloud",
                stage,
                now,
                pr_url=f"https://github.com/segmentio/action-destinations/pull/{5000 + n}",
                review_due_at=now - timedelta(days=1),
                merged_at=now if stage is Stage.APPROVED else None,
            )
            uow.requests.add(integration, "replay_info", "U0STAFF001", now)
            if stage in (Stage.PRIVATE_BETA, Stage.PUBLIC_BETA):
                uow.verifications.add_verification(
                    integration.id,
                    customer="Globex " * 28,
                    workspace=f"globex-{n}",
                    contact="hank@globex.example.com",
                    verified_on=now.date(),
                    notes="x" * 900,
                    by=world.riley.id,
                    now=now,
                )
        uow.commit()


@pytest.mark.parametrize("who", ["riley", "staff"])
def test_home_stays_within_slacks_limits_with_fifty_integrations(harness: Harness, world: DemoWorld, who: str) -> None:
    _fifty(harness.bot.program.uow, harness, world)
    user = world.riley if who == "riley" else world.staff

    harness.emu.open_home(user)

    view = harness.slack.workspace.homes.get(user.id)  # the emulator refuses views over Slack's limits
    assert view is not None
    blocks = view.data["blocks"]
    assert len(blocks) <= 100
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(t) <= 3000 for t in texts) and len(json.dumps(view.data)) < 250_000
    assert all(len(b["text"]["text"]) <= 150 for b in blocks if b["type"] == "header")
    if who == "riley":
        assert all(f"(`rocket-{n:02d}`)" in harness.emu.home(user) for n in range(50))
        harness.emu.click("Show", as_user=user, in_home=True)
        assert len(harness.slack.workspace.homes[user.id].data["blocks"]) <= 100


def test_status_stays_within_a_messages_limits_with_fifty_integrations(harness: Harness, world: DemoWorld) -> None:
    _fifty(harness.bot.program.uow, harness, world)

    reply = harness.emu.slash("/devcenter status", as_user=world.riley)

    assert reply.status == 200 and reply.messages, "the emulator refuses replies over Slack's limits"
    assert len(reply.messages[-1].blocks) <= 50
    assert "Launch rule" in reply.text or "…and" in reply.text


def test_staff_deploys_stays_within_a_messages_limits_with_fifty_integrations(
    harness: Harness, world: DemoWorld
) -> None:
    _fifty(harness.bot.program.uow, harness, world)

    reply = harness.emu.slash("/devcenter deploys", as_user=world.staff)

    assert reply.status == 200 and reply.messages, "the emulator refuses replies over Slack's limits"
    sections = [b["text"]["text"] for b in reply.messages[-1].blocks if b["type"] == "section"]
    assert len(reply.messages[-1].blocks) <= 50 and all(len(t) < 3000 for t in sections)
    assert "Approved and merged: ships in it (7)" in reply.text


def test_a_forged_confirm_from_a_partners_home_is_refused_in_a_modal(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter verify", as_user=world.riley)
    harness.emu.submit(
        {"customer": "Globex", "workspace": "globex", "contact": "hank@globex.example.com"}, as_user=world.riley
    )
    harness.emu.open_home(world.riley)
    view = harness.slack.workspace.homes[world.riley.id]

    harness.emu.press(world.riley, Button("Confirm", ActionId.CONFIRM_VERIFICATION, "forged", "1", None), view=view)

    assert "Only Segment staff can confirm" in harness.emu.text(harness.emu.modal(world.riley).data["blocks"])
    assert "waiting for Segment to confirm" in harness.emu.home(world.riley)
