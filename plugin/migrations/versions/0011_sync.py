"""sync: twins and their traces, the outgoing queue (sync events), the incoming queue (sync requests)
and sync errors

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 19:10:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _enum(*names: str) -> sa.Enum:
    return sa.Enum(*names, native_enum=False, length=16)


STATE = ("PENDING", "DONE", "ERROR")
KIND = ("REPLICA", "UNEXALATE", "ACK")


def _queue_columns() -> list:
    return [
        sa.Column("kind", _enum(*KIND), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", _enum(*STATE), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("claim", sa.String(length=32), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "sync_twins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("local_issue_id", sa.Integer(), nullable=False),
        sa.Column("remote_issue_id", sa.String(length=64), nullable=True),
        sa.Column("remote_issue_key", sa.String(length=32), nullable=True),
        sa.Column("remote_issue_url", sa.String(length=255), nullable=True),
        sa.Column("status", _enum("WAITING", "IN_PROGRESS", "SYNCHRONIZED", "ERROR"), nullable=False),
        sa.Column("last_sync", sa.DateTime(), nullable=True),
        sa.Column("local_replica", sa.Text(), nullable=True),
        sa.Column("remote_replica", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["connection_id"], ["connections.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["local_issue_id"], ["issues.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("connection_id", "local_issue_id"),
    )
    op.create_index("ix_sync_twins_local_issue_id", "sync_twins", ["local_issue_id"])
    op.create_index("ix_sync_twins_connection_id_remote_issue_id", "sync_twins", ["connection_id", "remote_issue_id"])
    op.create_table(
        "sync_traces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("twin_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("COMMENT", "ATTACHMENT"), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("remote_id", sa.String(length=64), nullable=False),
        sa.Column("copy", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["twin_id"], ["sync_twins.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sync_traces_twin_id", "sync_traces", ["twin_id"])
    op.create_table(
        "sync_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("issue_key", sa.String(length=32), nullable=False),
        *_queue_columns(),
        sa.ForeignKeyConstraint(["connection_id"], ["connections.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sync_events_state_next_attempt", "sync_events", ["state", "next_attempt_at"])
    op.create_index("ix_sync_events_connection_id_issue_id", "sync_events", ["connection_id", "issue_id"])
    op.create_table(
        "sync_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("remote_issue_id", sa.String(length=64), nullable=False),
        sa.Column("remote_issue_key", sa.String(length=32), nullable=False),
        *_queue_columns(),
        sa.ForeignKeyConstraint(["connection_id"], ["connections.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("connection_id", "event_id"),
    )
    op.create_index("ix_sync_requests_state_next_attempt", "sync_requests", ["state", "next_attempt_at"])
    op.create_index("ix_sync_requests_connection_id_remote_issue_id", "sync_requests",
                    ["connection_id", "remote_issue_id"])
    op.create_table(
        "sync_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", _enum("OPEN", "RESOLVED"), nullable=False),
        sa.Column("impact", _enum("ISSUE", "CONNECTION", "NODE"), nullable=False),
        sa.Column("type", _enum("SCRIPT", "ISSUE_TRACKER", "NETWORK", "AUTH"), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("twin_id", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("local_issue_key", sa.String(length=32), nullable=True),
        sa.Column("remote_issue_key", sa.String(length=32), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["connection_id"], ["connections.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["twin_id"], ["sync_twins.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["request_id"], ["sync_requests.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["event_id"], ["sync_events.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sync_errors_status_connection_id", "sync_errors", ["status", "connection_id"])


def downgrade() -> None:
    op.drop_table("sync_errors")
    op.drop_table("sync_requests")
    op.drop_table("sync_events")
    op.drop_table("sync_traces")
    op.drop_table("sync_twins")
