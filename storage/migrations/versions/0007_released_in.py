"""Integrations remember the release day they shipped in.

Revision ID: 0007_released_in
Revises: 0006_announcement_pings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_released_in"
down_revision = "0006_announcement_pings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("integrations") as batch:
        batch.add_column(sa.Column("released_in", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("integrations") as batch:
        batch.drop_column("released_in")
