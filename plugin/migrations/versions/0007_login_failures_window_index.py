"""login_failures: an index on the window's start, for removing ended windows

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 16:30:00.000000
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_login_failures_first_failed_at"), "login_failures", ["first_failed_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_login_failures_first_failed_at"), table_name="login_failures")
