"""Every statement of the two program documents is answerable: tests/kb_eval/coverage.yaml maps each one to a
partner question and the entry that answers it, and that entry ranks first for the question (a question of its own,
not a copy of one of the entry's question variants)."""

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

COVERAGE_FILE = Path(__file__).resolve().parents[1] / "kb_eval" / "coverage.yaml"
# The public pages of the program documents and their sections, in document order (the files themselves
# are not part of the repository).
DOCUMENTS = {
    "Developer Center Overview": (
        "https://segment.com/docs/partners/",
        (
            "introduction",
            "Become a Segment Partner",
            "Plan your integration",
            "Build your integration",
            "Submit a pull request",
            "Provide integration metadata for the catalog",
            "Release to Private Beta for customer testing",
            "Release to Public in the Segment catalog",
        ),
    ),
    "Public Beta Checklist": (
        "https://segment.com/docs/partners/checklist/",
        (
            "introduction",
            "1. Partner Access",
            "2. Segment Access Approval",
            "3. Segment → Partner Communications",
            "4. Partner Build",
            "5. Partner Test",
            "6. Partner Docs",
            "7. Partner Metadata",
            "8. Partner Submission",
            "9. Segment Public Beta Approval",
        ),
    ),
}
MAX_QUOTE_CHARS = 200
NEAR_DUPLICATE_RATIO = 0.85  # difflib ratio of the lowercased words, as in the paraphrase gate


@pytest.fixture(scope="module")
def index() -> KbIndex:
    return KbIndex(load_entries())


@pytest.fixture(scope="module")
def coverage() -> dict[str, Any]:
    return yaml.safe_load(COVERAGE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def statements(coverage: dict[str, Any]) -> list[dict[str, str]]:
    return coverage["statements"]


def test_the_documents_are_the_public_pages(coverage: dict[str, Any]) -> None:
    assert {doc["title"]: doc["url"] for doc in coverage["documents"]} == {
        title: url for title, (url, _) in DOCUMENTS.items()
    }


def test_every_section_of_both_documents_has_statements_in_document_order(statements: list[dict[str, str]]) -> None:
    for title, (_, sections) in DOCUMENTS.items():
        seen = [s["section"] for s in statements if s["document"] == title]
        assert list(dict.fromkeys(seen)) == list(sections), title


def test_each_statement_is_quoted_briefly_with_a_question_and_an_entry(statements: list[dict[str, str]]) -> None:
    for statement in statements:
        assert set(statement) == {"document", "section", "statement", "question", "entry"}, statement
        assert 0 < len(statement["statement"].strip()) <= MAX_QUOTE_CHARS, statement["statement"]
        assert statement["question"].strip() and statement["entry"].strip(), statement
    assert len({s["question"].casefold() for s in statements}) == len(statements), "a question is used twice"


def test_every_mapped_entry_exists(index: KbIndex, statements: list[dict[str, str]]) -> None:
    ids = {entry.id for entry in index.entries}
    assert sorted({s["entry"] for s in statements} - ids) == []


def test_every_statement_question_ranks_its_entry_first(index: KbIndex, statements: list[dict[str, str]]) -> None:
    wrong = []
    for statement in statements:
        best = index.best(statement["question"])
        if best is None or best.entry.id != statement["entry"]:
            hits = ", ".join(f"{h.entry.id} ({h.score:.2f})" for h in index.search(statement["question"]))
            wrong.append(
                f"{statement['document']} / {statement['section']}: {statement['question']!r} "
                f"expected {statement['entry']}, got {hits or 'nothing'}"
            )
    assert wrong == [], "statements whose question does not rank its entry first:\n" + "\n".join(wrong)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold().replace("'", "").replace("\u2019", "")))


def test_no_statement_question_copies_an_entry_question_variant(
    index: KbIndex, statements: list[dict[str, str]]
) -> None:
    variants = [(e.id, q, _words(q), sorted(tokenize(q))) for e in index.entries for q in e.questions]
    copies = []
    for statement in statements:
        text, terms = _words(statement["question"]), sorted(tokenize(statement["question"]))
        for entry_id, question, words, variant_terms in variants:
            ratio = difflib.SequenceMatcher(None, text, words).ratio()
            if ratio >= NEAR_DUPLICATE_RATIO or terms == variant_terms:
                copies.append(f"{statement['question']!r} ~ {entry_id}: {question!r} ({ratio:.2f})")
    assert copies == [], "statement questions that (nearly) equal an entry's own question:\n" + "\n".join(copies)


def test_entries_answering_the_program_documents_cite_them_publicly(
    index: KbIndex, statements: list[dict[str, str]]
) -> None:
    by_id = {entry.id: entry for entry in index.entries}
    public = {url for url, _ in DOCUMENTS.values()} | {
        "https://segment.com/docs/partners/destinations/",
        "https://github.com/segmentio/action-destinations/blob/main/CONTRIBUTING.md",
    }
    uncited = sorted(
        {s["entry"] for s in statements if not any(source.url in public for source in by_id[s["entry"]].sources)}
    )
    assert uncited == []
