"""GitHub settings: defaults, validation naming the variable, and no secret in a repr."""

from __future__ import annotations

import pytest

from slackbot.config import ConfigError, GitHubConfig, Settings, load_github_config, load_settings

SECRET = "whsec-5d41402abc4b2a76b9719d911017c592"


def test_nothing_set_means_webhooks_and_sync_are_off_on_the_default_repository() -> None:
    config = load_github_config({})
    assert config == GitHubConfig()
    assert (config.webhooks_enabled, config.sync_enabled) == (False, False)
    assert (config.repository, config.api_url) == ("segmentio/action-destinations", "https://api.github.com")


def test_every_variable_is_read() -> None:
    config = load_github_config({
        "GITHUB_WEBHOOK_SECRET": SECRET, "GITHUB_REPOSITORY": "acme/action-destinations", "GITHUB_TOKEN": "ghp_x",
        "GITHUB_API_URL": "http://127.0.0.1:8080/", "DEVCENTER_STAFF_GITHUB": "Sam-Reviewer, riley",
    })  # fmt: skip
    assert config.webhooks_enabled and config.sync_enabled
    assert (config.repository, config.api_url) == ("acme/action-destinations", "http://127.0.0.1:8080")
    assert config.staff_logins == frozenset({"sam-reviewer", "riley"})


@pytest.mark.parametrize(("name", "value"), [
    ("GITHUB_REPOSITORY", "action-destinations"), ("GITHUB_REPOSITORY", "a/b/c"),
    ("GITHUB_API_URL", "api.github.com"), ("GITHUB_API_URL", "ftp://api.github.com"),
    ("GITHUB_API_URL", "https://api.github.com/?x=1"), ("GITHUB_WEBHOOK_SECRET", "short"),
    ("DEVCENTER_STAFF_GITHUB", "sam reviewer"), ("DEVCENTER_STAFF_GITHUB", "-sam"),
])  # fmt: skip
def test_a_malformed_value_is_refused_naming_its_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_github_config({name: value})


def test_the_secret_and_the_token_never_appear_in_a_repr() -> None:
    text = repr(load_github_config({"GITHUB_WEBHOOK_SECRET": SECRET, "GITHUB_TOKEN": "ghp_tokenvalue"}))
    assert SECRET not in text and "ghp_tokenvalue" not in text


def test_the_bot_settings_carry_the_github_settings_and_never_show_the_secret() -> None:
    settings = load_settings({"GITHUB_WEBHOOK_SECRET": SECRET, "GITHUB_TOKEN": "ghp_tokenvalue"})
    assert settings.github.webhooks_enabled and settings.github.sync_enabled
    assert SECRET not in repr(settings) and "ghp_tokenvalue" not in repr(settings)
    assert Settings().github == GitHubConfig()
