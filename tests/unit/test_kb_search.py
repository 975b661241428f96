"""Ranking is robust to casing, punctuation and typos; deterministic; thresholded; limited."""

from __future__ import annotations

from datetime import date

import pytest

from slackbot.kb.loader import load_entries
from slackbot.kb.model import KbEntry, Source
from slackbot.kb.search import NO_ANSWER_THRESHOLD, Hit, KbIndex, stem, tokenize


@pytest.fixture(scope="module")
def index() -> KbIndex:
    return KbIndex(load_entries())


def acme_entry(entry_id: str, *questions: str, answer: str = "Ask acme-analytics support.") -> KbEntry:
    """A tiny entry for the fictional acme-analytics partner."""
    return KbEntry(
        id=entry_id,
        title=questions[0],
        questions=questions,
        answer=answer,
        sources=(Source("Segment docs: Developer Center Overview", "test", "https://segment.com/docs/partners/"),),
        as_of=date(2026, 11, 26),
        tags=("acme",),
    )


def top_id(index: KbIndex, query: str) -> str | None:
    hit = index.best(query)
    return hit.entry.id if hit else None


def test_casing_and_punctuation_do_not_change_the_ranking(index: KbIndex) -> None:
    plain = index.search("when is the next deploy")
    for variant in ("WHEN IS THE NEXT DEPLOY???", "When, is the next... deploy!", "  when is the next deploy  "):
        assert index.search(variant) == plain
    assert plain[0].entry.id == "deploy-schedule"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("how do i scafold a new destinaton", "build-init-scaffold"),
        ("list of catagories for the catalog", "catalog-categories"),
        ("when is the next deplyo", "deploy-schedule"),
        ("is there a stagign environment", "no-staging-environment"),
        ("wher do I get the writ key", "workspace-write-key"),
    ],
)
def test_single_typos_still_find_the_entry(index: KbIndex, query: str, expected: str) -> None:
    assert top_id(index, query) == expected


def test_typo_scores_a_little_below_the_correct_spelling(index: KbIndex) -> None:
    exact = index.search("catalog categories")[0]
    typo = index.search("catalog catagories")[0]
    assert exact.entry.id == typo.entry.id
    assert typo.score < exact.score


def test_informal_abbreviations_match_their_long_form(index: KbIndex) -> None:
    assert top_id(index, "how long does a PR review take") == "review-turnaround"
    assert tokenize("PR repo docs") == tokenize("pull request repository documentation")


def test_stemming_folds_plurals_and_verb_endings() -> None:
    assert stem("categories") == stem("category")
    assert stem("deploys") == stem("deploying") == stem("deployed") == stem("deploy")
    assert stem("testing") == stem("tests") == stem("test")
    assert stem("string") == "string"


def test_stop_words_and_punctuation_are_dropped() -> None:
    assert tokenize("hey, quick q: what's the write-key?!") == ["writ", "key"]


def test_same_query_gives_identical_hits_across_index_builds() -> None:
    entries = load_entries()
    first = KbIndex(entries).search("how many customers do we need for GA", limit=5)
    second = KbIndex(list(entries)).search("how many customers do we need for GA", limit=5)
    assert first == second
    assert [hit.entry.id for hit in first] == [hit.entry.id for hit in second]


def test_equal_scores_are_ordered_by_entry_id() -> None:
    twin_b = acme_entry("acme-b", "How do I rotate acme keys?")
    twin_a = acme_entry("acme-a", "How do I rotate acme keys?")
    hits = KbIndex([twin_b, twin_a]).search("rotate acme keys")
    assert [hit.entry.id for hit in hits] == ["acme-a", "acme-b"]
    assert hits[0].score == hits[1].score


def test_scores_are_normalised_and_sorted_best_first(index: KbIndex) -> None:
    hits = index.search("what format should the logo and mark be, svg?", limit=10)
    scores = [hit.score for hit in hits]
    assert all(0.0 < score <= 1.0 for score in scores)
    assert scores == sorted(scores, reverse=True)
    assert hits[0].entry.id == "logo-and-mark"


def test_limit_caps_the_number_of_hits(index: KbIndex) -> None:
    assert len(index.search("destination", limit=2)) == 2
    assert len(index.search("destination")) == 3
    assert index.search("destination", limit=0) == []


@pytest.mark.parametrize("query", ["", "   ", "???", "hey hi thanks", "the and of"])
def test_queries_without_content_words_find_nothing(index: KbIndex, query: str) -> None:
    assert index.search(query) == []
    assert index.best(query) is None


@pytest.mark.parametrize(
    "query",
    ["what's the weather in paris", "can you book me a flight", "who won the world cup in 2018", "tell me a joke"],
)
def test_off_topic_questions_get_no_answer(index: KbIndex, query: str) -> None:
    assert index.best(query) is None


def test_best_returns_the_top_hit_when_it_clears_the_threshold(index: KbIndex) -> None:
    best = index.best("where do I find the Event Tester")
    assert isinstance(best, Hit)
    assert best == index.search("where do I find the Event Tester", limit=1)[0]
    assert best.score >= NO_ANSWER_THRESHOLD
    assert 0.0 < NO_ANSWER_THRESHOLD < 1.0


def test_a_long_rambling_message_still_finds_its_topic(index: KbIndex) -> None:
    ramble = (
        "hi everyone, hope your week is going well! our team has been heads-down on the integration and we "
        "finally finished, my manager keeps asking me on which day segment actually releases merged changes "
        "and what the cutoff on tuesday is, because we promised a customer a date"
    )
    assert top_id(index, ramble) == "deploy-schedule"


def test_index_over_no_entries_returns_nothing() -> None:
    assert KbIndex([]).search("when is the next deploy") == []
