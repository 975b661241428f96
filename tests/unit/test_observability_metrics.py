"""The metric families, their fixed label vocabularies, the outbox gauges read at scrape time, and /metrics."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl
from wsgiref.util import setup_testing_defaults

import pytest
from prometheus_client import REGISTRY
from prometheus_client.metrics_core import Metric
from prometheus_client.parser import text_string_to_metric_families

from slackbot.jobs.tasks import JOBS
from slackbot.observability import metrics
from slackbot.observability.metrics import OutboxSnapshot, record_job, record_request, record_slack_call
from slackbot.observability.wsgi import metrics_app

FIXTURES = Path(__file__).parents[1] / "fixtures"
SIX_FAMILIES = {
    "devcenter_slack_requests": "counter",
    "devcenter_ack_seconds": "histogram",
    "devcenter_outbox_messages": "gauge",
    "devcenter_outbox_oldest_pending_seconds": "gauge",
    "devcenter_slack_api_calls": "counter",
    "devcenter_jobs": "counter",
}
VOCABULARIES = {
    "kind": metrics.REQUEST_KINDS,
    "method": metrics.SLACK_METHODS,
    "job": metrics.JOB_NAMES,
    "status": metrics.OUTBOX_STATUSES,
    "outcome": metrics.REQUEST_OUTCOMES + metrics.SLACK_OUTCOMES + metrics.JOB_OUTCOMES,
}


def _call(app: Callable[..., Any], method: str = "GET", accept: str | None = None) -> tuple[str, dict[str, str], str]:
    environ: dict[str, Any] = {"REQUEST_METHOD": method, "PATH_INFO": "/metrics", "wsgi.input": io.BytesIO()}
    if accept:
        environ["HTTP_ACCEPT"] = accept
    setup_testing_defaults(environ)
    answer: dict[str, Any] = {}
    body = b"".join(app(environ, lambda status, headers: answer.update(status=status, headers=dict(headers))))
    return answer["status"], answer["headers"], body.decode()


def _families(outbox: Callable[[], OutboxSnapshot] | None = None) -> dict[str, Metric]:
    status, _, text = _call(metrics_app(outbox))
    assert status == "200 OK"
    return {family.name: family for family in text_string_to_metric_families(text)}


def _value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_the_six_families_are_exposed_with_their_exact_names_and_types() -> None:
    families = _families(lambda: OutboxSnapshot({"pending": 1}, 3.0))

    assert {name: families[name].type for name in SIX_FAMILIES} == SIX_FAMILIES
    assert "devcenter_slack_requests_total" in {s.name for s in families["devcenter_slack_requests"].samples}


def test_a_request_is_counted_by_kind_and_outcome_and_its_ack_time_observed() -> None:
    before = _value("devcenter_slack_requests_total", kind="view", outcome="refused")
    under_a_second = _value("devcenter_ack_seconds_bucket", kind="view", le="1.0")

    record_request("view", "refused", 0.3)

    assert _value("devcenter_slack_requests_total", kind="view", outcome="refused") == before + 1
    assert _value("devcenter_ack_seconds_bucket", kind="view", le="1.0") == under_a_second + 1


def test_values_outside_the_vocabularies_are_recorded_as_other() -> None:
    series = [
        ("devcenter_slack_requests_total", {"kind": "other", "outcome": "other"}),
        ("devcenter_slack_api_calls_total", {"method": "other", "outcome": "ok"}),
        ("devcenter_jobs_total", {"job": "other", "outcome": "other"}),
    ]
    before = [_value(name, **labels) for name, labels in series]

    record_request("U0MEMBER01", "pat said: my token is hunter2", 0.01)
    record_slack_call("chat.scheduleMessage C0GENERAL1", "ok")
    record_job("acme-analytics", "exploded")

    assert [_value(name, **labels) for name, labels in series] == [count + 1 for count in before]


def test_every_exposed_label_value_comes_from_a_fixed_vocabulary() -> None:
    record_request("U0MEMBER01", "hunter2", 0.01)
    strays = {
        (label, value)
        for family in _families(lambda: OutboxSnapshot({"C0GENERAL1": 2}, 0.0)).values()
        if family.name in SIX_FAMILIES
        for sample in family.samples
        for label, value in sample.labels.items()
        if label != "le" and value not in (*VOCABULARIES[label], metrics.OTHER)
    }

    assert strays == set()


def test_slack_calls_take_web_api_or_slack_sdk_method_names_and_count_429s() -> None:
    before = _value("devcenter_slack_api_calls_total", method="chat.postMessage", outcome="ratelimited")

    record_slack_call("chat_postMessage", "ratelimited")
    record_slack_call("chat.postMessage", "ratelimited")

    assert _value("devcenter_slack_api_calls_total", method="chat.postMessage", outcome="ratelimited") == before + 2


def test_the_job_vocabulary_is_the_scheduled_jobs() -> None:
    assert set(metrics.JOB_NAMES) == {job.id for job in JOBS}


def test_a_job_run_is_counted() -> None:
    before = _value("devcenter_jobs_total", job="release_day", outcome="ok")

    record_job("release_day", "ok")

    assert _value("devcenter_jobs_total", job="release_day", outcome="ok") == before + 1


def test_the_outbox_gauges_come_from_one_snapshot_per_scrape() -> None:
    taken: list[OutboxSnapshot] = []

    def snapshot() -> OutboxSnapshot:
        taken.append(OutboxSnapshot({"pending": 3, "failed": 1, "archived": 2}, oldest_pending_seconds=42.5))
        return taken[-1]

    families = _families(snapshot)

    messages = {s.labels["status"]: s.value for s in families["devcenter_outbox_messages"].samples}
    assert messages == {"pending": 3, "maybe_sent": 0, "sent": 0, "failed": 1, "skipped": 0, "other": 2}
    assert families["devcenter_outbox_oldest_pending_seconds"].samples[0].value == 42.5
    assert len(taken) == 1


def test_a_failing_outbox_snapshot_leaves_the_gauges_out_but_the_scrape_answers() -> None:
    def unreachable() -> OutboxSnapshot:
        raise OSError("database unreachable")

    families = _families(unreachable)

    assert "devcenter_outbox_messages" not in families
    assert "devcenter_slack_requests" in families


def test_metrics_answers_prometheus_text_to_get_and_405_to_anything_else() -> None:
    status, headers, _ = _call(metrics_app())
    refused, refused_headers, _ = _call(metrics_app(), method="POST")

    assert status == "200 OK" and headers["Content-Type"].startswith("text/plain; version=0.0.4")
    assert refused.startswith("405") and refused_headers["Allow"] == "GET"


def test_metrics_speaks_openmetrics_when_the_scraper_asks_for_it() -> None:
    _, headers, text = _call(metrics_app(), accept="application/openmetrics-text; version=1.0.0")

    assert headers["Content-Type"].startswith("application/openmetrics-text")
    assert text.endswith("# EOF\n")


@pytest.mark.parametrize(
    ("fixture", "kind"),
    [
        ("block_actions.json", "action"),
        ("view_submission.json", "view"),
        ("message_shortcut.json", "shortcut"),
        ("app_mention.json", "event"),
        ("url_verification.json", "event"),
        ("slash_command.txt", "command"),
        ("signing_test_vector.json", "other"),
    ],
)
def test_the_request_kind_of_real_slack_payloads(fixture: str, kind: str) -> None:
    raw = (FIXTURES / fixture).read_text()
    body = dict(parse_qsl(raw.strip())) if fixture.endswith(".txt") else json.loads(raw)

    assert metrics.request_kind(body) == kind


@pytest.mark.parametrize(
    ("status", "outcome"), [(200, "ok"), (401, "unauthorized"), (404, "unhandled"), (400, "invalid"), (500, "error")]
)
def test_the_http_answer_to_slack_gives_the_outcome(status: int, outcome: str) -> None:
    assert metrics.outcome_for_status(status) == outcome
