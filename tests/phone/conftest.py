"""The test phone lines and the demo shop, served for real on 127.0.0.1 for the phone
tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from journeys.demo import serve
from journeys.effort.ledger import Ledger
from journeys.shopper import make_persona
from journeys.shopper.phone import PhoneConfig, PhoneLine
from tests.conftest import serve_app
from tests.phone.lines import phone_lines


@pytest.fixture(scope="module")
def lines_url() -> Iterator[dict[str, str]]:
    """mode -> the URL of the test companies' lines in that mode."""
    with (
        serve_app(phone_lines("smooth")) as smooth,
        serve_app(phone_lines("potholed")) as potholed,
    ):
        yield {"smooth": smooth, "potholed": potholed}


@pytest.fixture(scope="module")
def demo_url() -> Iterator[dict[str, str]]:
    with (
        serve("smooth", support_token="t") as smooth,
        serve("potholed", support_token="t") as potholed,
    ):
        yield {"smooth": smooth.url, "potholed": potholed.url}


def line_for(
    base_url: str, adapter: str, webhook: str, **settings: object
) -> PhoneLine:
    """A caller with a fresh persona and ledger on the line at `webhook`."""
    persona = make_persona(7, f"phone-test-{adapter}-{webhook}")
    return PhoneLine(
        PhoneConfig(adapter=adapter, webhook=webhook, **settings),
        base_url=base_url,
        ledger=Ledger(),
        persona=persona,
    )  # type: ignore[arg-type]
