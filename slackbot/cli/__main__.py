"""`python -m slackbot.cli`: the same as the `devcenter-bot` command."""

from slackbot.cli import main

main()
