"""The bench fixture grows a database in steps, and the bot can still add partners afterwards."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, func, select

from bench.load import load
from slackbot.domain.lifecycle import Stage
from storage.db import session_factory
from storage.models.partners import Integration, Partner, PartnerMember
from storage.uow import uow_factory


def _count(engine: Engine, model: type[object]) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def test_loading_10_then_growing_to_25_partners_inserts_each_partner_once_with_its_members_and_integrations(
    engine: Engine,
) -> None:
    load(engine, 10, 3)
    load(engine, 25, 3, start=10)

    assert (_count(engine, Partner), _count(engine, PartnerMember), _count(engine, Integration)) == (25, 25, 75)


def test_a_partner_added_after_the_bulk_load_gets_a_fresh_id(engine: Engine) -> None:
    load(engine, 5, 1)
    with uow_factory(session_factory(engine))() as uow:
        added = uow.partners.add("After The Load", Stage.BUILDING, None, datetime(2026, 11, 23, tzinfo=UTC))
        uow.commit()

        assert added.id == 6
