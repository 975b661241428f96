"""Partners have a contact email, may turn email off, and remember when the mail server refused the address.

Revision ID: 0010_email_partner_contact
Revises: 0009_sealed_secrets
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_email_partner_contact"
down_revision = "0009_sealed_secrets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        batch.add_column(sa.Column("email", sa.String(254), nullable=True))
        batch.add_column(sa.Column("email_opted_out", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("email_refused_reason", sa.String(500), nullable=True))
        batch.add_column(sa.Column("email_refused_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        batch.drop_column("email_refused_at")
        batch.drop_column("email_refused_reason")
        batch.drop_column("email_opted_out")
        batch.drop_column("email")
