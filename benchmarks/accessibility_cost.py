"""What axe-core's check costs a walk: the same walk with `accessibility` on and off.

    .venv/bin/python benchmarks/accessibility_cost.py [--rounds 3] [--journeys 1 8]

The smooth demo shop runs once. Each round, for 1 and for 8 journeys ("buy
running shoes from the ad", one feature file each), runs `journeys walk` twice,
alternating which goes first: with the default (axe-core checks each page the
journey acts on) and with `accessibility = "off"`. Prints the medians and, as its
last line, `accessibility cost ratio: 1 journey N.NN, 8 journeys N.NN` (on / off,
medians of the per-round ratios).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._project import (  # noqa: E402
    JOURNEYS_CLI,
    alternating_rounds,
    machine,
    make_project,
    timed,
)
from benchmarks.whole_process import buy_features  # noqa: E402
from journeys.demo import serve  # noqa: E402

SETTINGS = {
    "on": 'reports = "reports"\n',
    "off": 'reports = "reports"\naccessibility = "off"\n',
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--journeys", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        serve("smooth", support_token="benchmark") as server,
    ):
        projects = {
            (side, n): make_project(
                Path(tmp) / f"project-{side}-{n}", buy_features(n), SETTINGS[side]
            )
            for side in SETTINGS
            for n in args.journeys
        }
        walk = [JOURNEYS_CLI, "walk", "--target", server.url]
        for key, project in projects.items():  # a warm-up of each, not counted
            timed(walk, project, f"the {key[0]} side's warm-up")
        ratios, seconds = alternating_rounds(
            args.rounds,
            args.journeys,
            ("off", "on"),
            lambda side, n: timed(walk, projects[(side, n)], f"the {side} side"),
        )
    shown = []
    for n in args.journeys:
        off, on = (statistics.median(seconds[(side, n)]) for side in ("off", "on"))
        print(f"median, {n} journey(s): off {off:.2f} s, on {on:.2f} s")
        shown.append(
            f"{n} journey{'s' if n > 1 else ''} {statistics.median(ratios[n]):.2f}"
        )
    print(machine())
    print(f"accessibility cost ratio: {', '.join(shown)}")


if __name__ == "__main__":
    main()
