"""Mention injection end to end: partners type pings into every field they can reach; no message, modal or
App Home the bot shows anyone pings a channel or mentions a user the bot did not choose."""

from __future__ import annotations

import re
from typing import Any

from conftest import Proof

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import BOT_USER_ID
from slackbot.render.mrkdwn import BROADCAST

EVIL_COMPANY = "Evil <!channel> Co"
EVIL_NAME = "<!here> Dest"
SURVEY = {
    "company": EVIL_COMPANY,
    "website": "https://evil.example.com",
    "email": "pat@evil.example.com",
    "data_in": "<!everyone> via SDKs",
    "data_out": "<@U0STAFF001> dashboards",
    "use_cases": "<!subteam^S0TEAM0001|@staff> analytics",
    "heard_from": "<https://evil.example/login|Segment login>",
    "agreement": ["agreed"],
}


NOT_SHOWN = {"value", "action_id", "block_id", "callback_id", "private_metadata", "url"}  # never displayed


def _mrkdwn(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if value.get("type") == "plain_text":
            return []
        return [s for k, v in value.items() if k not in NOT_SHOWN for s in _mrkdwn(v)]
    if isinstance(value, list):
        return [s for v in value for s in _mrkdwn(v)]
    return []


def _everything_shown(harness: Harness) -> list[str]:
    ws = harness.slack.workspace
    shown = [s for m in ws.messages if m.user == BOT_USER_ID for s in [m.text, *_mrkdwn(m.blocks)]]
    shown += [s for view in [*ws.views.values(), *ws.homes.values()] for s in _mrkdwn(view.data.get("blocks"))]
    return shown


def test_pings_typed_into_the_survey_a_submission_and_questions_reach_nobody(
    harness: Harness, world: DemoWorld, proof: Proof
) -> None:
    eve = harness.slack.workspace.add_user("eve.evil", "Eve", external=True)
    harness.emu.slash("/devcenter join", as_user=eve)
    harness.emu.submit(SURVEY, as_user=eve)
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.slash("/devcenter submit", as_user=eve)
    submission = {"name": EVIL_NAME, "slug": "evil-dest", "kind": "cloud"}
    harness.emu.submit(
        {**submission, "pr_url": "https://github.com/segmentio/action-destinations/pull/4343"}, as_user=eve
    )
    harness.emu.click("Request changes", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.submit({"note": "Fix the <!channel> thing"}, as_user=world.staff)
    harness.emu.slash("/devcenter ask &lt;!channel&gt; how do I test <!here>?", as_user=world.pat)
    harness.emu.mention(
        "<!channel> does Segment sponsor our booth at the Berlin fair?", as_user=world.pat, channel=world.acme_channel
    )
    harness.emu.slash("/devcenter status <!channel>", as_user=world.pat)
    harness.emu.slash("/devcenter <!here>", as_user=world.pat)
    harness.emu.open_home(eve)
    harness.emu.open_home(world.staff)
    harness.deliver_all()

    shown = _everything_shown(harness)
    pings = [s for s in shown if BROADCAST.search(s)]
    mentions = {m for s in shown for m in re.findall(r"<@([^>|]+)", s)}
    proof.tried += len(shown)
    proof.checks.append(f"pings typed into 10 fields: {len(shown)} texts shown, {len(pings)} pinged")
    assert pings == []
    assert mentions <= {world.staff.id, world.pat.id, eve.id}  # people the bot names itself
    assert any("Evil &lt;!channel&gt; Co" in s for s in shown)  # the company is shown, made inert
    assert any("&lt;!here&gt; Dest" in s for s in shown)  # and so is the integration
