"""The phone channel on phone menus written apart from the demo: planted frictions
found, the smooth twin clean.

Scenarios drive the caller's tasks as the catalogue's steps do. The manifest
(manifest.toml) lists what each potholed scenario must show; recall is the share of
those found, precision the share of what was found that was planted.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from journeys.effort import detect
from journeys.effort._phone import menu_paths
from journeys.shopper.phone import PhoneLine
from journeys.shopper.phone_tasks import heard_it, reach_person, seek_on_phone
from tests.phone.conftest import line_for

MANIFEST = tomllib.loads(
    (Path(__file__).parent / "manifest.toml").read_text(encoding="utf-8")
)["friction"]


def _file_a_claim(line: PhoneLine) -> None:
    seek_on_phone(line, "file a claim")


def _wait_for_a_claims_handler(line: PhoneLine) -> None:
    line.call()
    line.say("claims")
    seek_on_phone(line, "file a claim")
    line.wait_on_hold()


def _anything_else(line: PhoneLine) -> None:
    reach_person(line, 2)


def _speak_to_an_agent(line: PhoneLine) -> None:
    reach_person(line, 3)


def _pay_a_bill(line: PhoneLine) -> None:
    seek_on_phone(line, "pay a bill")


def _a_wrong_key_first(line: PhoneLine) -> None:
    line.call()
    line.press("9")
    seek_on_phone(line, "pay a bill")


SCENARIOS: dict[tuple[str, str], Callable[[PhoneLine], None]] = {
    ("insurer", "file a claim"): _file_a_claim,
    ("insurer", "wait for a claims handler"): _wait_for_a_claims_handler,
    ("insurer", "anything else"): _anything_else,
    ("utility", "speak to an agent"): _speak_to_an_agent,
    ("utility", "pay a bill"): _pay_a_bill,
    ("utility", "a wrong key first"): _a_wrong_key_first,
}
LINES = {
    "insurer": ("twiml", "/ins/voice"),
    "utility": ("voicexml", "/util/start.vxml"),
}


def walk(url: str, line_name: str, scenario: str) -> tuple[PhoneLine, set[str]]:
    adapter, webhook = LINES[line_name]
    line = line_for(url, adapter, webhook)
    SCENARIOS[(line_name, scenario)](line)
    return line, {f.kind for f in detect(line.ledger.events)}


@pytest.mark.parametrize(("line_name", "scenario"), list(SCENARIOS))
def test_the_smooth_twin_has_no_friction(lines_url, line_name, scenario):
    line, kinds = walk(lines_url["smooth"], line_name, scenario)
    assert kinds == set(), [f.evidence for f in detect(line.ledger.events)]
    assert line.transferred, (
        f"the smooth {line_name} line put the caller through"
        f" ({menu_paths(line.ledger.events)})"
    )


@pytest.mark.parametrize(("line_name", "scenario"), list(SCENARIOS))
def test_each_planted_friction_is_found_where_it_was_planted(
    lines_url, line_name, scenario
):
    planted = {
        p["kind"]
        for p in MANIFEST
        if (p["line"], p["scenario"]) == (line_name, scenario)
    }
    _, kinds = walk(lines_url["potholed"], line_name, scenario)
    assert planted <= kinds, f"missed {planted - kinds}"
    assert kinds <= planted | {"abandoned"}, f"not planted: {kinds - planted}"


def test_recall_and_precision_over_the_test_lines(lines_url, capsys):
    planted = {(p["line"], p["scenario"], p["kind"]) for p in MANIFEST}
    found: set[tuple[str, str, str]] = set()
    for line_name, scenario in SCENARIOS:
        _, kinds = walk(lines_url["potholed"], line_name, scenario)
        found |= {(line_name, scenario, kind) for kind in kinds}
    smooth = sum(len(walk(lines_url["smooth"], *key)[1]) for key in SCENARIOS)
    recall = len(planted & found) / len(planted)
    precision = len(planted & found) / len(found)
    with capsys.disabled():
        print(
            f"\nphone test lines: recall {len(planted & found)}/{len(planted)},"
            f" precision {len(planted & found)}/{len(found)}, smooth frictions {smooth}"
        )
    assert (recall, precision, smooth) == (1.0, 1.0, 0)


def test_speech_and_keys_both_reach_the_claims_queue_and_the_caller_hears_it(lines_url):
    line = line_for(lines_url["smooth"], "twiml", "/ins/voice")
    line.call()
    line.say("claims")
    line.key_in("date_of_birth")
    assert heard_it(line, "please hold for the next claims handler")
    assert menu_paths(line.ledger.events) == ['"claims" > [date of birth]']
    sent = [e for e in line.exchanges() if "/ins/policy" in str(e.get("url", ""))]
    assert sent and "Digits=" in sent[0]["request"]["body"]


def test_a_voicexml_field_fills_its_variable_and_its_if_picks_the_arm(lines_url):
    line = line_for(lines_url["smooth"], "voicexml", "/util/start.vxml")
    line.call()
    line.press("1")
    line.press("1")
    assert heard_it(line, "an engineer is on the way")
    assert not heard_it(line, "check your fuse box")
    assert line.ended == "exit"
