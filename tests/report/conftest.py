"""Records for the report tests: a smooth-like and a potholed-like walk, tiny PNGs, a
browser.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from journeys.effort.frictions import Friction
from journeys.effort.result import BudgetCheck, JourneyResult, PointLost, RunInfo

ARTIFACTS = Path(__file__).resolve().parents[2] / "reports" / "test-artifacts"


def tiny_png(
    width: int = 8, height: int = 6, rgb: tuple[int, int, int] = (200, 40, 40)
) -> bytes:
    """A valid PNG made of bytes: enough for an <img> to decode and show."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def run_info(run_id: str, day: int, **extra: object) -> RunInfo:
    return RunInfo(
        run_id=run_id,
        started_at=f"2026-03-{day:02d}T02:00:00Z",
        target="http://127.0.0.1:8000",
        **extra,
    )


def smooth_walk() -> list[JourneyResult]:
    return [
        JourneyResult(
            feature="Checkout",
            scenario="Guest buys a mug",
            stage="buy",
            steps=9,
            points=9.0,
            score=6.5,
        ),
        JourneyResult(
            feature="Help",
            scenario="Asks the bot about delivery",
            stage="support",
            steps=4,
            points=4.0,
            score=6.8,
        ),
        JourneyResult(
            feature="Account",
            scenario="Signs up",
            stage="access",
            steps=6,
            points=6.0,
            score=6.6,
        ),
    ]


def potholed_walk(screenshot: str = "") -> list[JourneyResult]:
    reentered = Friction(
        kind="reentered_data",
        points=4.0,
        step=5,
        step_text="When I fill in the delivery address",
        evidence="The customer typed their e-mail a second time.",
        where="http://127.0.0.1:8000/checkout",
        screenshot=screenshot,
    )
    dead_end = Friction(
        kind="dead_end",
        points=6.0,
        step=7,
        step_text="When I pay",
        evidence="The Pay button did nothing.",
        where="http://127.0.0.1:8000/pay",
        screenshot=screenshot,
    )
    loop = Friction(
        kind="bot_loop",
        points=5.0,
        step=2,
        step_text="When I ask the bot about delivery",
        evidence="The bot gave the same answer twice.",
        where="chat turn 3",
        excerpt="bot: Can I help?\nbot: Can I help?",
    )
    return [
        JourneyResult(
            feature="Checkout",
            scenario="Guest buys a mug",
            stage="buy",
            steps=12,
            points=22.0,
            score=3.1,
            frictions=(reentered, dead_end),
            why_not_7=(
                PointLost(
                    what="Pay button did nothing",
                    points=6.0,
                    score=1.4,
                    kind="dead_end",
                    step=7,
                ),
                PointLost(
                    what="e-mail typed again",
                    points=4.0,
                    score=0.9,
                    kind="reentered_data",
                    step=5,
                ),
            ),
            budgets=(
                BudgetCheck(budget="CES at least 5", met=False, detail="got 3.1"),
            ),
        ),
        JourneyResult(
            feature="Help",
            scenario="Asks the bot about delivery",
            stage="support",
            steps=7,
            points=12.0,
            score=4.4,
            frictions=(loop,),
        ),
        JourneyResult(
            feature="Account",
            scenario="Signs up",
            stage="access",
            steps=6,
            points=6.0,
            score=6.6,
        ),
    ]


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def reader_browser(browser: object) -> object:
    """The session's Chromium from pytest-playwright (one Playwright per process: a
    second one cannot start).
    """
    return browser


@pytest.fixture
def samples() -> SimpleNamespace:
    """The record factories above, for tests (test modules do not import conftest)."""
    return SimpleNamespace(
        smooth_walk=smooth_walk,
        potholed_walk=potholed_walk,
        run_info=run_info,
        tiny_png=tiny_png,
        artifacts=ARTIFACTS,
    )
