"""Walking as a phone customer: Playwright's device descriptors, from the command line
and from configuration.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.effort.result import RunInfo
from journeys.errors import ConfigError
from journeys.project.sections import load_project
from journeys.report.allure_files import write_allure_extras
from journeys.report.effort_html import render_effort_html
from journeys.run.browser import device_names, device_problem

ROOT = Path(__file__).resolve().parents[1]
JOURNEYS = [sys.executable, "-m", "journeys.cli"]


def _project(tmp_path: Path, body: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.journeys]\n{body}\n", encoding="utf-8"
    )
    return tmp_path


def test_the_device_names_are_playwrights() -> None:
    names = device_names()
    assert "iPhone 13" in names and "Pixel 7" in names
    assert device_problem("iPhone 13") == ("", "")
    assert device_problem("Pixle 7") == (
        "is not a Playwright device",
        "did you mean 'Pixel 7'?",
    )
    problem, fix = device_problem("a toaster")
    assert problem and "e.g. 'iPhone 13'" in fix  # not a list of 200 names


def test_a_device_comes_from_the_table_a_profile_or_the_command_line(
    tmp_path: Path,
) -> None:
    root = _project(
        tmp_path,
        'device = "Pixel 7"\n[tool.journeys.profiles.phone]\nbase_url ='
        ' "http://127.0.0.1:9"\ndevice = "iPhone 13"',
    )
    assert load_project(root, environ={}).settings.device == "Pixel 7"
    assert (
        load_project(root, environ={}, profile="phone").settings.device == "iPhone 13"
    )
    assert (
        load_project(root, environ={}, device="iPad Mini").settings.device
        == "iPad Mini"
    )
    assert (
        load_project(root, environ={"JOURNEYS_DEVICE": "Galaxy S9+"}).settings.device
        == "Galaxy S9+"
    )


def test_a_misspelt_device_in_any_profile_is_found_at_load(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        '[tool.journeys.profiles.phone]\ndevice = "iPhone 13'
        ' Mini"\n[tool.journeys.profiles.tablet]\ndevice = "iPad Minni"',
    )
    with pytest.raises(ConfigError) as raised:
        load_project(root, environ={})
    assert (
        str(raised.value)
        == "config: tool.journeys.profiles.tablet.device: 'iPad Minni' is not a"
        " Playwright device\n  fix: did you mean 'iPad Mini'?"
    )


def test_the_device_is_in_the_allure_environment_and_on_the_effort_page(
    tmp_path: Path,
) -> None:
    run = RunInfo(
        run_id="r1",
        started_at="2026-12-01T00:00:00+00:00",
        browser="chromium",
        device="iPhone <13>",
    )
    write_allure_extras(tmp_path, run)
    assert (
        "device=iPhone <13>"
        in (tmp_path / "environment.properties")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    html = render_effort_html(run, [], reports_dir=tmp_path)
    assert "device iPhone &lt;13&gt;" in html
    desktop = RunInfo(
        run_id="r2", started_at="2026-12-01T00:00:00+00:00", browser="chromium"
    )
    write_allure_extras(tmp_path, desktop)
    assert not any(
        line.startswith("device=")
        for line in (tmp_path / "environment.properties").read_text().splitlines()
    )
    assert "device " not in render_effort_html(desktop, [], reports_dir=tmp_path)


def _jpeg_width(path: Path) -> int:
    """The width in a JPEG's frame header (SOFn), walking its segments from the
    start.
    """
    data, at = path.read_bytes(), 2
    while at < len(data):
        marker, length = data[at + 1], struct.unpack(">H", data[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return struct.unpack(">H", data[at + 7 : at + 9])[0]
        at += 2 + length
    raise AssertionError(f"{path} has no frame header")


@pytest.mark.browser
def test_the_smooth_shop_walked_as_a_phone_has_no_friction_and_says_so(
    tmp_path: Path,
) -> None:
    reports = tmp_path / "reports"
    done = subprocess.run(
        [
            *JOURNEYS,
            "walk",
            "--demo",
            "smooth",
            "--device",
            "iPhone 13",
            "--screenshots",
            "every-step",
            "--reports",
            str(reports),
            "-n",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "JOURNEYS_COMMIT": "test"},
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        "against the smooth demo shop at http://127.0.0.1:" in done.stdout
        and " as iPhone 13" in done.stdout.splitlines()[0]
    )
    assert "journeys as iPhone 13 (CES-style score" in done.stdout
    effort = json.loads((reports / "effort.json").read_text(encoding="utf-8"))
    assert effort["run"]["device"] == "iPhone 13"
    assert effort["run"]["cores"] >= 1 and {"load_at_start", "load_at_end"} <= set(
        effort["run"]
    )  # how busy the runner was
    assert len(effort["journeys"]) >= 4
    for journey in effort["journeys"]:
        # What a phone's layout could cost (a control out of reach, a dead tap) is what
        # this test is about; a page wait is the site's time by the browser's resource
        # timing, so a busy runner charges the smooth shop nothing.
        assert journey["outcome"] == "completed" and journey["frictions"] == [], journey
    assert "device=iPhone 13" in (
        reports / "allure-results" / "environment.properties"
    ).read_text(encoding="utf-8")
    # The pages really were a phone's: iPhone 13 is 390 CSS pixels wide at a device
    # scale factor of 3.
    shots = list(reports.rglob("*.jpg"))
    assert shots and {_jpeg_width(shot) for shot in shots} == {390 * 3}
