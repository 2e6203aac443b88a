"""The manifest of planted potholes: well formed, every kind planted, every journey
real.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeys.demo import Pothole, load_manifest
from journeys.demo._manifest import PLANTABLE_KINDS, parse_manifest

FEATURES = Path(__file__).resolve().parents[2] / "features"


def scenario_names() -> set[str]:
    names = set()
    for feature in FEATURES.glob("*.feature"):
        names |= {
            m.group(1).strip()
            for m in re.finditer(
                r"^\s*Scenario:\s*(.+)$", feature.read_text(), re.MULTILINE
            )
        }
    return names


def test_the_manifest_parses_into_potholes():
    potholes = load_manifest()
    assert potholes and all(isinstance(p, Pothole) for p in potholes)
    assert all(p.description and p.where for p in potholes)


def test_every_friction_kind_is_planted_and_no_other():
    kinds = {p.kind for p in load_manifest()}
    assert kinds == set(PLANTABLE_KINDS)


def test_every_pothole_is_on_a_scenario_that_exists():
    names = scenario_names()
    missing = sorted({p.scenario for p in load_manifest()} - names)
    assert not missing, f"manifest names scenarios not in features/: {missing}"


def test_every_feature_has_exactly_one_stage_tag():
    stages = {
        "@discover",
        "@evaluate",
        "@buy",
        "@access",
        "@use",
        "@support",
        "@engage",
    }
    for feature in FEATURES.glob("*.feature"):
        tags = re.findall(r"@[\w-]+", feature.read_text())
        assert len([t for t in tags if t in stages]) == 1, feature.name


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('kind = "slow"', "kind 'slow' is not one of"),
        ('kind = "wait"\nchannel = "fax"', "channel 'fax' is not one of"),
        ('kind = "wait"\ncolour = "red"', "unknown keys colour"),
    ],
)
def test_a_wrong_entry_is_named(entry, problem):
    base = 'scenario = "s"\nwhere = "/"\ndescription = "d"\n'
    if "channel" not in entry:
        base += 'channel = "web"\n'
    with pytest.raises(ValueError, match=re.escape(problem)):
        parse_manifest(f"[[pothole]]\n{base}{entry}\n")


def test_a_missing_key_is_named():
    with pytest.raises(ValueError, match="pothole #1 lacks kind"):
        parse_manifest(
            '[[pothole]]\nscenario = "s"\nwhere = "/"\ndescription = "d"\nchannel ='
            ' "web"\n'
        )
