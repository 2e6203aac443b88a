"""A run's seed takes any 64-bit value: every walk now draws a new one (PostgreSQL's
INTEGER holds 32 bits).

Revision ID: 0004 Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite's INTEGER already holds 64 bits, and it cannot alter a column in place:
    # nothing to do there.
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "runs",
            "seed",
            type_=sa.BigInteger(),
            existing_type=sa.Integer(),
            existing_nullable=False,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "runs",
            "seed",
            type_=sa.Integer(),
            existing_type=sa.BigInteger(),
            existing_nullable=False,
        )
