"""docs/extending.md's example report, run as a team would run it: one module, wired by
conftest.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

MAIN = Path(__file__).resolve().parents[1]


def _code_after(guide: str, heading: str) -> str:
    return guide.split(heading, 1)[1].split("```python\n", 1)[1].split("```", 1)[0]


def _guide_project(folder: Path, scenarios: int = 1) -> dict[str, str]:
    """A project with the guide's report wired by conftest.py; the environment to run it
    in.
    """
    guide = (MAIN / "docs" / "extending.md").read_text(encoding="utf-8")
    (folder / "hard_journeys.py").write_text(
        _code_after(guide, "## A report"), encoding="utf-8"
    )
    (folder / "conftest.py").write_text(
        'pytest_plugins = ["hard_journeys"]\n', encoding="utf-8"
    )
    (folder / "pyproject.toml").write_text(
        '[tool.journeys]\ndemo = "smooth"\n', encoding="utf-8"
    )
    (folder / "features").mkdir()
    for n in range(scenarios):
        (folder / "features" / f"persona{n}.feature").write_text(
            f"@discover\nFeature: Who walks {n}\n  Scenario: A new customer {n}\n   "
            " Given I am a first-time customer\n    Then the journey should be easy"
            " (CES at least 7)\n",
            encoding="utf-8",
        )
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JOURNEYS_", "PYTEST_"))
    }


def test_the_example_report_of_the_guide_writes_its_file_once_per_walk(
    tmp_path: Path,
) -> None:
    env = _guide_project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    written = json.loads(
        (tmp_path / "reports" / "hard-journeys.json").read_text(encoding="utf-8")
    )
    assert written["hard"] == [] and written["run"]
    assert (
        tmp_path / "reports" / "effort.json"
    ).is_file()  # the built-in reports ran beside it


def test_a_sharded_night_reaches_the_guides_report_once_whole_after_the_merge(
    tmp_path: Path,
) -> None:
    env = _guide_project(tmp_path, scenarios=2)
    journeys = [sys.executable, "-m", "journeys.cli"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*journeys, *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )

    for index in (1, 2):
        shard = run(
            "walk",
            "--shard",
            f"{index}/2",
            "--run-id",
            "night-3",
            "--reports",
            f"shard{index}",
        )
        assert shard.returncode == 0, shard.stdout + shard.stderr
        assert (
            json.loads(
                (tmp_path / f"shard{index}" / "effort.json").read_text(encoding="utf-8")
            )["run"]["shard"]
            == f"{index}/2"
        )
    written = tmp_path / "reports" / "hard-journeys.json"
    assert not written.exists()  # each shard was a part: the guide's report waited

    merged = run("merge", "shard1", "shard2")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert json.loads(written.read_text(encoding="utf-8")) == {
        "run": "night-3",
        "hard": [],
    }
    assert (
        json.loads((tmp_path / "reports" / "effort.json").read_text(encoding="utf-8"))[
            "run"
        ]["shard"]
        == ""
    )

    only_one = run("merge", "shard1", "--reports", "partial")
    assert (
        only_one.returncode == 1
        and "incomplete: shard(s) 2/2 not given" in only_one.stdout
    ), only_one.stdout + only_one.stderr

    (tmp_path / "hard_journeys.py").write_text(
        "def pytest_journeys_run_finished(run, results):\n    raise RuntimeError('chat"
        " is down')\n",
        encoding="utf-8",
    )
    failing = run("merge", "shard1", "shard2", "--reports", "again")
    assert (
        failing.returncode == 2 and "Traceback" not in failing.stdout + failing.stderr
    )
    assert (
        "a reporter of the project failed on them: RuntimeError: chat is down"
        in failing.stdout + failing.stderr
    )
    assert (tmp_path / "again" / "effort.json").is_file()  # the merged reports are kept


def test_the_guides_friction_kind_is_three_edits_in_a_copy_of_the_effort_core(
    tmp_path: Path,
) -> None:
    """docs/extending.md's kind, added as the guide says and nowhere else."""
    import shutil

    guide = (MAIN / "docs" / "extending.md").read_text(encoding="utf-8")
    section = guide.split("## A friction kind", 1)[1].split("## A channel", 1)[0]
    kind, detector = (
        block.split("```", 1)[0] for block in section.split("```python\n")[1:3]
    )
    package = tmp_path / "journeys"
    shutil.copytree(
        MAIN / "journeys" / "effort",
        package / "effort",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(MAIN / "journeys" / "errors.py", package / "errors.py")
    (package / "__init__.py").write_text("", encoding="utf-8")
    effort = package / "effort"

    # 1. The value, and its name in the table before ABANDONED.
    kinds = (effort / "kinds.py").read_text(encoding="utf-8")
    table = "friction_kinds = KindTable("
    assert kinds.count(table) == 1 and kinds.count("        ABANDONED,\n") == 1
    kinds = kinds.replace(table, f"{kind}\n\n{table}")
    kinds = kinds.replace(
        "        ABANDONED,\n", "        LONG_FORM,\n        ABANDONED,\n"
    )
    (effort / "kinds.py").write_text(kinds, encoding="utf-8")
    # 2. Its detector, a module of its own.
    (effort / "_long_forms.py").write_text(detector, encoding="utf-8")
    # 3. Its scan in detect.py.
    detect = (effort / "detect.py").read_text(encoding="utf-8")
    scans = "_SCANS: tuple[_Scan, ...] = (\n"
    assert detect.count(scans) == 1
    detect = detect.replace(scans, f"{scans}    _long_forms,\n")
    detect = detect.replace(
        "from __future__ import annotations\n",
        "from __future__ import annotations\n\nfrom ._long_forms import _long_forms\n",
        1,
    )
    (effort / "detect.py").write_text(detect, encoding="utf-8")

    check = """
import journeys
from journeys.effort import EffortModel, assess, detect
from journeys.effort.events import FieldFilled, StepStarted
from journeys.effort.time import estimate
from journeys.effort.detect import detect_at

assert journeys.__file__.startswith(COPY), journeys.__file__
events = [StepStarted(step=0, text="When I check out")] + [
    FieldFilled(step=0, label=f"Field {n}", value="x", characters=1,
                url="http://shop.test/checkout", form="checkout", form_fields=20)
    for n in range(3)
]
found = detect(events)
assert [f.kind for f in found] == ["long_form"], found
assert found[0].points == 8.0
model = EffortModel.from_config({"points": {"long_form": 5}})
assert detect(events, model)[0].points == 5.0
assert assess(events).score < assess(events[:1]).score
assert estimate(events, detect_at(events)).lost_by_friction[0] > 0
print("ok")
""".replace("COPY", repr(str(tmp_path)))
    done = subprocess.run(
        [sys.executable, "-c", check],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip() == "ok", done.stdout + done.stderr
