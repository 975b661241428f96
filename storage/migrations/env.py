"""Alembic environment: runs on the engine the caller put in config.attributes."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from storage.models.base import Base

# APScheduler owns its own table; autogenerate must never propose dropping it.
FOREIGN_TABLES = {"apscheduler_jobs"}


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    """Leave tables we do not own alone."""
    return not (type_ == "table" and name in FOREIGN_TABLES)


def run_migrations() -> None:
    """Run migrations online against the configured engine."""
    config = context.config
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
