"""A closed-loop load generator: N signed slash commands over keep-alive connections, latency per ack."""

from __future__ import annotations

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from slack_sdk.signature import SignatureVerifier

from bench.load import user_id
from slackbot.emulator.driver import Driver
from slackbot.emulator.server import FakeSlack
from slackbot.emulator.workspace import Channel, User


@dataclass(frozen=True)
class Latency:
    """Latencies (ms) of one run and its throughput."""

    samples: tuple[float, ...]
    seconds: float

    @property
    def p50(self) -> float:
        """Median latency, ms."""
        return statistics.median(self.samples)

    @property
    def p99(self) -> float:
        """99th percentile latency, ms."""
        return statistics.quantiles(self.samples, n=100)[98]

    @property
    def throughput(self) -> float:
        """Requests per second."""
        return len(self.samples) / self.seconds

    @staticmethod
    def merge(runs: list[Latency]) -> Latency:
        """Several runs as one."""
        return Latency(tuple(s for r in runs for s in r.samples), sum(r.seconds for r in runs))


def status_bodies(slack: FakeSlack, partners: int, count: int, seed: int = 7) -> list[str]:
    """`count` `/devcenter status` form bodies from members of random partners (response URLs on `slack`)."""
    driver = Driver("http://127.0.0.1:9/unused", "unused", slack.workspace, slack.base_url)
    channel, rng = Channel("CBENCH0001", "bench"), random.Random(seed)
    users = (User(user_id(rng.randrange(partners)), "bench", "Bench", "T0PARTNER1") for _ in range(count))
    return [driver.slash_body(user, channel, "/devcenter", "status") for user in users]


def hammer(
    slack: FakeSlack, port: int, secret: str, requests: int, concurrency: int, partners: int, expect: str
) -> Latency:
    """Send `requests` signed `/devcenter status` commands from `concurrency` threads.

    Every answer must be 200 with `expect` in its body. The bodies are built here (their response_urls belong to
    this process's emulator), the load itself runs in a separate process so that the emulator's work and the
    client's do not share one interpreter lock.
    """
    bodies = status_bodies(slack, partners, requests, seed=port)
    plan = {"port": port, "secret": secret, "bodies": bodies, "concurrency": concurrency, "expect": expect}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(plan, file)
    try:
        out = subprocess.run(
            [sys.executable, "-m", "bench.http_load", file.name],
            check=True,
            capture_output=True,
            text=True,
            cwd=Path(__file__).parents[1],
        ).stdout
    finally:
        os.unlink(file.name)
    result = json.loads(out)
    return Latency(tuple(result["samples"]), result["seconds"])


def _run(port: int, secret: str, bodies: list[str], concurrency: int, expect: str) -> tuple[list[float], float]:
    """Closed loop from `concurrency` threads; raises when any request failed (a dead thread would hide it)."""
    signer = SignatureVerifier(secret)
    samples: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    queue = iter(bodies)

    def worker() -> None:
        while True:
            with lock:
                body = next(queue, None)
            if body is None:
                break
            # a connection per request, as Slack's deliveries are: gunicorn then balances its workers per
            # request (kept-alive connections would pin each client thread to one worker process)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            ts = str(int(time.time()))
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": signer.generate_signature(timestamp=ts, body=body) or "",
            }
            started = time.perf_counter()
            connection.request("POST", "/slack/events", body=body.encode(), headers=headers)
            answer = connection.getresponse()
            content = answer.read()
            elapsed = (time.perf_counter() - started) * 1000
            connection.close()
            with lock:
                if answer.status != 200 or expect.encode() not in content:
                    failures.append(f"HTTP {answer.status}: {content[:200]!r}")
                samples.append(elapsed)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{len(failures)} of {len(bodies)} requests failed on port {port}, first: {failures[0]}")
    return samples, time.perf_counter() - began


if __name__ == "__main__":
    plan = json.loads(Path(sys.argv[1]).read_text())
    got, seconds = _run(plan["port"], plan["secret"], plan["bodies"], plan["concurrency"], plan["expect"])
    print(json.dumps({"samples": got, "seconds": seconds}))
