"""axe-core on the journey's own pages: `journeys walk` on Northwind's design-system
twins (barriers.py).

barriers.toml lists, by reading the markup before any walk, the barrier each potholed
journey must use; each must be found under its journey, once, with the rule, the element
and axe's help page. The violation planted off each path is listed in the result and
costs nothing. The smooth twins have no violation at all.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from journeys.demo._manifest import parse_manifest
from tests.sites.realworld.app import create_app
from tests.sites.walking import walk_site

pytestmark = pytest.mark.browser
HERE = Path(__file__).resolve().parent / "realworld"
FEATURES = HERE / "barrier_features"
PROJECT = (
    '[tool.journeys]\nbase_url = "{url}"\nfeatures = "features"\ntimeout_ms = 5000\n'
)
# The rule each potholed journey's barrier fails, and the rule of the violation beside
# its path.
ON_PATH = {
    "Apply for the Warm Home Discount": "label",
    "Search for a green tariff": "button-name",
    "Pay my bill": "color-contrast",
}
OFF_PATH = {
    "Apply for the Warm Home Discount": "link-name",
    "Search for a green tariff": "image-alt",
    "Pay my bill": "select-name",
}


def _walk(
    mode: str, folder: Path, extra: str = ""
) -> tuple[subprocess.CompletedProcess[str], dict]:
    return walk_site(create_app(mode), FEATURES, folder, PROJECT + extra)


@pytest.fixture(scope="module")
def smooth(tmp_path_factory):
    return _walk("smooth", tmp_path_factory.mktemp("axe-smooth"))


@pytest.fixture(scope="module")
def potholed_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("axe-potholed")


@pytest.fixture(scope="module")
def potholed(potholed_folder):
    return _walk("potholed", potholed_folder)


def _violations(journey: dict) -> list[dict]:
    return [v for page in journey["accessibility"] for v in page["violations"]]


def test_the_smooth_twins_have_no_violation_on_any_page_checked(smooth):
    done, effort = smooth
    assert len(effort["journeys"]) == len(ON_PATH)
    for journey in effort["journeys"]:
        assert journey["outcome"] == "completed", (
            journey["scenario"],
            done.stdout[-3000:],
        )
        assert journey["frictions"] == [], (journey["scenario"], journey["frictions"])
        assert journey["accessibility"], "every page acted on is checked"
        assert _violations(journey) == []


def test_every_barrier_on_the_path_is_found_under_its_journey_once(potholed):
    done, effort = potholed
    manifest = parse_manifest(
        (HERE / "barriers.toml").read_text(encoding="utf-8"), source="barriers.toml"
    )
    by_scenario = {j["scenario"]: j for j in effort["journeys"]}
    assert {p.scenario for p in manifest} == set(ON_PATH)
    for pothole in manifest:
        journey = by_scenario[pothole.scenario]
        assert journey["outcome"] == "completed", done.stdout[-3000:]
        barriers = [f for f in journey["frictions"] if f["kind"] == "barrier"]
        assert len(barriers) == 1, (pothole.scenario, journey["frictions"])
        (barrier,) = barriers
        rule = ON_PATH[pothole.scenario]
        assert f'"{rule}"' in barrier["evidence"]
        assert f"dequeuniversity.com/rules/axe/4.12/{rule}" in barrier["evidence"]
        assert barrier["excerpt"].startswith("<"), barrier
        assert barrier["where"] == pothole.where


def test_violations_off_the_path_are_listed_and_add_no_points(potholed):
    _, effort = potholed
    for journey in effort["journeys"]:
        violations = {v["rule"]: v for v in _violations(journey)}
        off = violations[OFF_PATH[journey["scenario"]]]
        assert off["on_path"] == [] and off["markup"], off
        assert violations[ON_PATH[journey["scenario"]]]["on_path"]
        charged = [f for f in journey["frictions"] if f["kind"] == "barrier"]
        assert all(OFF_PATH[journey["scenario"]] not in f["evidence"] for f in charged)


def test_accessibility_off_checks_nothing(tmp_path):
    _, effort = _walk("potholed", tmp_path, 'accessibility = "off"\n')
    for journey in effort["journeys"]:
        assert journey["accessibility"] == []
        assert [f for f in journey["frictions"] if f["kind"] == "barrier"] == []


def test_allure_attaches_axe_cores_results_per_page(potholed, potholed_folder):
    results = potholed_folder / "reports" / "allure-results"
    names = {
        attachment["name"]
        for path in results.glob("*-result.json")
        for attachment in _attachments(json.loads(path.read_text(encoding="utf-8")))
    }
    for path in ("/warm-home", "/find-tariff", "/pay-bill"):
        assert any(
            n.startswith("axe-core: http") and n.endswith(path) for n in names
        ), names


def _attachments(node: dict) -> list[dict]:
    found = list(node.get("attachments", ()))
    for step in node.get("steps", ()):
        found += _attachments(step)
    return found
