"""Shared test helpers. Browser tests use pytest-playwright's `page` (journeys picks the Chromium)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from journeys.demo._server import AppServer


@contextlib.contextmanager
def serve_app(app) -> Iterator[str]:  # noqa: ANN001
    """Serve an ASGI app on a free loopback port for the duration of the block."""
    with AppServer(app, name="test site") as server:
        yield server.url
