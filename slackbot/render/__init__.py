"""Pure rendering: domain summaries in, slack_sdk.models blocks out. No I/O here."""
