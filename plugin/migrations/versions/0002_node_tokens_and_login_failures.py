"""node tokens and login failures

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 15:28:14.502191
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("username", sa.String(length=255), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_failed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username"),
    )
    op.create_table(
        "node_token_uses",
        sa.Column("jti", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("jti"),
    )
    with op.batch_alter_table("node_token_uses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_node_token_uses_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("node_token_uses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_node_token_uses_expires_at"))

    op.drop_table("node_token_uses")
    op.drop_table("login_failures")
