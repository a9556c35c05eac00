"""visual configuration: a Visual connection's configuration, whether an end sends, the triggers it made

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 01:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("visual_configs",
    sa.Column("connection_id", sa.Integer(), nullable=False),
    sa.Column("config", sa.Text(), nullable=False),
    sa.Column("published_at", sa.DateTime(), nullable=True),
    sa.Column("configured_from", sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(["connection_id"], ["connections.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("connection_id")
    )
    with op.batch_alter_table("connections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sends", sa.Boolean(), server_default=sa.true(), nullable=False))
    with op.batch_alter_table("triggers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visual", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("triggers", schema=None) as batch_op:
        batch_op.drop_column("visual")
    with op.batch_alter_table("connections", schema=None) as batch_op:
        batch_op.drop_column("sends")
    op.drop_table("visual_configs")
