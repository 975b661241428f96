"""URLs people type into forms: one normal form for websites and action-destinations pull requests, and a message
that says exactly what is wrong with anything else."""

from __future__ import annotations

import pytest

from slackbot.domain.urls import PR_EXAMPLE, normalize_pr_url, normalize_website

PR = "https://github.com/segmentio/action-destinations/pull"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("casey.example.com", "https://casey.example.com"),
        ("https://casey.example.com", "https://casey.example.com"),
        ("https://Casey.Example.COM/", "https://casey.example.com"),
        ("  www.casey.example.com  ", "https://www.casey.example.com"),
        ("http://casey.example.com/product?ref=segment", "http://casey.example.com/product?ref=segment"),
        ("HTTPS://casey.example.com/#top", "https://casey.example.com"),
        ("casey.example.com:8443/app", "https://casey.example.com:8443/app"),
        ("casey.example.com.", "https://casey.example.com"),
        ("bücher.example", "https://xn--bcher-kva.example"),
    ],
)
def test_a_website_is_stored_with_its_scheme_and_a_lowercase_host(typed: str, stored: str) -> None:
    assert normalize_website(typed) == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "Enter your company website as a full URL"),
        ("ftp://casey.example.com", "ftp:// addresses are not websites"),
        ("mailto:casey@example.com", "That is not a web address"),
        ("javascript:alert(1)", "That is not a web address"),
        ("https://localhost", "“localhost” is not a public website address"),
        ("https://10.0.0.1", "“10.0.0.1” is not a public website address"),
        ("casey", "“casey” is not a public website address"),
        ("casey example com", "without spaces"),
        ("https://admin:hunter2@casey.example.com", "Leave out the user name and password"),
        ("https://casey.example.com:99999", "That is not a web address"),
        ("casey.example.com/" + "x" * 300, "keep it under 300"),
    ],
)
def test_anything_but_a_public_website_is_refused_with_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason) as refused:
        normalize_website(typed)
    assert "hunter2" not in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("https://github.com/acme/action-destinations/pull/12", "That pull request is on acme/action-destinations"),
        ("https://github.com/segmentio/analytics-next/pull/12", "is on segmentio/analytics-next"),
        (f"{PR.removesuffix('/pull')}/issues/12", "not a pull request (it points to segmentio/action-destinations"),
        (f"{PR.removesuffix('/pull')}/pulls", "not a pull request"),
        ("https://github.com/acme/widgets/issues/1", "points to acme/widgets/issues/1, not to a pull request"),
        (f"{PR}/twelve", "“twelve” is not a pull request number"),
        (f"{PR}/12/merge", "…/pull/12/merge is not a page of the pull request"),
        ("https://gitlab.com/segmentio/action-destinations/pull/12", "That is not a GitHub link"),
        ("https://github.com.evil.example/segmentio/action-destinations/pull/12", "That is not a GitHub link"),
        ("", "Give the pull request URL"),
    ],
)
def test_a_link_that_is_not_an_action_destinations_pull_request_names_the_expected_form(
    typed: str, reason: str
) -> None:
    with pytest.raises(ValueError) as refused:
        normalize_pr_url(typed)
    assert reason in str(refused.value) and PR_EXAMPLE in str(refused.value)


def test_normalising_twice_changes_nothing() -> None:
    once = normalize_pr_url("http://www.github.com/SegmentIO/action-destinations/pull/77/files#diff-3")
    assert once == f"{PR}/77" and normalize_pr_url(once) == once
    website = normalize_website("Casey.example.com/")
    assert normalize_website(website) == website
