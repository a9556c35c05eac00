"""connections: the Initiate wizard's request id, so a repeated submit finds what the first made

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 16:10:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("connections") as batch:
        batch.add_column(sa.Column("request_id", sa.String(length=32), nullable=True))
        batch.create_unique_constraint("uq_connections_request_id", ["request_id"])


def downgrade() -> None:
    with op.batch_alter_table("connections") as batch:
        batch.drop_constraint("uq_connections_request_id", type_="unique")
        batch.drop_column("request_id")
