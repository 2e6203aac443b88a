"""What `journeys walk` costs as a whole process, against a plain Playwright script doing the same clicks.

    .venv/bin/python benchmarks/whole_process.py [--rounds 5] [--journeys 1 8]

The smooth demo shop runs once, for both sides. Each round, for 1 and for 8
journeys ("buy running shoes from the ad", one feature file each, in a
throwaway project), runs two processes one after the other, alternating which
goes first: `journeys walk --target URL` (pytest, the pre-walk check, the
reports, the history) and a plain Python script that launches the same
Chromium and does the same clicks in a fresh context per journey. Both start
Python and the browser; both walk one journey after another. Prints the
medians per size and, as its last line, `whole-process ratio: 1 journey N.NN,
8 journeys N.NN` (journeys / plain, medians of the per-round ratios).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from journeys.demo import serve  # noqa: E402

FEATURE = (ROOT / "features" / "buy_from_the_ad.feature").read_text(encoding="utf-8")

# The plain side: the clicks of the feature, as a Playwright user would script them, with a persona's facts.
PLAIN_SCRIPT = textwrap.dedent(
    """
    import sys
    from playwright.sync_api import expect, sync_playwright
    from journeys.browser import launch_options

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
    """
)


def make_project(folder: Path, journeys: int) -> Path:
    """A project as `journeys init` makes one: the repository's conftest.py and steps, `journeys` feature files."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "conftest.py", folder / "conftest.py")
    (folder / "steps").symlink_to(ROOT / "steps", target_is_directory=True)
    (folder / "pyproject.toml").write_text('[tool.journeys]\nseed = 2026\nreports = "reports"\n', encoding="utf-8")
    (folder / "features").mkdir()
    for n in range(journeys):
        text = FEATURE.replace("Scenario: Buy running shoes from the spring sale ad", f"Scenario: Buy running shoes, customer {n + 1}")
        (folder / "features" / f"buy_{n + 1}.feature").write_text(text, encoding="utf-8")
    return folder


def timed(command: list[str], cwd: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", JOURNEYS_COMMIT="benchmark", PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--journeys", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args()
    journeys_cli = str(Path(sys.executable).with_name("journeys"))
    ratios: dict[int, list[float]] = {n: [] for n in args.journeys}
    seconds: dict[tuple[str, int], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp, serve("smooth", support_token="benchmark") as server:
        script = Path(tmp) / "plain_walk.py"
        script.write_text(PLAIN_SCRIPT, encoding="utf-8")
        projects = {n: make_project(Path(tmp) / f"project-{n}", n) for n in args.journeys}
        sides = {
            "plain": lambda n: [sys.executable, str(script), server.url, str(n)],
            "journeys": lambda n: [journeys_cli, "walk", "--target", server.url],
        }
        for n in args.journeys:  # one warm-up of each, not counted: the first run fills the OS's file cache
            for command in sides.values():
                timed(command(n), projects[n])
        for round_ in range(args.rounds):
            for n in args.journeys:
                order = ("plain", "journeys") if round_ % 2 == 0 else ("journeys", "plain")
                times = {side: timed(sides[side](n), projects[n]) for side in order}
                ratios[n].append(times["journeys"] / times["plain"])
                for side, elapsed in times.items():
                    seconds.setdefault((side, n), []).append(elapsed)
                print(f"round {round_ + 1}, {n} journey(s): plain {times['plain']:.2f} s, journeys walk {times['journeys']:.2f} s", flush=True)
    shown = []
    for n in args.journeys:
        median = statistics.median(ratios[n])
        plain, walk = (statistics.median(seconds[(side, n)]) for side in ("plain", "journeys"))
        print(f"median, {n} journey(s): plain {plain:.2f} s, journeys walk {walk:.2f} s")
        shown.append(f"{n} journey{'s' if n > 1 else ''} {median:.2f}")
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"whole-process ratio: {', '.join(shown)}")


if __name__ == "__main__":
    main()
