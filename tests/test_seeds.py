"""A first-time customer is new every walk; `--seed N` replays one exactly; shards
sharing a run id share a seed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from journeys.project.config import load
from journeys.run.seeds import walk_seed
from tests.conftest import serve_app

JOURNEYS = Path(sys.executable).with_name("journeys")
HANG_GUARD_S = 300
FEATURE = """Feature: Visit
  Scenario: Look at the shop
    Given I am a first-time customer
    When I open the home page
"""


def test_a_project_without_a_seed_gets_none_and_random_means_the_same(
    tmp_path: Path,
) -> None:
    for written, expected in (("", None), ('seed = "random"', None), ("seed = 7", 7)):
        (tmp_path / "pyproject.toml").write_text(
            f"[tool.journeys]\n{written}\n", encoding="utf-8"
        )
        assert load(tmp_path, environ={}).seed == expected


def test_shards_sharing_a_run_id_share_a_seed_and_walks_without_one_do_not() -> None:
    assert walk_seed("night-42") == walk_seed("night-42") != walk_seed("night-43")
    assert len({walk_seed() for _ in range(5)}) == 5


def _walk(project: Path, url: str, *flags: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    reports = project / f"reports-{len(list(project.glob('reports-*')))}"
    done = subprocess.run(
        [str(JOURNEYS), "walk", "--target", url, "--reports", str(reports), *flags],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
    )
    effort = json.loads((reports / "effort.json").read_text(encoding="utf-8"))
    assert (
        f"seed {effort['run']['seed']} (replay this walk's customers with --seed"
        f" {effort['run']['seed']})" in done.stdout
    )
    return {"seed": effort["run"]["seed"], "persona": effort["journeys"][0]["persona"]}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    main = Path(__file__).resolve().parents[1]
    (tmp_path / "conftest.py").write_text(
        (main / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "steps").symlink_to(main / "steps", target_is_directory=True)
    (tmp_path / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "visit.feature").write_text(FEATURE, encoding="utf-8")
    return tmp_path


@pytest.mark.browser
def test_each_walk_is_a_new_customer_and_its_seed_replays_it(project: Path) -> None:
    async def home(request):  # noqa: ANN001, ANN202
        return HTMLResponse("<!doctype html><title>Shop</title><h1>Shop</h1>")

    with serve_app(Starlette(routes=[Route("/", home)])) as url:
        first, second = _walk(project, url), _walk(project, url)
        replayed = _walk(project, url, "--seed", str(first["seed"]))
    assert first["seed"] != second["seed"]
    assert first["persona"]["email"] != second["persona"]["email"]
    assert replayed == first
