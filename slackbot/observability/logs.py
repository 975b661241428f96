"""Log lines an operator can use: the text format by default, or one JSON object per line (LOG_FORMAT=json).

Whatever the format, `SafeFieldsFilter` sits on the handler: an `extra=` field that is not on the whitelist is
dropped (so message text, a token or a secret passed that way never reaches a line), and anything shaped like a
Slack token or a URL password is masked in the message and the traceback.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sys
from collections.abc import Mapping
from typing import IO, Any

from pythonjsonlogger.json import JsonFormatter

LOG_FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FIELDS = frozenset(
    {
        "kind",  # command, action, view, event, shortcut
        "outcome",
        "latency_ms",
        "outbox_id",
        "job_id",
        "event_id",  # Slack's Events API delivery id
        "method",  # a Slack Web API method
        "http_status",
        "attempt",
    }
)
_STANDARD = frozenset(vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None))) | {"message", "asctime"}
_SCALARS = (str, int, float, bool, type(None))
_SECRETS = (
    (re.compile(r"\bx(?:ox[abeposr]|app)-[A-Za-z0-9-]+"), "x***"),  # Slack bot, user and app-level tokens
    (re.compile(r"(//[^:/@\s]+):[^@/\s]*@"), r"\1:***@"),  # credentials in a URL
    (re.compile(r"(?i)((?:password|secret|token)=)[^&\s]+"), r"\1***"),
)


def redact(text: str) -> str:
    """The text with Slack tokens, URL passwords and `password=`/`secret=`/`token=` values masked."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class SafeFieldsFilter(logging.Filter):
    """Keeps only whitelisted scalar extra fields on a record and masks secrets in its message and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Clean the record in place; never refuses one."""
        for key in [key for key in vars(record) if key not in _STANDARD]:
            if key not in FIELDS or not isinstance(getattr(record, key), _SCALARS):
                delattr(record, key)
        if isinstance(record.msg, Mapping):  # logger.info({...}) would bypass `extra=`
            record.msg = {k: v for k, v in record.msg.items() if k in FIELDS and isinstance(v, _SCALARS)}
        else:
            with contextlib.suppress(TypeError, ValueError):  # a bad format string: the handler reports it
                record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None  # both formatters then print exc_text: one string, already masked
        return True


def json_formatter() -> logging.Formatter:
    """One JSON object per line: time, level, logger, message, pid, the whitelisted extras, traceback."""
    return JsonFormatter(
        ["levelname", "name", "message", "process"],
        rename_fields={"levelname": "level", "name": "logger", "process": "pid", "exc_info": "traceback"},
        timestamp="time",
    )


def log_handler(log_format: str, stream: IO[str] | None = None) -> logging.Handler:
    """A stream handler (stderr by default) in the given format, with the safe-fields filter."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"unknown log format {log_format!r}")
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(json_formatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(SafeFieldsFilter())
    return handler


def configure_logging(level: str, log_format: str, stream: IO[str] | None = None) -> None:
    """Give the root logger its handler (unless it already has one) at the given level."""
    logging.basicConfig(level=level, handlers=[log_handler(log_format, stream)])
    # slack_sdk logs every failed call at ERROR; the outbox and the command line say what failed in their own line
    logging.getLogger("slack_sdk.web.base_client").setLevel(logging.CRITICAL)
    if log_format == "json":
        logging.captureWarnings(True)  # a Python warning becomes a JSON line too


def log_fields(**fields: Any) -> dict[str, Any]:
    """`extra=` for a log call, checked against the whitelist (an unknown field is a programming error)."""
    unknown = set(fields) - FIELDS
    if unknown:
        raise ValueError(f"not a whitelisted log field: {', '.join(sorted(unknown))}")
    return fields
