"""Log lines: LOG_FORMAT validated, JSON objects one per line with whitelisted fields only, secrets masked."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import pytest

from slackbot.config import ConfigError, load_settings
from slackbot.observability.logs import log_fields, log_handler


class Captured:
    """A logger of its own writing through one handler into a string."""

    def __init__(self, log_format: str) -> None:
        self.stream = io.StringIO()
        self.logger = logging.getLogger(f"devcenter.test.{log_format}")
        self.logger.handlers, self.logger.propagate = [log_handler(log_format, self.stream)], False
        self.logger.setLevel(logging.INFO)

    def lines(self) -> list[str]:
        """Every line written so far."""
        return self.stream.getvalue().splitlines()

    def records(self) -> list[dict[str, Any]]:
        """Every line, parsed as JSON."""
        return [json.loads(line) for line in self.lines()]


@pytest.fixture
def json_log() -> Captured:
    return Captured("json")


def test_log_format_defaults_to_text_and_accepts_json() -> None:
    assert load_settings({}).log_format == "text"
    assert load_settings({"LOG_FORMAT": "JSON"}).log_format == "json"


def test_an_unknown_log_format_is_a_one_line_error_naming_the_variable() -> None:
    with pytest.raises(ConfigError) as error:
        load_settings({"LOG_FORMAT": "xml"})

    assert str(error.value).startswith("LOG_FORMAT ") and "\n" not in str(error.value)


def test_a_json_line_carries_time_level_logger_message_and_the_whitelisted_fields(json_log: Captured) -> None:
    json_log.logger.info("acked %s", "command", extra={"kind": "command", "outcome": "ok", "latency_ms": 12.5})

    (record,) = json_log.records()
    assert {"time", "level", "logger", "message", "pid"} <= set(record)
    assert (record["level"], record["logger"], record["message"]) == ("INFO", "devcenter.test.json", "acked command")
    assert (record["kind"], record["outcome"], record["latency_ms"]) == ("command", "ok", 12.5)


def test_fields_off_the_whitelist_never_reach_the_line(json_log: Captured) -> None:
    leaky = {"outbox_id": 7, "text": "my launch date is secret", "token": "abc123", "user_id": "U0MEMBER01"}
    json_log.logger.info("delivered", extra=leaky)
    json_log.logger.info("delivered", extra={"kind": {"text": "nested message text"}})

    first, second = json_log.records()
    assert first["outbox_id"] == 7 and not {"text", "token", "user_id"} & set(first)
    assert "kind" not in second
    assert not [word for word in ("secret", "abc123", "U0MEMBER01", "nested") if word in json_log.stream.getvalue()]


def test_a_dict_message_cannot_smuggle_fields_past_the_whitelist(json_log: Captured) -> None:
    json_log.logger.info({"event_id": "Ev0123", "text": "hello from a partner"})

    (record,) = json_log.records()
    assert record["event_id"] == "Ev0123" and "text" not in record


def test_a_traceback_is_one_json_string_on_the_same_line(json_log: Captured) -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        json_log.logger.exception("job failed", extra={"job_id": "release_day"})

    (line,) = json_log.lines()
    record = json.loads(line)
    assert isinstance(record["traceback"], str) and "ValueError: boom" in record["traceback"]
    assert record["job_id"] == "release_day"


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_tokens_and_passwords_are_masked_in_messages_and_tracebacks(log_format: str) -> None:
    captured = Captured(log_format)
    captured.logger.info("calling Slack with %s", "xoxb-1234-5678-abcdef")
    try:
        raise RuntimeError("connect to postgresql://bot:hunter2@db/devcenter failed; app token xapp-1-A0-99")
    except RuntimeError:
        captured.logger.exception("database down")

    written = captured.stream.getvalue()
    assert "calling Slack with" in written and "database down" in written
    assert not [secret for secret in ("xoxb-1234", "hunter2", "xapp-1-A0") if secret in written]


def test_the_text_format_is_the_familiar_one_line_per_record() -> None:
    captured = Captured("text")
    captured.logger.warning("outbox slow", extra={"outbox_id": 3, "text": "hi"})

    (line,) = captured.lines()
    assert line.endswith(" WARNING devcenter.test.text: outbox slow")


def test_log_fields_refuses_a_field_off_the_whitelist() -> None:
    assert log_fields(kind="event", event_id="Ev1") == {"kind": "event", "event_id": "Ev1"}
    with pytest.raises(ValueError, match="message_text"):
        log_fields(message_text="hello")
