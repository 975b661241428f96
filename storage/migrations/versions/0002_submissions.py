"""Access requests (survey on partners), review cards, staff requests, threaded outbox messages.

Revision ID: 0002_submissions
Revises: 0001_initial
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_submissions"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        batch.add_column(sa.Column("website", sa.String(300), nullable=True))
        batch.add_column(sa.Column("survey", sa.JSON, nullable=True))
        batch.add_column(sa.Column("requested_by", sa.String(32), nullable=True))
        batch.add_column(sa.Column("card_key", sa.String(255), nullable=True))
    with op.batch_alter_table("integrations") as batch:
        batch.add_column(sa.Column("card_key", sa.String(255), nullable=True))
        batch.add_column(sa.Column("submitted_by", sa.String(32), nullable=True))
        batch.add_column(sa.Column("submission_count", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("thread_of", sa.String(255), nullable=True))
    op.create_table(
        "staff_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "integration_id",
            sa.Integer,
            sa.ForeignKey("integrations.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested_by", sa.String(32), nullable=False),
        sa.Column("requested_at", TS, nullable=False),
        sa.Column("answer", sa.Text, nullable=True),
        sa.Column("answered_by", sa.String(32), nullable=True),
        sa.Column("answered_at", TS, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("staff_requests")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("thread_of")
    with op.batch_alter_table("integrations") as batch:
        for column in ("submission_count", "submitted_by", "card_key"):
            batch.drop_column(column)
    with op.batch_alter_table("partners") as batch:
        for column in ("card_key", "requested_by", "survey", "website"):
            batch.drop_column(column)
