"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29 15:22:56.640348
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "connections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("name_key", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("PENDING", "ACTIVE", "DEACTIVATED", "ERROR", name="status", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column(
            "mode", sa.Enum("BASIC", "VISUAL", "SCRIPT", name="mode", native_enum=False, length=16), nullable=False
        ),
        sa.Column(
            "type",
            sa.Enum("PUBLIC", "PRIVATE", "LOCAL", name="connectiontype", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("role", sa.Enum("INITIATOR", "ACCEPTOR", name="role", native_enum=False, length=16), nullable=False),
        sa.Column("local_short_name", sa.String(length=64), nullable=False),
        sa.Column("remote_short_name", sa.String(length=64), nullable=False),
        sa.Column("project_key", sa.String(length=16), nullable=False),
        sa.Column("remote_url", sa.String(length=255), nullable=True),
        sa.Column("remote_uid", sa.String(length=32), nullable=True),
        sa.Column("shared_secret", sa.String(length=128), nullable=False),
        sa.Column("invitation_id", sa.String(length=32), nullable=True),
        sa.Column("invitation_code", sa.Text(), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("outgoing_rules", sa.Text(), nullable=False),
        sa.Column("incoming_rules", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("invitation_id"),
        sa.UniqueConstraint("name_key"),
        sa.UniqueConstraint("uid"),
    )
    op.create_table(
        "instance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("secret_key", sa.String(length=128), nullable=False),
        sa.Column("exalate_url", sa.String(length=255), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column(
            "license_type",
            sa.Enum("EVALUATION", "PAID", "FREE", "NONE", name="licensetype", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("license_expires_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("lead", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=False),
        sa.Column("display_name", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )


def downgrade() -> None:
    op.drop_table("users")
    op.drop_table("projects")
    op.drop_table("instance")
    op.drop_table("connections")
