"""`devcenter-bot sandbox`: the web sandbox starts as its own process, prints its URL, and serves the page."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_sandbox_command_prints_its_url_and_serves_the_demo_workspace(tmp_path: Path) -> None:
    env = {**os.environ, "SLACK_BOT_TOKEN": "", "SLACK_SIGNING_SECRET": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "slackbot.cli", "sandbox", "--port", "0"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(2)]
        url = re.search(r"Open (http://127\.0\.0\.1:\d+/?\S*)", "".join(lines))
        assert url, lines
        with urllib.request.urlopen(url.group(1), timeout=30) as response:
            page = response.read().decode()
        assert response.status == 200 and "devcenter-reviews" in page and "Acting as" in page
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    assert process.returncode in (0, -signal.SIGINT, 130)
