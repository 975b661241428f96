"""Partner records: Slack ids and the import file's rules (stdlib only)."""

from __future__ import annotations

import re

SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


SLACK_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
