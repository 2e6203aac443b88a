"""Alembic's environment for the history: always run in-process, on the connection
journeys opened.
"""

from alembic import context

from journeys.report.history_schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit(
        "journeys upgrades its history itself when it opens it: run `journeys compare"
        " --list`, not alembic"
    )
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with (
    context.begin_transaction()
):  # a no-op: the caller's write transaction holds the lock and commits
    context.run_migrations()
