"""Real `devcenter-bot` processes for tests and benchmarks: a clean environment, and gunicorn on a port it picks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOT_SETTINGS = ("SLACK_", "DEVCENTER_", "GITHUB_", "SMTP_", "PROMETHEUS_", "LOG_")
LISTENING = re.compile(r"Listening at: (http://[\w.\[\]:]+:\d+)")


def child_env(**values: str) -> dict[str, str]:
    """This process's environment without any bot setting the developer has exported, plus `values`."""
    clean = {name: value for name, value in os.environ.items() if not name.startswith(BOT_SETTINGS)}
    return clean | {"PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"} | values


def bot_command(*args: str) -> list[str]:
    """The argv of `devcenter-bot ARGS` run by this interpreter."""
    return [sys.executable, "-m", "slackbot.cli", *args]


@dataclass
class Served:
    """A gunicorn started on port 0: `url` is where the kernel bound it, `lines` what it printed so far."""

    process: subprocess.Popen[str]
    url: str = ""
    lines: list[str] = field(default_factory=list)

    def stop(self, timeout: float = 30) -> str:
        """SIGTERM, wait, and return everything the server printed."""
        if self.process.poll() is None:
            self.process.terminate()
        rest = self.process.communicate(timeout=timeout)[0] or ""
        self.lines.extend(rest.splitlines())
        return "\n".join(self.lines)


def serve_on_free_port(argv: Sequence[str], env: dict[str, str], cwd: Path) -> Served:
    """Start `argv` (a gunicorn bound to port 0) and read its log until it says which port it listens on.

    Reading the bound port from the server itself leaves no window in which another process could take a port
    picked beforehand; once gunicorn listens, the socket queues requests for the workers still booting.
    """
    process = subprocess.Popen(
        list(argv), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    served = Served(process)
    assert process.stdout is not None
    for line in process.stdout:
        served.lines.append(line.rstrip("\n"))
        if found := LISTENING.search(line):
            served.url = found.group(1)
            return served
    raise RuntimeError("the server exited before listening:\n" + "\n".join(served.lines))
