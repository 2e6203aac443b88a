"""`journeys walk` through two real open-source chat front ends, each with the tests' own bot behind it.

Panel's ChatInterface (PyPI, the `chatui` extra) is a full-page chat app over a
WebSocket that streams its replies; deep-chat (npm) is a chat web component a
shop embeds in its page. Behind each, bot.py answers in two variants: `friction`
plants the six frictions of manifest.toml (a fallback, a loop, a slow stream,
"please call", a hand-off that loses the context, a dead action button),
`smooth` none. The journeys (<ui>/features/, the same file for both) are written
from `journeys steps` only.

Measured per front end: journeys broken (must be 0), planted frictions found
(must be all), frictions on the smooth twin (must be 0; a `wait` there is
printed, not counted: on a runner shared by many jobs it says how busy the
runner was, as in tests/realapps). The figures print at the end of the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journeys.effort.kinds import friction_kinds

HERE = Path(__file__).parent
UIS = ("panel", "deepchat")
UNCOUNTED = ("abandoned", "wait")  # an outcome, and the runner's load (see the docstring)
pytestmark = [pytest.mark.realapps, pytest.mark.browser]


def manifest() -> list[dict[str, str]]:
    entries = tomllib.loads((HERE / "manifest.toml").read_text(encoding="utf-8"))["friction"]
    for entry in entries:
        assert entry["kind"] in friction_kinds, f"manifest.toml: {entry['kind']!r} is not a friction kind"
    return entries


def walk(ui: str, target: str, reports: Path) -> dict[str, Any]:
    """`journeys walk --target URL` from the front end's project folder, as its team would."""
    env = {**os.environ, "JOURNEYS_COMMIT": "chatui"}
    env.pop("JOURNEYS_TARGET_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "journeys.cli", "walk", "--reports", str(reports), "--target", target, "features/"],
        cwd=HERE / ui, capture_output=True, text=True, timeout=600, env=env, stdin=subprocess.DEVNULL, check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    effort = reports / "effort.json"
    assert effort.is_file(), f"journeys walk wrote no effort.json (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
    return json.loads(effort.read_text())


def reported(effort: dict[str, Any]) -> Counter[tuple[str, str]]:
    return Counter((j["scenario"], f["kind"]) for j in effort["journeys"] for f in j["frictions"])


def details(effort: dict[str, Any]) -> str:
    lines = []
    for j in effort["journeys"]:
        lines.append(f"  {j['scenario']}: {j['outcome']}" + (f" ({j['error']})" if j.get("error") else ""))
        lines += [f"    {f['kind']}: {f['evidence']}" for f in j["frictions"]]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def walked(panel_chat: str, deepchat_chat: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    targets = {"panel": panel_chat, "deepchat": deepchat_chat}
    done: dict[tuple[str, str], dict[str, Any]] = {}

    def get(ui: str, variant: str) -> dict[str, Any]:
        if (ui, variant) not in done:
            done[ui, variant] = walk(ui, f"{targets[ui]}/{variant}", tmp_path_factory.mktemp(f"{ui}-{variant}"))
        return done[ui, variant]

    yield get
    figures = tmp_path_factory.getbasetemp() / "chatui-figures.txt"
    lines = []
    for ui in UIS:
        if (ui, "friction") in done and (ui, "smooth") in done:
            friction, smooth = done[ui, "friction"], done[ui, "smooth"]
            planted = manifest()
            found = sum(reported(friction)[e["journey"], e["kind"]] > 0 for e in planted)
            false = sum(n for (_, kind), n in reported(smooth).items() if kind not in UNCOUNTED)
            waits = sum(n for (_, kind), n in reported(smooth).items() if kind == "wait")
            broken = sum(j["outcome"] == "broken" for e in (friction, smooth) for j in e["journeys"])
            lines.append(
                f"{ui}: broken {broken} of {len(friction['journeys']) * 2} journeys, planted found {found}/{len(planted)}, "
                f"frictions on the smooth twin {false}" + (f" (and {waits} wait(s), not counted)" if waits else "")
            )
    figures.write_text("\n".join(lines) + "\n")


def test_both_front_ends_walk_the_same_journeys():
    assert (HERE / "panel" / "features" / "chat_help.feature").read_text() == (HERE / "deepchat" / "features" / "chat_help.feature").read_text()


@pytest.mark.parametrize("ui", UIS)
def test_no_journey_is_broken_through_either_variant(ui, walked):
    for variant in ("smooth", "friction"):
        effort = walked(ui, variant)
        assert [j["scenario"] for j in effort["journeys"] if j["outcome"] == "broken"] == [], details(effort)
        assert len(effort["journeys"]) == len(manifest())


@pytest.mark.parametrize("ui", UIS)
@pytest.mark.parametrize("entry", manifest(), ids=lambda e: f"{e['journey']}|{e['kind']}")
def test_each_planted_friction_is_found(ui, entry, walked):
    effort = walked(ui, "friction")
    assert reported(effort)[entry["journey"], entry["kind"]] > 0, f"{ui}: {entry['why']}\n{details(effort)}"


@pytest.mark.parametrize("ui", UIS)
def test_the_smooth_twin_has_no_friction(ui, walked):
    effort = walked(ui, "smooth")
    counted = {key: n for key, n in reported(effort).items() if key[1] not in UNCOUNTED}
    assert counted == {}, details(effort)
