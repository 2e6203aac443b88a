"""What `journeys walk` costs as a whole process, against a plain Playwright script
doing the same clicks.

    .venv/bin/python benchmarks/whole_process.py [--rounds 5] [--journeys 1 8]

The smooth demo shop runs once, for both sides. Each round, for 1 and for 8 journeys
("buy running shoes from the ad", one feature file each, in a throwaway project), runs
two processes one after the other, alternating which goes first: `journeys walk --target
URL` (pytest, the pre-walk check, the reports, the history) and a plain Python script
that launches the same Chromium and does the same clicks in a fresh context per journey.
Both start Python and the browser; both walk one journey after another. Prints the
medians per size and, as its last line, `whole-process ratio: 1 journey N.NN, 8 journeys
N.NN` (journeys / plain, medians of the per-round ratios).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._project import (
    JOURNEYS_CLI,
    ROOT,
    alternating_rounds,
    machine,
    make_project,
    timed,
)  # noqa: E402
from journeys.demo import serve  # noqa: E402

FEATURE = (ROOT / "features" / "buy_from_the_ad.feature").read_text(encoding="utf-8")

# The plain side: the clicks of the feature, as a Playwright user would script them,
# with a persona's facts.
PLAIN_SCRIPT = textwrap.dedent("""
    import sys
    from playwright.sync_api import expect, sync_playwright
    from journeys.run.browser import launch_options

    url, count = sys.argv[1], int(sys.argv[2])
    facts = {"Full name": "Ada Lovelace", "E-mail": "ada@example.com", "Address": "1 Main Street", "City": "Springfield",
             "Postcode": "12345", "Card number": "4242 4242 4242 4242", "Expiry date": "12/30", "Security code": "123"}
    pages = (("Full name", "E-mail"), ("Address", "City", "Postcode"), ("Card number", "Expiry date", "Security code"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(playwright.chromium.executable_path))
        for _ in range(count):
            context = browser.new_context()
            page = context.new_page()
            page.goto(url + "/")
            for name in ("Shop running shoes", "Trail Runner"):
                page.get_by_role("link", name=name, exact=True).click()
                page.wait_for_load_state()
            for name in ("Add to basket", "Checkout"):
                page.get_by_role("button", name=name, exact=True).or_(page.get_by_role("link", name=name, exact=True)).click()
                page.wait_for_load_state()
            for index, labels in enumerate(pages):
                for label in labels:
                    page.get_by_label(label, exact=True).fill(facts[label])
                with page.expect_navigation():
                    page.get_by_role("button", name="Place order" if index == len(pages) - 1 else "Continue", exact=True).click()
            expect(page.get_by_text("Thank you for your order").first).to_be_visible()
            context.close()
        browser.close()
    """)


def buy_features(journeys: int) -> dict[str, str]:
    """`journeys` copies of the bundled "buy running shoes" journey, a feature file
    each.
    """
    scenario = "Scenario: Buy running shoes from the spring sale ad"
    return {
        f"buy_{n + 1}.feature": FEATURE.replace(
            scenario, f"Scenario: Buy running shoes, customer {n + 1}"
        )
        for n in range(journeys)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--journeys", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        serve("smooth", support_token="benchmark") as server,
    ):
        script = Path(tmp) / "plain_walk.py"
        script.write_text(PLAIN_SCRIPT, encoding="utf-8")
        projects = {
            n: make_project(
                Path(tmp) / f"project-{n}", buy_features(n), 'reports = "reports"\n'
            )
            for n in args.journeys
        }
        sides = {
            "plain": lambda n: [sys.executable, str(script), server.url, str(n)],
            "journeys": lambda n: [JOURNEYS_CLI, "walk", "--target", server.url],
        }
        for n in (
            args.journeys
        ):  # one warm-up of each, not counted: the first run fills the OS's file cache
            for side, command in sides.items():
                timed(command(n), projects[n], f"the {side} side's warm-up")
        ratios, seconds = alternating_rounds(
            args.rounds,
            args.journeys,
            ("plain", "journeys"),
            lambda side, n: timed(sides[side](n), projects[n], f"the {side} side"),
        )
    shown = []
    for n in args.journeys:
        median = statistics.median(ratios[n])
        plain, walk = (
            statistics.median(seconds[(side, n)]) for side in ("plain", "journeys")
        )
        print(
            f"median, {n} journey(s): plain {plain:.2f} s, journeys walk {walk:.2f} s"
        )
        shown.append(f"{n} journey{'s' if n > 1 else ''} {median:.2f}")
    print(machine())
    print(f"whole-process ratio: {', '.join(shown)}")


if __name__ == "__main__":
    main()
