"""/metrics after real traffic through the emulator: every family, with the values that traffic implies."""

from __future__ import annotations

import re
import urllib.request
from collections import Counter

from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from slackbot.domain.actors import operator
from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import FrozenClock, Harness
from slackbot.ids import CallbackId
from slackbot.jobs.scheduler import install, run_job
from slackbot.observability.metrics import record_job
from slackbot.services import announcements

REQUESTS, ACK = "devcenter_slack_requests_total", "devcenter_ack_seconds"
CALLS, JOBS = "devcenter_slack_api_calls_total", "devcenter_jobs_total"
OUTBOX, OLDEST = "devcenter_outbox_messages", "devcenter_outbox_oldest_pending_seconds"
PERSONAL = re.compile(r"\b[UCDWGB]0[A-Z0-9]{5,}\b|acme|rocket|pat|sam|Maintenance")


class Scrape:
    """One GET /metrics of the harness's bot, parsed with prometheus_client's own parser."""

    def __init__(self, harness: Harness) -> None:
        url = harness.app_url.replace("/slack/events", "/metrics")
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/plain")
            text = answer.read().decode()
        self.samples: list[Sample] = [s for family in text_string_to_metric_families(text) for s in family.samples]

    def value(self, name: str, **labels: str) -> float:
        """The sum of the samples called `name` whose labels include `labels`."""
        return sum(s.value for s in self.samples if s.name == name and labels.items() <= s.labels.items())

    def names(self) -> set[str]:
        return {s.name for s in self.samples}


def _delta(before: Scrape, after: Scrape, name: str, **labels: str) -> float:
    return after.value(name, **labels) - before.value(name, **labels)


def _posts(harness: Harness, since: int) -> int:
    return sum(method == "chat.postMessage" for method, _ in harness.slack.workspace.calls[since:])


def _traffic(harness: Harness, world: DemoWorld) -> None:
    """One request of every kind a person makes, and one that Slack did not sign."""
    emu = harness.emu
    emu.slash("/devcenter status", as_user=world.pat)  # command
    emu.click("Request changes", as_user=world.staff, in_channel=world.review_channel)  # action: opens a modal
    emu.submit({"note": "Please add tests."}, as_user=world.staff)  # view: notifies the partner
    emu.mention("how long does a review take?", as_user=world.pat, channel=world.acme_channel)  # event
    asked = next(m for m in reversed(emu.messages(world.acme_channel)) if m.user == world.pat.id)
    emu.message_shortcut(CallbackId.SAVE_AS_FAQ, asked, as_user=world.pat)  # shortcut (refused: not staff)
    forged = harness.driver.post("command=%2Fdevcenter", "application/x-www-form-urlencoded", signature="v0=bad")
    assert forged.status == 401


def test_metrics_after_real_traffic_show_every_family_with_the_values_it_implies(
    harness: Harness, world: DemoWorld
) -> None:
    assert isinstance(harness.clock, FrozenClock)
    before, calls_before = Scrape(harness), len(harness.slack.workspace.calls)

    _traffic(harness, world)
    staff = operator("cli:metrics-test")
    preview = announcements.draft(harness.bot.program, staff, "Maintenance window Saturday", None)
    announcements.send(harness.bot.program, staff, preview.announcement_id)  # queued, not delivered yet
    harness.clock.advance(seconds=90)
    queued = Scrape(harness)
    harness.slack.inject("chat.postMessage", status=429, retry_after=1)
    harness.deliver_all()
    install(harness.bot.program, record_job)
    run_job("review_sla")  # what APScheduler calls in the worker
    after = Scrape(harness)

    kinds = Counter({"command": 1, "action": 1, "view": 1, "event": 1, "shortcut": 1})
    for kind, count in kinds.items():
        assert _delta(before, after, REQUESTS, kind=kind, outcome="ok") == count, kind
        assert _delta(before, after, f"{ACK}_count", kind=kind) == count, kind
    assert _delta(before, after, REQUESTS, kind="other", outcome="unauthorized") == 1
    assert 0 < _delta(before, after, f"{ACK}_sum") < 3 * 6  # every ack well inside Slack's 3 seconds
    assert _delta(before, after, f"{ACK}_bucket", kind="command", le="3.0") == 1

    assert queued.value(OUTBOX, status="pending") == len(preview.channels)
    assert queued.value(OLDEST) == 90.0  # the frozen clock moved 90 s since the announcement was queued
    with harness.bot.program.uow() as uow:
        in_table = {str(status): count for status, count in uow.outbox.counts().items()}
    assert {status: after.value(OUTBOX, status=status) for status in in_table} == in_table
    assert after.value(OUTBOX, status="pending") == 0 and after.value(OLDEST) == 0

    assert _delta(before, after, CALLS, method="chat.postMessage", outcome="ratelimited") == 1
    assert _delta(before, after, CALLS, method="chat.postMessage", outcome="ok") == _posts(harness, calls_before)
    assert _delta(before, after, CALLS, method="views.open", outcome="ok") == 1
    assert _delta(before, after, JOBS, job="review_sla", outcome="ok") == 1
    assert {REQUESTS, f"{ACK}_bucket", CALLS, JOBS, OUTBOX, OLDEST} <= after.names()
    labels = {value for sample in after.samples for value in sample.labels.values()}
    assert not [value for value in labels if PERSONAL.search(value)]  # no user, channel, slug or text in a label
