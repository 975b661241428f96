"""GitHub webhook deliveries and applied pull request facts; audit actors long enough for github:<login>.

Revision ID: 0008_github_deliveries
Revises: 0007_released_in
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_github_deliveries"
down_revision = "0007_released_in"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "github_deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("delivery_id", sa.String(100), nullable=True),
        sa.Column("effect_key", sa.String(255), nullable=True),
        sa.Column("event", sa.String(64), nullable=False),
        sa.Column("pull_number", sa.Integer, nullable=True),
        sa.Column("integration_id", sa.Integer, nullable=True),
        sa.Column("outcome", sa.String(300), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("delivery_id", name="uq_github_deliveries_delivery_id"),
        sa.UniqueConstraint("effect_key", name="uq_github_deliveries_effect_key"),
    )
    with op.batch_alter_table("audit_log") as batch:  # GitHub logins are up to 39 characters
        batch.alter_column("actor_user_id", existing_type=sa.String(32), type_=sa.String(64), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("actor_user_id", existing_type=sa.String(64), type_=sa.String(32), existing_nullable=False)
    op.drop_table("github_deliveries")
