"""The Public Beta checklist: 9 sections, items owned by the partner or Segment, facts tick themselves."""

from __future__ import annotations

from slackbot.domain.checklist import (
    BY_KEY,
    ITEMS,
    SECTIONS,
    Fact,
    Owner,
    changes,
    editable,
    owner_of,
    progress,
    states,
)


def test_the_checklist_has_the_nine_sections_of_the_seed_each_with_items() -> None:
    assert len(SECTIONS) == 9
    assert SECTIONS[0] == "Partner access" and SECTIONS[-1] == "Segment public beta approval"
    assert {item.section for item in ITEMS} == set(range(1, 10))


def test_item_labels_fit_a_slack_checkbox_option_and_keys_are_unique() -> None:
    assert all(len(item.label) <= 75 for item in ITEMS)
    assert len(BY_KEY) == len(ITEMS)


def test_segment_owns_its_approval_sections_and_the_partner_the_rest() -> None:
    owners = {item.section: item.owner for item in ITEMS}

    assert owners[2] is owners[9] is owners[3] is Owner.SEGMENT
    assert all(owners[n] is Owner.PARTNER for n in (1, 4, 5, 6, 7, 8))


def test_facts_tick_items_by_themselves() -> None:
    done = {s.item.key for s in states({}, [Fact.SURVEY, Fact.METADATA]) if s.done}

    assert done == {"account", "survey", "agreement", "catalog_metadata"}


def test_a_tick_counts_only_for_manual_items() -> None:
    result = {s.item.key: s for s in states({"docs": "U0RILEY001", "catalog_metadata": "U0RILEY001"}, [])}

    assert result["docs"].done and result["docs"].by == "U0RILEY001"
    assert not result["catalog_metadata"].done  # only the metadata checker ticks it


def test_progress_counts_done_items() -> None:
    assert str(progress(states({"docs": "U1"}, [Fact.SURVEY]))) == f"4/{len(ITEMS)}"


def test_partners_edit_their_manual_items_and_staff_edit_segments() -> None:
    current = {s.item.key: s for s in states({}, [])}

    assert editable(current["docs"], Owner.PARTNER) and not editable(current["docs"], Owner.SEGMENT)
    assert editable(current["segment_docs_review"], Owner.SEGMENT)
    assert not editable(current["segment_docs_review"], Owner.PARTNER)
    assert not editable(current["submitted"], Owner.PARTNER)
    assert owner_of(is_staff=True) is Owner.SEGMENT and owner_of(is_staff=False) is Owner.PARTNER


def test_submitting_the_boxes_ticks_new_ones_unticks_cleared_ones_and_ignores_others() -> None:
    current = states({"docs": "U1", "components": "U1", "segment_docs_review": "U0STAFF001"}, [])

    add, remove = changes(current, Owner.PARTNER, ["docs", "sdk_test", "segment_test_suite", "catalog_metadata"])

    assert add == {"sdk_test"}
    assert remove == {"components"}  # Segment's ticks and facts are never touched by a partner


def test_automatic_items_cannot_be_unticked() -> None:
    current = states({}, [Fact.SURVEY])

    assert changes(current, Owner.PARTNER, []) == (set(), set())
