"""`devcenter-bot serve` with two gunicorn workers: /metrics sums both workers' requests, logs are JSON lines."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from slackbot.emulator.driver import Driver
from slackbot.emulator.processes import bot_command, child_env
from slackbot.emulator.server import FakeSlack
from slackbot.emulator.workspace import Workspace

SECRET = "metrics-signing-secret"
TOKEN = "xoxb-metrics-test-token"
HELP = {"kind": "command", "outcome": "ok"}


@dataclass
class Served:
    """A running `serve`, its base URL, its metrics directory, and every log line it printed so far."""

    process: subprocess.Popen[str]
    url: str = ""
    metrics_dir: Path = Path()
    temporary_dir: bool = False
    lines: list[str] = field(default_factory=list)

    def stop(self) -> list[dict[str, Any]]:
        """Stop the server; every line it printed, parsed as JSON."""
        self.process.terminate()
        self.lines += self.process.communicate(timeout=30)[0].splitlines()
        return [json.loads(line) for line in self.lines if line.strip()]


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack(Workspace()).start()
    yield fake
    fake.stop()


@pytest.fixture
def operator_dir(tmp_path: Path) -> Path:
    """An operator's PROMETHEUS_MULTIPROC_DIR, holding a file left over from an earlier run."""
    directory = tmp_path / "metrics"
    directory.mkdir()
    (directory / "counter_999999.db").write_bytes(b"left over from the last run")
    return directory


def _serve(sqlite_url: str, cwd: Path, slack: FakeSlack, metrics_dir: Path | None) -> Served:
    env = child_env(
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=sqlite_url,
        LOG_FORMAT="json",
    )
    if metrics_dir is not None:
        env["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    process = subprocess.Popen(
        bot_command("serve", "--port", "0", "--workers", "2"),
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return _read_until_listening(Served(process))


def _read_until_listening(server: Served) -> Served:
    """Read the log until gunicorn says where it listens (port 0: the kernel picked one)."""
    assert server.process.stdout is not None
    for line in server.process.stdout:
        server.lines.append(line.rstrip("\n"))
        message = json.loads(line)["message"]
        if found := re.search(r"multiprocess directory (\S+) \((\S+)\)", message):
            server.metrics_dir, server.temporary_dir = Path(found.group(1)), found.group(2) == "temporary"
        if found := re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", message):
            server.url = found.group(1)
            return server
    pytest.fail("serve exited before listening:\n" + "\n".join(server.lines))


@pytest.fixture(params=["temporary directory", "operator's directory"])
def served(request: pytest.FixtureRequest, sqlite_url: str, tmp_path: Path, slack: FakeSlack) -> Iterator[Served]:
    operator = request.getfixturevalue("operator_dir") if request.param == "operator's directory" else None
    server = _serve(sqlite_url, tmp_path, slack, operator)
    yield server
    if server.process.poll() is None:
        server.stop()


def _help_counts_per_process(metrics_dir: Path) -> dict[str, float]:
    """Each process's count of /devcenter help requests, read from its own metrics file."""
    counts = {}
    for path in metrics_dir.glob("counter_*.db"):
        for family in MultiProcessCollector.merge([str(path)]):
            for sample in family.samples:
                if sample.name == "devcenter_slack_requests_total" and sample.labels == HELP and sample.value:
                    counts[path.stem.removeprefix("counter_")] = sample.value
    return counts


def _scrape(url: str) -> str:
    with urllib.request.urlopen(url + "/metrics", timeout=30) as answer:
        assert answer.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        return str(answer.read().decode())


def _families(text: str) -> dict[str, Metric]:
    return {family.name: family for family in text_string_to_metric_families(text)}


def _help_total(families: dict[str, Metric]) -> float:
    samples = families["devcenter_slack_requests"].samples
    return sum(s.value for s in samples if s.name == "devcenter_slack_requests_total" and s.labels == HELP)


def test_metrics_sum_the_requests_of_both_workers(served: Served, slack: FakeSlack) -> None:
    user = slack.workspace.add_user("someone")
    channel = slack.workspace.add_channel("general", members=[user])
    driver = Driver(served.url + "/slack/events", SECRET, slack.workspace, slack.base_url)

    sent = 0
    while len(_help_counts_per_process(served.metrics_dir)) < 2 and sent < 200:  # one connection per request
        assert driver.slash(user, channel, "/devcenter", "help").status == 200
        sent += 1
    per_worker = _help_counts_per_process(served.metrics_dir)

    assert not (served.metrics_dir / "counter_999999.db").exists()
    assert len(per_worker) == 2, f"every request went to one worker: {per_worker}"
    assert sum(per_worker.values()) == sent
    families = _families(_scrape(served.url))
    assert _help_total(families) == sent
    assert {"devcenter_ack_seconds", "devcenter_slack_api_calls", "devcenter_jobs"} <= set(families)
    served.stop()
    assert served.metrics_dir.exists() != served.temporary_dir  # a temporary directory goes, the operator's stays


def test_serve_logs_json_lines_without_secrets(sqlite_url: str, tmp_path: Path, slack: FakeSlack) -> None:
    server = _serve(sqlite_url, tmp_path, slack, None)
    assert urllib.request.urlopen(server.url + "/healthz", timeout=30).status == 200

    records = server.stop()

    assert {"time", "level", "logger", "message", "pid"} <= set(records[0])
    assert sum("Booting worker" in record["message"] for record in records) == 2
    assert [record for record in records if record["level"] in ("ERROR", "CRITICAL")] == []
    assert not [line for line in server.lines if SECRET in line or TOKEN in line]
