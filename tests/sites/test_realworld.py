"""`journeys walk` against Northwind Energy, a site of real-world markup nobody tuned
the channel to.

Features are written from `journeys steps` only and walked as a team would: a project
folder of its own with `[tool.journeys] base_url` and its features. The potholed twin's
manifest says what is planted: each pothole must be found under its journey with its
kind (recall); the smooth twin must yield no friction (precision), and no journey a
customer could walk may break.
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


PROJECT = (
    '[tool.journeys]\nbase_url = "{url}"\nfeatures = "features"\ntimeout_ms = 3000\n'
    # Real-world markup keeps its real accessibility faults (a date field with no
    # label); axe-core's findings on design-system pages are test_accessibility.py's,
    # this suite's bars are the other kinds'.
    'accessibility = "off"\n'
)


def _walk(mode: str, folder: Path) -> tuple[subprocess.CompletedProcess[str], dict]:
    return walk_site(create_app(mode), HERE / "features", folder, PROJECT)


@pytest.fixture(scope="module")
def smooth(tmp_path_factory):
    return _walk("smooth", tmp_path_factory.mktemp("realworld-smooth"))


@pytest.fixture(scope="module")
def potholed(tmp_path_factory):
    return _walk("potholed", tmp_path_factory.mktemp("realworld-potholed"))


def _frictions(journey: dict) -> list[tuple[str, str]]:
    return [(f["kind"], f["evidence"]) for f in journey["frictions"]]


def test_the_smooth_site_is_walked_to_the_end_without_friction(smooth):
    done, effort = smooth
    journeys = effort["journeys"]
    assert len(journeys) == len(list((HERE / "features").glob("*.feature")))
    for journey in journeys:
        assert journey["outcome"] == "completed", (
            journey["scenario"],
            journey.get("error"),
            done.stdout[-3000:],
        )
        assert journey["frictions"] == [], (journey["scenario"], _frictions(journey))
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_planted_pothole_is_found_under_its_journey(potholed):
    _, effort = potholed
    manifest = parse_manifest(
        (HERE / "potholes.toml").read_text(encoding="utf-8"), source="potholes.toml"
    )
    found = {
        (j["scenario"], f["kind"]) for j in effort["journeys"] for f in j["frictions"]
    }
    missed = [
        (p.scenario, p.kind) for p in manifest if (p.scenario, p.kind) not in found
    ]
    assert not missed, f"planted but not found: {missed}\nfound: {sorted(found)}"


def test_no_journey_breaks_on_the_potholed_site_unless_the_site_failed(potholed):
    # A journey that stops after the site answered 4xx or showed an error is the
    # customer's (abandoned); until the outcome logic reads the message, a broken one
    # must at least name the status or the error.
    _, effort = potholed
    for journey in effort["journeys"]:
        if journey["outcome"] == "broken":
            assert (
                "HTTP 404" in journey["error"]
                or "showing the error" in journey["error"]
            ), journey


def test_the_harness_charges_the_site_nothing_it_caused_itself(potholed):
    _, effort = potholed
    by_scenario = {j["scenario"]: j for j in effort["journeys"]}
    quote = _frictions(by_scenario["Get a quote for my home"])
    assert not [f for f in quote if f[0] == "reentered_data"], (
        "address lines 1-3 and the selects are typed once"
    )
    report = _frictions(by_scenario["Report a problem with my bill"])
    assert not [f for f in report if f[0] == "reentered_data"], (
        "one problem text, not in Summary and Description"
    )
    sign_in = _frictions(by_scenario["Sign in to my account"])
    assert not [f for f in sign_in if f[0] == "reentered_data"], (
        "a password emptied after a failed sign-in is no re-entry"
    )
    move = [
        f
        for f in _frictions(by_scenario["Tell the supplier I am moving home"])
        if f[0] == "reentered_data"
    ]
    assert len(move) == 1 and "Confirm e-mail" in move[0][1], move


def test_a_control_or_page_the_site_left_unusable_stops_the_customer_with_its_evidence(
    potholed,
):
    _, effort = potholed
    by_scenario = {j["scenario"]: j for j in effort["journeys"]}
    plug, pay = (
        by_scenario["Put two smart plugs in my basket"],
        by_scenario["Pay for my smart plugs"],
    )
    assert plug["outcome"] == pay["outcome"] == "abandoned", (
        plug.get("error"),
        pay.get("error"),
    )
    (box,) = [f for f in plug["frictions"] if f["kind"] == "dead_end"]
    assert (
        box["evidence"].startswith('the "Quantity" box has no label')
        and 'name="quantity"' in box["excerpt"]
    )
    (default,) = [f for f in pay["frictions"] if f["kind"] == "wrong_default"]
    assert '"Afghanistan"' in default["evidence"]


def test_forms_are_filled_only_with_what_the_customer_knows_on_both_twins(
    smooth, potholed
):
    # The help desk's two forms: the lookup's e-mail goes into the lookup form; the
    # typed e-mail is kept; the queue is chosen by the problem's words. Each journey
    # would stop before its last step otherwise.
    for _, effort in (smooth, potholed):
        by_scenario = {j["scenario"]: j for j in effort["journeys"]}
        for name in (
            "Look up my ticket on the help desk",
            "Open a ticket about my bill",
        ):
            assert (
                by_scenario[name]["outcome"] == "completed"
                and by_scenario[name]["frictions"] == []
            ), by_scenario[name]
