"""Requirement and contact questions rank right: "do I need X?" favours the entry saying whether X is required,
"who do I email?" the support contacts; without those cues the how-to and topic entries keep their rank."""

from __future__ import annotations

from datetime import date

import pytest

from slackbot.kb.loader import load_entries
from slackbot.kb.model import KbEntry, Source
from slackbot.kb.search import CONTACT_TAG, REQUIREMENT_TAG, KbIndex, query_cues


@pytest.fixture(scope="module")
def index() -> KbIndex:
    return KbIndex(load_entries())


def top_id(index: KbIndex, query: str) -> str | None:
    hit = index.best(query)
    return hit.entry.id if hit else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("do I need OAuth?", "enable-with-segment-requirement"),
        ("Do we need to build Enable with Segment?", "enable-with-segment-requirement"),
        ("is oauth mandatory?", "enable-with-segment-requirement"),
        ("is enable with segment required for GA", "enable-with-segment-requirement"),
        ("do we really need a test account for you", "test-account"),
        ("must a customer verify the destination before it goes public?", "customer-verification"),
        ("do i need a segment dev environment", "build-language-and-environment"),
    ],
)
def test_requirement_questions_get_the_requirement_entry(index: KbIndex, query: str, expected: str) -> None:
    assert top_id(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("how do I set up OAuth for my destination?", "oauth-managed-destination"),
        ("what is enable with segment", "enable-with-segment"),
        ("what details do you need for our catalog listing", "catalog-metadata"),  # "need", but no yes/no question
    ],
)
def test_how_to_questions_keep_the_how_to_entry(index: KbIndex, query: str, expected: str) -> None:
    assert top_id(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("who do I email?", "support-contacts"),
        ("Who do I e-mail about my integration?", "support-contacts"),
        ("who should i contact about our integration", "support-contacts"),
        ("how do I get in touch with someone at Segment?", "support-contacts"),
        ("who do we tell about a possible data breach", "security-guidance"),
    ],
)
def test_contact_questions_get_the_contact_entries(index: KbIndex, query: str, expected: str) -> None:
    assert top_id(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("which updates come by email and which in slack", "communication-channels"),
        ("is the support email we give you shown to users", "support-email"),
    ],
)
def test_email_topics_without_a_contact_question_keep_their_entry(index: KbIndex, query: str, expected: str) -> None:
    assert top_id(index, query) == expected


@pytest.mark.parametrize(
    ("query", "cues"),
    [
        ("do I need OAuth?", {REQUIREMENT_TAG}),
        ("Is a test account mandatory", {REQUIREMENT_TAG}),
        ("can we skip the oauth step", {REQUIREMENT_TAG}),
        ("do we have to write docs", {REQUIREMENT_TAG}),
        ("what do I need to install", set()),
        ("who do I email?", {CONTACT_TAG}),
        ("how do I contact support", {CONTACT_TAG}),
        ("i want to talk to a person", {CONTACT_TAG}),
        ("which notifications come by email", set()),
        ("who reviews my pr", set()),
        ("who do I need to contact, is it required?", {REQUIREMENT_TAG, CONTACT_TAG}),
    ],
)
def test_query_cues(query: str, cues: set[str]) -> None:
    assert query_cues(query) == cues


def acme(entry_id: str, title: str, *tags: str) -> KbEntry:
    return KbEntry(
        entry_id,
        title,
        (title,),
        "See the partner docs.",
        (Source("Segment docs: Developer Center Overview", "test", "https://segment.com/docs/partners/"),),
        date(2026, 12, 1),
        tags,
    )


def test_the_cue_only_reorders_entries_that_already_match() -> None:
    index = KbIndex(
        [
            acme("acme-a-howto", "acme webhooks"),
            acme("acme-b-rule", "acme webhooks", REQUIREMENT_TAG),
            acme("acme-c-rule", "billing plans", REQUIREMENT_TAG),
        ]
    )
    plain = [hit.entry.id for hit in index.search("acme webhooks")]
    cued = [hit.entry.id for hit in index.search("do I need acme webhooks")]
    assert plain == ["acme-a-howto", "acme-b-rule"]  # a tie, ordered by id
    assert cued == ["acme-b-rule", "acme-a-howto"]


@pytest.mark.parametrize(
    ("plain", "cued"),
    [
        ("a visa for paris", "do I need a visa for paris?"),
        ("a helmet on a bike", "is a helmet mandatory on a bike?"),
        ("my car insurance", "who do I email about my car insurance?"),
    ],
)
def test_cues_do_not_make_off_topic_questions_answerable(index: KbIndex, plain: str, cued: str) -> None:
    assert index.best(plain) is None
    assert index.best(cued) is None


def test_a_message_with_context_sentences_is_ranked_on_its_question() -> None:
    index = KbIndex(load_entries())
    message = (
        "We finished the code and the unit tests pass. Next week we open the pull request. "
        "How do I start the local server and which port does it use?"
    )
    assert top_id(index, message) == "local-serve"
