"""Announcements remember whether staff chose to notify everyone (@channel).

Revision ID: 0006_announcement_pings
Revises: 0005_launch
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_announcement_pings"
down_revision = "0005_launch"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("announcements") as batch:
        batch.add_column(sa.Column("notify_everyone", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("announcements") as batch:
        batch.drop_column("notify_everyone")
