"""The path users take: a wheel built from this checkout, installed in a fresh venv
outside it, in an empty folder.

`journeys init`, then the example journeys walked against the bundled demo shop (its
chat and ticket API come from the package's built-in demo profile). Slow (it installs
the wheel's dependencies), so it runs once per suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.wheel]
MAIN = Path(__file__).resolve().parents[1]


def _run(
    command: list[str], cwd: Path, timeout: int = 900
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JOURNEYS_", "PYTEST_", "VIRTUAL_ENV"))
    }
    return subprocess.run(
        command,
        cwd=cwd,
        env={**env, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `journeys` command of a fresh venv that has only the wheel (and what it
    depends on) installed.
    """
    work = tmp_path_factory.mktemp("wheel")
    built = _run(
        [sys.executable, "-m", "build", "--outdir", str(work / "dist"), str(MAIN)],
        cwd=work,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    wheel = next((work / "dist").glob("journeys-*.whl"))
    venv.create(work / "venv", with_pip=True)
    pip = _run(
        [
            str(work / "venv" / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            str(wheel),
        ],
        cwd=work,
    )
    assert pip.returncode == 0, pip.stdout[-2000:] + pip.stderr[-2000:]
    return work / "venv" / "bin" / "journeys"


@pytest.fixture(scope="module")
def project(installed: Path, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("qa")
    done = _run([str(installed), "init"], cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


def test_init_writes_a_project_that_passes_check(
    installed: Path, project: Path
) -> None:
    for name in ("pyproject.toml", "conftest.py", ".gitignore"):
        assert (project / name).is_file(), name
    assert list((project / "features").glob("*.feature")) and list(
        (project / "steps").glob("*.py")
    )
    checked = _run([str(installed), "check"], cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_example_walks_the_smooth_demo_then_finds_the_potholes(
    installed: Path, project: Path
) -> None:
    smooth = _run([str(installed), "walk", "--demo", "smooth"], cwd=project)
    assert smooth.returncode == 0, smooth.stdout + smooth.stderr
    journeys = json.loads(
        (project / "reports" / "effort.json").read_text(encoding="utf-8")
    )["journeys"]
    assert journeys and all(
        j["outcome"] == "completed" and j["score"] >= 6 for j in journeys
    ), journeys
    potholed = _run([str(installed), "walk", "--demo", "potholed"], cwd=project)
    assert potholed.returncode == 1, potholed.stdout + potholed.stderr
    journeys = json.loads(
        (project / "reports" / "effort.json").read_text(encoding="utf-8")
    )["journeys"]
    assert any(j["frictions"] for j in journeys), journeys
