"""Q&A search latency over a large knowledge base (the shipped entries, varied up to N)."""

from __future__ import annotations

import resource
import statistics
import time
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from slackbot.kb.loader import load_entries
from slackbot.kb.model import KbEntry
from slackbot.kb.search import KbIndex

QUESTIONS = Path(__file__).parents[1] / "tests" / "kb_eval" / "questions.yaml"
FILLER = [
    "webhook",
    "retry",
    "batch",
    "schema",
    "mapping",
    "setting",
    "token",
    "region",
    "audience",
    "trait",
    "cohort",
    "funnel",
    "sync",
    "payload",
    "field",
    "endpoint",
    "subscription",
    "preset",
    "identify",
    "track",
]


@dataclass(frozen=True)
class QaResult:
    """Per-query latency and the process's peak memory."""

    entries: int
    p50: float
    p99: float
    rss_mb: float


def _grown(count: int) -> list[KbEntry]:
    base = load_entries()
    entries = list(base)
    n = 0
    while len(entries) < count:
        entry = base[n % len(base)]
        words = " ".join(FILLER[(n + k) % len(FILLER)] for k in range(3))
        entries.append(
            replace(
                entry,
                id=f"{entry.id}-v{n}",
                title=f"{entry.title} ({words})",
                questions=tuple(f"{q} {words}" for q in entry.questions),
            )
        )
        n += 1
    return entries


def qa_latency(count: int, rounds: int = 20) -> QaResult:
    """Build the index over `count` entries and time every evaluation question `rounds` times."""
    index = KbIndex(_grown(count))
    questions = [item["question"] for item in yaml.safe_load(QUESTIONS.read_text())["questions"]]
    samples = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            index.search(question, limit=3)
            samples.append((time.perf_counter() - started) * 1000)
    return QaResult(count, statistics.median(samples), statistics.quantiles(samples, n=100)[98], peak_rss_mb())


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB.

    Not `getrusage().ru_maxrss`: Linux keeps that across fork and exec, so a child started by the benchmark's
    large parent would report the parent's peak. VmHWM belongs to the process's own address space, new at exec.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # no /proc: the best there is


def qa_in_subprocess(count: int) -> QaResult:
    """Run the Q&A benchmark in a fresh process, so its peak memory is its own."""
    import json
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "bench.qa", str(count)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[1],
    ).stdout
    return QaResult(**json.loads(out))


if __name__ == "__main__":
    import json
    import sys
    from dataclasses import asdict

    print(json.dumps(asdict(qa_latency(int(sys.argv[1])))))
