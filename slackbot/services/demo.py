"""Demo data for the console sandbox: two partners at different stages."""

from __future__ import annotations

from datetime import datetime, timedelta

from slackbot.domain.actors import operator
from slackbot.domain.lifecycle import Action, Stage
from slackbot.domain.messages.cards import ReviewCard
from slackbot.domain.partners import parse_import
from slackbot.domain.reviews import review_due
from slackbot.program import Program
from slackbot.services.cards import integration_card
from slackbot.services.outbox import notify_staff
from slackbot.services.partners import ImportResult, import_partners
from storage.models.partners import Integration
from storage.uow import UnitOfWork

DEMO_CSV = """company,integration,slug,stage,channel,users,email
Acme Analytics,Acme Analytics,acme-analytics,in_review,{acme_channel},{acme_users},pat@acme.example.com
Rocket Metrics,Rocket Metrics,rocket-metrics,private_beta,{rocket_channel},{rocket_users},riley@rocket.example.com
"""


def seed_demo(
    program: Program, *, acme_channel: str, acme_users: str, rocket_channel: str, rocket_users: str
) -> ImportResult:
    """Import the demo partners; Acme's review gets a pull request, a due date and its staff review card."""
    channels = {"acme_channel": acme_channel, "acme_users": acme_users}
    channels.update(rocket_channel=rocket_channel, rocket_users=rocket_users)
    result = import_partners(program, operator("demo"), parse_import(DEMO_CSV.format(**channels)))
    now = program.now()
    with program.uow() as uow:
        acme = uow.integrations.by_slug("acme-analytics")
        if acme is not None and acme.submitted_at is None:
            _in_review(uow, program, acme, acme_users.split()[0], now)
        rocket = uow.integrations.by_slug("rocket-metrics")
        if rocket is not None and rocket.merged_at is None:
            rocket.pr_url = "https://github.com/segmentio/action-destinations/pull/2718"
            rocket.merged_at = rocket.released_at = now - timedelta(days=8)
        uow.commit()
    return result


def _in_review(uow: UnitOfWork, program: Program, acme: Integration, submitter: str, now: datetime) -> None:
    acme.pr_url = "https://github.com/segmentio/action-destinations/pull/3141"
    acme.submitted_at = now - timedelta(days=1)
    acme.review_due_at = review_due(acme.submitted_at, program.timezone)
    acme.card_key = f"review_card:{acme.id}:demo"
    uow.audit.record_move(
        acme, Action.SUBMIT_FOR_REVIEW, submitter, acme.submitted_at,
        from_stage=Stage.BUILDING, to_stage=Stage.IN_REVIEW, note=acme.pr_url,
    )  # fmt: skip
    card = ReviewCard(integration_card(uow, program, acme, now))
    notify_staff(uow, program.review_channel, card, acme.card_key, now)
