"""journeys as an installed, opt-in pytest plugin: what it does in a team's project, and
what it leaves alone.

Every project here is a fresh folder outside this checkout, run as a user runs it:
pytest or the `journeys` command in that folder.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.demo import serve
from journeys.project.config import DEMO_PROFILE_FILE

MAIN = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(
    *command: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JOURNEYS_", "PYTEST_"))
    }
    return subprocess.run(
        [str(BIN / command[0]), *command[1:]],
        cwd=cwd,
        env={**clean, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


PLAIN_FEATURE = """\
Feature: Log in
  Scenario: A known user logs in
    Given a user "ana"
    When she logs in
    Then she is welcome
"""
PLAIN_TESTS = """\
from pytest_bdd import given, parsers, scenarios, then, when

scenarios("features")


@given(parsers.parse('a user "{name}"'), target_fixture="user")
def _(name):
    return {"name": name, "in": False}


@when("she logs in")
def _(user):
    user["in"] = True


@then("she is welcome")
def _(user):
    assert user["in"]


def test_plain():
    assert 1 + 1 == 2
"""


def _plain_project(folder: Path) -> Path:
    (folder / "features").mkdir(parents=True)
    (folder / "features" / "login.feature").write_text(PLAIN_FEATURE, encoding="utf-8")
    (folder / "test_login.py").write_text(PLAIN_TESTS, encoding="utf-8")
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "their-app"\n', encoding="utf-8"
    )
    return folder


def test_a_plain_pytest_bdd_project_runs_exactly_its_own_tests_and_gets_no_reports(
    tmp_path: Path,
) -> None:
    project = _plain_project(tmp_path / "app")
    with_journeys = run("pytest", "-q", "-p", "no:cacheprovider", cwd=project)
    without = run(
        "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:journeys", cwd=project
    )
    assert with_journeys.returncode == 0, with_journeys.stdout + with_journeys.stderr
    assert (
        with_journeys.stdout.splitlines()[-1].split(" in ")[0]
        == without.stdout.splitlines()[-1].split(" in ")[0]
        == "2 passed"
    )
    assert sorted(p.name for p in project.iterdir()) == [
        "features",
        "pyproject.toml",
        "test_login.py",
    ] + (["__pycache__"] if (project / "__pycache__").exists() else [])
    assert "journeys" not in with_journeys.stdout


def test_in_a_journeys_project_only_features_under_the_features_folder_are_journeys(
    tmp_path: Path,
) -> None:
    project = _plain_project(tmp_path / "app")
    (project / "pyproject.toml").write_text(
        '[tool.journeys]\nfeatures = "journeys"\n', encoding="utf-8"
    )
    collected = run(
        "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", cwd=project
    )
    # features/login.feature is the team's own pytest-bdd feature (bound by
    # test_login.py), not a journey.
    assert collected.returncode == 0, collected.stdout + collected.stderr
    items = [line for line in collected.stdout.splitlines() if "::" in line]
    assert items == [
        "test_login.py::test_a_known_user_logs_in",
        "test_login.py::test_plain",
    ]
    assert not (project / "reports").exists()


def _profile_tables(name: str, base_url: str) -> str:
    """The demo's chat and ticket tables, as one profile of a team's project would write
    them for its own site.
    """
    shipped = DEMO_PROFILE_FILE.read_text(encoding="utf-8")
    # Every table of the shipped profile ([chat], [support.categories], [phone], ...)
    # becomes one of this profile's.
    tables = re.sub(
        r"^\[(?!tool\.)",
        f"[tool.journeys.profiles.{name}.",
        shipped,
        flags=re.MULTILINE,
    )
    return f'[tool.journeys.profiles.{name}]\nbase_url = "{base_url}"\n{tables}\n'


@pytest.mark.browser
def test_two_profiles_walk_two_different_shops(tmp_path: Path) -> None:
    token = secrets.token_urlsafe(12)
    project = tmp_path / "qa"
    (project / "features").mkdir(parents=True)
    feature = (MAIN / "features" / "refund_through_the_chatbot.feature").read_text(
        encoding="utf-8"
    )
    (project / "features" / "chat.feature").write_text(feature, encoding="utf-8")
    with (
        serve("smooth", support_token=token) as shop_a,
        serve("potholed", support_token=token) as shop_b,
    ):
        (project / "pyproject.toml").write_text(
            "[tool.journeys]\nseed = 5\n\n"
            + _profile_tables("shop-a", shop_a.url)
            + _profile_tables("shop-b", shop_b.url),
            encoding="utf-8",
        )
        env = {"JOURNEYS_SUPPORT_TOKEN": token}
        walked = {}
        for profile in ("shop-a", "shop-b"):
            done = run("journeys", "walk", "--profile", profile, cwd=project, env=env)
            walked[profile] = (
                done,
                json.loads(
                    (project / "reports" / "effort.json").read_text(encoding="utf-8")
                ),
            )
        unknown = run("journeys", "walk", "--profile", "shop-c", cwd=project, env=env)
    (a_done, a), (b_done, b) = walked["shop-a"], walked["shop-b"]
    assert a_done.returncode == 0, a_done.stdout + a_done.stderr
    assert a["run"]["target"] == shop_a.url and b["run"]["target"] == shop_b.url
    assert [j["frictions"] for j in a["journeys"]] == [[], []]
    assert b_done.returncode == 1
    assert {f["kind"] for j in b["journeys"] for f in j["frictions"]} >= {"bot_loop"}
    assert (unknown.returncode, unknown.stderr) == (
        2,
        (
            "journeys: config: profile: 'shop-c' is not a profile\n  fix: profiles"
            " here: shop-a, shop-b, demo (or add [tool.journeys.profiles.shop-c])\n"
        ),
    )


def test_a_team_step_is_in_the_catalogue_under_its_module_and_check_knows_it(
    tmp_path: Path,
) -> None:
    project = tmp_path / "qa"
    (project / "features").mkdir(parents=True)
    (project / "steps").mkdir()
    (project / "steps" / "__init__.py").write_text("", encoding="utf-8")
    (project / "steps" / "accounts.py").write_text(
        "from pytest_bdd import when\n\n\n"
        '@when("I sign in as a returning customer")\n'
        "def _(shopper):\n"
        '    """Sign in with the persona\'s e-mail and password."""\n'
        '    shopper.web.fill_fact("E-mail", "email")\n',
        encoding="utf-8",
    )
    (project / "conftest.py").write_text(
        'pytest_plugins = ["steps.accounts"]\n', encoding="utf-8"
    )
    (project / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")
    (project / "features" / "sign_in.feature").write_text(
        "@access\nFeature: Sign in\n  Scenario: Sign in\n    Given I am a first-time"
        " customer\n    When I open the home page\n    And I sign in as a returning"
        " customer\n",
        encoding="utf-8",
    )
    listed = run("journeys", "steps", cwd=project)
    assert listed.returncode == 0, listed.stderr
    tail = listed.stdout.split("Your steps (steps.accounts)", 1)[1]
    assert (
        "When I sign in as a returning customer" in tail
        and "Sign in with the persona's e-mail and password." in tail
    )
    assert "When I click" in listed.stdout  # the built-in catalogue is there too
    checked = run("journeys", "check", cwd=project)
    assert (checked.returncode, checked.stdout.strip()) == (
        0,
        "features and configuration are fine",
    ), checked.stderr
    (project / "steps" / "accounts.py").write_text(
        "import not_installed_here\n", encoding="utf-8"
    )
    broken = run("journeys", "check", cwd=project)
    assert (broken.returncode, broken.stderr) == (
        2,
        (
            "journeys: conftest.py: step module 'steps.accounts' cannot be imported (No"
            " module named 'not_installed_here')\n  fix: correct the module, or its"
            " name in `pytest_plugins` in conftest.py\n"
        ),
    )
