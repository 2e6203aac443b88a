"""Volta Energy, a site written apart from the demo shop and the detectors, walked as a
team would walk it.

The journeys use only catalogue steps; the bot is configured, not coded. The potholed
twin must show every planted pothole under its journey with its kind (recall), the
smooth twin no friction at all (precision), and no journey may be `broken` on either:
whatever stops a customer here is the site's doing.
"""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.sites.walking import walk_site

from .app import create_app

pytestmark = pytest.mark.browser
HERE = Path(__file__).parent
MANIFEST = [
    (p["scenario"], p["kind"])
    for p in tomllib.loads((HERE / "manifest.toml").read_text(encoding="utf-8"))[
        "pothole"
    ]
]

PROJECT = """\
[tool.journeys]
base_url = "{url}"
landing = "/switch"
seed = 11
# Volta's markup keeps its real accessibility faults (links under axe-core's 24 px
# target size); axe-core's bars are tests/sites/test_accessibility.py's, this suite's
# are the other kinds'.
accessibility = "off"

[tool.journeys.chat]
endpoint = "/api/assistant/{{conversation}}"
body = {{ type = "text", text = "{{message}}" }}
text_path = "responses[*].text"
by_path = "responses[*].author.role"
author_path = "responses[*].author.name"
agent_authors = ["agent"]
handoff_path = "handover"
human_request = "Can I talk to a person please?"
"""


def _walk(mode: str, folder: Path) -> tuple[subprocess.CompletedProcess[str], dict]:
    return walk_site(create_app(mode), HERE / "features", folder, PROJECT)


@pytest.fixture(scope="module")
def smooth(tmp_path_factory):
    return _walk("smooth", tmp_path_factory.mktemp("energy-smooth"))


@pytest.fixture(scope="module")
def potholed(tmp_path_factory):
    return _walk("potholed", tmp_path_factory.mktemp("energy-potholed"))


def _found(effort: dict) -> set[tuple[str, str]]:
    return {
        (j["scenario"], f["kind"]) for j in effort["journeys"] for f in j["frictions"]
    }


def test_the_smooth_site_costs_no_friction_and_every_journey_completes(smooth) -> None:
    done, effort = smooth
    journeys = effort["journeys"]
    assert len(journeys) == 10, done.stdout + done.stderr
    extra = {
        j["scenario"]: [(f["kind"], f["evidence"]) for f in j["frictions"]]
        for j in journeys
        if j["frictions"]
    }
    print(f"energy smooth: {len(extra)} journeys with frictions")
    assert extra == {}
    assert [j["scenario"] for j in journeys if j["outcome"] != "completed"] == [], (
        done.stdout
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_planted_pothole_is_found_under_its_journey(potholed) -> None:
    done, effort = potholed
    found = _found(effort)
    missed = [p for p in MANIFEST if p not in found]
    print(
        f"energy potholed: recall {len(MANIFEST) - len(missed)}/{len(MANIFEST)}, missed"
        f" {missed}"
    )
    assert missed == [], done.stdout
    assert done.returncode == 1


def test_no_journey_is_broken_where_the_customer_could_walk(potholed) -> None:
    done, effort = potholed
    broken = [
        (j["scenario"], j.get("error"))
        for j in effort["journeys"]
        if j["outcome"] == "broken"
    ]
    assert broken == [], done.stdout


def test_what_stops_the_customer_scores_as_hard(potholed) -> None:
    _, effort = potholed
    hard = {
        j["scenario"]: j["score"]
        for j in effort["journeys"]
        if j["outcome"] == "abandoned"
    }
    assert hard and all(score <= 3 for score in hard.values()), hard
