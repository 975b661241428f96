"""Knowledge base in the database: entries, version counter, asked questions, escalations to staff.

Revision ID: 0003_kb
Revises: 0002_submissions
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_kb"
down_revision = "0002_submissions"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    _kb_entries()
    _kb_version()
    _kb_questions()
    _kb_escalations()


def _kb_entries() -> None:
    op.create_table(
        "kb_entries",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("questions", sa.JSON, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("origin", sa.String(8), nullable=False),
        sa.Column("file", sa.String(100), nullable=True),
        sa.Column("position", sa.Integer, nullable=True),
        sa.Column("created_by", sa.String(32), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )


def _kb_version() -> None:
    op.create_table(
        "kb_version",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer, nullable=False),
    )


def _kb_questions() -> None:
    op.create_table(
        "kb_questions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("asker", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(32), nullable=True),
        sa.Column("thread_ts", sa.String(32), nullable=True),
        sa.Column("best_entry_id", sa.String(80), nullable=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("answered", sa.Boolean, nullable=False),
        sa.Column("feedback", sa.String(16), nullable=True),
        sa.Column("feedback_at", TS, nullable=True),
        sa.Column("escalated", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False, index=True),
    )


def _kb_escalations() -> None:
    op.create_table(
        "kb_escalations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "question_id", sa.Integer, sa.ForeignKey("kb_questions.id", ondelete="CASCADE"), nullable=False, unique=True
        ),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("asker", sa.String(32), nullable=False),
        sa.Column("partner_channel", sa.String(32), nullable=False),
        sa.Column("partner_thread_ts", sa.String(32), nullable=True),
        sa.Column("staff_channel", sa.String(32), nullable=False),
        sa.Column("staff_key", sa.String(255), nullable=False),
        sa.Column("staff_ts", sa.String(32), nullable=True),
        sa.Column("relay_key", sa.String(255), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("answered_by", sa.String(32), nullable=True),
        sa.Column("answered_at", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_kb_escalations_staff_ts", "kb_escalations", ["staff_channel", "staff_ts"])


def downgrade() -> None:
    op.drop_index("ix_kb_escalations_staff_ts", table_name="kb_escalations")
    for table in ("kb_escalations", "kb_questions", "kb_version", "kb_entries"):
        op.drop_table(table)
