"""`journeys walk` as a user runs it, against the bundled demo shop in real Chromium.

The potholed shop's manifest says what is planted where: every planted pothole
must show up under its journey with its kind (recall), and the smooth shop must
yield no friction at all with every journey at 6 or more (precision).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.demo import load_manifest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
JOURNEYS = [sys.executable, "-m", "journeys.cli"]


def walk(reports: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOURNEYS_COMMIT": "test"}
    return subprocess.run(
        [*JOURNEYS, "walk", "--reports", str(reports), "-n", "2", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reports")


@pytest.fixture(scope="module")
def smooth(reports):
    done = walk(reports, "--demo", "smooth")
    return done, json.loads((reports / "effort.json").read_text())


@pytest.fixture(scope="module")
def potholed(reports, smooth):
    done = walk(reports, "--demo", "potholed")
    return done, json.loads((reports / "effort.json").read_text())


def test_the_smooth_shop_is_walked_without_friction(smooth):
    done, effort = smooth
    assert done.returncode == 0, done.stdout + done.stderr
    journeys = effort["journeys"]
    assert len(journeys) >= 4
    for journey in journeys:
        assert journey["outcome"] == "completed", journey
        assert journey["frictions"] == [], journey["frictions"]
        assert journey["score"] >= 6, journey


def test_the_summary_table_and_the_reports_are_where_it_says(smooth, reports):
    done, effort = smooth
    for column in (
        "outcome",
        "score",
        "time",
        "budgets",
        "journey",
    ):  # a log's summary: one journey a line (journeys.run.progress)
        assert column in done.stdout
    assert "effort report:" in done.stdout
    assert (reports / "effort" / "index.html").is_file()
    assert list((reports / "allure-results").glob("*-result.json"))
    assert set(effort["run"]) >= {"run_id", "target", "seed", "commit"}
    for journey in effort["journeys"]:
        assert set(journey) >= {
            "feature",
            "scenario",
            "stage",
            "outcome",
            "steps",
            "score",
            "frictions",
        }
        assert journey["stage"] in (
            "discover",
            "evaluate",
            "buy",
            "access",
            "use",
            "support",
            "engage",
        )


def test_the_walks_e_mail_is_counted_and_no_raw_message_is_kept(smooth, reports):
    _, effort = smooth
    assert (
        effort["run"]["mail"]["received"] >= 3
    )  # the order confirmation, the sale and the ticket acknowledgement
    by_feature = {j["feature_path"]: j["mail"]["received"] for j in effort["journeys"]}
    assert by_feature["features/mail_order_confirmation.feature"] >= 1
    # A company's e-mail may carry a password or a code in clear: what the customer read
    # is in the transcript.
    assert not (reports / ".walk" / effort["run"]["run_id"] / "mail").exists()


def test_every_planted_pothole_is_found_under_its_journey(potholed):
    done, effort = potholed
    assert done.returncode == 1, "potholed journeys fail their budgets"
    found = {
        (j["scenario"], f["kind"]) for j in effort["journeys"] for f in j["frictions"]
    }
    missed = [
        p
        for p in load_manifest()
        if p.met_by("mouse") and (p.scenario, p.kind) not in found
    ]
    assert not missed, f"planted but not found: {missed}\nfound: {sorted(found)}"


def test_frictions_carry_evidence_and_a_screenshot(potholed, reports):
    _, effort = potholed
    web = [f for j in effort["journeys"] for f in j["frictions"] if f.get("screenshot")]
    assert web, "web frictions have screenshots"
    for friction in web:
        assert friction["evidence"] and friction["step"]
        assert (
            (reports / friction["screenshot"]).read_bytes().startswith(b"\xff\xd8\xff")
        ), "a JPEG"
    # Allure shows them as images: each screenshot attachment says it is a JPEG and its
    # file is one.
    shots = [
        attachment
        for result in (reports / "allure-results").glob("*-result.json")
        for attachment in _attachments(json.loads(result.read_text(encoding="utf-8")))
        if attachment["name"] in ("screenshot", "last page seen")
    ]
    assert shots and {a["type"] for a in shots} == {"image/jpeg"}
    for attachment in shots:
        assert (
            (reports / "allure-results" / attachment["source"])
            .read_bytes()
            .startswith(b"\xff\xd8\xff")
        )


def _attachments(node: dict) -> list[dict]:
    """Every attachment of an Allure result, at any depth of its steps."""
    found = list(node.get("attachments", []))
    for step in node.get("steps", []):
        found += _attachments(step)
    return found


def test_potholed_journeys_score_lower_than_their_smooth_twins(smooth, potholed):
    smooth_scores = {j["scenario"]: j["score"] for j in smooth[1]["journeys"]}
    for journey in potholed[1]["journeys"]:
        if journey["frictions"]:
            assert journey["score"] < smooth_scores[journey["scenario"]], journey[
                "scenario"
            ]


def test_a_target_where_nothing_listens_is_one_clear_line(tmp_path):
    done = walk(tmp_path, "--target", "http://127.0.0.1:9")
    assert done.returncode == 2
    assert "target http://127.0.0.1:9 is unreachable" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


# -- the customer-time estimate (journeys.effort.time), on the same two walks ----------

K, H, M = (
    0.28,
    0.4,
    1.35,
)  # the published defaults: the demo project does not change them


def test_a_smooth_journey_takes_time_and_loses_none(smooth):
    done, effort = smooth
    assert re.search(r"^completed +\d\.\d +(\d+m)?\d+s ", done.stdout, re.MULTILINE), (
        done.stdout
    )  # the time column
    for journey in effort["journeys"]:
        assert journey["customer_time_s"] > 0, journey["scenario"]
        assert journey["lost_time_s"] == 0, journey["scenario"]
        seconds = sum(row["seconds"] for row in journey["time_operators"].values())
        assert seconds == pytest.approx(journey["customer_time_s"], abs=0.05)
    buy = next(j for j in effort["journeys"] if j["stage"] == "buy")
    assert (
        buy["fields_seen"] >= buy["fields_filled"] > 0
        and buy["form_benchmark"]["average_fields"] == 11.3
    )


def test_every_potholed_journey_with_a_friction_loses_time_and_says_how_much(
    potholed,
):
    _, effort = potholed
    for journey in effort["journeys"]:
        if not journey["frictions"]:
            continue
        assert journey["lost_time_s"] > 0, journey["scenario"]
        assert journey["lost_time_s"] <= journey["customer_time_s"], journey["scenario"]
        charged = sum(f["lost_time_s"] for f in journey["frictions"])
        assert charged == pytest.approx(journey["lost_time_s"], abs=0.05), journey[
            "scenario"
        ]  # counted once each


def test_re_typing_an_e_mail_address_costs_its_characters_and_m_and_h_operators(
    potholed,
):
    _, effort = potholed
    retyped = [
        (j, f)
        for j in effort["journeys"]
        for f in j["frictions"]
        if f["kind"] == "reentered_data"
        and "e-mail address" in f["evidence"]
        and "field" in f["where"]
    ]
    assert retyped, "the potholed shop asks for the e-mail twice"
    for journey, friction in retyped:
        typed = len(journey["persona"]["email"]) * K + M
        assert friction["lost_time_s"] in (round(typed, 2), round(typed + H, 2)), (
            journey["scenario"],
            friction,
        )


def test_allure_shows_the_time_as_a_parameter(smooth, reports):
    results = [
        json.loads(p.read_text())
        for p in (reports / "allure-results").glob("*-result.json")
    ]
    names = {p["name"] for r in results for p in r.get("parameters", [])}
    assert {"customer time", "lost time s"} <= names
