"""The knowledge base loads, checks clean, covers every DESIGN §9 topic, and its checks catch bad entries."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from slackbot.kb.loader import MAX_ANSWER_CHARS, MAX_TITLE_CHARS, KbError, check_entries, load_entries, source_problems
from slackbot.kb.model import KbEntry

TODAY = date(2026, 12, 1)

# The house plan's Q&A topics, each mapped to the tag that marks an entry as covering it.
DESIGN_TOPIC_TAGS = {
    "program access and approval": "access",
    "the 4 approval criteria": "approval-criteria",
    "communications": "communications",
    "building": "building",
    "local testing (serve, Actions Tester, no staging)": "local-testing",
    "testing in a workspace (Event Tester, write key)": "workspace-testing",
    "cloud vs device mode": "connection-modes",
    "PR and review": "review",
    "deploys": "deploys",
    "private beta URL": "private-beta",
    "customer verification": "customer-verification",
    "public beta / GA rules": "launch-rules",
    "catalog metadata": "catalog",
    "the 22 categories": "categories",
    "logos": "logos",
    "docs templates": "docs",
    "blog/launch content": "launch-content",
    "OAuth / Enable with Segment": "oauth",
    "test account": "test-account",
    "support contacts": "support",
    "data behaviour FAQs": "data",
}
SEED_CATEGORIES = (
    "A/B Testing, Advertising, Analytics, Attribution, CRM, Customer Success, Deep Linking, Email Marketing, "
    "Enrichment, Feature Flagging, Heatmaps & Recordings, Live chat, Marketing Automation, Performance Monitoring, "
    "Personalization, Raw Data, Referrals, Security & Fraud, SMS & Push Notifications, Surveys, Tag Managers, Video"
)


def acme_entry(**overrides: Any) -> dict[str, Any]:
    """A valid raw entry for the fictional acme-analytics partner, with fields overridden."""
    entry: dict[str, Any] = {
        "id": "acme-deploy-day",
        "title": "When acme-analytics ships",
        "questions": ["When does acme ship?", "What day is the acme release?", "Is acme out yet?"],
        "answer": "Wednesdays.",
        "sources": [
            {
                "document": "Segment docs: Developer Center Overview",
                "section": "Submit a pull request",
                "url": "https://segment.com/docs/partners/",
            }
        ],
        "as_of": "2026-12-01",
        "tags": ["deploys"],
    }
    entry.update(overrides)
    return entry


def write_entries(folder: Path, name: str, entries: list[dict[str, Any]]) -> Path:
    """Write raw entries as one YAML file in `folder`."""
    path = folder / name
    path.write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")
    return path


def problems_for(tmp_path: Path, **overrides: Any) -> list[str]:
    """Load a single crafted entry from disk and return what check_entries reports."""
    write_entries(tmp_path, "acme.yaml", [acme_entry(**overrides)])
    return check_entries(load_entries(tmp_path), today=TODAY)


@pytest.fixture(scope="module")
def shipped() -> list[KbEntry]:
    return load_entries()


def test_shipped_entries_load_and_check_clean(shipped: list[KbEntry]) -> None:
    assert check_entries(shipped, today=TODAY) == []


def test_knowledge_base_has_at_least_sixty_entries(shipped: list[KbEntry]) -> None:
    assert len(shipped) >= 60


def test_every_design_topic_has_at_least_one_entry(shipped: list[KbEntry]) -> None:
    tags = {tag for entry in shipped for tag in entry.tags}
    uncovered = [topic for topic, tag in DESIGN_TOPIC_TAGS.items() if tag not in tags]
    assert uncovered == []


def test_every_entry_has_three_to_six_phrasings_a_concise_answer_and_sources(shipped: list[KbEntry]) -> None:
    for entry in shipped:
        assert 3 <= len(entry.questions) <= 6, entry.id
        assert len(entry.answer) <= 2_500, entry.id
        assert entry.sources and entry.tags, entry.id


def test_deploy_schedule_entry_states_wednesday_release_and_tuesday_5pm_pacific_cutoff(
    shipped: list[KbEntry],
) -> None:
    entry = next(e for e in shipped if e.id == "deploy-schedule")
    assert "Wednesday" in entry.answer
    assert "Tuesday 5 pm Pacific" in entry.answer


def test_categories_entry_lists_the_22_seed_categories_verbatim(shipped: list[KbEntry]) -> None:
    entry = next(e for e in shipped if e.id == "catalog-categories")
    assert len(SEED_CATEGORIES.split(", ")) == 22
    assert SEED_CATEGORIES in entry.answer


def test_private_beta_url_pattern_is_given_exactly(shipped: list[KbEntry]) -> None:
    entry = next(e for e in shipped if e.id == "private-beta-url")
    assert "https://app.segment.com/goto-my-workspace/destinations/catalog/<destination-slug>" in entry.answer


def test_duplicate_ids_across_files_are_reported(tmp_path: Path) -> None:
    write_entries(tmp_path, "a.yaml", [acme_entry()])
    write_entries(tmp_path, "b.yaml", [acme_entry(title="Another acme deploy entry")])
    problems = check_entries(load_entries(tmp_path), today=TODAY)
    assert any("duplicate id 'acme-deploy-day'" in p for p in problems)


def test_entry_without_sources_is_reported(tmp_path: Path) -> None:
    assert any("no sources" in p for p in problems_for(tmp_path, sources=[]))


def test_entry_without_questions_is_reported(tmp_path: Path) -> None:
    assert any("no questions" in p for p in problems_for(tmp_path, questions=[]))


def test_blank_question_is_reported(tmp_path: Path) -> None:
    assert any("empty question" in p for p in problems_for(tmp_path, questions=["When?", "   "]))


def test_answer_too_long_for_a_slack_section_is_reported(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, answer="x" * (MAX_ANSWER_CHARS + 1))
    assert any("answer has 2901 characters" in p for p in problems)


def test_answer_at_the_limit_is_accepted(tmp_path: Path) -> None:
    assert problems_for(tmp_path, answer="x" * MAX_ANSWER_CHARS) == []


def test_title_over_150_characters_is_reported(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, title="t" * (MAX_TITLE_CHARS + 1))
    assert any("title has 151 characters" in p for p in problems)


def test_as_of_in_the_future_is_reported(tmp_path: Path) -> None:
    assert any("in the future" in p for p in problems_for(tmp_path, as_of="2026-12-02"))


def test_implausibly_old_as_of_is_reported(tmp_path: Path) -> None:
    assert any("before 2015-01-01" in p for p in problems_for(tmp_path, as_of="1999-12-31"))


def test_non_kebab_case_id_is_reported(tmp_path: Path) -> None:
    assert any("kebab-case" in p for p in problems_for(tmp_path, id="Acme_Deploy"))


def test_unparseable_as_of_raises_kb_error_naming_the_file(tmp_path: Path) -> None:
    write_entries(tmp_path, "acme.yaml", [acme_entry(as_of="next tuesday")])
    with pytest.raises(KbError, match=r"acme\.yaml.*as_of"):
        load_entries(tmp_path)


def test_malformed_yaml_raises_kb_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("- id: acme\n  questions: [unclosed\n", encoding="utf-8")
    with pytest.raises(KbError, match=r"broken\.yaml: malformed YAML"):
        load_entries(tmp_path)


def test_missing_field_raises_kb_error_naming_file_and_entry(tmp_path: Path) -> None:
    raw = acme_entry()
    del raw["answer"]
    write_entries(tmp_path, "acme.yaml", [raw])
    with pytest.raises(KbError, match=r"acme\.yaml entry #1 \(acme-deploy-day\): missing field\(s\): answer"):
        load_entries(tmp_path)


def test_top_level_mapping_instead_of_list_raises_kb_error(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(yaml.safe_dump(acme_entry()), encoding="utf-8")
    with pytest.raises(KbError, match=r"acme\.yaml: expected a list"):
        load_entries(tmp_path)


def test_kb_error_is_a_value_error() -> None:
    assert issubclass(KbError, ValueError)


def test_sources_keep_document_section_and_optional_url(tmp_path: Path) -> None:
    source = {"document": "segment-docs src/partners/faqs.md", "section": "Retries", "url": "https://segment.com/docs"}
    write_entries(tmp_path, "acme.yaml", [acme_entry(sources=[source])])
    (entry,) = load_entries(tmp_path)
    assert (entry.sources[0].document, entry.sources[0].url) == (source["document"], source["url"])
    assert entry.as_of == TODAY


def test_every_shipped_source_is_a_public_page_with_a_url(shipped: list[KbEntry]) -> None:
    offending = [f"{entry.id}: {problem}" for entry in shipped for problem in source_problems(entry)]
    assert offending == []


def test_no_shipped_answer_or_source_mentions_the_internal_seed_documents(shipped: list[KbEntry]) -> None:
    texts = [
        (entry.id, text)
        for entry in shipped
        for text in (entry.title, entry.answer, *entry.questions, *(f"{s.document} {s.section}" for s in entry.sources))
    ]
    assert [entry_id for entry_id, text in texts if re.search(r"\bseeds?\b", text, re.IGNORECASE)] == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            {
                "document": "seed: Developer Center Overview",
                "section": "Become a Segment Partner",
                "url": "https://segment.com/docs/partners/",
            },
            "names an internal seed document",
        ),
        (
            {"document": "Program SEEDS folder", "section": "notes", "url": "https://segment.com/docs/partners/"},
            "names an internal seed document",
        ),
        ({"document": "Segment docs: Public Beta Checklist", "section": "1. Partner Access"}, "has no url"),
        (
            {"document": "Segment docs: Public Beta Checklist", "section": "1. Partner Access", "url": "  "},
            "has no url",
        ),
        (
            {
                "document": "Segment docs: Public Beta Checklist",
                "section": "1. Partner Access",
                "url": "http://segment.com/docs/partners/checklist/",
            },
            "is not a public https:// link",
        ),
        (
            {"document": "local notes", "section": "draft", "url": "file:///work/shared/seeds/003.txt"},
            "is not a public https:// link",
        ),
    ],
)
def test_kb_check_refuses_a_source_partners_cannot_open(tmp_path: Path, source: dict[str, str], expected: str) -> None:
    problems = problems_for(tmp_path, sources=[source])
    assert any(expected in problem for problem in problems), problems


def test_a_public_source_passes_kb_check(tmp_path: Path) -> None:
    source = {
        "document": "segmentio/action-destinations: CONTRIBUTING.md",
        "section": "Submit a pull request",
        "url": "https://github.com/segmentio/action-destinations/blob/main/CONTRIBUTING.md",
    }
    assert problems_for(tmp_path, sources=[source]) == []


def test_the_public_source_rule_is_the_kb_check_gate_and_can_be_asked_for_explicitly(tmp_path: Path) -> None:
    write_entries(tmp_path, "acme.yaml", [acme_entry(sources=[{"document": "seed: notes", "section": "x"}])])
    entries = load_entries(tmp_path)
    assert check_entries(entries) == []  # `kb load` passes no date: imports it
    assert check_entries(entries, today=TODAY, public_sources=False) == []
    assert len(check_entries(entries, public_sources=True)) == 2  # seed document, no url
    assert len(check_entries(entries, today=TODAY)) == 2
