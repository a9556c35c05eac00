"""issues: an index on the parent (of sub-tasks only), for an issue's sub-tasks (read with every issue
answered) and for deleting an issue with its sub-tasks; the labels' index covers the issue ids, so that
"labels = x" reads the label's issues from it alone

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 18:10:00.000000
"""

import sqlalchemy as sa
from alembic import op

SUBTASKS = sa.text("parent_id IS NOT NULL")

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_issues_parent_id", "issues", ["parent_id"], unique=False, sqlite_where=SUBTASKS,
                    postgresql_where=SUBTASKS)
    op.drop_index("ix_issue_labels_label", table_name="issue_labels")
    op.create_index("ix_issue_labels_label_issue_id", "issue_labels", ["label", "issue_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_issue_labels_label_issue_id", table_name="issue_labels")
    op.create_index("ix_issue_labels_label", "issue_labels", ["label"], unique=False)
    op.drop_index("ix_issues_parent_id", table_name="issues")
