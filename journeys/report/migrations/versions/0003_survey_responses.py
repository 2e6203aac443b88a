"""What surveyed customers said (CES, NPS, CSAT), imported from survey tools' exports
beside the walks.

Revision ID: 0003 Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A frozen copy of the table at this revision, not journeys.report.history_schema's.
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("responded_at", sa.String(40), nullable=False),
        sa.Column("question", sa.String(8), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("tag", sa.String(255), nullable=False),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.Column("respondent", sa.String(128), nullable=False, server_default=""),
        sa.Column("imported_at", sa.String(40), nullable=False),
    )
    op.create_index(
        "ix_survey_responses_at", "survey_responses", ["responded_at"]
    )  # the page reads a period of them
    op.create_index("ix_survey_responses_source", "survey_responses", ["source"])


def downgrade() -> None:
    op.drop_index("ix_survey_responses_source", table_name="survey_responses")
    op.drop_index("ix_survey_responses_at", table_name="survey_responses")
    op.drop_table("survey_responses")
