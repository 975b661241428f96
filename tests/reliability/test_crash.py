"""SIGKILL mid fan-out: a worker process dies holding a posted-but-unrecorded message; the next one finds it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta

from conftest import Proof
from sqlalchemy import select

from slackbot.domain.actors import Actor, operator
from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import FrozenClock, Harness
from slackbot.services import announcements, reviews
from storage.models.reviews import StaffRequest

TEXT = "Release notes are out"


def _worker(harness: Harness) -> subprocess.Popen[bytes]:
    """`devcenter-bot worker` as its own process, on the harness's database and fake Slack."""
    settings = harness.settings
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": settings.bot_token or "",
        "SLACK_SIGNING_SECRET": settings.signing_secret or "",
        "SLACK_API_URL": settings.slack_api_url,
        "DATABASE_URL": settings.database_url,
        "DEVCENTER_REVIEW_CHANNEL": settings.review_channel or "",
        "DEVCENTER_ANNOUNCE_CHANNEL": settings.announce_channel or "",
        "DEVCENTER_POST_RATE": "0",
        "LOG_LEVEL": "ERROR",
    }
    command = [sys.executable, "-m", "slackbot.cli", "worker"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _queue_answer_and_announcement(harness: Harness, world: DemoWorld) -> None:
    """A threaded reply (the partner's answer on the staff card) and a 43-channel announcement, queued only."""
    harness.emu.slash("/devcenter card acme-analytics", as_user=world.staff, channel=world.review_channel)
    harness.emu.click("Request replay info", as_user=world.staff, in_channel=world.review_channel)
    program = harness.bot.program
    with program.uow() as uow:
        request_id = uow.session.scalars(select(StaffRequest.id)).one()
    pat = Actor(world.pat.id, is_staff=False, partner_id=_partner_id(harness, "acme-analytics"))
    reviews.answer_request(program, pat, request_id, "Replays are safe: we dedupe on messageId.")
    staff = operator("cli:test")
    preview = announcements.draft(program, staff, TEXT, None)
    announcements.send(program, staff, preview.announcement_id)


def _partner_id(harness: Harness, slug: str) -> int:
    with harness.bot.program.uow() as uow:
        return uow.integrations.by_slug(slug).partner_id


def test_a_worker_killed_while_slack_holds_its_answer_posts_nothing_twice(
    harness: Harness, world: DemoWorld, forty: set[str], proof: Proof
) -> None:
    _queue_answer_and_announcement(harness, world)
    harness.slack.inject("chat.postMessage", status=500, stall=60)  # the first post lands; its answer never does

    worker = _worker(harness)
    try:
        assert harness.slack.stalled.wait(60), "the worker never posted"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    assert isinstance(harness.clock, FrozenClock)
    harness.clock.now = datetime.now(UTC) + timedelta(minutes=5)  # the dead worker's lease runs out
    harness.deliver_all()

    messages = harness.slack.workspace.messages
    posts = dict(Counter(m.channel for m in messages if m.text == TEXT))
    answers = [m for m in messages if m.thread_ts and "we dedupe on messageId" in harness.emu.message_text(m)]
    proof.deliveries("SIGKILL of a worker mid fan-out, holding a posted message", forty, posts)
    proof.deliveries("the threaded reply queued before the kill", {"answer"}, {"answer": len(answers)})
    assert set(posts) == forty and set(posts.values()) == {1}
    assert len(answers) == 1
