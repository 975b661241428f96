"""Forms accept URLs as people paste them: a website without https://, a pull request's Files tab; anything else is
refused inline with the reason and the expected form."""

from __future__ import annotations

import pytest

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import User

PR = "https://github.com/segmentio/action-destinations/pull"
SURVEY = {
    "company": "Casey Co",
    "website": "casey.example.com",
    "email": "pat@casey.example.com",
    "data_in": "A REST API",
    "data_out": "Dashboards per account",
    "use_cases": "Revenue analytics",
    "heard_from": "A partner",
    "agreement": ["agreed"],
}


@pytest.fixture
def casey(harness: Harness) -> User:
    return harness.slack.workspace.add_user("casey.co", "Casey Co", external=True)


def _errors(harness: Harness, user: User, values: dict[str, object]) -> dict[str, str]:
    body = harness.emu.submit(values, as_user=user).response.json() or {}
    return body.get("errors", {}) if body.get("response_action") == "errors" else {}


def _approved(harness: Harness, world: DemoWorld, casey: User) -> None:
    harness.emu.slash("/devcenter join", as_user=casey)
    harness.emu.submit(SURVEY, as_user=casey)
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)


def test_a_website_without_a_scheme_is_accepted_and_stored_with_https(
    harness: Harness, world: DemoWorld, casey: User
) -> None:
    harness.emu.slash("/devcenter join", as_user=casey)

    assert _errors(harness, casey, {**SURVEY, "website": "Casey.Example.com/"}) == {}

    card = harness.emu.message_text(harness.emu.messages(world.review_channel)[-1])
    assert "Access request: Casey Co" in card and "https://casey.example.com" in card
    with harness.bot.program.uow() as uow:
        assert uow.partners.by_name("Casey Co").website == "https://casey.example.com"


@pytest.mark.parametrize("tab", ["/files", "/commits", "/checks", "/", "#issuecomment-1", "?w=1"])
def test_a_pull_request_link_from_any_of_its_tabs_is_reduced_to_the_pull_request(
    harness: Harness, world: DemoWorld, casey: User, tab: str
) -> None:
    _approved(harness, world, casey)
    harness.emu.slash("/devcenter submit", as_user=casey)

    submitted = {
        "name": "Casey Sync",
        "slug": "casey-sync",
        "kind": "cloud",
        "pr_url": f"www.github.com/segmentio/action-destinations/pull/4321{tab}",
    }
    assert _errors(harness, casey, submitted) == {}

    assert f"{PR}/4321" in harness.emu.slash("/devcenter status", as_user=casey).text
    with harness.bot.program.uow() as uow:
        assert uow.integrations.by_slug("casey-sync").pr_url == f"{PR}/4321"


@pytest.mark.parametrize(
    ("pr_url", "reason"),
    [
        ("https://github.com/casey/action-destinations/pull/12", "is on casey/action-destinations, not on segmentio"),
        (f"{PR.removesuffix('/pull')}/issues/12", "is not a pull request"),
        ("https://gitlab.com/segmentio/action-destinations/pull/12", "not a GitHub link"),
    ],
)
def test_a_link_that_is_not_an_action_destinations_pull_request_says_why_and_what_is_expected(
    harness: Harness, world: DemoWorld, casey: User, pr_url: str, reason: str
) -> None:
    _approved(harness, world, casey)
    harness.emu.slash("/devcenter submit", as_user=casey)

    errors = _errors(harness, casey, {"name": "Casey Sync", "slug": "casey-sync", "kind": "cloud", "pr_url": pr_url})

    assert reason in errors["pr_url"] and f"like {PR}/1234" in errors["pr_url"]
    assert harness.emu.modal(casey) is not None


def test_the_metadata_form_normalises_its_website_and_pull_request_link(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter metadata", as_user=world.riley)

    form = {"name": "Rocket Metrics", "website": "ROCKET.example.com", "pr_url": f"{PR}/2718/files"}
    assert _errors(harness, world.riley, form) == {}

    harness.emu.slash("/devcenter metadata", as_user=world.riley)
    reopened = harness.emu.modal(world.riley)
    assert reopened is not None
    initial = {
        b["block_id"]: b["element"].get("initial_value") for b in reopened.data["blocks"] if b["type"] == "input"
    }
    assert (initial["website"], initial["pr_url"]) == ("https://rocket.example.com", f"{PR}/2718")
