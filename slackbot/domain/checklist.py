"""The Public Beta checklist: 9 sections of items, ticked by the partner or by Segment (stdlib only).

Some items tick themselves from what the bot already knows (the survey, access approval, the submission,
complete catalog metadata, the test account, public beta approval); the rest are ticked by their owner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Owner(StrEnum):
    """Who ticks an item."""

    PARTNER = "partner"
    SEGMENT = "segment"


class Fact(StrEnum):
    """Things the bot knows that tick items by themselves."""

    SURVEY = "survey"  # the access survey (with the agreement) was submitted
    ACCESS_APPROVED = "access_approved"
    CHANNEL = "channel"  # the partner has a shared channel with the bot in it
    SUBMITTED = "submitted"
    METADATA = "metadata"  # the catalog metadata checker finds nothing missing or wrong
    TEST_ACCOUNT = "test_account"
    PUBLIC_BETA = "public_beta"  # approved for public beta (or beyond)


@dataclass(frozen=True)
class Item:
    """One checklist line; `fact` ticks it automatically, `manual` lets its owner tick it too."""

    key: str
    section: int
    label: str  # ≤ 75 characters: Slack's limit for a checkbox option
    owner: Owner
    fact: Fact | None = None
    manual: bool = True


SECTIONS: tuple[str, ...] = (
    "Partner access",
    "Segment access approval",
    "Segment → partner communications",
    "Partner build",
    "Partner test",
    "Partner docs",
    "Partner metadata",
    "Partner submission",
    "Segment public beta approval",
)
P, S = Owner.PARTNER, Owner.SEGMENT
ITEMS: tuple[Item, ...] = (
    Item("account", 1, "Create a Segment account and request Developer Center access", P, Fact.SURVEY),
    Item("survey", 1, "Complete the partner survey", P, Fact.SURVEY),
    Item("agreement", 1, "Agree to the Partner Program Agreement and Privacy Policy", P, Fact.SURVEY),
    Item(
        "access_approved",
        2,
        "Segment approves access (legitimate company, aligned use cases)",
        S,
        Fact.ACCESS_APPROVED,
        manual=False,
    ),
    Item("shared_channel", 3, "Shared Slack channel: welcome and build Q&A", S, Fact.CHANNEL),
    Item("app_created", 4, "Create the destination for your company in action-destinations", P),
    Item("components", 4, "Build one or more components (actions, settings, mappings)", P),
    Item("test_suite", 4, "Unit tests pass; the test suite is all green or yellow", P),
    Item("oauth", 4, "One-click setup: Enable with Segment / OAuth", P),
    Item("workspace_test", 5, "Test in a workspace: Event Tester event arrives in your tool", P),
    Item("sdk_test", 5, "Test with a Segment SDK and a write key: real events arrive", P),
    Item("docs", 6, "Docs: on your site, on segment.com/docs, for the catalog", P),
    Item("launch_content", 6, "Launch content: a blog post or an email announcement", P),
    Item(
        "catalog_metadata",
        7,
        "Catalog metadata: description, website, categories, logos",
        P,
        Fact.METADATA,
        manual=False,
    ),
    Item("docs_links", 7, "Docs links: your docs, Segment's docs, the public catalog", P),
    Item(
        "test_account", 7, "Test account provisioned and its login given to Segment", P, Fact.TEST_ACCOUNT, manual=False
    ),
    Item("submitted", 8, "Submit for review", P, Fact.SUBMITTED, manual=False),
    Item("segment_test_suite", 9, "Segment verifies data delivery with the test suite and test account", S),
    Item("segment_docs_review", 9, "Segment reviews the documentation", S),
    Item("segment_catalog_review", 9, "Segment checks the catalog entry: categories, logos, description", S),
    Item("public_beta_approved", 9, "Public beta approved", S, Fact.PUBLIC_BETA, manual=False),
)
BY_KEY = {item.key: item for item in ITEMS}


@dataclass(frozen=True)
class ItemState:
    """An item and whether it is done (and how)."""

    item: Item
    done: bool
    automatic: bool  # done because of a fact, not a tick
    by: str | None = None  # who ticked it


@dataclass(frozen=True)
class Progress:
    """How far the checklist is."""

    done: int
    total: int

    def __str__(self) -> str:
        return f"{self.done}/{self.total}"


def owner_of(is_staff: bool) -> Owner:
    """Which items a person ticks: staff tick Segment's, partners their own."""
    return Owner.SEGMENT if is_staff else Owner.PARTNER


def states(ticks: dict[str, str], facts: Iterable[Fact]) -> tuple[ItemState, ...]:
    """Every item in order, done by fact or by a tick (`ticks`: item key → who ticked it)."""
    known = set(facts)
    return tuple(
        ItemState(
            item,
            item.fact in known or (item.manual and item.key in ticks),
            item.fact in known,
            None if item.fact in known else ticks.get(item.key),
        )
        for item in ITEMS
    )


def progress(items: Iterable[ItemState]) -> Progress:
    """Done / total."""
    listed = list(items)
    return Progress(sum(s.done for s in listed), len(listed))


def editable(state: ItemState, owner: Owner) -> bool:
    """Whether `owner` can tick or untick this item now (facts cannot be unticked)."""
    return state.item.owner is owner and state.item.manual and not state.automatic


def changes(current: tuple[ItemState, ...], owner: Owner, ticked: Iterable[str]) -> tuple[set[str], set[str]]:
    """(to tick, to untick) when `owner` submits the boxes `ticked`; other people's items never change."""
    wanted = set(ticked)
    mine = [s for s in current if editable(s, owner)]
    add = {s.item.key for s in mine if s.item.key in wanted and not s.done}
    remove = {s.item.key for s in mine if s.item.key not in wanted and s.done}
    return add, remove
