"""The bot's Prometheus families, defined once, and the typed functions that record into them.

Every label value comes from a fixed vocabulary below; anything else is recorded as "other", so no user data (a
user id, a channel, a slug, a message) can ever become a label. The outbox gauges are not recorded at all: they
are read from the database at scrape time by `OutboxCollector`, which only the process answering the scrape runs.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector

from slackbot.domain.messages import OutboxStatus

log = logging.getLogger(__name__)

OTHER = "other"
REQUEST_KINDS = ("command", "action", "view", "event", "shortcut")
REQUEST_OUTCOMES = ("ok", "invalid", "refused", "unauthorized", "unhandled", "error")
SLACK_METHODS = (
    "apps.connections.open",
    "auth.test",
    "chat.delete",
    "chat.postEphemeral",
    "chat.postMessage",
    "chat.update",
    "conversations.history",
    "conversations.info",
    "conversations.join",
    "conversations.members",
    "conversations.open",
    "conversations.replies",
    "reactions.add",
    "response_url",
    "team.info",
    "usergroups.users.list",
    "users.info",
    "views.open",
    "views.publish",
    "views.push",
    "views.update",
)
SLACK_OUTCOMES = ("ok", "ratelimited", "error", "network")
JOB_NAMES = ("cutoff_reminder", "review_sla", "release_day", "launch_gates", "github_sync")
JOB_OUTCOMES = ("ok", "skipped", "error")
OUTBOX_STATUSES = tuple(status.value for status in OutboxStatus)
ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)  # Slack gives up after 3 s

REQUESTS = Counter(
    "devcenter_slack_requests_total", "Slack requests handled, by kind and outcome.", ["kind", "outcome"]
)
ACK_SECONDS = Histogram(
    "devcenter_ack_seconds", "Time from receiving a Slack request to acknowledging it.", ["kind"], buckets=ACK_BUCKETS
)
SLACK_CALLS = Counter(
    "devcenter_slack_api_calls_total",
    "Slack Web API calls, by method and outcome (429s included).",
    ["method", "outcome"],
)
JOBS = Counter("devcenter_jobs_total", "Scheduled job runs, by job and outcome.", ["job", "outcome"])
FAMILIES = (REQUESTS, ACK_SECONDS, SLACK_CALLS, JOBS)


def _known(value: str, vocabulary: Iterable[str]) -> str:
    return value if value in vocabulary else OTHER


def record_request(kind: str, outcome: str, ack_seconds: float) -> None:
    """Count one Slack request and how long its acknowledgement took."""
    kind = _known(kind, REQUEST_KINDS)
    REQUESTS.labels(kind, _known(outcome, REQUEST_OUTCOMES)).inc()
    ACK_SECONDS.labels(kind).observe(max(0.0, ack_seconds))


def record_slack_call(method: str, outcome: str) -> None:
    """Count one Slack Web API call ('chat.postMessage' or slack_sdk's 'chat_postMessage'; 429 -> 'ratelimited')."""
    name = method if method in SLACK_METHODS else _known(method.replace("_", "."), SLACK_METHODS)
    SLACK_CALLS.labels(name, _known(outcome, SLACK_OUTCOMES)).inc()


def record_job(job: str, outcome: str) -> None:
    """Count one run of a scheduled job."""
    JOBS.labels(_known(job, JOB_NAMES), _known(outcome, JOB_OUTCOMES)).inc()


def zero_series() -> None:
    """Create every known series at 0, so a rate over a label set that has not happened yet is 0, not absent."""
    for kind in (*REQUEST_KINDS, OTHER):
        ACK_SECONDS.labels(kind)
        for outcome in (*REQUEST_OUTCOMES, OTHER):
            REQUESTS.labels(kind, outcome)
    for method in (*SLACK_METHODS, OTHER):
        for outcome in (*SLACK_OUTCOMES, OTHER):
            SLACK_CALLS.labels(method, outcome)
    for job in (*JOB_NAMES, OTHER):
        for outcome in (*JOB_OUTCOMES, OTHER):
            JOBS.labels(job, outcome)


def request_kind(body: Mapping[str, Any]) -> str:
    """The kind of a parsed Slack request body: command, action, view, event, shortcut or other."""
    if "command" in body:
        return "command"
    return _KIND_BY_TYPE.get(str(body.get("type", "")), OTHER)


_KIND_BY_TYPE = {
    "block_actions": "action",
    "block_suggestion": "action",
    "interactive_message": "action",
    "view_submission": "view",
    "view_closed": "view",
    "event_callback": "event",
    "url_verification": "event",
    "app_rate_limited": "event",
    "shortcut": "shortcut",
    "message_action": "shortcut",
}


def outcome_for_status(status: int) -> str:
    """The request outcome an HTTP answer to Slack stands for."""
    if 200 <= status < 300:
        return "ok"
    if status in (401, 403):
        return "unauthorized"
    if status == 404:
        return "unhandled"
    return "invalid" if 400 <= status < 500 else "error"


@dataclass(frozen=True)
class OutboxSnapshot:
    """The outbox as the database sees it: messages per status and the age of the oldest pending one."""

    counts: Mapping[str, int] = field(default_factory=dict)
    oldest_pending_seconds: float = 0.0  # 0 when nothing is pending


OutboxSource = Callable[[], OutboxSnapshot]


class OutboxCollector:
    """Reports the outbox gauges from a snapshot taken at scrape time (once per scrape, never summed per worker)."""

    def __init__(self, snapshot: OutboxSource) -> None:
        self.snapshot = snapshot

    def collect(self) -> Iterable[Metric]:
        """The two outbox families, or nothing when the snapshot cannot be taken (the scrape still answers)."""
        try:
            taken = self.snapshot()
        except Exception as error:  # a broken database must not break /metrics
            log.warning("outbox figures left out of this scrape: %s", type(error).__name__)
            return []
        messages = GaugeMetricFamily("devcenter_outbox_messages", "Outbox messages, by status.", labels=["status"])
        totals = dict.fromkeys(OUTBOX_STATUSES, 0)
        for status, count in taken.counts.items():
            key = _known(str(status), OUTBOX_STATUSES)
            totals[key] = totals.get(key, 0) + count
        for status, count in totals.items():
            messages.add_metric([status], count)
        oldest = GaugeMetricFamily(
            "devcenter_outbox_oldest_pending_seconds",
            "Age of the oldest pending outbox message (0 when none is pending).",
            value=max(0.0, taken.oldest_pending_seconds),
        )
        return [messages, oldest]


def scrape_registry(outbox: OutboxSource | None, multiprocess_dir: str | None) -> CollectorRegistry:
    """A registry for one scrape: every worker's files merged (multiprocess mode) or this process's families."""
    registry = CollectorRegistry()
    if multiprocess_dir:
        MultiProcessCollector(registry, path=multiprocess_dir)
    else:
        registry.register(REGISTRY)
    if outbox is not None:
        registry.register(OutboxCollector(outbox))
    return registry


if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # in multiprocess mode, enable_multiprocess() does it
    zero_series()
