"""Shared pieces of the command line: settings from the environment (and .env), engines, the program, the bot."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click
from sqlalchemy import Engine

from slackbot.config import ConfigError, Settings, load_settings
from slackbot.domain.actors import Actor, operator
from slackbot.domain.errors import DomainError, InvalidInput
from slackbot.observability.logs import configure_logging
from slackbot.program import Program

if TYPE_CHECKING:
    from slackbot.app import Bot

T = TypeVar("T")


def settings_from_env() -> Settings:
    """Load .env from the working directory, then the settings; a bad value is a one-line error."""
    from dotenv import load_dotenv

    load_dotenv(Path.cwd() / ".env")
    try:
        return load_settings(os.environ)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def setup_logging(settings: Settings) -> None:
    """Log lines with level, logger and message, as text or (LOG_FORMAT=json) one JSON object per line."""
    configure_logging(settings.log_level, settings.log_format)


def engine_for(settings: Settings) -> Engine:
    """An engine on DATABASE_URL."""
    from storage.db import make_engine

    return make_engine(settings.database_url)


def migrated_engine(settings: Settings) -> Engine:
    """An engine on a database at the latest migration, or a one-line error."""
    from storage.db import SchemaNotReady, require_current_schema

    engine = engine_for(settings)
    try:
        require_current_schema(engine)
    except SchemaNotReady as error:
        raise click.ClickException(str(error)) from None
    return engine


def program_for(settings: Settings, engine: Engine | None = None) -> Program:
    """The program on a migrated database, with the real clock."""
    from slackbot.app import system_clock
    from storage.db import session_factory
    from storage.uow import uow_factory

    engine = engine or migrated_engine(settings)
    from slackbot.sealing import Sealer

    return Program(
        uow=uow_factory(session_factory(engine)),
        clock=system_clock,
        settings=settings,
        secrets=Sealer(settings.secret_keys),
    )


def cli_actor() -> Actor:
    """The operator at the keyboard: staff rights, audited as `cli:<login>`."""
    return operator(f"cli:{getpass.getuser()}")


def wired_bot(settings: Settings) -> Bot:
    """The whole bot, or a one-line error when the database is not migrated or Slack is not configured."""
    if not settings.bot_token:
        raise click.ClickException(
            "SLACK_BOT_TOKEN is required for this command (without Slack, use `devcenter-bot console`)"
        )
    from slackbot.app import build_bot
    from storage.db import SchemaNotReady

    try:
        return build_bot(settings)
    except SchemaNotReady as error:
        raise click.ClickException(str(error)) from None


def slack_reachable(bot: Bot) -> None:
    """auth.test with a short timeout: a one-line error when Slack cannot be reached or refuses the token."""
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError, SlackClientError

    client = WebClient(token=bot.settings.bot_token, base_url=bot.settings.slack_api_url, timeout=5, retry_handlers=[])
    try:
        client.auth_test()
    except SlackApiError as error:
        raise click.ClickException(f"Slack refused the bot token: {error.response.get('error', 'unknown')}") from None
    except (SlackClientError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise click.ClickException(f"Slack is unreachable at {bot.settings.slack_api_url}: {reason}") from None


def refused(call: Callable[[], T]) -> T:
    """Run a use case; a domain error becomes a one-line error (bad input: one line per problem)."""
    try:
        return call()
    except InvalidInput as error:
        click.echo("\n".join(error.field_errors.values()), err=True)
        raise click.ClickException(f"{len(error.field_errors)} problem(s); nothing was changed") from None
    except DomainError as error:
        raise click.ClickException(error.user_message) from None
