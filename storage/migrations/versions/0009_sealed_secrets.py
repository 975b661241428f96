"""Test-account passwords are stored sealed (fernet:<token>), longer than the plaintext they replace.

Revision ID: 0009_sealed_secrets
Revises: 0008_github_deliveries
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_sealed_secrets"
down_revision = "0008_github_deliveries"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("catalog_metadata") as batch:
        batch.alter_column("test_password", type_=sa.Text(), existing_type=sa.String(300), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("catalog_metadata") as batch:
        batch.alter_column("test_password", type_=sa.String(300), existing_type=sa.Text(), existing_nullable=False)
