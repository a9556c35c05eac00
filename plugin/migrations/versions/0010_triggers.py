"""triggers: per connection, a JQL query whose matching issues sync with it, notes and an active switch;
they go with their connection

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 19:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("triggers",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("connection_id", sa.Integer(), nullable=False),
    sa.Column("entity_type", sa.String(length=16), nullable=False),
    sa.Column("jql", sa.Text(), nullable=False),
    sa.Column("notes", sa.Text(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(["connection_id"], ["connections.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id")
    )
    op.create_index(op.f("ix_triggers_connection_id"), "triggers", ["connection_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_triggers_connection_id"), table_name="triggers")
    op.drop_table("triggers")
