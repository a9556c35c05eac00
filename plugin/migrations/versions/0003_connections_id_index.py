"""connections: a narrow index in id order, for counting and paging

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 15:50:00.000000
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_connections_id"), "connections", ["id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_connections_id"), table_name="connections")
