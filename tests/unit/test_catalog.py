"""Catalog metadata rules: each rule of the checker, and what the modal may and may not store."""

from __future__ import annotations

from dataclasses import replace

import pytest

from slackbot.domain.metadata import (
    CATEGORIES,
    CatalogMetadata,
    Field,
    check,
    from_form,
    svg_problem,
    svg_root,
    view_box,
    wrong,
)

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 64"><text x="0" y="40">Rocket Metrics</text></svg>'
MARK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30"/></svg>'
COMPLETE = CatalogMetadata(
    name="Rocket Metrics",
    pr_url="https://github.com/segmentio/action-destinations/pull/2718",
    description="Rocket Metrics turns Segment events into launch dashboards.",
    website="https://rocket.example.com",
    categories=("Analytics", "Attribution"),
    logo_svg=LOGO,
    mark_svg=MARK,
    support_email="help@rocket.example.com",
    test_username="segment-tester",
    test_password="s3cret-Launch!",
    test_notes="Use the EU region.",
)


def _fields(metadata: CatalogMetadata) -> list[Field]:
    return [p.field for p in check(metadata)]


def test_complete_metadata_has_no_problems() -> None:
    assert check(COMPLETE) == ()


def test_there_are_exactly_the_22_categories_of_the_seed() -> None:
    assert len(CATEGORIES) == 22 == len(set(CATEGORIES))
    assert CATEGORIES[0] == "A/B Testing" and "Heatmaps & Recordings" in CATEGORIES and CATEGORIES[-1] == "Video"


def test_empty_metadata_lists_every_required_field_as_missing() -> None:
    problems = check(CatalogMetadata())

    assert all(p.missing for p in problems)
    assert [p.field for p in problems] == [
        Field.NAME,
        Field.PR_URL,
        Field.DESCRIPTION,
        Field.WEBSITE,
        Field.PRIMARY,
        Field.LOGO,
        Field.MARK,
        Field.SUPPORT_EMAIL,
        Field.TEST_USERNAME,
        Field.TEST_PASSWORD,
    ]


def test_a_500_character_description_is_fine_and_501_is_too_long() -> None:
    assert check(replace(COMPLETE, description="x" * 500)) == ()
    problems = check(replace(COMPLETE, description="x" * 501))

    assert [(p.field, p.missing) for p in problems] == [(Field.DESCRIPTION, False)]
    assert "501 characters" in problems[0].message and "500" in problems[0].message


def test_a_logo_that_is_not_svg_is_wrong() -> None:
    problems = check(replace(COMPLETE, logo_svg="\x89PNG\r\n\x1a\n binary logo"))

    assert [(p.field, p.missing) for p in problems] == [(Field.LOGO, False)]
    assert "not an SVG" in problems[0].message


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body>Rocket</body></html>",  # XML, but not SVG
        "<svg xmlns='http://www.w3.org/2000/svg'><unclosed></svg>",  # broken XML
        "rocket-mark.svg",  # a file name instead of the file
    ],
)
def test_a_mark_that_is_not_svg_is_wrong(markup: str) -> None:
    assert (
        svg_problem(markup, "mark", square=True)
        == "The mark is not an SVG file: paste the SVG markup (it starts with <svg …>) or upload a .svg file."
    )


def test_a_mark_that_is_not_square_is_wrong() -> None:
    problems = check(replace(COMPLETE, mark_svg=LOGO))

    assert [p.field for p in problems] == [Field.MARK]
    assert problems[0].message == "The mark must be square; its viewBox is 240×64."


def test_a_mark_without_a_viewbox_cannot_be_checked_for_squareness() -> None:
    problem = svg_problem('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"/>', "mark", square=True)

    assert problem is not None and "viewBox" in problem


def test_view_boxes_accept_commas_and_decimals() -> None:
    root = svg_root('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,48.5,48.5"/>')

    assert root is not None and view_box(root) == (48.5, 48.5)


def test_the_logo_may_be_wide_but_not_scripted() -> None:
    assert svg_problem(LOGO, "logo", square=False) is None
    scripted = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert "scripts" in (svg_problem(scripted, "logo", square=False) or "")
    handler = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    assert "scripts" in (svg_problem(handler, "logo", square=False) or "")


def test_entity_declarations_are_refused_before_parsing() -> None:
    laughs = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "ha">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'

    assert "not an SVG" in (svg_problem(laughs, "logo", square=False) or "")


def test_an_unknown_category_is_wrong() -> None:
    problems = check(replace(COMPLETE, categories=("Rocketry",)))

    assert [(p.field, p.missing) for p in problems] == [(Field.PRIMARY, False)]
    assert "not one of the 22 catalog categories" in problems[0].message


def test_three_categories_are_too_many() -> None:
    problems = check(replace(COMPLETE, categories=("Analytics", "CRM", "Surveys")))

    assert [p.field for p in problems] == [Field.CATEGORIES]
    assert "at most two" in problems[0].message and "3 were given" in problems[0].message


def test_the_secondary_category_must_differ_from_the_primary() -> None:
    assert _fields(replace(COMPLETE, categories=("Analytics", "Analytics"))) == [Field.SECONDARY]


def test_no_category_means_a_missing_primary() -> None:
    problems = check(replace(COMPLETE, categories=()))

    assert [(p.field, p.missing) for p in problems] == [(Field.PRIMARY, True)]


@pytest.mark.parametrize("email", ["help", "help@", "help@rocket", "two@@rocket.example.com", "a b@rocket.io"])
def test_a_malformed_support_email_is_wrong(email: str) -> None:
    assert _fields(replace(COMPLETE, support_email=email)) == [Field.SUPPORT_EMAIL]


@pytest.mark.parametrize("website", ["ftp://rocket.example.com", "https://localhost", "rocket example"])
def test_the_website_must_be_a_public_web_address(website: str) -> None:
    assert _fields(replace(COMPLETE, website=website)) == [Field.WEBSITE]


def test_the_form_stores_the_website_and_pull_request_in_their_normal_form() -> None:
    form = {"name": "Rocket Metrics", "website": "Rocket.Example.com/", "pr_url": f"{COMPLETE.pr_url}/files#diff-1"}

    merged = from_form(form, COMPLETE)

    assert (merged.website, merged.pr_url) == ("https://rocket.example.com", COMPLETE.pr_url)


def test_the_form_keeps_a_wrong_url_as_typed_so_the_checker_can_say_why() -> None:
    merged = from_form({"website": "ftp://rocket.example.com", "pr_url": "https://gitlab.com/x/y/pull/1"}, COMPLETE)

    assert merged.website == "ftp://rocket.example.com" and "ftp://" in wrong(merged)["website"]
    assert "not a GitHub link" in wrong(merged)["pr_url"]


def test_the_pull_request_must_be_on_action_destinations() -> None:
    assert _fields(replace(COMPLETE, pr_url="https://github.com/rocket/rocket/pull/1")) == [Field.PR_URL]


def test_a_test_account_needs_both_username_and_password() -> None:
    assert _fields(replace(COMPLETE, test_password="")) == [Field.TEST_PASSWORD]
    assert replace(COMPLETE, test_notes="").has_test_account


def test_wrong_lists_only_given_but_wrong_values_keyed_by_modal_block() -> None:
    metadata = replace(
        CatalogMetadata(), description="x" * 501, categories=("Analytics", "CRM", "Surveys"), mark_svg=LOGO
    )

    assert set(wrong(metadata)) == {"description", "secondary_category", "mark_svg"}


def test_blank_svg_and_secret_fields_keep_what_is_on_file() -> None:
    form = {
        "name": "Rocket Metrics",
        "pr_url": COMPLETE.pr_url,
        "description": "New words",
        "website": COMPLETE.website,
        "primary_category": "Analytics",
        "secondary_category": "none",
        "logo_svg": "",
        "mark_svg": None,
        "support_email": "",
        "test_username": "",
        "test_password": "  ",
        "test_notes": "",
    }

    merged = from_form(form, COMPLETE)

    assert merged.description == "New words" and merged.categories == ("Analytics",)
    assert (merged.logo_svg, merged.mark_svg, merged.test_password) == (LOGO, MARK, COMPLETE.test_password)


def test_secrets_never_appear_in_the_repr() -> None:
    text = repr(COMPLETE)

    assert "s3cret-Launch!" not in text and "help@rocket.example.com" not in text and "segment-tester" not in text
    assert "Rocket Metrics" in text
