"""destination info cache

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 15:44:33.373534
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "destination_info",
        sa.Column("url", sa.String(length=255), nullable=False),
        sa.Column("info", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("url"),
    )


def downgrade() -> None:
    op.drop_table("destination_info")
