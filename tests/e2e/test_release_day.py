"""Releases end to end: deploy windows, the scheduled jobs, release day, and channel-wide announcements."""

from __future__ import annotations

from slackbot.domain.actors import Actor
from slackbot.domain.lifecycle import Action, Stage
from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.services.cards import decide_on_card
from slackbot.services.releases import set_freeze

STAFF = Actor("U0STAFF001", is_staff=True, partner_id=None)


def _acme_id(harness: Harness) -> int:
    with harness.bot.program.uow() as uow:
        return uow.integrations.by_slug("acme-analytics").id


def _approve(harness: Harness, *, merge: bool) -> None:
    decide_on_card(harness.bot.program, STAFF, Action.APPROVE_REVIEW, _acme_id(harness), Stage.IN_REVIEW)
    if merge:
        decide_on_card(harness.bot.program, STAFF, Action.MARK_MERGED, _acme_id(harness), Stage.APPROVED)
    harness.settle()


def _texts(harness: Harness, channel) -> list[str]:
    return [harness.emu.message_text(m) for m in harness.emu.messages(channel)]


def test_deploys_tells_a_partner_which_changes_make_the_release(harness: Harness, world: DemoWorld) -> None:
    _approve(harness, merge=True)

    reply = harness.emu.slash("/devcenter deploys", as_user=world.pat).text

    assert "Next release: Wednesday Nov 25" in reply
    assert "by *Tue Nov 24, 5:00 PM PST*" in reply and "1d 8h 0m left" in reply
    assert "Makes it" in reply and "Acme Analytics" in reply


def test_a_merge_after_the_tuesday_cutoff_misses_this_weeks_release(harness: Harness, world: DemoWorld) -> None:
    decide_on_card(harness.bot.program, STAFF, Action.APPROVE_REVIEW, _acme_id(harness), Stage.IN_REVIEW)
    harness.clock.advance(days=1, hours=8, minutes=1)  # Tuesday 17:01 Pacific
    decide_on_card(harness.bot.program, STAFF, Action.MARK_MERGED, _acme_id(harness), Stage.APPROVED)

    reply = harness.emu.slash("/devcenter deploys", as_user=world.pat).text

    assert "Next release: Wednesday Dec 2" in reply
    assert "Misses it" not in reply and "Makes it" in reply  # the next window is Dec 2, which it makes


def test_cutoff_reminder_goes_out_on_tuesday_once_to_approved_unmerged_work(harness: Harness, world: DemoWorld) -> None:
    _approve(harness, merge=False)

    assert harness.run_job("cutoff_reminder") == 0  # Monday: not cutoff day
    harness.clock.advance(days=1)  # Tuesday 09:00
    assert harness.run_job("cutoff_reminder") == 1
    harness.run_job("cutoff_reminder")

    reminders = [t for t in _texts(harness, world.acme_channel) if "Merge cutoff today" in t]
    assert len(reminders) == 1 and "Tue Nov 24, 5:00 PM PST" in reminders[0]


def test_overdue_reviews_nudge_staff_once_a_day(harness: Harness, world: DemoWorld) -> None:
    assert harness.run_job("review_sla") == 0
    harness.clock.advance(days=4, hours=1)  # Friday 10:00, past Thursday's due date
    harness.run_job("review_sla")
    harness.run_job("review_sla")
    harness.clock.advance(days=3)  # Monday
    harness.run_job("review_sla")

    nudges = [t for t in _texts(harness, world.review_channel) if "Review of *Acme Analytics*" in t]
    assert len(nudges) == 2


def test_release_day_ships_to_private_beta_and_tells_only_staff_and_the_partner(
    harness: Harness, world: DemoWorld
) -> None:
    _approve(harness, merge=True)
    harness.clock.advance(days=1, hours=23)  # Wednesday 08:00
    assert harness.run_job("release_day") is True

    world.review_channel.members.add(world.pat.id)
    refused = harness.emu.click("Mark release shipped", as_user=world.pat, in_channel=world.review_channel)
    assert "Only Segment staff" in refused.text
    assert "Approved" in harness.emu.slash("/devcenter status", as_user=world.pat).text
    harness.emu.click("Mark release shipped", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()

    assert "Private beta" in harness.emu.slash("/devcenter status", as_user=world.pat).text
    dms = "\n".join(harness.emu.message_text(m) for m in harness.emu.dms(world.pat))
    assert "https://app.segment.com/goto-my-workspace/destinations/catalog/acme-analytics" in dms
    announced = [t for t in _texts(harness, world.announce_channel) if "Developer Center release is out" in t]
    assert len(announced) == 1 and "*Acme Analytics*" in announced[0]
    acme = [t for t in _texts(harness, world.acme_channel) if "is in *private beta*" in t]
    assert len(acme) == 1 and "catalog/acme-analytics" in acme[0]
    assert not any("Acme Analytics" in t for t in _texts(harness, world.rocket_channel))  # private betas are private
    card = _texts(harness, world.review_channel)[-1]
    assert "Shipped by @sam.staff" in card and "Mark release shipped" not in card


def test_a_frozen_wednesday_has_no_release_and_moves_changes_to_the_next(harness: Harness, world: DemoWorld) -> None:
    from datetime import date

    _approve(harness, merge=True)
    set_freeze(harness.bot.program, STAFF, date(2026, 11, 25), frozen=True, reason="Thanksgiving week")
    assert "Next release: Wednesday Dec 2" in harness.emu.slash("/devcenter deploys", as_user=world.pat).text

    harness.clock.advance(days=1, hours=23)
    assert harness.run_job("release_day") is False
    assert not any("Release day" in t for t in _texts(harness, world.review_channel))


def test_staff_announce_previews_the_exact_audience_then_sends_once_per_channel(
    harness: Harness, world: DemoWorld
) -> None:
    harness.emu.slash("/devcenter announce", as_user=world.staff)
    errors = harness.emu.submit({"message": "  ", "stages": []}, as_user=world.staff).response.json()
    assert errors["errors"] == {"message": "Please write a few words."}
    preview = harness.emu.submit(
        {"message": "Office hours Thursday!", "stages": ["in_review"]}, as_user=world.staff
    ).response.json()
    assert preview["response_action"] == "update" and preview["view"]["submit"]["text"] == "Send to 2 channels"
    assert harness.emu.messages(world.acme_channel) == []  # the preview is a dry run

    assert "Channels (2):" in harness.emu.text(harness.emu.modal(world.staff).data["blocks"])
    harness.emu.submit({}, as_user=world.staff)  # "Send to 2 channels" on the updated modal
    harness.deliver_all()

    assert [t for t in _texts(harness, world.acme_channel) if "Office" in t] == ["Office hours Thursday!"]
    assert not any("Office" in t for t in _texts(harness, world.rocket_channel))
    status = harness.emu.slash("/devcenter announce status", as_user=world.staff).text
    assert "2/2 delivered, 0 waiting, 0 failed" in status


def test_partners_cannot_announce(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.slash("/devcenter announce", as_user=world.pat)

    assert "Only Segment staff" in reply.text and harness.emu.modal(world.pat) is None


def test_an_emergency_release_on_a_monday_gets_its_own_release_card(harness: Harness, world: DemoWorld) -> None:
    from datetime import date, datetime

    from slackbot.services.releases import declare_emergency

    _approve(harness, merge=True)
    cutoff = datetime.fromisoformat("2026-11-23T12:00:00-08:00")
    declare_emergency(harness.bot.program, STAFF, date(2026, 11, 23), cutoff, "hotfix")
    assert "Next release: Monday Nov 23" in harness.emu.slash("/devcenter deploys", as_user=world.pat).text

    assert harness.run_job("release_day") is True
    harness.emu.click("Mark release shipped", as_user=world.staff, in_channel=world.review_channel)

    assert "Private beta" in harness.emu.slash("/devcenter status", as_user=world.pat).text
