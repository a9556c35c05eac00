"""issues: the catalogs (types, priorities, statuses, resolutions, seeded), issues, labels, comments,
attachments, each project"s issue counter; the user `user` is called "User"

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 16:26:50.486126
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("issue_types",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=255), nullable=False),
    sa.Column("subtask", sa.Boolean(), nullable=False),
    sa.Column("description", sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("name")
    )
    op.create_table("priorities",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=255), nullable=False),
    sa.Column("sequence", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("name")
    )
    op.create_table("resolutions",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=255), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("name")
    )
    op.create_table("statuses",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=255), nullable=False),
    sa.Column("category", sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("name")
    )
    op.create_table("issues",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("number", sa.Integer(), nullable=False),
    sa.Column("key", sa.String(length=32), nullable=False),
    sa.Column("issue_type_id", sa.Integer(), nullable=False),
    sa.Column("summary", sa.String(length=255), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    sa.Column("status_id", sa.Integer(), nullable=False),
    sa.Column("priority_id", sa.Integer(), nullable=True),
    sa.Column("resolution_id", sa.Integer(), nullable=True),
    sa.Column("assignee_id", sa.Integer(), nullable=True),
    sa.Column("reporter_id", sa.Integer(), nullable=False),
    sa.Column("parent_id", sa.Integer(), nullable=True),
    sa.Column("created", sa.DateTime(), nullable=False),
    sa.Column("updated", sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(["assignee_id"], ["users.id"], ),
    sa.ForeignKeyConstraint(["issue_type_id"], ["issue_types.id"], ),
    sa.ForeignKeyConstraint(["parent_id"], ["issues.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["priority_id"], ["priorities.id"], ),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ),
    sa.ForeignKeyConstraint(["reporter_id"], ["users.id"], ),
    sa.ForeignKeyConstraint(["resolution_id"], ["resolutions.id"], ),
    sa.ForeignKeyConstraint(["status_id"], ["statuses.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("key")
    )
    with op.batch_alter_table("issues", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_issues_created"), ["created"], unique=False)
        batch_op.create_index("ix_issues_project_id_created", ["project_id", "created"], unique=False)
        batch_op.create_index(batch_op.f("ix_issues_updated"), ["updated"], unique=False)

    op.create_table("attachments",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("issue_id", sa.Integer(), nullable=False),
    sa.Column("filename", sa.String(length=255), nullable=False),
    sa.Column("mime_type", sa.String(length=255), nullable=False),
    sa.Column("size", sa.Integer(), nullable=False),
    sa.Column("author_id", sa.Integer(), nullable=False),
    sa.Column("created", sa.DateTime(), nullable=False),
    sa.Column("content", sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(["author_id"], ["users.id"], ),
    sa.ForeignKeyConstraint(["issue_id"], ["issues.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachments_issue_id"), ["issue_id"], unique=False)

    op.create_table("comments",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("issue_id", sa.Integer(), nullable=False),
    sa.Column("author_id", sa.Integer(), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("created", sa.DateTime(), nullable=False),
    sa.Column("updated", sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(["author_id"], ["users.id"], ),
    sa.ForeignKeyConstraint(["issue_id"], ["issues.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comments_issue_id"), ["issue_id"], unique=False)

    op.create_table("issue_labels",
    sa.Column("issue_id", sa.Integer(), nullable=False),
    sa.Column("label", sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(["issue_id"], ["issues.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("issue_id", "label")
    )
    with op.batch_alter_table("issue_labels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_issue_labels_label"), ["label"], unique=False)

    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("issue_counter", sa.Integer(), server_default="0", nullable=False))
    _seed_catalogs()
    op.execute(sa.text("UPDATE users SET display_name = 'User' WHERE username = 'user' AND display_name = 'Jira User'"))


def _seed_catalogs() -> None:
    """The catalogs every instance starts with, as Jira ships them (ids as in a new Jira)."""
    metadata = sa.MetaData()
    tables = {name: sa.Table(name, metadata, autoload_with=op.get_bind())
              for name in ("issue_types", "priorities", "statuses", "resolutions")}
    op.bulk_insert(tables["issue_types"], [
        {"id": 10000, "name": "Bug", "subtask": False,
         "description": "A problem which impairs or prevents the functions of the product."},
        {"id": 10001, "name": "Task", "subtask": False, "description": "A task that needs to be done."},
        {"id": 10002, "name": "Story", "subtask": False, "description": "A user story."},
        {"id": 10003, "name": "Epic", "subtask": False,
         "description": "A big user story that needs to be broken down."},
        {"id": 10004, "name": "Sub-task", "subtask": True, "description": "The sub-task of the issue."},
    ])
    op.bulk_insert(tables["priorities"], [
        {"id": number, "name": name, "sequence": number}
        for number, name in enumerate(("Highest", "High", "Medium", "Low", "Lowest"), start=1)
    ])
    op.bulk_insert(tables["statuses"], [
        {"id": 10000, "name": "To Do", "category": "new"},
        {"id": 3, "name": "In Progress", "category": "indeterminate"},
        {"id": 10001, "name": "Done", "category": "done"},
    ])
    op.bulk_insert(tables["resolutions"], [
        {"id": 10000, "name": "Done"}, {"id": 10001, "name": "Won't Do"}, {"id": 10002, "name": "Duplicate"},
    ])


def downgrade() -> None:
    op.execute(sa.text("UPDATE users SET display_name = 'Jira User' WHERE username = 'user' AND display_name = 'User'"))
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_column("issue_counter")

    with op.batch_alter_table("issue_labels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issue_labels_label"))

    op.drop_table("issue_labels")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comments_issue_id"))

    op.drop_table("comments")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_issue_id"))

    op.drop_table("attachments")
    with op.batch_alter_table("issues", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issues_updated"))
        batch_op.drop_index("ix_issues_project_id_created")
        batch_op.drop_index(batch_op.f("ix_issues_created"))

    op.drop_table("issues")
    op.drop_table("statuses")
    op.drop_table("resolutions")
    op.drop_table("priorities")
    op.drop_table("issue_types")
