"""What the whole-process benchmarks share: a throwaway project and a timed `journeys`
process.

A project is made as `journeys init` makes one, with this repository's conftest.py and
steps, so the walk loads exactly what a team's walk loads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JOURNEYS_CLI = str(Path(sys.executable).with_name("journeys"))


def make_project(folder: Path, features: dict[str, str], settings: str = "") -> Path:
    """A project in `folder` walking `features` (file name: Gherkin), with `settings`
    added under [tool.journeys].
    """
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "conftest.py", folder / "conftest.py")
    (folder / "steps").symlink_to(ROOT / "steps", target_is_directory=True)
    (folder / "pyproject.toml").write_text(
        f"[tool.journeys]\nseed = 2026\n{settings}", encoding="utf-8"
    )
    (folder / "features").mkdir()
    for name, text in features.items():
        (folder / "features" / name).write_text(text, encoding="utf-8")
    return folder


def timed(command: list[str], cwd: Path, what: str) -> float:
    """Seconds `command` took in `cwd`, as a process of its own with no outer run's
    JOURNEYS_* settings.

    A failed command stops the benchmark with its output: a ratio of a walk that broke
    means nothing.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", JOURNEYS_COMMIT="benchmark", PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(
            f"{what} failed"
            f" ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-2000:]}"
        )
    return elapsed


def machine() -> str:
    """The line every benchmark prints before its result: the ratios are read against
    it.
    """
    return (
        f"cores: {os.cpu_count()}, load average:"
        f" {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )


def alternating_rounds(
    rounds: int,
    counts: list[int],
    sides: tuple[str, str],
    run: Callable[[str, int], float],
) -> tuple[dict[int, list[float]], dict[tuple[str, int], list[float]]]:
    """Each round, for each number of journeys, both sides timed by `run`, alternating
    which goes first (so neither always meets a warmer machine).

    Returns the per-round ratios (the second side's time over the first's) and every
    time measured, by side and number of journeys.
    """
    ratios: dict[int, list[float]] = {n: [] for n in counts}
    seconds: dict[tuple[str, int], list[float]] = {}
    for round_ in range(rounds):
        for n in counts:
            order = sides if round_ % 2 == 0 else sides[::-1]
            times = {side: run(side, n) for side in order}
            ratios[n].append(times[sides[1]] / times[sides[0]])
            for side, elapsed in times.items():
                seconds.setdefault((side, n), []).append(elapsed)
            measured = ", ".join(f"{side} {times[side]:.2f} s" for side in sides)
            print(f"round {round_ + 1}, {n} journey(s): {measured}", flush=True)
    return ratios, seconds
