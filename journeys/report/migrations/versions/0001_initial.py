"""The history as journeys wrote it before migrations: runs, journeys, frictions.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A frozen copy of that schema, not journeys.report.history_schema: the code moves
    # on, a revision does not.
    op.create_table(
        "runs",
        sa.Column("run_id", sa.String(64), primary_key=True),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("finished_at", sa.String(40), nullable=False),
        sa.Column("commit", sa.String(64), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("demo", sa.String(32), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("browser", sa.String(128), nullable=False),
        sa.Column("duration_s", sa.Float, nullable=False),
    )
    op.create_index("ix_runs_started_at", "runs", ["started_at"])
    op.create_table(
        "journeys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "run_id",
            sa.String(64),
            sa.ForeignKey("runs.run_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("feature", sa.Text, nullable=False),
        sa.Column("scenario", sa.Text, nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("steps", sa.Integer, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("points", sa.Float, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index("ix_journeys_run", "journeys", ["run_id"])
    op.create_index("ix_journeys_key", "journeys", ["feature", "scenario"])
    op.create_table(
        "frictions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "journey_id",
            sa.Integer,
            sa.ForeignKey("journeys.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("run_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("points", sa.Float, nullable=False),
        sa.Column("step", sa.Integer, nullable=False),
        sa.Column("step_text", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("where", sa.Text, nullable=False),
        sa.Column("screenshot", sa.Text, nullable=False),
    )
    op.create_index("ix_frictions_journey_id", "frictions", ["journey_id"])
    op.create_index("ix_frictions_run_id", "frictions", ["run_id"])
    op.create_index("ix_frictions_kind", "frictions", ["kind"])


def downgrade() -> None:
    op.drop_table("frictions")
    op.drop_table("journeys")
    op.drop_table("runs")
