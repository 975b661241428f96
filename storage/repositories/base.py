"""Statements every repository shares."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_ignoring_conflicts(session: Session, model: type[Any], values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING RETURNING pk, on SQLite and PostgreSQL; True when a row was written."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    key = next(iter(model.__table__.primary_key.columns))
    statement = module.insert(model).values(**values).on_conflict_do_nothing().returning(key)
    # rowcount is not reliable for ORM-executed inserts (psycopg reports -1); RETURNING is.
    return session.execute(statement).first() is not None
