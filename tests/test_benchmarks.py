"""The benchmarks run, at their smallest, and end with the line the README quotes.

Each is run as a user runs it (`python benchmarks/NAME.py`) with the fewest
rounds and journeys it takes; what they measure is not checked here (timings
never are in tests), only that they still walk and print their figure last,
so a change to the harness cannot leave a benchmark broken until someone
measures.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
MAIN = Path(__file__).resolve().parents[1]
FIGURE = r"\d+\.\d\d"

CASES = {
    "walk_overhead": (["--rounds", "1"], rf"overhead ratio: {FIGURE}"),
    "whole_process": (
        ["--rounds", "1", "--journeys", "1"],
        rf"whole-process ratio: 1 journey {FIGURE}",
    ),
    "accessibility_cost": (
        ["--rounds", "1", "--journeys", "1"],
        rf"accessibility cost ratio: 1 journey {FIGURE}",
    ),
    "scale": (
        ["--journeys", "2", "--workers", "1", "2", "--page-ms", "20"],
        rf"speed-up: 2 workers {FIGURE}x",
    ),
    "report_build": (
        ["--runs", "3", "--journeys", "4"],
        rf"effort report: {FIGURE} s for 3 runs x 4 journeys",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_the_benchmark_runs_and_ends_with_its_figure(name: str, tmp_path: Path) -> None:
    arguments, last_line = CASES[name]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JOURNEYS_", "PYTEST_"))
    }
    done = subprocess.run(
        [sys.executable, str(MAIN / "benchmarks" / f"{name}.py"), *arguments],
        cwd=tmp_path,
        env={**env, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    lines = done.stdout.strip().splitlines()
    assert lines and re.fullmatch(last_line, lines[-1]), output[-3000:]
    assert any(line.startswith("cores: ") for line in lines), (
        "the machine the figure was measured on is printed"
    )
