"""A journey's Playwright trace: kept for none (the default), for a journey that failed,
or for every one.

journeys records the trace itself: DOM snapshots at every action (what the trace viewer
shows), no screencast, and nothing written for a journey it does not keep. Walked with
`journeys walk` on the smooth demo shop: one journey that passes, one that fails a
budget of one step.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from journeys.errors import ConfigError
from journeys.project.config import load

MAIN = Path(__file__).resolve().parents[1]
JOURNEYS = Path(sys.executable).with_name("journeys")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("traced") / "shop"
    (folder / "features").mkdir(parents=True)
    shutil.copy(MAIN / "conftest.py", folder / "conftest.py")
    (folder / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    (folder / "pyproject.toml").write_text(
        "[tool.journeys]\nseed = 7\n", encoding="utf-8"
    )
    text = (MAIN / "features" / "buy_from_the_ad.feature").read_text(encoding="utf-8")
    (folder / "features" / "passes.feature").write_text(text, encoding="utf-8")
    (folder / "features" / "fails.feature").write_text(
        text.replace("Feature:", "@max-steps-1\nFeature:", 1), encoding="utf-8"
    )
    return folder


def _walk(project: Path, *flags: str) -> dict[str, list[Path]]:
    """Walk; each journey's outcome and passing, and the trace files kept, by feature
    file.
    """
    shutil.rmtree(project / "reports", ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    done = subprocess.run(
        [str(JOURNEYS), "walk", "--demo", "smooth", *flags],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "Traceback" not in done.stdout + done.stderr
    journeys = json.loads(
        (project / "reports" / "effort.json").read_text(encoding="utf-8")
    )["journeys"]
    assert sorted(Path(j["feature_path"]).name for j in journeys) == [
        "fails.feature",
        "passes.feature",
    ], done.stdout
    traces = sorted((project / "reports").rglob("trace*.zip"))
    return {
        name: [
            t for t in traces if t.parent.name.startswith(f"features-{name}-feature")
        ]
        for name in ("passes", "fails")
    }


@pytest.mark.browser
def test_on_failure_only_the_journey_that_failed_keeps_its_trace(project):
    kept = _walk(project, "--traces", "on-failure")
    assert kept["passes"] == []
    assert len(kept["fails"]) == 1
    with zipfile.ZipFile(kept["fails"][0]) as archive:
        events = [
            json.loads(line)
            for line in archive.read("trace.trace").split(b"\n")
            if line.strip()
        ]  # redacted, still JSON
    kinds = {e["type"] for e in events}
    assert "frame-snapshot" in kinds  # the page at each action, for the trace viewer
    assert (
        "screencast-frame" not in kinds
    )  # no film: the journey's screenshots show its moments
    assert ("Frame", "click") in {
        (e.get("class"), e.get("method")) for e in events if e["type"] == "before"
    }


@pytest.mark.browser
def test_traces_on_keeps_every_journeys_and_by_default_none_is_recorded(project):
    kept = _walk(project, "--traces", "on")
    assert (len(kept["passes"]), len(kept["fails"])) == (1, 1)
    kept = _walk(project)
    assert kept == {"passes": [], "fails": []}


def test_a_trace_policy_that_is_not_one_is_named_with_the_choices(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.journeys]\ntraces = "always"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, environ={})
    assert (
        str(caught.value)
        == "config: tool.journeys.traces: 'always' is not a trace policy\n  fix: use"
        " one of: on-failure, on, off"
    )
