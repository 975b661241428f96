"""Settings from the environment: one frozen dataclass, read explicitly, never at import time."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slackbot.domain.github import DEFAULT_REPOSITORY, REPOSITORY, parse_staff_logins
from slackbot.domain.github_sync import DEFAULT_API_URL
from slackbot.domain.launch import DEFAULT_RULE, RULES
from slackbot.email.compose import DEFAULT_FROM, mailbox_problem
from slackbot.email.target import SmtpTarget, parse_smtp_url

SLACK_DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///var/devcenter.db"
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")
_USERGROUP_ID = re.compile(r"^S[A-Z0-9]{2,}$")
_RULE_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_LOG_FORMATS = ("text", "json")
_GITHUB_LOGIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38})(?:\[bot\])?$")


class ConfigError(ValueError):
    """A missing or malformed setting; the message names the variable."""


@dataclass(frozen=True)
class GitHubConfig:
    """GITHUB_WEBHOOK_SECRET, GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_API_URL and DEVCENTER_STAFF_GITHUB."""

    webhook_secret: str | None = field(default=None, repr=False)
    repository: str = DEFAULT_REPOSITORY
    token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    staff_logins: frozenset[str] = frozenset()

    @property
    def webhooks_enabled(self) -> bool:
        """POST /github/events answers only when a webhook secret is set."""
        return bool(self.webhook_secret)

    @property
    def sync_enabled(self) -> bool:
        """Reconciliation runs only with a token."""
        return bool(self.token)


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from its environment."""

    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    slack_api_url: str = SLACK_DEFAULT_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    timezone: str = "America/Los_Angeles"
    staff_usergroup: str | None = None
    staff_users: frozenset[str] = field(default_factory=frozenset)
    review_channel: str | None = None
    announce_channel: str | None = None
    port: int = 3000
    log_level: str = "INFO"
    log_format: str = "text"  # LOG_FORMAT: "text" lines or "json" (one object per line)
    post_rate: float = 5.0  # outbox messages per second (client-side pacing under Slack's limits); 0 = off
    launch_rule: str = "program-2026"  # DEVCENTER_LAUNCH_RULE: a key of slackbot.domain.launch.RULES
    secret_keys: tuple[str, ...] = field(default=(), repr=False)  # DEVCENTER_SECRET_KEY: Fernet keys, newest first
    github: GitHubConfig = field(default_factory=GitHubConfig)
    smtp_url: str | None = field(default=None, repr=False)  # SMTP_URL: email is off when unset
    email_from: str = DEFAULT_FROM  # DEVCENTER_EMAIL_FROM

    @property
    def smtp(self) -> SmtpTarget | None:
        """Where partner email goes (SMTP_URL), or None when email is off."""
        return parse_smtp_url(self.smtp_url) if self.smtp_url else None

    @property
    def has_slack_tokens(self) -> bool:
        """True when the bot should talk to a real Slack workspace."""
        return bool(self.bot_token)

    @property
    def tz(self) -> ZoneInfo:
        """The program's timezone (releases, cutoffs, review due dates)."""
        return ZoneInfo(self.timezone)

    def __repr__(self) -> str:  # never print a secret, even by accident
        return f"Settings(database_url={_redact_url(self.database_url)!r}, timezone={self.timezone!r})"


def load_settings(env: Mapping[str, str]) -> Settings:
    """Build Settings from a mapping such as os.environ; raise ConfigError naming the bad variable."""
    get = lambda name: (env.get(name) or "").strip() or None
    bot_token, secret, app_token = get("SLACK_BOT_TOKEN"), get("SLACK_SIGNING_SECRET"), get("SLACK_APP_TOKEN")
    if bot_token and not bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN must be a bot token starting with 'xoxb-'")
    if app_token and not app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN must be an app-level token starting with 'xapp-'")
    if bot_token and not app_token and not secret:
        raise ConfigError("SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)")
    api_url = get("SLACK_API_URL") or SLACK_DEFAULT_API_URL
    if not re.match(r"^https?://", api_url) or not api_url.endswith("/"):
        raise ConfigError("SLACK_API_URL must be an http(s) URL ending with '/'")
    tz = get("DEVCENTER_TZ") or "America/Los_Angeles"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"DEVCENTER_TZ is not a known IANA timezone: {tz!r}") from None
    return Settings(
        bot_token=bot_token,
        signing_secret=secret,
        app_token=app_token,
        slack_api_url=api_url,
        database_url=_database_url(get("DATABASE_URL")),
        timezone=tz,
        staff_usergroup=_match(get("DEVCENTER_STAFF_USERGROUP"), _USERGROUP_ID, "DEVCENTER_STAFF_USERGROUP"),
        staff_users=_user_ids(get("DEVCENTER_STAFF_USERS")),
        review_channel=_match(get("DEVCENTER_REVIEW_CHANNEL"), _CHANNEL_ID, "DEVCENTER_REVIEW_CHANNEL"),
        announce_channel=_match(get("DEVCENTER_ANNOUNCE_CHANNEL"), _CHANNEL_ID, "DEVCENTER_ANNOUNCE_CHANNEL"),
        port=_port(get("PORT")),
        log_level=_log_level(get("LOG_LEVEL")),
        log_format=_log_format(get("LOG_FORMAT")),
        post_rate=_post_rate(get("DEVCENTER_POST_RATE")),
        secret_keys=_secret_keys(get("DEVCENTER_SECRET_KEY")),
        launch_rule=_launch_rule(get("DEVCENTER_LAUNCH_RULE")),
        github=load_github_config(env),
        smtp_url=_smtp_url(get("SMTP_URL")),
        email_from=_email_from(get("DEVCENTER_EMAIL_FROM")),
    )


def load_github_config(env: Mapping[str, str]) -> GitHubConfig:
    """The GitHub settings of an environment; ConfigError naming the bad variable."""
    get = lambda name: (env.get(name) or "").strip()
    repository = get("GITHUB_REPOSITORY") or DEFAULT_REPOSITORY
    if not REPOSITORY.fullmatch(repository):
        raise ConfigError("GITHUB_REPOSITORY must be owner/name, like segmentio/action-destinations")
    api_url = get("GITHUB_API_URL") or DEFAULT_API_URL
    parts = urlsplit(api_url)
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError("GITHUB_API_URL must be an http(s) URL, like https://api.github.com")
    secret = get("GITHUB_WEBHOOK_SECRET") or None
    if secret is not None and len(secret) < 16:
        raise ConfigError("GITHUB_WEBHOOK_SECRET must be at least 16 characters")
    staff = parse_staff_logins(get("DEVCENTER_STAFF_GITHUB"))
    if bad := sorted(login for login in staff if not _GITHUB_LOGIN.fullmatch(login)):
        raise ConfigError(f"DEVCENTER_STAFF_GITHUB has a malformed GitHub login: {bad[0][:40]!r}")
    token = get("GITHUB_TOKEN") or None
    return GitHubConfig(secret, repository, token, api_url.rstrip("/"), staff)


def _smtp_url(value: str | None) -> str | None:
    if value is not None:
        try:
            parse_smtp_url(value)
        except ValueError as error:  # its message names SMTP_URL and never quotes the password
            raise ConfigError(str(error)) from None
    return value


def _email_from(value: str | None) -> str:
    problem = mailbox_problem(value) if value is not None else None
    if problem:
        raise ConfigError(f"DEVCENTER_EMAIL_FROM must be one address like {DEFAULT_FROM!r}: {problem}")
    return value or DEFAULT_FROM


def _match(value: str | None, pattern: re.Pattern[str], name: str) -> str | None:
    if value is not None and not pattern.match(value):
        raise ConfigError(f"{name} is not a Slack id of the right kind: {value!r}")
    return value


def _user_ids(value: str | None) -> frozenset[str]:
    ids = [part for part in re.split(r"[,\s]+", value or "") if part]
    for user_id in ids:
        _match(user_id, _USER_ID, "DEVCENTER_STAFF_USERS")
    return frozenset(ids)


def _database_url(value: str | None) -> str:
    url = value or DEFAULT_DATABASE_URL
    if url.startswith("postgres://"):  # Heroku-style alias
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise ConfigError("DATABASE_URL must be a sqlite:/// or postgresql:// URL")
    return url


def _port(value: str | None) -> int:
    if value is None:
        return 3000
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise ConfigError(f"PORT must be a number from 0 to 65535, got {value!r}")
    return int(value)


def _launch_rule(value: str | None) -> str:
    if value is not None and not _RULE_KEY.match(value):
        raise ConfigError(f"DEVCENTER_LAUNCH_RULE must be a launch rule key such as program-2026, got {value!r}")
    key = value or DEFAULT_RULE
    if key not in RULES:
        raise ConfigError(f"DEVCENTER_LAUNCH_RULE is not a known launch rule: {key!r} (one of: {', '.join(RULES)})")
    return key


def _post_rate(value: str | None) -> float:
    if value is None:
        return 5.0
    try:
        rate = float(value)
    except ValueError:
        rate = -1.0
    if not 0 <= rate <= 1000:
        raise ConfigError(f"DEVCENTER_POST_RATE must be messages per second from 0 to 1000, got {value!r}")
    return rate


def _secret_keys(value: str | None) -> tuple[str, ...]:
    keys = tuple(part.strip() for part in (value or "").split(",") if part.strip())
    for number, key in enumerate(keys, start=1):
        try:
            raw = base64.urlsafe_b64decode(key.encode()) if len(key) == 44 else b""
        except (ValueError, binascii.Error):
            raw = b""
        if len(raw) != 32:
            raise ConfigError(
                f"DEVCENTER_SECRET_KEY key {number} is not a Fernet key (44 characters of URL-safe base64); "
                "make one with `devcenter-bot secrets key`"
            )
    return keys


def _log_level(value: str | None) -> str:
    level = (value or "INFO").upper()
    if level not in _LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}")
    return level


def _log_format(value: str | None) -> str:
    log_format = (value or "text").lower()
    if log_format not in _LOG_FORMATS:
        raise ConfigError(f"LOG_FORMAT must be one of {', '.join(_LOG_FORMATS)}, got {value!r}")
    return log_format


def _redact_url(url: str) -> str:
    url = re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", url, flags=re.IGNORECASE)
