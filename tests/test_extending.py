"""docs/extending.md's example report, run as a team would run it: one module, wired by conftest.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

MAIN = Path(__file__).resolve().parents[1]


def _code_after(guide: str, heading: str) -> str:
    return guide.split(heading, 1)[1].split("```python\n", 1)[1].split("```", 1)[0]


def test_the_example_report_of_the_guide_writes_its_file_once_per_walk(tmp_path: Path) -> None:
    guide = (MAIN / "docs" / "extending.md").read_text(encoding="utf-8")
    (tmp_path / "hard_journeys.py").write_text(_code_after(guide, "## A report"), encoding="utf-8")
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["hard_journeys"]\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.journeys]\ndemo = "smooth"\n', encoding="utf-8")
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "persona.feature").write_text(
        "@discover\nFeature: Who walks\n  Scenario: A new customer\n    Given I am a first-time customer\n"
        "    Then the journey should be easy (CES at least 7)\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOURNEYS_", "PYTEST_"))}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    written = json.loads((tmp_path / "reports" / "hard-journeys.json").read_text(encoding="utf-8"))
    assert written["hard"] == [] and written["run"]
    assert (tmp_path / "reports" / "effort.json").is_file()  # the built-in reports ran beside it
