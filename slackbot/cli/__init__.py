"""The `devcenter-bot` command line, one module per command group. The only code that reads .env."""

from __future__ import annotations

import click

from slackbot.cli import announce, audit, db, deploys, github, kb, partners, secrets, serve


@click.group()
def main() -> None:
    """Segment Developer Center partner bot."""


for _module in (serve, db, partners, kb, audit, deploys, announce, github, secrets):
    for _command in _module.COMMANDS:
        main.add_command(_command)


if __name__ == "__main__":
    main()
