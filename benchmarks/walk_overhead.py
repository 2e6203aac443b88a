"""What the harness costs on top of a plain Playwright script doing the same walk.

    .venv/bin/python benchmarks/walk_overhead.py [--rounds 7]

One run, one browser, the smooth demo shop: each round walks "buy running
shoes" twice, alternating which goes first: once as a plain Playwright script
(locate, click, fill, wait for the next page) and once through the harness
(the web channel with its listeners, the ledger, live friction detection and
screenshots at frictions after every step, the assessment and the
JourneyResult at the end). Both open a fresh browser context per walk, as a
first-time customer has no cookies. What is compared is the walk itself:
starting Python, pytest and the browser happens once per run for both and is
left out. Prints the medians and, as its last line, `overhead ratio: N.NN`
(harness / plain, median of the per-round ratios).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._project import machine  # noqa: E402
from journeys.demo import serve  # noqa: E402
from journeys.effort import EffortModel  # noqa: E402
from journeys.effort.ledger import Ledger  # noqa: E402
from journeys.run.assemble import screenshotter  # noqa: E402
from journeys.run.browser import launch_options  # noqa: E402
from journeys.run.journey import Journey  # noqa: E402
from journeys.shopper import Shopper, make_persona  # noqa: E402
from journeys.shopper.web import WebChannel  # noqa: E402

PRODUCT = "Trail Runner"
# (step text, action): the same walk for both sides.
CHECKOUT_PAGES = (
    (("Full name", "name"), ("E-mail", "email")),
    (("Address", "address"), ("City", "city"), ("Postcode", "postcode")),
    (
        ("Card number", "card_number"),
        ("Expiry date", "card_expiry"),
        ("Security code", "card_cvc"),
    ),
)


def plain_walk(browser, url: str, persona) -> None:  # noqa: ANN001
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/")
    for name in ("Shop running shoes", PRODUCT):
        page.get_by_role("link", name=name, exact=True).click()
        page.wait_for_load_state()
    for name in ("Add to basket", "Checkout"):
        page.get_by_role("button", name=name, exact=True).or_(
            page.get_by_role("link", name=name, exact=True)
        ).click()
        page.wait_for_load_state()
    for index, fields in enumerate(CHECKOUT_PAGES):
        for label, fact in fields:
            page.get_by_label(label, exact=True).fill(persona[fact])
        button = "Place order" if index == len(CHECKOUT_PAGES) - 1 else "Continue"
        with page.expect_navigation():
            page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_text("Thank you for your order").first).to_be_visible()
    context.close()


def harness_walk(browser, url: str, persona, reports: Path) -> None:  # noqa: ANN001
    context = browser.new_context()
    ledger = Ledger()
    model = EffortModel.from_config({})
    page = context.new_page()
    web = WebChannel(page, ledger=ledger, persona=persona, base_url=url)
    shopper = Shopper(persona, ledger)
    shopper.can("web", lambda: web)
    journey = Journey(
        feature="Buy from the ad",
        scenario="Buy running shoes",
        node_id="benchmark",
        feature_path="features/buy_from_the_ad.feature",
        tags=("buy",),
        shopper=shopper,
        model=model,
        reports_dir=reports,
    )
    shopper.web  # noqa: B018 - build the ability, as the first web step does
    steps = [("When I open the home page", lambda: web.open("/"))]
    steps += [
        (f'When I click "{name}"', lambda n=name: web.click(n))
        for name in ("Shop running shoes", PRODUCT, "Add to basket", "Checkout")
    ]
    for index, fields in enumerate(CHECKOUT_PAGES):
        for label, fact in fields:
            steps.append(
                (
                    f'When I fill in "{label}" with my {fact}',
                    lambda lb=label, f=fact: web.fill_fact(lb, f),
                )
            )
        button = "Place order" if index == len(CHECKOUT_PAGES) - 1 else "Continue"
        steps.append((f'When I click "{button}"', lambda b=button: web.click(b)))
    steps.append(
        (
            'Then I should see "Thank you for your order"',
            lambda: web.sees("Thank you for your order"),
        )
    )
    for text, action in steps:
        journey.step_started(text, keyword=text.split()[0], line=0)
        action()
        journey.step_finished(text, error=None, screenshot=screenshotter(journey))
    result = journey.finish(screenshotter(journey))
    assert result.outcome == "completed" and not result.frictions, result.frictions
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    persona = make_persona(2026, "benchmark")
    plain_s: list[float] = []
    harness_s: list[float] = []
    ratios: list[float] = []
    with (
        serve("smooth", support_token="benchmark") as server,
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory() as tmp,
    ):
        browser = playwright.chromium.launch(
            **launch_options(playwright.chromium.executable_path)
        )
        # One warm-up of each, not counted: the first walk pays for caches and the
        # server's first requests.
        plain_walk(browser, server.url, persona)
        harness_walk(browser, server.url, persona, Path(tmp))
        for round_ in range(args.rounds):
            order = ("plain", "harness") if round_ % 2 == 0 else ("harness", "plain")
            times = {}
            for side in order:
                started = time.perf_counter()
                if side == "plain":
                    plain_walk(browser, server.url, persona)
                else:
                    harness_walk(browser, server.url, persona, Path(tmp))
                times[side] = time.perf_counter() - started
            plain_s.append(times["plain"])
            harness_s.append(times["harness"])
            ratios.append(times["harness"] / times["plain"])
            print(
                f"round {round_ + 1}: plain {times['plain']:.3f} s, harness"
                f" {times['harness']:.3f} s"
            )
        browser.close()
    print(
        f"median walk: plain {statistics.median(plain_s):.3f} s, harness"
        f" {statistics.median(harness_s):.3f} s"
    )
    print(machine())
    print(f"overhead ratio: {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
