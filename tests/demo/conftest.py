"""The demo shop served for real on 127.0.0.1, once per module and mode, driven over
HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from journeys.demo import serve

TOKEN = "test-support-token"


@pytest.fixture(scope="module", params=["smooth", "potholed"])
def shop(request) -> Iterator[tuple[str, str]]:
    """(mode, url) of a running shop, for tests that hold in both modes."""
    with serve(request.param, support_token=TOKEN) as server:
        yield request.param, server.url


@pytest.fixture(scope="module")
def smooth_url() -> Iterator[str]:
    with serve("smooth", support_token=TOKEN) as server:
        yield server.url


@pytest.fixture(scope="module")
def potholed_url() -> Iterator[str]:
    with serve("potholed", support_token=TOKEN) as server:
        yield server.url


def client(url: str) -> httpx.Client:
    """A fresh visitor: its own cookies, like a new browser context."""
    return httpx.Client(base_url=url, follow_redirects=True, timeout=10.0)
