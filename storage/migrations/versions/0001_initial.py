"""Partners, members, integrations, audit log, outbox, processed events.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    _partners()
    _partner_members()
    _integrations()
    _audit_log()
    _outbox()
    _processed_events()


def _partners() -> None:
    op.create_table(
        "partners",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("channel_id", sa.String(32), nullable=True, index=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )


def _partner_members() -> None:
    op.create_table(
        "partner_members",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slack_user_id", sa.String(32), nullable=False, unique=True),
        sa.Column(
            "partner_id", sa.Integer, sa.ForeignKey("partners.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("is_external", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )


def _integrations() -> None:
    op.create_table(
        "integrations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "partner_id", sa.Integer, sa.ForeignKey("partners.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("slug", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False, index=True),
        sa.Column("pr_url", sa.String(300), nullable=True),
        *(
            sa.Column(name, TS, nullable=True)
            for name in ("submitted_at", "review_due_at", "approved_at", "merged_at", "released_at")
        ),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )


def _audit_log() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("subject_type", sa.String(32), nullable=False),
        sa.Column("subject_id", sa.Integer, nullable=False),
        sa.Column("subject_key", sa.String(200), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("actor_user_id", sa.String(32), nullable=False),
        sa.Column("from_stage", sa.String(32), nullable=True),
        sa.Column("to_stage", sa.String(32), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("at", TS, nullable=False, index=True),
    )
    op.create_index("ix_audit_subject", "audit_log", ["subject_type", "subject_id"])


def _outbox() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dedupe_key", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("thread_ts", sa.String(32), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", TS, nullable=False),
        sa.Column("claimed_until", TS, nullable=True),
        sa.Column("last_error", sa.String(500), nullable=True),
        sa.Column("sent_channel", sa.String(32), nullable=True),
        sa.Column("sent_ts", sa.String(32), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("sent_at", TS, nullable=True),
        sa.UniqueConstraint("dedupe_key", name="uq_outbox_dedupe_key"),
    )
    op.create_index("ix_outbox_due", "outbox", ["status", "next_attempt_at"])


def _processed_events() -> None:
    op.create_table(
        "processed_events",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("received_at", TS, nullable=False),
    )


def downgrade() -> None:
    for table in ("processed_events", "outbox", "audit_log", "integrations", "partner_members", "partners"):
        op.drop_table(table)
