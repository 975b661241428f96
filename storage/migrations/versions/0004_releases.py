"""Release freezes, emergency releases, announcements, scheduler lock.

Revision ID: 0004_releases
Revises: 0003_kb
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_releases"
down_revision = "0003_kb"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "release_freezes",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("reason", sa.String(300), nullable=True),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "emergency_releases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("release_date", sa.Date, nullable=False, index=True),
        sa.Column("cutoff", TS, nullable=False),
        sa.Column("reason", sa.String(300), nullable=True),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "announcements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("stages", sa.JSON, nullable=True),
        sa.Column("payload", sa.JSON, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("channel_count", sa.Integer, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("sent_at", TS, nullable=True),
    )
    op.create_table(
        "scheduler_lock",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("holder", sa.String(128), nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )


def downgrade() -> None:
    for table in ("scheduler_lock", "announcements", "emergency_releases", "release_freezes"):
        op.drop_table(table)
