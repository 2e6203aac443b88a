"""How the walk scales with workers when the site is slow: 64 journeys of a demo shop
whose pages take 300 ms.

    .venv/bin/python benchmarks/scale.py \
        [--journeys 64] [--workers 1 2 4] [--page-ms 300]

The smooth demo shop runs behind a delay of `--page-ms` on every page (not on scripts or
API calls), as a slow site answers. A throwaway project holds 64 copies of "find how to
contact a human" (8 feature files of 8 scenarios), and `journeys walk --target URL -n W`
walks them with each number of workers. Waiting for pages is where parallel browsers pay
off; on a machine with few cores the browsers compete for them. Prints each walk's time
and, as its last line, `speed-up: 2 workers N.NNx, 4 workers N.NNx` (against 1 worker).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._project import JOURNEYS_CLI, machine, make_project, timed  # noqa: E402
from journeys.demo._app import create_app  # noqa: E402
from journeys.demo._server import AppServer  # noqa: E402

SCENARIO = """
  Scenario: Find how to contact a human, customer {n}
    Given I am a first-time customer
    When I open the home page
    And I look for a way to "talk to a human"
    Then I should not have hit a dead end
"""


def slow_pages(app, delay_s: float):  # noqa: ANN001, ANN201
    """The app, with every page (an HTML GET outside /static and /api) answered
    `delay_s` late.
    """

    async def delayed(scope, receive, send):  # noqa: ANN001
        path = scope.get("path", "")
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and not path.startswith(("/static", "/api"))
        ):
            await asyncio.sleep(
                delay_s
            )  # the benchmark's slow site, not a wait in the harness
        await app(scope, receive, send)

    return delayed


def contact_features(journeys: int, per_file: int = 8) -> dict[str, str]:
    """`journeys` copies of the contact scenario, `per_file` to a feature file."""
    features = {}
    for start in range(0, journeys, per_file):
        group = start // per_file + 1
        body = "".join(
            SCENARIO.format(n=n + 1)
            for n in range(start, min(start + per_file, journeys))
        )
        features[f"contact_{group}.feature"] = (
            f"@support\nFeature: Contact a person, group {group}\n{body}"
        )
    return features


def walk(project: Path, url: str, workers: int) -> float:
    command = [
        JOURNEYS_CLI,
        "walk",
        "--target",
        url,
        "-n",
        str(workers if workers > 1 else 0),
    ]
    return timed(command, project, f"the walk with {workers} worker(s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=64)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--page-ms", type=int, default=300)
    args = parser.parse_args()
    app = slow_pages(
        create_app("smooth", support_token="benchmark"), args.page_ms / 1000
    )
    seconds: dict[int, float] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        AppServer(app, name="slow demo shop") as server,
    ):
        project = make_project(Path(tmp) / "project", contact_features(args.journeys))
        for workers in args.workers:
            seconds[workers] = walk(project, server.url, workers)
            print(
                f"{args.journeys} journeys, {workers} worker(s):"
                f" {seconds[workers]:.1f} s",
                flush=True,
            )
    base = seconds[args.workers[0]]
    print(machine())
    print(
        "speed-up: "
        + ", ".join(f"{w} workers {base / seconds[w]:.2f}x" for w in args.workers[1:])
    )


if __name__ == "__main__":
    main()
