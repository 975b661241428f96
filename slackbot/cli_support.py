"""Shared pieces of the command line: settings from the environment (and .env), engines, the wired bot."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import click

from slackbot.config import ConfigError, Settings, load_settings


def settings_from_env() -> Settings:
    """Load .env from the working directory, then the settings; a bad value is a one-line error."""
    from dotenv import load_dotenv

    load_dotenv(Path.cwd() / ".env")
    try:
        return load_settings(os.environ)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def setup_logging(settings: Settings) -> None:
    """Log lines with level, logger and message."""
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def engine_for(settings: Settings) -> Any:
    """An engine on DATABASE_URL."""
    from storage.db import make_engine

    return make_engine(settings.database_url)


def migrated_engine(settings: Settings) -> Any:
    """An engine on a database at the latest migration, or a one-line error."""
    from storage.db import SchemaNotReady, require_current_schema

    engine = engine_for(settings)
    try:
        require_current_schema(engine)
    except SchemaNotReady as error:
        raise click.ClickException(str(error)) from None
    return engine


def wired_bot(settings: Settings) -> Any:
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
