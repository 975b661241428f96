"""Input rules: integration slugs, action-destinations pull request URLs, the private-beta URL."""

from __future__ import annotations

import pytest

from slackbot.domain.launch import private_beta_url
from slackbot.domain.reviews import pr_url_problem, slug_problem
from slackbot.domain.urls import normalize_pr_url

PR = "https://github.com/segmentio/action-destinations/pull"


@pytest.mark.parametrize("slug", ["acme-analytics", "acme", "a", "acme2", "42", "acme-analytics-v2", "a" * 64])
def test_lowercase_hyphenated_slugs_are_fine(slug: str) -> None:
    assert slug_problem(slug) is None


def test_an_empty_slug_is_required() -> None:
    assert slug_problem("") == "A slug is required."


def test_a_slug_longer_than_64_characters_is_refused() -> None:
    problem = slug_problem("a" * 65)
    assert problem is not None and "64" in problem


@pytest.mark.parametrize(
    "slug",
    [
        "Acme-Analytics",
        "acme_analytics",
        "acme analytics",
        "acme--analytics",
        "-acme",
        "acme-",
        "acme.io",
        "acme/analytics",
        "äcme",
        " acme",
        "acme\nglobex",
    ],
)
def test_slugs_with_capitals_underscores_spaces_or_stray_hyphens_are_refused(slug: str) -> None:
    problem = slug_problem(slug)
    assert problem is not None and "acme-analytics" in problem  # the message shows a good example


def test_a_slug_with_a_trailing_newline_is_refused() -> None:
    assert slug_problem("acme-analytics\n") is not None


@pytest.mark.parametrize(
    "url",
    [
        f"{PR}/1234",
        f"{PR}/1234/",
        f"  {PR}/1234\n",
        "https://www.github.com/segmentio/action-destinations/pull/1234",
        "http://github.com/segmentio/action-destinations/pull/1234",
        "github.com/segmentio/action-destinations/pull/1234",
        "https://GitHub.com/SegmentIO/Action-Destinations/pull/1234",
        f"{PR}/1234/files",
        f"{PR}/1234/commits",
        f"{PR}/1234/commits/0f1e2d3c",
        f"{PR}/1234/checks",
        f"{PR}/1234#issuecomment-99",
        f"{PR}/1234?diff=split",
    ],
)
def test_a_pull_request_on_action_destinations_is_accepted_and_reduced_to_its_plain_url(url: str) -> None:
    assert pr_url_problem(url) is None
    assert normalize_pr_url(url) == f"{PR}/1234"


def test_the_first_pull_request_is_a_pull_request_too() -> None:
    assert normalize_pr_url(f"{PR}/1/files") == f"{PR}/1"


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/segmentio/action-destinations/issues/1234",
        "https://github.com/segmentio/action-destinations",
        f"{PR}/",
        f"{PR}/0",
        f"{PR}/01234",
        f"{PR}/abc",
        "https://github.com/segmentio/analytics-next/pull/1234",
        "https://github.com/acme-analytics/action-destinations/pull/1234",
        "https://github.com/segmentio/action-destinations-fork/pull/1234",
        "https://gitlab.com/segmentio/action-destinations/pull/1234",
        "https://github.com.evil.example/segmentio/action-destinations/pull/1234",
        f"{PR}/1234/merge",
        "ftp://github.com/segmentio/action-destinations/pull/1234",
        "mailto:someone@github.com",
        f"{PR}/1234 please review",
        f"{PR}/1234\nhttps://evil.example",
        f"see {PR}/1234",
        f"<{PR}/1234>",
        "",
    ],
)
def test_anything_else_is_refused_with_an_example_of_a_good_url(url: str) -> None:
    problem = pr_url_problem(url)
    assert problem is not None
    assert f"{PR}/1234" in problem


def test_the_private_beta_url_points_at_the_catalog_entry_of_the_slug() -> None:
    assert private_beta_url("acme-analytics") == (
        "https://app.segment.com/goto-my-workspace/destinations/catalog/acme-analytics"
    )


def test_private_beta_urls_differ_per_slug() -> None:
    assert private_beta_url("acme-analytics") != private_beta_url("globex-insights")
    assert private_beta_url("globex-insights").endswith("/catalog/globex-insights")
