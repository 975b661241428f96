"""Engine, sessions and schema checks. Nothing is created at import time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


class SchemaNotReady(RuntimeError):
    """The database is not at the latest migration."""


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; for SQLite make the folder, enable foreign keys, WAL and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True, **kwargs
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # hide_parameters: a failed statement's error (which gets logged) must never carry partner secrets
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine) -> Config:
    """An Alembic config pointing at our migrations, bound to `engine` (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision`."""
    command.upgrade(alembic_config(engine), revision)


def head_revision() -> str:
    """The newest migration revision shipped with the code."""
    script = ScriptDirectory.from_config(alembic_config(create_engine("sqlite://")))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None when never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def require_current_schema(engine: Engine) -> None:
    """Refuse to run on a database that is not migrated to head."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        state = "not migrated" if current is None else f"at revision {current}, code expects {head}"
        raise SchemaNotReady(f"The database is {state}. Run `devcenter-bot db upgrade` first.")
