"""Paraphrase gate: partner phrasings written apart from the entries rank the right entry first (>= 95 %),
off-topic ones get no answer, and none of them is a copy of an entry's own question variant (nearly the same text,
or the same words once stop words, stems and aliases are applied, which is all the ranking reads)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from slackbot.kb.loader import load_entries
from slackbot.kb.search import KbIndex
from slackbot.kb.text import tokenize

EVAL_FILE = Path(__file__).resolve().parents[1] / "kb_eval" / "paraphrases.yaml"
MIN_TOP1_ACCURACY = 0.95
MIN_ANSWERABLE = 150
MIN_OFF_TOPIC = 10
NEAR_DUPLICATE_RATIO = 0.85  # difflib ratio of the normalised texts


@pytest.fixture(scope="module")
def index() -> KbIndex:
    return KbIndex(load_entries())


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))["questions"]


def normalised(text: str) -> str:
    """Lowercase words only: "What's the deploy day?" and "whats the deploy day" are the same text."""
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold().replace("'", "").replace("\u2019", "")))


def describe(index: KbIndex, question: str) -> str:
    hits = index.search(question, limit=3)
    ranked = ", ".join(f"{hit.entry.id} ({hit.score:.2f})" for hit in hits) or "no hits"
    return f"{question!r} -> {ranked}"


def test_the_set_is_big_enough_and_points_at_real_entries(index: KbIndex, cases: list[dict[str, Any]]) -> None:
    ids = {entry.id for entry in index.entries}
    answerable = [case for case in cases if case["expected"] is not None]
    assert len(answerable) >= MIN_ANSWERABLE
    assert len(cases) - len(answerable) >= MIN_OFF_TOPIC
    assert sorted({case["expected"] for case in answerable} - ids) == []
    assert len({normalised(case["question"]) for case in cases}) == len(cases), "duplicate paraphrases"


def test_no_paraphrase_copies_an_entry_question_variant(index: KbIndex, cases: list[dict[str, Any]]) -> None:
    variants = [
        (entry.id, question, normalised(question), sorted(tokenize(question)))
        for entry in index.entries
        for question in entry.questions
    ]
    copies = []
    for case in cases:
        text, terms = normalised(case["question"]), sorted(tokenize(case["question"]))
        for entry_id, question, variant, variant_terms in variants:
            ratio = difflib.SequenceMatcher(None, text, variant).ratio()
            if text == variant or ratio >= NEAR_DUPLICATE_RATIO or terms == variant_terms:
                copies.append(f"{case['question']!r} ~ {entry_id}: {question!r} ({ratio:.2f})")
    assert copies == [], "paraphrases that (nearly) equal an entry's own question:\n" + "\n".join(copies)


def test_the_copy_check_catches_a_reworded_copy_of_a_variant() -> None:
    variant = "What checkboxes are in the PR template?"
    reworded = "what are the checkboxes in the pull request template"
    assert difflib.SequenceMatcher(None, normalised(reworded), normalised(variant)).ratio() < NEAR_DUPLICATE_RATIO
    assert sorted(tokenize(reworded)) == sorted(tokenize(variant))  # caught: the ranking reads the same words


def test_top_answer_is_right_for_at_least_95_percent_of_paraphrases(
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


def test_off_topic_paraphrases_get_no_answer(index: KbIndex, cases: list[dict[str, Any]]) -> None:
    answered = [
        describe(index, case["question"])
        for case in cases
        if case["expected"] is None and index.best(case["question"]) is not None
    ]
    assert answered == [], "off-topic questions that got an answer:\n" + "\n".join(answered)
