"""Walking a test site as a team would: its features in a project folder of their own,
with `journeys walk`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import serve_app


def walk_site(
    app, features: Path, project: Path, pyproject: str
) -> tuple[subprocess.CompletedProcess[str], dict]:  # noqa: ANN001
    """Serve `app`, walk `features` from `project` (its pyproject.toml: `pyproject` with
    {url} filled in), read effort.json.
    """
    shutil.copytree(features, project / "features")
    with serve_app(app) as url:
        (project / "pyproject.toml").write_text(
            pyproject.format(url=url), encoding="utf-8"
        )
        # The built-in steps come with the plugin: no conftest. A JOURNEYS_* of the
        # outer run must not reach the walk.
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("JOURNEYS_", "PYTEST_"))
        }
        done = subprocess.run(
            [sys.executable, "-m", "journeys.cli", "walk", "-n", "2"],
            cwd=project,
            env={**env, "NO_COLOR": "1", "COLUMNS": "200", "JOURNEYS_COMMIT": "test"},
            capture_output=True,
            text=True,
            timeout=1500,
            stdin=subprocess.DEVNULL,
        )
    return done, json.loads(
        (project / "reports" / "effort.json").read_text(encoding="utf-8")
    )
