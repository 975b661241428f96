"""Launch storage and use cases on SQLite and PostgreSQL: metadata, ticks, verifications, gates, the OAuth request."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from threading import Barrier, Thread

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from slackbot.config import Settings
from slackbot.domain.actors import Actor
from slackbot.domain.errors import Conflict, IllegalTransition
from slackbot.domain.launch import Need, Requirement, Shortfall
from slackbot.domain.lifecycle import Action, Stage
from slackbot.domain.messages import load_payload
from slackbot.domain.messages.cards import ReviewCard
from slackbot.emulator.harness import FrozenClock
from slackbot.program import Program
from slackbot.services import checklist, verifications
from slackbot.services.cards import decide_on_card, post_card_when_ready
from slackbot.services.launch import launch_status, lifecycle_facts, merge_facts
from storage.models.metadata import CatalogEntry
from storage.models.outbox import OutboxMessage
from storage.models.reviews import StaffRequest
from storage.uow import UowFactory

TZ, RULE = "America/Los_Angeles", "program-2026"


def program(uow: UowFactory, now: datetime) -> Program:
    settings = Settings(timezone=TZ, launch_rule=RULE, review_channel="C0STAFF001")
    return Program(uow=uow, clock=lambda: now, settings=settings)


STAFF = Actor("U0STAFF001", is_staff=True, partner_id=None)
COMPLETE = {
    "name": "Rocket Metrics",
    "pr_url": "https://github.com/segmentio/action-destinations/pull/2718",
    "description": "Dashboards.",
    "website": "https://rocket.example.com",
    "categories": ["Analytics"],
    "logo_svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 3"/>',
    "mark_svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3 3"/>',
    "support_email": "help@rocket.example.com",
    "test_username": "qa",
    "test_password": "hunter2",
    "test_notes": "",
}


def add_rocket(uow: UowFactory, now: datetime, stage: Stage = Stage.PRIVATE_BETA) -> tuple[Actor, int]:
    """Rocket Metrics with one member and rocket-metrics in private beta; (the member, the integration id)."""
    with uow() as u:
        partner = u.partners.add("Rocket Metrics", Stage.BUILDING, "C0ROCKET01", now)
        u.partners.add_member(partner, "U0RILEY001", is_external=True, now=now)
        integration = u.integrations.add(
            partner,
            "rocket-metrics",
            "Rocket Metrics",
            "cloud",
            stage,
            now,
            merged_at=now - timedelta(days=8),
            released_at=now - timedelta(days=5),
        )
        u.commit()
        return Actor("U0RILEY001", is_staff=False, partner_id=partner.id), integration.id


def _record(uow: UowFactory, member: Actor, now: datetime, workspace: str) -> int:
    view = verifications.record(
        program(uow, now),
        member,
        "rocket-metrics",
        {
            "customer": workspace.title(),
            "workspace": workspace,
            "contact": "ops@example.com",
            "verified_on": now.date().isoformat(),
        },
    )
    return view.verification_id


def _confirm(uow: UowFactory, verification_id: int, now: datetime) -> None:
    verifications.decide_verification(program(uow, now), STAFF, verification_id, True)


def test_catalog_metadata_round_trips_and_its_repr_hides_the_secrets(uow: UowFactory, clock: FrozenClock) -> None:
    _, integration_id = add_rocket(uow, clock())
    with uow() as u:
        u.catalog.save_catalog(integration_id, COMPLETE, "U0RILEY001", clock())
        u.commit()
    with uow() as u:
        entry = u.session.get(CatalogEntry, integration_id)
        assert entry is not None and entry.categories == ["Analytics"] and entry.test_password == "hunter2"
        assert "hunter2" not in repr(entry) and "help@" not in repr(entry)


def test_one_workspace_verifies_an_integration_once(uow: UowFactory, clock: FrozenClock) -> None:
    _, integration_id = add_rocket(uow, clock())
    add = lambda u: u.verifications.add_verification(
        integration_id,
        customer="Globex",
        workspace="globex",
        contact="hank",
        verified_on=date(2026, 11, 20),
        notes=None,
        by="U0RILEY001",
        now=clock(),
    )
    with uow() as u:
        add(u)
        with pytest.raises(IntegrityError):
            add(u)


def test_two_staff_confirming_at_once_one_wins(uow: UowFactory, clock: FrozenClock) -> None:
    member, _ = add_rocket(uow, clock())
    verification_id = _record(uow, member, clock(), "globex")
    barrier, results = Barrier(2), []

    def confirm() -> None:
        barrier.wait()
        try:
            _confirm(uow, verification_id, clock())
            results.append("won")
        except Conflict as error:
            results.append(error.user_message)

    threads = [Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results.count("won") == 1
    assert any("Already confirmed by <@U0STAFF001>" in r for r in results)


def test_the_public_beta_gates_refuse_until_metadata_and_a_confirmed_customer(
    uow: UowFactory, clock: FrozenClock
) -> None:
    member, integration_id = add_rocket(uow, clock())
    approve = lambda: decide_on_card(
        program(uow, clock()), STAFF, Action.APPROVE_PUBLIC_BETA, integration_id, Stage.PRIVATE_BETA
    )
    with pytest.raises(IllegalTransition, match="catalog metadata is not complete"):
        approve()
    with uow() as u:
        u.catalog.save_catalog(integration_id, COMPLETE, "U0RILEY001", clock())
        u.commit()
    with pytest.raises(IllegalTransition, match="launch rule is not met"):
        approve()
    _confirm(uow, _record(uow, member, clock(), "globex"), clock())

    assert approve().stage is Stage.PUBLIC_BETA


def test_facts_without_a_unit_of_work_keep_the_old_merged_only_behaviour(uow: UowFactory, clock: FrozenClock) -> None:
    _, integration_id = add_rocket(uow, clock())
    with uow() as u:
        integration = u.integrations.get(integration_id)
        assert merge_facts(integration).merged and not merge_facts(integration).metadata_complete


def test_days_in_stage_count_from_the_release_or_the_audit_trail(uow: UowFactory, clock: FrozenClock) -> None:
    _, integration_id = add_rocket(uow, clock(), stage=Stage.PUBLIC_BETA)
    with uow() as u:
        integration = u.integrations.get(integration_id)
        assert u.audit.entered_stage(integration, Stage.PRIVATE_BETA) == clock() - timedelta(days=5)
        u.audit.record(
            subject_type="integration",
            subject_id=integration_id,
            subject_key="rocket-metrics",
            action=Action.APPROVE_PUBLIC_BETA,
            actor="U0STAFF001",
            from_stage="private_beta",
            to_stage="public_beta",
            note=None,
            at=clock() - timedelta(days=3),
        )
        u.commit()
        status = launch_status(u, integration, "docs-2-weeks-2-users", clock())
        assert status.evaluation is not None
        days = Requirement(Need.DAYS, 14, Stage.PUBLIC_BETA)
        assert Shortfall(days, have=3) in status.evaluation.missing


def test_the_fifth_confirmed_customer_opens_the_oauth_request_once(uow: UowFactory, clock: FrozenClock) -> None:
    member, integration_id = add_rocket(uow, clock(), stage=Stage.PUBLIC_BETA)
    ids = [_record(uow, member, clock(), f"workspace-{n}") for n in range(6)]
    for verification_id in ids[:4]:
        _confirm(uow, verification_id, clock())
    with uow() as u:
        assert not u.session.scalars(select(StaffRequest)).all()

    _confirm(uow, ids[4], clock())
    _confirm(uow, ids[5], clock())

    with uow() as u:
        requests = u.session.scalars(select(StaffRequest)).all()
        assert [(r.kind, r.status) for r in requests] == [("oauth", "open")]
        notices = u.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "oauth_request")).all()
        assert {m.channel for m in notices} == {"C0ROCKET01", "U0RILEY001"}
        missing = launch_status(u, u.integrations.get(integration_id), RULE, clock() + timedelta(days=30))
        assert missing.evaluation is not None and any(
            m.requirement.need is Need.OAUTH for m in missing.evaluation.missing
        )
    checklist.save(program(uow, clock()), member, "rocket-metrics", ["oauth"])
    with uow() as u:
        status = launch_status(u, u.integrations.get(integration_id), RULE, clock() + timedelta(days=30))
        assert status.ready


def test_a_ready_card_is_posted_once_per_stage(uow: UowFactory, clock: FrozenClock) -> None:
    member, integration_id = add_rocket(uow, clock())
    with uow() as u:
        u.catalog.save_catalog(integration_id, COMPLETE, "U0RILEY001", clock())
        u.commit()
    _confirm(uow, _record(uow, member, clock(), "globex"), clock())
    _confirm(uow, _record(uow, member, clock(), "initech"), clock())

    with uow() as u:
        cards = u.session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("launch_ready:%"))).all()
        assert [c.dedupe_key for c in cards] == [f"launch_ready:{integration_id}:private_beta"]
        card = load_payload(cards[0].kind, cards[0].payload)
        assert isinstance(card, ReviewCard) and "approve_public_beta" in card.card.actions
        assert u.integrations.get(integration_id).card_key == cards[0].dedupe_key
        assert not post_card_when_ready(u, program(uow, clock()), u.integrations.get(integration_id), clock())


def test_another_rule_changes_what_public_needs(uow: UowFactory, clock: FrozenClock) -> None:
    member, integration_id = add_rocket(uow, clock(), stage=Stage.PUBLIC_BETA)
    _confirm(uow, _record(uow, member, clock(), "globex"), clock())
    with uow() as u:
        integration = u.integrations.get(integration_id)
        assert not lifecycle_facts(u, integration, "docs-2-weeks-2-users", clock()).launch_rule_met
        assert lifecycle_facts(u, integration, "contributing-1-customer", clock()).launch_rule_met
