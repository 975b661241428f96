"""/metrics on the bot's WSGI app behind a real HTTP server: no signature needed, Slack requests counted."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from prometheus_client.parser import text_string_to_metric_families
from slack_bolt import App

from slackbot.web import EVENTS_PATH, wsgi_app


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def base_url() -> Iterator[str]:
    app = App(signing_secret="web-secret", token="xoxb-web", token_verification_enabled=False)
    server: WSGIServer = make_server(
        "127.0.0.1", 0, wsgi_app(app, lambda: True, signing_secret="web-secret"), handler_class=_Quiet
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _unauthorized_commands(base_url: str) -> float:
    with urllib.request.urlopen(base_url + "/metrics", timeout=10) as answer:
        assert answer.status == 200
        text = answer.read().decode()
    families = {family.name: family for family in text_string_to_metric_families(text)}
    wanted = {"kind": "other", "outcome": "unauthorized"}  # an unsigned body is not read, so not classified
    return sum(s.value for s in families["devcenter_slack_requests"].samples if s.labels == wanted)


def test_metrics_needs_no_signature_and_counts_a_refused_slack_request(base_url: str) -> None:
    before = _unauthorized_commands(base_url)
    forged = urllib.request.Request(
        base_url + EVENTS_PATH,
        data=b"command=%2Fdevcenter&text=status&user_id=U0MEMBER01",
        headers={"X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=forged"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(forged, timeout=10)

    assert refused.value.code == 401
    assert _unauthorized_commands(base_url) == before + 1
