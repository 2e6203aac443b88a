"""Runs record the device they were walked as ("" for desktop); trends and compare read
one device.

Revision ID: 0002 Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # server_default: the runs already stored were walked on desktop, and say so.
    op.add_column(
        "runs", sa.Column("device", sa.String(128), nullable=False, server_default="")
    )
    op.create_index("ix_runs_device_started", "runs", ["device", "started_at"])


def downgrade() -> None:
    op.drop_index("ix_runs_device_started", table_name="runs")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("device")
