"""load_settings: defaults, every documented variable, one clear error per malformed value, no leaks."""

from __future__ import annotations

import dataclasses

import pytest

from slackbot.config import ConfigError, Settings, load_settings

BOT_TOKEN = "xoxb-1111-2222-acmeanalyticsbottoken"
APP_TOKEN = "xapp-1-A111-2222-acmeanalyticsapptoken"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
DB_PASSWORD = "hunter2-correct-horse"

EVERYTHING = {
    "SLACK_BOT_TOKEN": BOT_TOKEN,
    "SLACK_SIGNING_SECRET": SIGNING_SECRET,
    "SLACK_APP_TOKEN": APP_TOKEN,
    "SLACK_API_URL": "http://127.0.0.1:8765/api/",
    "DATABASE_URL": f"postgresql://devcenter:{DB_PASSWORD}@db.internal:5432/devcenter",
    "DEVCENTER_TZ": "Europe/London",
    "DEVCENTER_STAFF_USERGROUP": "S0STAFFGRP",
    "DEVCENTER_STAFF_USERS": "U0STAFF001, W0STAFF002 U0STAFF003",
    "DEVCENTER_REVIEW_CHANNEL": "C0REVIEW01",
    "DEVCENTER_ANNOUNCE_CHANNEL": "G0ANNOUNCE",
    "PORT": "8080",
    "LOG_LEVEL": "debug",
}


def test_an_empty_environment_gives_the_documented_defaults() -> None:
    settings = load_settings({})
    assert settings == Settings()
    assert settings.bot_token is None and settings.signing_secret is None and settings.app_token is None
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.database_url == "sqlite:///var/devcenter.db"
    assert settings.timezone == "America/Los_Angeles"
    assert settings.tz.key == "America/Los_Angeles"
    assert settings.staff_usergroup is None and settings.staff_users == frozenset()
    assert settings.review_channel is None and settings.announce_channel is None
    assert settings.port == 3000
    assert settings.log_level == "INFO"
    assert not settings.has_slack_tokens


def test_every_variable_is_read() -> None:
    settings = load_settings(EVERYTHING)
    assert settings.bot_token == BOT_TOKEN
    assert settings.signing_secret == SIGNING_SECRET
    assert settings.app_token == APP_TOKEN
    assert settings.slack_api_url == "http://127.0.0.1:8765/api/"
    assert settings.database_url == f"postgresql+psycopg://devcenter:{DB_PASSWORD}@db.internal:5432/devcenter"
    assert settings.timezone == "Europe/London"
    assert settings.staff_usergroup == "S0STAFFGRP"
    assert settings.staff_users == frozenset({"U0STAFF001", "W0STAFF002", "U0STAFF003"})
    assert settings.review_channel == "C0REVIEW01"
    assert settings.announce_channel == "G0ANNOUNCE"
    assert settings.port == 8080
    assert settings.log_level == "DEBUG"
    assert settings.has_slack_tokens


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        load_settings({}).port = 1  # type: ignore[misc]


def test_blank_values_count_as_unset() -> None:
    blank = {name: "   " for name in EVERYTHING}
    assert load_settings(blank) == Settings()


def test_values_are_trimmed() -> None:
    settings = load_settings({"PORT": " 4000 ", "SLACK_BOT_TOKEN": f" {BOT_TOKEN}\n", "SLACK_APP_TOKEN": APP_TOKEN})
    assert settings.port == 4000
    assert settings.bot_token == BOT_TOKEN


def test_socket_mode_needs_no_signing_secret() -> None:
    settings = load_settings({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN})
    assert settings.signing_secret is None and settings.app_token == APP_TOKEN


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://devcenter:pw@db:5432/dc", "postgresql+psycopg://devcenter:pw@db:5432/dc"),
        ("postgresql://devcenter:pw@db/dc", "postgresql+psycopg://devcenter:pw@db/dc"),
        ("postgresql+psycopg://devcenter@db/dc", "postgresql+psycopg://devcenter@db/dc"),
        ("sqlite:////srv/devcenter/devcenter.db", "sqlite:////srv/devcenter/devcenter.db"),
        ("sqlite://", "sqlite://"),
    ],
)
def test_database_urls_are_normalised_to_the_psycopg_driver(url: str, expected: str) -> None:
    assert load_settings({"DATABASE_URL": url}).database_url == expected


@pytest.mark.parametrize("tz", ["UTC", "Asia/Kolkata", "America/New_York"])
def test_any_iana_timezone_is_accepted(tz: str) -> None:
    assert load_settings({"DEVCENTER_TZ": tz}).tz.key == tz


@pytest.mark.parametrize("level", ["debug", "Info", "WARNING", "error", "critical"])
def test_log_levels_are_case_insensitive(level: str) -> None:
    assert load_settings({"LOG_LEVEL": level}).log_level == level.upper()


@pytest.mark.parametrize("port", ["0", "3000", "65535"])
def test_ports_within_range_are_accepted(port: str) -> None:
    assert load_settings({"PORT": port}).port == int(port)


BAD_VALUES = [
    ("SLACK_BOT_TOKEN", {"SLACK_BOT_TOKEN": "xoxp-user-token", "SLACK_SIGNING_SECRET": "s"}),
    ("SLACK_BOT_TOKEN", {"SLACK_BOT_TOKEN": APP_TOKEN, "SLACK_SIGNING_SECRET": "s"}),
    ("SLACK_APP_TOKEN", {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": BOT_TOKEN}),
    ("SLACK_APP_TOKEN", {"SLACK_APP_TOKEN": "xoxa-legacy"}),
    ("SLACK_SIGNING_SECRET", {"SLACK_BOT_TOKEN": BOT_TOKEN}),
    ("SLACK_API_URL", {"SLACK_API_URL": "http://127.0.0.1:8765/api"}),
    ("SLACK_API_URL", {"SLACK_API_URL": "https://slack.com/api"}),
    ("SLACK_API_URL", {"SLACK_API_URL": "ftp://slack.com/api/"}),
    ("SLACK_API_URL", {"SLACK_API_URL": "slack.com/api/"}),
    ("DATABASE_URL", {"DATABASE_URL": "mysql://devcenter:pw@db/dc"}),
    ("DATABASE_URL", {"DATABASE_URL": "var/devcenter.db"}),
    ("DEVCENTER_TZ", {"DEVCENTER_TZ": "Pacific Time"}),
    ("DEVCENTER_TZ", {"DEVCENTER_TZ": "Mars/Olympus_Mons"}),
    ("DEVCENTER_TZ", {"DEVCENTER_TZ": "/etc/passwd"}),
    ("DEVCENTER_STAFF_USERGROUP", {"DEVCENTER_STAFF_USERGROUP": "U0STAFF001"}),
    ("DEVCENTER_STAFF_USERGROUP", {"DEVCENTER_STAFF_USERGROUP": "@devcenter-staff"}),
    ("DEVCENTER_STAFF_USERS", {"DEVCENTER_STAFF_USERS": "U0STAFF001,@alice"}),
    ("DEVCENTER_STAFF_USERS", {"DEVCENTER_STAFF_USERS": "u0staff001"}),
    ("DEVCENTER_STAFF_USERS", {"DEVCENTER_STAFF_USERS": "C0REVIEW01"}),
    ("DEVCENTER_REVIEW_CHANNEL", {"DEVCENTER_REVIEW_CHANNEL": "#partner-reviews"}),
    ("DEVCENTER_REVIEW_CHANNEL", {"DEVCENTER_REVIEW_CHANNEL": "U0STAFF001"}),
    ("DEVCENTER_ANNOUNCE_CHANNEL", {"DEVCENTER_ANNOUNCE_CHANNEL": "announcements"}),
    ("PORT", {"PORT": "http"}),
    ("PORT", {"PORT": "-1"}),
    ("PORT", {"PORT": "65536"}),
    ("PORT", {"PORT": "3000.0"}),
    ("LOG_LEVEL", {"LOG_LEVEL": "verbose"}),
    ("LOG_LEVEL", {"LOG_LEVEL": "5"}),
    ("SMTP_URL", {"SMTP_URL": "mail.example.com:587"}),
    ("SMTP_URL", {"SMTP_URL": "smtp://devcenter@mail.example.com"}),
    ("SMTP_URL", {"SMTP_URL": "smtp://mail.example.com:99999"}),
    ("DEVCENTER_EMAIL_FROM", {"DEVCENTER_EMAIL_FROM": "Dev Center"}),
    ("DEVCENTER_EMAIL_FROM", {"DEVCENTER_EMAIL_FROM": "a@segment.com, b@segment.com"}),
]


@pytest.mark.parametrize(("variable", "env"), BAD_VALUES, ids=[f"{v}={list(e.values())[-1]}" for v, e in BAD_VALUES])
def test_a_malformed_value_is_refused_with_the_variable_named(variable: str, env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match=variable):
        load_settings(env)


def test_config_error_is_a_value_error() -> None:
    assert issubclass(ConfigError, ValueError)


def test_repr_never_shows_tokens_secrets_or_the_database_password() -> None:
    settings = load_settings(EVERYTHING)
    for text in (repr(settings), str(settings), f"{settings}", f"{settings!r}"):
        for secret in (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, DB_PASSWORD):
            assert secret not in text
    assert "db.internal" in repr(settings)


def test_repr_hides_the_password_of_a_heroku_style_url() -> None:
    settings = load_settings({"DATABASE_URL": f"postgres://u:{DB_PASSWORD}@db/dc"})
    assert DB_PASSWORD not in repr(settings)


def test_repr_hides_a_password_given_as_a_query_parameter() -> None:
    settings = load_settings({"DATABASE_URL": f"postgresql://devcenter@db/dc?password={DB_PASSWORD}"})
    assert DB_PASSWORD not in repr(settings)


def test_nothing_is_read_from_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "9999")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "not-a-bot-token")
    assert load_settings({}).port == 3000


def test_devcenter_post_rate_is_read_and_zero_turns_pacing_off() -> None:
    assert load_settings({"DEVCENTER_POST_RATE": "0"}).post_rate == 0.0
    assert load_settings({"DEVCENTER_POST_RATE": "2.5"}).post_rate == 2.5
    assert load_settings({}).post_rate == 5.0
    for junk in ("abc", "-1", "nan", "inf", "1001"):
        with pytest.raises(ConfigError, match="DEVCENTER_POST_RATE"):
            load_settings({"DEVCENTER_POST_RATE": junk})


def test_email_is_off_without_smtp_url_and_the_sender_has_a_default() -> None:
    settings = load_settings({})
    assert settings.smtp_url is None and settings.smtp is None
    assert settings.email_from == "Segment Developer Center <partner-support@segment.com>"


def test_smtp_url_and_sender_are_read_and_the_password_never_shows() -> None:
    url = "smtp://devcenter:s3cret-smtp-pw@mail.example.com:587"
    settings = load_settings({"SMTP_URL": url, "DEVCENTER_EMAIL_FROM": "Dev Center <devcenter@segment.com>"})
    assert settings.smtp is not None and (settings.smtp.host, settings.smtp.port) == ("mail.example.com", 587)
    assert settings.email_from == "Dev Center <devcenter@segment.com>"
    assert "s3cret-smtp-pw" not in repr(settings)
    with pytest.raises(ConfigError, match="SMTP_URL") as caught:
        load_settings({"SMTP_URL": "smtp://devcenter:s3cret-smtp-pw@mail.example.com:0"})
    assert "s3cret-smtp-pw" not in str(caught.value)
