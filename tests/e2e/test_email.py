"""Partner email end to end: signed Slack requests in, real SMTP out (a LocalMailServer on 127.0.0.1, port 0).

Each key moment sends one email to the partner's address, beside its Slack message; SMTP failures lose none and
double none; a refused address is shown to staff; the partner can turn email off without losing Slack.
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime

import pytest

from slackbot.domain.messages import OutboxStatus
from slackbot.emulator.demo import ZEBRA_SUBMISSION, ZEBRA_SURVEY, DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.mail import LocalMailServer, ReceivedMail
from slackbot.emulator.workspace import User

ZOE = "zoe@zebra.example.com"
PAT = "pat@acme.example.com"  # the demo's Acme Analytics address
SURVEY = {**ZEBRA_SURVEY, "email": ZOE}
SUBMISSION = ZEBRA_SUBMISSION
SLACK_MARKUP = ("<http", "*", "<@U", "<!", "|")  # links, bold, mentions, broadcasts, labelled links
PRIVATE_BETA_URL = "https://app.segment.com/goto-my-workspace/destinations/catalog/acme-analytics"


@pytest.fixture
def zoe(harness: Harness) -> User:
    return harness.slack.workspace.add_user("zoe.zebra", "Zoe Zebra", external=True)


def only(mail: LocalMailServer, subject: str, to: str) -> ReceivedMail:
    """The one email with this subject, checked as a partner email: headers, envelope, a text part, no Slack markup."""
    found = [m for m in mail.messages if m.subject == subject]
    assert len(found) == 1, [m.subject for m in mail.messages]
    email = found[0]
    assert email.rcpt_tos == (to,) and email.message["To"] == to
    assert email.message["From"] == "Segment Developer Center <partner-support@segment.com>"
    assert re.fullmatch(r"<devcenter-outbox-\d+@segment\.com>", str(email.message["Message-ID"]))
    assert parsedate_to_datetime(str(email.message["Date"])).utcoffset() is not None
    assert email.message.get_content_type() == "multipart/alternative" and email.text and email.html
    assert not [mark for mark in SLACK_MARKUP if mark in email.text], email.text
    assert "partner-support@segment.com" in email.text  # the footer: how to reach the team
    return email


def join_and_approve(harness: Harness, world: DemoWorld, zoe: User) -> None:
    harness.emu.slash("/devcenter join", as_user=zoe)
    harness.emu.submit(SURVEY, as_user=zoe)
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)


def dm_text(harness: Harness, user: User) -> str:
    return "\n".join(harness.emu.message_text(m) for m in harness.emu.dms(user))


def test_access_approved_sends_the_welcome_email_once(
    harness: Harness, world: DemoWorld, zoe: User, mail: LocalMailServer
) -> None:
    harness.emu.slash("/devcenter join", as_user=zoe)
    harness.emu.submit(SURVEY, as_user=zoe)
    assert mail.messages == ()  # a request is not yet a welcome

    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)  # a second click: refused
    harness.deliver_all()

    welcome = only(mail, "Welcome to the Segment Developer Center, Zebra Metrics", ZOE)
    assert "Zebra Metrics" in welcome.text
    assert "is approved for the Developer Center" in dm_text(harness, zoe)  # Slack too
    assert len(mail.messages) == 1


def test_a_submission_is_acknowledged_by_email_with_the_review_due_date(
    harness: Harness, world: DemoWorld, zoe: User, mail: LocalMailServer
) -> None:
    join_and_approve(harness, world, zoe)

    harness.emu.slash("/devcenter submit", as_user=zoe)
    harness.emu.submit(SUBMISSION, as_user=zoe)

    ack = only(mail, "We received Zebra Metrics for review", ZOE)
    assert "Thu Nov 26, 9:00 AM PST" in ack.text  # 3 business days from Monday 09:00 Pacific
    assert SUBMISSION["pr_url"] in ack.text and f'href="{SUBMISSION["pr_url"]}"' in ack.html
    assert "by *Thu Nov 26, 9:00 AM PST*" in dm_text(harness, zoe)


def test_replay_info_and_oauth_requests_each_send_one_email(
    harness: Harness, world: DemoWorld, mail: LocalMailServer
) -> None:
    harness.emu.click("Request replay info", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.click("Request OAuth", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()

    replay = only(mail, "Acme Analytics: how does your API handle replayed data?", PAT)
    oauth = only(mail, "Acme Analytics: please add Enable with Segment (OAuth)", PAT)
    assert "acme-analytics" in replay.text and "OAuth" in oauth.text
    assert replay.message["Message-ID"] != oauth.message["Message-ID"]
    assert len(mail.messages) == 2


def test_a_shipped_release_sends_the_private_beta_email_with_the_url(
    harness: Harness, world: DemoWorld, mail: LocalMailServer
) -> None:
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.click("Mark merged", as_user=world.staff, in_channel=world.review_channel)
    harness.clock.advance(days=1, hours=23)  # Wednesday 08:00, release day
    harness.run_job("release_day")

    harness.emu.click("Mark release shipped", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()

    beta = only(mail, "Acme Analytics is in private beta", PAT)
    assert PRIVATE_BETA_URL in beta.text and f'href="{PRIVATE_BETA_URL}"' in beta.html
    assert "Wednesday Nov 25" in beta.text
    assert [m.subject for m in mail.messages].count("Acme Analytics is in private beta") == 1


def test_changes_requested_sends_the_reason_by_email(harness: Harness, world: DemoWorld, mail: LocalMailServer) -> None:
    harness.emu.click("Request changes", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.submit(
        {"note": "Please add *unit tests* for <https://example.com/identify|identify>."}, as_user=world.staff
    )

    changes = only(mail, "Acme Analytics: changes requested in review", PAT)
    assert "Please add unit tests for identify (https://example.com/identify)." in changes.text


def test_a_dropped_connection_is_retried_with_the_same_message_id_and_arrives_once(
    harness: Harness, world: DemoWorld, zoe: User, mail: LocalMailServer
) -> None:
    mail.drop_next()  # the first attempt loses its answer mid-DATA (the server keeps nothing)
    join_and_approve(harness, world, zoe)
    with harness.bot.program.uow() as uow:
        [row] = [m for m in uow.outbox.latest(50) if m.kind == "partner_email"]
        assert row.status is OutboxStatus.MAYBE_SENT and "closed the connection" in (row.last_error or "")

    harness.deliver_all()

    welcome = only(mail, "Welcome to the Segment Developer Center, Zebra Metrics", ZOE)
    assert welcome.message["Message-ID"] == f"<devcenter-outbox-{row.id}@segment.com>"
    with harness.bot.program.uow() as uow:
        assert uow.outbox.by_key(row.dedupe_key).status is OutboxStatus.SENT  # type: ignore[union-attr]


def test_a_4xx_then_2xx_delivers_once_and_slack_is_not_held_up(
    harness: Harness, world: DemoWorld, mail: LocalMailServer
) -> None:
    mail.defer_next(2)  # greylisted twice: 451, 451, then accepted
    harness.emu.click("Request replay info", as_user=world.staff, in_channel=world.review_channel)
    assert "replay" in dm_text(harness, world.pat).lower()  # Slack went out on the first pass
    assert mail.messages == ()

    harness.deliver_all()

    only(mail, "Acme Analytics: how does your API handle replayed data?", PAT)
    assert len(mail.messages) == 1


def test_a_refused_address_is_shown_on_the_staff_card_and_not_retried(
    harness: Harness, world: DemoWorld, mail: LocalMailServer
) -> None:
    mail.refuse(PAT)
    harness.emu.click("Request replay info", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()

    assert mail.messages == ()
    review = [harness.emu.message_text(m) for m in harness.emu.messages(world.review_channel)]
    card = next(t for t in reversed(review) if "Acme Analytics (acme-analytics)" in t)
    assert f"*Email:* {PAT} — :warning: refused by the mail server" in card and "550" in card
    assert any("could not be delivered" in t for t in review)  # the give-up alert, as for Slack messages
    with harness.bot.program.uow() as uow:
        assert uow.outbox.counts().get(OutboxStatus.FAILED) == 1
        assert uow.partners.by_name("Acme Analytics").email_refused_reason  # type: ignore[union-attr]

    harness.emu.click("Request OAuth", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()
    with harness.bot.program.uow() as uow:  # no email is queued for a refused address
        assert [m.status for m in uow.outbox.latest(100) if m.kind == "partner_email"] == [OutboxStatus.FAILED]


def test_turning_email_off_in_home_stops_emails_but_not_slack(
    harness: Harness, world: DemoWorld, mail: LocalMailServer
) -> None:
    harness.emu.open_home(world.pat)
    assert f"key moments also go to {PAT}" in harness.emu.home(world.pat)

    harness.emu.click("Turn email off", as_user=world.pat, in_home=True)
    assert "*Email:* off" in harness.emu.home(world.pat)
    harness.emu.click("Request replay info", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()
    assert mail.messages == ()
    assert "replay" in dm_text(harness, world.pat).lower()

    harness.emu.click("Turn email on", as_user=world.pat, in_home=True)
    harness.emu.click("Request OAuth", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()
    assert [m.subject for m in mail.messages] == ["Acme Analytics: please add Enable with Segment (OAuth)"]


def test_without_smtp_url_emails_are_kept_as_skipped_never_sent_or_lost(harness: Harness, world: DemoWorld) -> None:
    harness.emu.click("Request replay info", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()

    with harness.bot.program.uow() as uow:
        [email] = [m for m in uow.outbox.latest(50) if m.kind == "partner_email"]
    assert email.status is OutboxStatus.SKIPPED and email.last_error == "email is off: SMTP_URL is not set"
    assert email.payload["to"] == PAT


def test_a_server_that_never_accepts_gives_up_after_the_retries_and_alerts_staff(
    harness: Harness, world: DemoWorld, mail: LocalMailServer
) -> None:
    mail.defer_next(100)  # 451 for ever
    harness.emu.click("Request replay info", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()

    assert mail.messages == ()
    with harness.bot.program.uow() as uow:
        [email] = [m for m in uow.outbox.latest(50) if m.kind == "partner_email"]
    assert email.status is OutboxStatus.FAILED and email.attempts == 8 and "451" in (email.last_error or "")
    review = [harness.emu.message_text(m) for m in harness.emu.messages(world.review_channel)]
    assert any("partner_email" in t and "could not be delivered" in t for t in review)


def test_a_lost_answer_after_the_server_kept_the_email_repeats_it_once_with_the_same_message_id(
    harness: Harness, world: DemoWorld, mail: LocalMailServer
) -> None:
    """The one duplicate SMTP allows: the server kept the email but its 250 never arrived. The retry carries the
    same Message-ID, so the partner's mail program can recognise it; it is sent once more, never again."""
    mail.lose_answer_next()
    harness.emu.click("Request replay info", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()
    harness.deliver_all()

    copies = [m for m in mail.messages if m.subject == "Acme Analytics: how does your API handle replayed data?"]
    assert len(copies) == 2
    assert copies[0].message["Message-ID"] == copies[1].message["Message-ID"]
    with harness.bot.program.uow() as uow:
        [email] = [m for m in uow.outbox.latest(50) if m.kind == "partner_email"]
    assert email.status is OutboxStatus.SENT and email.attempts == 2
