"""Catalog metadata, Public Beta checklist ticks, customer verifications.

Revision ID: 0005_launch
Revises: 0004_releases
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_launch"
down_revision = "0004_releases"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _integration() -> sa.Column:
    return sa.Column(
        "integration_id", sa.Integer, sa.ForeignKey("integrations.id", ondelete="CASCADE"), nullable=False, index=True
    )


def upgrade() -> None:
    _catalog_metadata()
    _checklist_ticks()
    _customer_verifications()


def _catalog_metadata() -> None:
    op.create_table(
        "catalog_metadata",
        sa.Column("integration_id", sa.Integer, sa.ForeignKey("integrations.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("pr_url", sa.String(300), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("website", sa.String(300), nullable=False),
        sa.Column("categories", sa.JSON, nullable=False),
        sa.Column("logo_svg", sa.Text, nullable=False),
        sa.Column("mark_svg", sa.Text, nullable=False),
        sa.Column("support_email", sa.String(300), nullable=False),
        sa.Column("test_username", sa.String(300), nullable=False),
        sa.Column("test_password", sa.String(300), nullable=False),
        sa.Column("test_notes", sa.Text, nullable=False),
        sa.Column("updated_by", sa.String(32), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )


def _checklist_ticks() -> None:
    op.create_table(
        "checklist_ticks",
        sa.Column("id", sa.Integer, primary_key=True),
        _integration(),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("ticked_by", sa.String(32), nullable=False),
        sa.Column("ticked_at", TS, nullable=False),
        sa.UniqueConstraint("integration_id", "item", name="uq_checklist_ticks_item"),
    )


def _customer_verifications() -> None:
    op.create_table(
        "customer_verifications",
        sa.Column("id", sa.Integer, primary_key=True),
        _integration(),
        sa.Column("customer", sa.String(200), nullable=False),
        sa.Column("workspace", sa.String(200), nullable=False),
        sa.Column("contact", sa.String(300), nullable=False),
        sa.Column("verified_on", sa.Date, nullable=False),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("recorded_by", sa.String(32), nullable=False),
        sa.Column("recorded_at", TS, nullable=False),
        sa.Column("decided_by", sa.String(32), nullable=True),
        sa.Column("decided_at", TS, nullable=True),
        sa.Column("card_key", sa.String(255), nullable=True),
        sa.UniqueConstraint("integration_id", "workspace", name="uq_verifications_workspace"),
    )


def downgrade() -> None:
    for table in ("customer_verifications", "checklist_ticks", "catalog_metadata"):
        op.drop_table(table)
