"""Walking a real application with the `journeys` CLI, and measuring it against the
hand-made manifest.

The manifest (manifest.toml) lists, per application and journey, the frictions a
first-time customer really meets there, found by hand. A walk is measured by three
figures: recall (manifest frictions reported under their journey with their kind), false
positives (frictions reported beyond what the manifest lists: each one blames the site
for something the customer would not feel) and journeys `broken` (every journey here can
be walked by a customer).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeys.effort.kinds import friction_kinds

HERE = Path(__file__).parent
MANIFEST = HERE / "manifest.toml"
APPS = ("roundup", "rivescript", "nlpjs", "django", "cartridge", "helpdesk", "spirit")
# The friction kinds a manifest entry may name: journeys' own legend, less the outcome
# "abandoned".
KINDS = tuple(kind for kind in friction_kinds if kind != "abandoned")
# Not counted as a false positive: abandonment is the outcome of a cause, and a slow
# page on a machine shared by many jobs says nothing about the application. Both are
# still printed.
UNCOUNTED = ("abandoned", "wait")


@dataclass(frozen=True)
class Friction:
    """One real friction found by hand: what a first-time customer meets in this
    journey.
    """

    app: str
    journey: str
    kind: str
    why: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.app, self.journey, self.kind)


def load_manifest() -> list[Friction]:
    entries = []
    for number, raw in enumerate(
        tomllib.loads(MANIFEST.read_text()).get("friction", []), start=1
    ):
        where = f"{MANIFEST.name}: friction #{number}"
        if set(raw) != {"app", "journey", "kind", "why"}:
            raise ValueError(
                f"{where} needs exactly app, journey, kind, why (has"
                f" {', '.join(sorted(raw))})"
            )
        if raw["app"] not in APPS or raw["kind"] not in KINDS:
            raise ValueError(f"{where}: app must be one of {APPS}, kind one of {KINDS}")
        if raw["journey"] not in scenarios(raw["app"]):
            raise ValueError(
                f"{where}: no scenario {raw['journey']!r} in {raw['app']}/features"
            )
        entries.append(Friction(**raw))
    return entries


def scenarios(app: str) -> list[str]:
    """The scenario names in an application's features, read as a person reads the
    files.
    """
    names = []
    for feature in sorted((HERE / app / "features").glob("*.feature")):
        names += re.findall(
            r"^\s*Scenario(?: Outline)?:\s*(.+?)\s*$",
            feature.read_text(),
            flags=re.MULTILINE,
        )
    return names


def walk(
    app: str, target: str, reports: Path, *options: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """`journeys walk --target URL features/` from the application's project folder, as
    its team would.
    """
    env = {**os.environ, "JOURNEYS_COMMIT": "realapps"}
    env.pop("JOURNEYS_TARGET_URL", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "journeys.cli",
            "walk",
            "--reports",
            str(reports),
            "--target",
            target,
            *options,
            "features/",
        ],
        cwd=HERE / app,
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    effort = reports / "effort.json"
    if not effort.is_file():
        raise AssertionError(
            "journeys walk wrote no effort.json (exit"
            f" {done.returncode}):\n{done.stdout}\n{done.stderr}"
        )
    return done, json.loads(effort.read_text())


@dataclass(frozen=True)
class Measure:
    """What one walk of one application found, against its manifest."""

    app: str
    effort: dict[str, Any]
    manifest: tuple[Friction, ...]
    reports: Path

    def found(self, journey: str, kind: str) -> int:
        return sum(
            1
            for j in self.journeys
            if j["scenario"] == journey
            for f in j["frictions"]
            if f["kind"] == kind
        )

    def expected(self, journey: str, kind: str) -> int:
        return sum(1 for f in self.manifest if (f.journey, f.kind) == (journey, kind))

    @property
    def journeys(self) -> list[dict[str, Any]]:
        return self.effort["journeys"]

    def journey(self, name: str) -> dict[str, Any]:
        matching = [j for j in self.journeys if j["scenario"] == name]
        assert matching, f"{self.app}: the walk reported no journey {name!r}"
        return matching[0]

    def is_found(self, entry: Friction) -> bool:
        """The n-th manifest entry of a (journey, kind) is found when the walk reported
        at least n of them.
        """
        same = [
            f
            for f in self.manifest
            if (f.journey, f.kind) == (entry.journey, entry.kind)
        ]
        return self.found(entry.journey, entry.kind) > same.index(entry)

    def false_positives(self) -> Counter[tuple[str, str]]:
        """(journey, kind) -> how many more frictions of that kind were reported than
        the manifest lists.
        """
        reported = Counter(
            (j["scenario"], f["kind"])
            for j in self.journeys
            for f in j["frictions"]
            if f["kind"] not in UNCOUNTED
        )
        return Counter(
            {
                key: n - self.expected(*key)
                for key, n in reported.items()
                if n > self.expected(*key)
            }
        )

    def broken(self) -> list[str]:
        return [j["scenario"] for j in self.journeys if j["outcome"] == "broken"]

    def figure_line(self) -> str:
        hits = sum(self.is_found(f) for f in self.manifest)
        waits = sum(
            1 for j in self.journeys for f in j["frictions"] if f["kind"] == "wait"
        )
        line = (
            f"{self.app}: recall {hits}/{len(self.manifest)}, false positives"
            f" {sum(self.false_positives().values())}, broken {len(self.broken())} of"
            f" {len(self.journeys)} journeys"
        )
        return line + (f" (and {waits} wait(s), not counted)" if waits else "")

    def secrets_in_reports(self) -> list[str]:
        """Every report file (and member of a zip, such as a Playwright trace) holding a
        persona's password or card number.
        """
        from journeys.shopper import make_persona

        secrets: dict[bytes, str] = {}
        for journey in self.journeys:
            facts = make_persona(self.effort["run"]["seed"], journey["node_id"]).facts
            secrets[facts["password"].encode()] = (
                f"the password of {journey['scenario']!r}"
            )
            for card in {facts["card_number"], facts["card_number"].replace(" ", "")}:
                secrets[card.encode()] = "the card number"
        found = []
        for path in sorted(p for p in self.reports.rglob("*") if p.is_file()):
            members = [(str(path.relative_to(self.reports)), path.read_bytes())]
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    members = [
                        (f"{members[0][0]}:{name}", archive.read(name))
                        for name in archive.namelist()
                    ]
            found += [
                f"{what} in {where}"
                for where, raw in members
                for secret, what in secrets.items()
                if secret in raw
            ]
        return found

    def details(self) -> str:
        """Every journey with its outcome and frictions, for a failing assertion's
        message.
        """
        lines = []
        for j in self.journeys:
            lines.append(
                f"  {j['scenario']}: {j['outcome']}"
                + (f" ({j['error']})" if j.get("error") else "")
            )
            lines += [f"    {f['kind']}: {f['evidence']}" for f in j["frictions"]]
        return "\n".join(lines)


def measure(app: str, effort: dict[str, Any], reports: Path) -> Measure:
    return Measure(
        app, effort, tuple(f for f in load_manifest() if f.app == app), reports
    )
