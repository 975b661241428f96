"""The fake GitHub's signed deliveries, over real HTTP, to a small WSGI app around receive(); a ledger stands in
for the bot's lifecycle table, applying plan() with deduplication by delivery id and by effect, as the bot does."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from zoneinfo import ZoneInfo

import pytest

from slackbot.domain.github import GitHubEvent, Notice, Ping, plan
from slackbot.domain.lifecycle import Action, Role, Stage, decide
from slackbot.domain.releases import ReleaseCalendar
from slackbot.emulator.github import FakeGitHub, ManualClock
from slackbot.github.rest import GitHubRest
from slackbot.github.sync import TrackedPull, sync_pulls
from slackbot.github.webhooks import Receipt
from slackbot.github.wsgi import EVENTS_PATH, github_events_app

SECRET = "whsec-5d41402abc4b2a76b9719d911017c592"
PACIFIC = ZoneInfo("America/Los_Angeles")
SUBMITTED = datetime(2026, 11, 30, 9, 0, tzinfo=PACIFIC)


@dataclass
class Integration:
    """What the bot keeps about one integration, reduced to what GitHub moves."""

    stage: Stage
    merged_at: datetime | None = None
    audit: list[tuple[str, str, str]] = field(default_factory=list)  # (actor, action or notice, note)


class Ledger:
    """The bot's side, in memory: every change goes through plan() and the lifecycle table, once per effect."""

    def __init__(self, **stages: Stage) -> None:
        self.integrations = {int(n.removeprefix("pr")): Integration(stage) for n, stage in stages.items()}
        self.deliveries: set[str] = set()
        self.effects: set[str] = set()
        self.lock = threading.Lock()

    def on_delivery(self, receipt: Receipt) -> Receipt:
        """What the web app does with an accepted delivery."""
        with self.lock:
            if receipt.delivery_id in self.deliveries:
                return replace(receipt, message="duplicate delivery")
            self.deliveries.add(receipt.delivery_id or "")
        assert receipt.event is not None
        return receipt if self.apply(receipt.event) else replace(receipt, message="nothing to change")

    def apply(self, event: GitHubEvent) -> bool:
        """Apply an event's steps unless its effect was applied before; whether anything changed."""
        with self.lock:
            integration = None if isinstance(event, Ping) else self.integrations.get(event.number)
            if integration is None or event.effect_key in self.effects:
                return False
            steps = plan(event, integration.stage, merged=integration.merged_at is not None)
            for step in steps:
                assert step.source is integration.stage
                if step.action is not None and not step.override:
                    decide(integration.stage, step.action, Role.STAFF)
                integration.stage = step.target or integration.stage
                if step.action is Action.MARK_MERGED:
                    integration.merged_at = step.at
                integration.audit.append((event.actor, str(step.action or step.notice), step.note))
            self.effects.add(event.effect_key)
            return bool(steps)


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""
        return None


@pytest.fixture
def ledger() -> Ledger:
    """Integration #4242 in review."""
    return Ledger(pr4242=Stage.IN_REVIEW)


@pytest.fixture
def clock() -> ManualClock:
    """Monday 2026-11-30 09:00 Pacific, until a test moves it."""
    return ManualClock(SUBMITTED)


@pytest.fixture
def gh(ledger: Ledger, clock: ManualClock) -> Iterator[FakeGitHub]:
    """The fake GitHub delivering to the ledger's webhook endpoint on a free port."""
    server = make_server("127.0.0.1", 0, github_events_app(SECRET, apply=ledger.on_delivery), server_class=_Server,
                         handler_class=_Quiet)  # fmt: skip
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    fake = FakeGitHub(clock, webhook_url=f"http://127.0.0.1:{server.server_address[1]}{EVENTS_PATH}", secret=SECRET,
                      token="ghs_reconcile").start()  # fmt: skip
    fake.open(4242, author="acme-dev", title="Acme Analytics destination")
    yield fake
    fake.stop()
    server.shutdown()
    server.server_close()


def test_a_forged_delivery_is_refused_401_and_changes_nothing(gh: FakeGitHub, ledger: Ledger) -> None:
    assert gh.forged(4242).status == 401 and gh.unsigned(4242).status == 401
    assert ledger.integrations[4242] == Integration(Stage.IN_REVIEW) and not ledger.deliveries


def test_changes_requested_then_approval_then_merge_move_the_integration(gh: FakeGitHub, ledger: Ledger) -> None:
    gh.review(4242, "changes_requested", by="segment-eng", body="Add unit tests for identify.")
    assert ledger.integrations[4242].stage is Stage.CHANGES_REQUESTED
    ledger.integrations[4242].stage = Stage.IN_REVIEW  # the partner resubmits in Slack
    gh.review(4242, "approved", by="segment-eng")
    merged_at = datetime(2026, 12, 1, 10, 30, tzinfo=PACIFIC)
    gh.merge(4242, at=merged_at, by="segment-lead")
    assert ledger.integrations[4242].stage is Stage.APPROVED and ledger.integrations[4242].merged_at == merged_at
    assert [(actor, what) for actor, what, _ in ledger.integrations[4242].audit] == [
        ("github:segment-eng", "request_changes"),
        ("github:segment-eng", "approve_review"),
        ("github:segment-lead", "mark_merged"),
    ]
    assert ledger.integrations[4242].audit[0][2] == "Add unit tests for identify."


def test_a_review_by_the_partner_itself_moves_nothing(gh: FakeGitHub, ledger: Ledger) -> None:
    assert gh.review(4242, "approved", by="acme-dev", association="CONTRIBUTOR").status == 202
    assert ledger.integrations[4242].stage is Stage.IN_REVIEW


@pytest.mark.parametrize(("local_time", "release"), [("16:59", date(2026, 12, 2)), ("17:01", date(2026, 12, 9))])
def test_the_release_follows_githubs_merge_time_across_the_tuesday_cutoff(
    gh: FakeGitHub, ledger: Ledger, clock: ManualClock, local_time: str, release: date
) -> None:
    clock.now = datetime(2026, 12, 2, 9, 0, tzinfo=PACIFIC)  # delivered late, on Wednesday morning
    hour, minute = map(int, local_time.split(":"))
    gh.merge(4242, at=datetime(2026, 12, 1, hour, minute, tzinfo=PACIFIC))  # Tuesday, Pacific
    merged_at = ledger.integrations[4242].merged_at
    assert merged_at is not None and ReleaseCalendar().release_for_merge(merged_at) == release


def test_a_merge_in_review_is_audited_as_approved_by_merge_then_merged(gh: FakeGitHub, ledger: Ledger) -> None:
    gh.merge(4242)
    assert [what for _, what, _ in ledger.integrations[4242].audit] == ["approve_review", "mark_merged"]
    assert ledger.integrations[4242].audit[0][2] == "Approved by merge on GitHub."


def test_a_redelivery_under_a_new_id_changes_nothing_twice(gh: FakeGitHub, ledger: Ledger) -> None:
    first = gh.merge(4242)
    again, same = gh.redeliver(first), gh.send(first.event, first.body, headers={"X-GitHub-Delivery": first.id})
    assert again.id != first.id and (again.status, same.status) == (202, 202)
    assert (again.json()["message"], same.json()["message"]) == ("nothing to change", "duplicate delivery")
    assert len(ledger.integrations[4242].audit) == 2


def test_closing_without_merge_tells_people_and_waits_for_a_resubmission(gh: FakeGitHub, ledger: Ledger) -> None:
    gh.close(4242, by="acme-dev")
    assert ledger.integrations[4242].stage is Stage.CHANGES_REQUESTED
    assert ledger.integrations[4242].audit[0][:2] == ("github:acme-dev", "request_changes")


def test_new_commits_after_changes_requested_become_a_thread_note(gh: FakeGitHub, ledger: Ledger) -> None:
    gh.review(4242, "changes_requested", body="Rename the action.")
    gh.push(4242)
    assert ledger.integrations[4242].audit[-1][1] == str(Notice.COMMITS_PUSHED)


def test_a_ping_and_an_unknown_pull_request_are_answered_2xx_and_change_nothing(gh: FakeGitHub, ledger: Ledger) -> None:
    assert gh.ping().status == 200
    gh.open(5000)
    assert gh.review(5000, "approved").status == 202 and 5000 not in ledger.integrations


def test_oversized_and_malformed_deliveries_get_4xx(gh: FakeGitHub) -> None:
    assert gh.oversized(2 * 1024 * 1024).status == 413
    assert [gh.malformed(body).status for body in (b"{", b"[]", b'{"action":"closed"}')] == [400, 400, 400]


def test_a_reconciliation_run_applies_a_missed_merge_once(gh: FakeGitHub, ledger: Ledger, clock: ManualClock) -> None:
    clock.advance(hours=3)
    gh.review(4242, "approved")
    missed = gh.merge(4242, at=datetime(2026, 12, 1, 16, 59, tzinfo=PACIFIC), deliver=False)
    assert missed.status is None and ledger.integrations[4242].merged_at is None
    client = GitHubRest("ghs_reconcile", api_url=gh.api_url)
    tracked = [TrackedPull(4242, since=SUBMITTED.astimezone(UTC))]
    first, second = sync_pulls(client, tracked, ledger.apply), sync_pulls(client, tracked, ledger.apply)
    assert (first.applied, second.applied, second.seen) == (1, 0, 2)
    assert ledger.integrations[4242].merged_at == datetime(2026, 12, 1, 16, 59, tzinfo=PACIFIC)
    assert gh.redeliver(missed).json()["message"] == "nothing to change"  # the late webhook, after the sync
    assert [what for _, what, _ in ledger.integrations[4242].audit] == ["approve_review", "mark_merged"]
