"""Quality gate: partner-style questions find the right entry; off-topic ones get no answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from slackbot.kb.loader import load_entries
from slackbot.kb.search import KbIndex

EVAL_FILE = Path(__file__).resolve().parents[1] / "kb_eval" / "questions.yaml"
MIN_TOP1_ACCURACY = 0.90


@pytest.fixture(scope="module")
def index() -> KbIndex:
    return KbIndex(load_entries())


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))["questions"]


def describe(index: KbIndex, question: str) -> str:
    hits = index.search(question, limit=3)
    ranked = ", ".join(f"{hit.entry.id} ({hit.score:.2f})" for hit in hits) or "no hits"
    return f"{question!r} -> {ranked}"


def test_eval_set_is_big_enough_and_points_at_real_entries(index: KbIndex, cases: list[dict[str, Any]]) -> None:
    ids = {entry.id for entry in index.entries}
    answerable = [case for case in cases if case["expected"] is not None]
    assert len(answerable) >= 70
    assert len(cases) - len(answerable) >= 8
    assert sorted({case["expected"] for case in answerable} - ids) == []


def test_top_answer_is_right_for_at_least_ninety_percent_of_partner_questions(
    index: KbIndex, cases: list[dict[str, Any]]
) -> None:
    answerable = [case for case in cases if case["expected"] is not None]
    misses = []
    for case in answerable:
        best = index.best(case["question"])
        if best is None or best.entry.id != case["expected"]:
            misses.append(f"expected {case['expected']}: {describe(index, case['question'])}")
    accuracy = 1 - len(misses) / len(answerable)
    assert accuracy >= MIN_TOP1_ACCURACY, f"top-1 accuracy {accuracy:.1%}; misses:\n" + "\n".join(misses)


def test_off_topic_questions_get_no_answer(index: KbIndex, cases: list[dict[str, Any]]) -> None:
    answered = [
        describe(index, case["question"])
        for case in cases
        if case["expected"] is None and index.best(case["question"]) is not None
    ]
    assert answered == [], "off-topic questions that got an answer:\n" + "\n".join(answered)
