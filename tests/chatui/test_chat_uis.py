"""`journeys walk` through two real open-source chat front ends, each with the tests'
own bot behind it.

Panel's ChatInterface (PyPI, the `chatui` extra) is a full-page chat app over a
WebSocket that streams its replies; deep-chat (npm) is a chat web component a shop
embeds in its page. Behind each, bot.py answers in two variants: `friction` plants the
six frictions of manifest.toml (a fallback, a loop, a slow stream, "please call", a
hand-off that loses the context, a dead action button), `smooth` none. The journeys
(<ui>/features/, the same file for both) are written from `journeys steps` only.

Measured per front end: journeys broken (must be 0), planted frictions found (must be
all), frictions on the smooth twin (must be 0; a `wait` there is printed, not counted:
on a runner shared by many jobs it says how busy the runner was, as in tests/realapps).
The figures print at the end of the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from journeys.effort.kinds import friction_kinds

HERE = Path(__file__).parent
UIS = ("panel", "deepchat")
UNCOUNTED = (
    "abandoned",
    "wait",
)  # an outcome, and the runner's load (see the docstring)
pytestmark = [pytest.mark.realapps, pytest.mark.browser]


def manifest() -> list[dict[str, str]]:
    entries = tomllib.loads((HERE / "manifest.toml").read_text(encoding="utf-8"))[
        "friction"
    ]
    for entry in entries:
        assert entry["kind"] in friction_kinds, (
            f"manifest.toml: {entry['kind']!r} is not a friction kind"
        )
    return entries


def walk(ui: str, target: str, reports: Path) -> dict[str, Any]:
    """`journeys walk --target URL` from the front end's project folder, as its team
    would.
    """
    env = {**os.environ, "JOURNEYS_COMMIT": "chatui"}
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
            "features/",
        ],
        cwd=HERE / ui,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    effort = reports / "effort.json"
    assert effort.is_file(), (
        "journeys walk wrote no effort.json (exit"
        f" {done.returncode}):\n{done.stdout}\n{done.stderr}"
    )
    return json.loads(effort.read_text())


def reported(effort: dict[str, Any]) -> Counter[tuple[str, str]]:
    return Counter(
        (j["scenario"], f["kind"]) for j in effort["journeys"] for f in j["frictions"]
    )


def details(effort: dict[str, Any]) -> str:
    lines = []
    for j in effort["journeys"]:
        lines.append(
            f"  {j['scenario']}: {j['outcome']}"
            + (f" ({j['error']})" if j.get("error") else "")
        )
        lines += [f"    {f['kind']}: {f['evidence']}" for f in j["frictions"]]
    return "\n".join(lines)


@pytest.fixture
def walked(
    panel_chat: str, deepchat_chat: str, tmp_path_factory: pytest.TempPathFactory
) -> Any:
    """walked(ui, variant) -> effort.json of one walk; its figure line is kept for the
    end of the run.
    """
    targets = {"panel": panel_chat, "deepchat": deepchat_chat}

    def get(ui: str, variant: str) -> dict[str, Any]:
        effort = walk(
            ui, f"{targets[ui]}/{variant}", tmp_path_factory.mktemp(f"{ui}-{variant}")
        )
        broken = sum(j["outcome"] == "broken" for j in effort["journeys"])
        line = (
            f"{ui} {variant}: broken {broken} of {len(effort['journeys'])} journeys, "
        )
        if variant == "friction":
            found = sum(
                reported(effort)[e["journey"], e["kind"]] > 0 for e in manifest()
            )
            line += f"planted found {found}/{len(manifest())}"
        else:
            counted = sum(
                n for (_, kind), n in reported(effort).items() if kind not in UNCOUNTED
            )
            waits = sum(
                n for (_, kind), n in reported(effort).items() if kind == "wait"
            )
            line += f"frictions {counted}" + (
                f" (and {waits} wait(s), not counted)" if waits else ""
            )
        figures = tmp_path_factory.getbasetemp() / "chatui-figures"
        figures.mkdir(exist_ok=True)
        (figures / f"{ui}-{variant}.txt").write_text(line + "\n")
        return effort

    return get


def test_both_front_ends_walk_the_same_journeys():
    assert (HERE / "panel" / "features" / "chat_help.feature").read_text() == (
        HERE / "deepchat" / "features" / "chat_help.feature"
    ).read_text()


# One test a walk: under pytest-xdist each front end and variant is still walked once.


@pytest.mark.parametrize("ui", UIS)
def test_every_planted_friction_is_found_and_no_journey_is_broken(ui, walked):
    effort = walked(ui, "friction")
    assert [
        j["scenario"] for j in effort["journeys"] if j["outcome"] == "broken"
    ] == [], details(effort)
    assert len(effort["journeys"]) == len(manifest())
    missed = [
        e["why"] for e in manifest() if not reported(effort)[e["journey"], e["kind"]]
    ]
    assert missed == [], f"{ui}: missed {missed}\n{details(effort)}"


@pytest.mark.parametrize("ui", UIS)
def test_the_smooth_twin_has_no_friction_and_no_journey_is_broken(ui, walked):
    effort = walked(ui, "smooth")
    assert [
        j["scenario"] for j in effort["journeys"] if j["outcome"] == "broken"
    ] == [], details(effort)
    counted = {key: n for key, n in reported(effort).items() if key[1] not in UNCOUNTED}
    assert counted == {}, details(effort)
