"""What a customer feels once, on design-system pages (Bootstrap 5, GOV.UK Frontend,
USWDS) apart from the demo shop.

`journeys walk` runs the features in realworld/felt_once_features against the potholed
and the smooth Northwind site: every pothole in felt_once.toml must be found under its
journey (recall), the smooth twin must yield no friction, and the toast's retry is the
customer's own click.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from journeys.demo._manifest import parse_manifest
from tests.sites.realworld.app import create_app
from tests.sites.walking import walk_site

pytestmark = pytest.mark.browser
HERE = Path(__file__).resolve().parent / "realworld"
FEATURES = HERE / "felt_once_features"
PROJECT = (
    '[tool.journeys]\nbase_url = "{url}"\nfeatures = "features"\ntimeout_ms = 5000\n'
    # Real-world markup keeps its real accessibility faults (a date field with no
    # label); axe-core's findings on design-system pages are test_accessibility.py's,
    # this suite's bars are the other kinds'.
    'accessibility = "off"\n'
)


def _walk(mode: str, folder: Path) -> tuple[subprocess.CompletedProcess[str], dict]:
    return walk_site(create_app(mode), FEATURES, folder, PROJECT)


@pytest.fixture(scope="module")
def smooth(tmp_path_factory):
    return _walk("smooth", tmp_path_factory.mktemp("felt-once-smooth"))


@pytest.fixture(scope="module")
def potholed(tmp_path_factory):
    return _walk("potholed", tmp_path_factory.mktemp("felt-once-potholed"))


def _by_scenario(effort: dict) -> dict[str, dict]:
    return {j["scenario"]: j for j in effort["journeys"]}


def test_the_smooth_twins_are_walked_to_the_end_without_friction(smooth):
    done, effort = smooth
    assert len(effort["journeys"]) == len(list(FEATURES.glob("*.feature")))
    for journey in effort["journeys"]:
        assert journey["outcome"] == "completed", (
            journey["scenario"],
            journey.get("error"),
            done.stdout[-3000:],
        )
        assert journey["frictions"] == [], (
            journey["scenario"],
            [(f["kind"], f["evidence"]) for f in journey["frictions"]],
        )


def test_every_pothole_felt_once_is_found_under_its_journey(potholed):
    _, effort = potholed
    manifest = parse_manifest(
        (HERE / "felt_once.toml").read_text(encoding="utf-8"), source="felt_once.toml"
    )
    found = {
        (j["scenario"], f["kind"]) for j in effort["journeys"] for f in j["frictions"]
    }
    missed = [
        (p.scenario, p.kind) for p in manifest if (p.scenario, p.kind) not in found
    ]
    assert not missed, f"planted but not found: {missed}\nfound: {sorted(found)}"


def test_a_toast_that_went_is_one_error_and_the_customer_tries_once_more(potholed):
    done, effort = potholed
    journey = _by_scenario(effort)["Confirm my basket"]
    errors = [f for f in journey["frictions"] if f["kind"] == "error_seen"]
    assert (
        len(errors) == 1
        and "Something went wrong, please try again" in errors[0]["evidence"]
    ), journey["frictions"]
    # The second "Confirm order" (the customer's) placed the order: the journey ends at
    # the confirmation.
    assert journey["outcome"] == "completed", (
        journey.get("error"),
        done.stdout[-3000:],
    )


def test_the_page_that_sends_the_customer_to_the_phone_names_its_sentence_not_the_footer(
    potholed,
):
    _, effort = potholed
    journey = _by_scenario(effort)["Cancel my plan online"]
    switches = [f for f in journey["frictions"] if f["kind"] == "channel_switch"]
    assert len(switches) == 1, journey["frictions"]
    assert "To cancel your plan, please call 0800 000 0000" in switches[0]["evidence"]
    # The footer's "Call us" is contact detail, not the answer.
    assert "0800 123 4567" not in switches[0]["evidence"]


def test_an_empty_search_is_a_dead_end_even_when_the_customer_then_finds_a_way(
    potholed,
):
    _, effort = potholed
    journey = _by_scenario(effort)["Search the help for my problem"]
    dead_ends = [f for f in journey["frictions"] if f["kind"] == "dead_end"]
    assert len(dead_ends) == 1 and "0 results for" in dead_ends[0]["evidence"], journey[
        "frictions"
    ]
    assert journey["outcome"] == "completed"


def test_a_contact_page_without_a_way_to_contact_is_a_dead_end_and_the_customer_goes_on(
    potholed,
):
    _, effort = potholed
    journey = _by_scenario(effort)["Find a way to talk to someone"]
    lacking = [
        f
        for f in journey["frictions"]
        if f["kind"] == "dead_end" and "/ds/contact" in f["evidence"]
    ]
    assert len(lacking) == 1 and "offers no phone number" in lacking[0]["evidence"], (
        journey["frictions"]
    )
    assert journey["outcome"] == "completed"


def test_a_combo_box_s_live_region_saying_no_results_is_a_dead_end(potholed):
    _, effort = potholed
    journey = _by_scenario(effort)["Find my region in the list"]
    assert [(f["kind"], f["evidence"]) for f in journey["frictions"]] == [
        ("dead_end", '/ds/region answered with nothing: "No results.".')
    ]
