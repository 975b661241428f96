"""Demo data for the console sandbox: two partners at different stages."""

from __future__ import annotations

from datetime import datetime, timedelta

from slackbot.domain.lifecycle import Action, Stage
from slackbot.domain.messages import MessageKind
from slackbot.domain.reviews import review_due
from slackbot.services.cards import integration_card, notify_staff
from slackbot.services.partners import ImportResult, import_partners, parse_import
from storage.uow import UowFactory

DEMO_CSV = """company,integration,slug,stage,channel,users
Acme Analytics,Acme Analytics,acme-analytics,in_review,{acme_channel},{acme_users}
Rocket Metrics,Rocket Metrics,rocket-metrics,private_beta,{rocket_channel},{rocket_users}
"""


def seed_demo(
    uow_factory: UowFactory,
    *,
    acme_channel: str,
    acme_users: str,
    rocket_channel: str,
    rocket_users: str,
    now: datetime,
    timezone: str,
    review_channel: str | None = None,
) -> ImportResult:
    """Import the demo partners; Acme's review gets a pull request, a due date and its staff review card."""
    rows = parse_import(
        DEMO_CSV.format(
            acme_channel=acme_channel, acme_users=acme_users, rocket_channel=rocket_channel, rocket_users=rocket_users
        )
    )
    result = import_partners(uow_factory, rows, now)
    with uow_factory() as uow:
        acme = uow.integrations.by_slug("acme-analytics")
        if acme is not None and acme.submitted_at is None:
            acme.pr_url = "https://github.com/segmentio/action-destinations/pull/3141"
            acme.submitted_at = now - timedelta(days=1)
            acme.review_due_at = review_due(acme.submitted_at, timezone)
            acme.card_key = f"review_card:{acme.id}:demo"
            uow.audit.record(
                subject_type="integration",
                subject_id=acme.id,
                subject_key=acme.slug,
                action=Action.SUBMIT_FOR_REVIEW,
                actor=acme_users.split()[0],
                from_stage=Stage.BUILDING,
                to_stage=Stage.IN_REVIEW,
                note=acme.pr_url,
                at=acme.submitted_at,
            )
            notify_staff(
                uow,
                review_channel,
                MessageKind.REVIEW_CARD,
                integration_card(uow, acme, timezone).to_payload(),
                acme.card_key,
                now,
            )
        rocket = uow.integrations.by_slug("rocket-metrics")
        if rocket is not None and rocket.merged_at is None:
            rocket.pr_url = "https://github.com/segmentio/action-destinations/pull/2718"
            rocket.merged_at = rocket.released_at = now - timedelta(days=8)
        uow.commit()
    return result
