"""The web sandbox: the real bot and the Slack emulator behind a page that looks like Slack.

`serve_sandbox(host, port, out)` serves it (wired as `devcenter-bot sandbox`); `running_sandbox()` is the same for
tests, on a free port.
"""

from __future__ import annotations

from slackbot.emulator.web.server import running_sandbox, serve_sandbox

__all__ = ["running_sandbox", "serve_sandbox"]
