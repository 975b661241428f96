"""`python -m slackbot.emulator.web [--host 127.0.0.1] [--port 8790]`: the web sandbox."""

from __future__ import annotations

import argparse
import sys

from slackbot.emulator.web.server import DEFAULT_HOST, DEFAULT_PORT, serve_sandbox


def main(argv: list[str] | None = None) -> int:
    """Parse the options and serve until Ctrl+C."""
    parser = argparse.ArgumentParser(
        prog="python -m slackbot.emulator.web",
        description="The web sandbox: the real bot in a browser, as it looks in Slack.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free)")
    options = parser.parse_args(argv)
    serve_sandbox(options.host, options.port, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
