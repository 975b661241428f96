"""A demo workspace: Segment staff, two partner organisations over Slack Connect, and their channels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slackbot.emulator.harness import Harness, ShiftedClock, fake_github
from slackbot.emulator.mail import LocalMailServer
from slackbot.emulator.workspace import Channel, User
from slackbot.services.demo import seed_demo

STAFF_ID, REVIEW_CHANNEL_ID, ANNOUNCE_CHANNEL_ID = "U0STAFF001", "C0STAFF001", "C0ANNOUNC1"
DEMO_ROLES: dict[str, Any] = {  # the Harness settings that make the demo's staff user and channels what they are
    "staff_users": frozenset({STAFF_ID}),
    "review_channel": REVIEW_CHANNEL_ID,
    "announce_channel": ANNOUNCE_CHANNEL_ID,
}


def demo_harness(url: str, clock: ShiftedClock) -> Harness:
    """The bot both sandboxes run: the demo's staff and channels, the fake GitHub, and partner email over real
    SMTP to a local mail server on 127.0.0.1 (the console's `:mail`, the web sandbox's Mailbox page)."""
    return Harness(url, clock=clock, github=fake_github(clock), mail=LocalMailServer().start(), **DEMO_ROLES)


ACME_PULL = 3141  # the demo's Acme Analytics pull request on segmentio/action-destinations
ZEBRA_SURVEY = {  # the access survey as a new company (Zebra Metrics) fills it in walks and tests
    "company": "Zebra Metrics",
    "website": "https://zebra.example.com",
    "email": "pat@zebra.example.com",
    "data_in": "SDKs and a REST API",
    "data_out": "Events appear in dashboards per user",
    "use_cases": "Product analytics",
    "heard_from": "A customer",
    "agreement": ["agreed"],
}
ZEBRA_SUBMISSION = {  # and its first submission for review
    "name": "Zebra Metrics",
    "slug": "zebra-metrics",
    "kind": "cloud",
    "pr_url": "https://github.com/segmentio/action-destinations/pull/4242",
}


@dataclass(frozen=True)
class DemoWorld:
    """Who and where, for tests and the console."""

    staff: User
    pat: User  # Acme Analytics, external
    riley: User  # Rocket Metrics, external
    stranger: User  # an internal user who is neither staff nor partner
    acme_channel: Channel
    rocket_channel: Channel
    review_channel: Channel
    announce_channel: Channel


def build_world(harness: Harness, *, seed: bool = True) -> DemoWorld:
    """Create the demo users and channels in the emulator and (optionally) the demo partners in the bot."""
    ws = harness.slack.workspace
    staff = ws.add_user("sam.staff", "Sam Staff", user_id=STAFF_ID)
    pat = ws.add_user("pat.partner", "Pat Partner", external=True, user_id="U0MEMBER01")
    riley = ws.add_user("riley.rocket", "Riley Rocket", external=True, user_id="U0RILEY001")
    stranger = ws.add_user("casey.stranger", "Casey Stranger", user_id="U0CASEY001")
    acme = ws.add_channel("partner-acme-analytics", shared=True, members=[staff, pat])
    rocket = ws.add_channel("partner-rocket-metrics", shared=True, members=[staff, riley])
    review = ws.add_channel("devcenter-reviews", members=[staff], channel_id=REVIEW_CHANNEL_ID)
    announce = ws.add_channel("devcenter-announcements", members=[staff], channel_id=ANNOUNCE_CHANNEL_ID)
    if seed:
        seed_demo(
            harness.bot.program, acme_channel=acme.id, acme_users=pat.id, rocket_channel=rocket.id,
            rocket_users=riley.id,
        )  # fmt: skip
        harness.settle()
    if harness.github is not None and ACME_PULL not in harness.github.pulls:  # Acme's pull request, already open
        harness.github.open(ACME_PULL, author="acme-dev", title="Acme Analytics destination", deliver=False)
    return DemoWorld(staff, pat, riley, stranger, acme, rocket, review, announce)
