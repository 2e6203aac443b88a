"""Every walk ends: a whole-journey deadline, and a walk stopped by SIGTERM or Ctrl-C
keeps what it had.

A pytest plugin (a module: `-p journeys.run.deadline`, so xdist workers load it too):

- `journey_timeout_s` in `[tool.journeys]` bounds each journey. A journey stuck past it,
  in a browser call or a script that never returns, is stopped by an alarm in the
  walking process and is `broken` ("the journey took longer than N s"), and the walk
  goes on to the next one.
- `walk_timeout_s` bounds the whole walk: past it, the journey walking is interrupted as
  by Ctrl-C.
- SIGTERM is turned into the same interruption as Ctrl-C, so pytest ends the session
  normally: the journeys that finished are recorded (effort.json, history), the one
  stopped is `interrupted` and those never started are `not walked` (journeys.plan): no
  finding, counted in no score.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from journeys.run.journey import INTERRUPTED


class JourneyTimedOut(Exception):
    """A journey ran past `journey_timeout_s`: stopped by the harness, so reported as
    broken, with the cause.
    """


class Interrupted(KeyboardInterrupt):
    """The walk was asked to stop (SIGTERM): pytest ends the session as for Ctrl-C, and
    records what finished.
    """


LAST_JOURNEY_GRACE_S = 1.0


@contextlib.contextmanager
def deadline(seconds: float, error: Callable[[], BaseException]) -> Iterator[None]:
    """Raise `error()` in this (main) thread when the block runs longer than `seconds`;
    elsewhere, no deadline.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return
    if seconds <= 0:
        raise error()

    def expire(signum: int, frame: FrameType | None) -> None:
        raise error()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class JourneyDeadline:
    """Bounds each journey and the whole walk; marks the journey a stop interrupted
    before it is recorded.
    """

    def __init__(
        self,
        journey_timeout_s: float,
        walk_timeout_s: float = 0,
        *,
        ends_at: float | None = None,
    ) -> None:
        self.journey_timeout_s = journey_timeout_s
        self.walk_timeout_s = walk_timeout_s
        # When journeys stop (time.time()): `journeys walk` gives it, the same for every
        # worker, from its own start; else walk_timeout_s from now.
        self.ends_at = ends_at or (
            time.time() + walk_timeout_s if walk_timeout_s else 0
        )

    # trylast: inside the journeys plugin's own wrapper, which records the journey when
    # the call ends.
    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        if Path(str(getattr(item, "path", ""))).suffix != ".feature":
            return (
                yield
                # not a journey: its alarm is its own (pytest-timeout uses the same
                # signal)
            )
        walk_left = self.ends_at - time.time() if self.ends_at else float("inf")
        if (
            walk_left < self.journey_timeout_s
        ):  # the walk's end comes first: stop it as Ctrl-C would
            # A journey that starts at the walk's end begins all the same, to be
            # recorded as interrupted, not lost.
            seconds = max(walk_left, LAST_JOURNEY_GRACE_S)
            error: Callable[[], BaseException] = lambda: _walk_ended(
                f"the walk took longer than {self.walk_timeout_s:g} s (walk_timeout_s)"
            )  # noqa: E731
        else:
            seconds = self.journey_timeout_s
            message = (
                f"the journey took longer than {self.journey_timeout_s:g} s"
                " (journey_timeout_s in [tool.journeys])"
            )
            error = lambda: JourneyTimedOut(message)  # noqa: E731
        try:
            with deadline(seconds, error):
                walked = yield
        # outside any step (between steps, in a hook): still this journey's end
        except JourneyTimedOut as timed_out:
            _mark_broken(item, f"JourneyTimedOut: {timed_out}")
            raise
        except KeyboardInterrupt as stop:
            STOPPED.append(str(stop) or "stopped by Ctrl-C")
            _mark_broken(item, f"{INTERRUPTED} ({STOPPED[0]})", overwrite=True)
            raise
        except BaseException:
            if STOPPED:  # the stop came as another error (the browser closed by it)
                _mark_broken(item, f"{INTERRUPTED} ({STOPPED[0]})", overwrite=True)
            raise
        if STOPPED:
            _mark_broken(item, f"{INTERRUPTED} ({STOPPED[0]})", overwrite=True)
        return walked


def _mark_broken(item: pytest.Item, reason: str, *, overwrite: bool = False) -> None:
    from journeys.run.keys import JOURNEY_KEY

    journey = item.stash.get(JOURNEY_KEY, None)
    if journey is not None and (overwrite or not journey.harness_error):
        journey.harness_error = reason


NOT_WALKED = "not walked: the walk was stopped before this journey started"
# Set once the walk records what it walked: past walk_timeout_s the reports of what
# finished are still written.
RECORDING = threading.Event()
# What `journeys walk` keeps of walk_timeout_s for writing the reports once the journeys
# stop.
REPORT_RESERVE_S = 5.0
FINISH_GRACE_S = 3.0  # past walk_timeout_s, for journeys stopping to be recorded


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("journeys").addoption(
        "--journeys-walk-deadline",
        type=float,
        metavar="EPOCH_S",
        help=(
            "stop the journeys at this time (seconds since the epoch; journeys walk"
            " sets it)"
        ),
    )


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    RECORDING.set()


@contextlib.contextmanager
def walk_deadline(walk_timeout_s: float, started: float) -> Iterator[float]:
    """The whole of `journeys walk`, from `started` (time.time()), ends by
    walk_timeout_s.

    Yields when the journeys must stop (a few seconds earlier, kept for the reports).
    Should the walk still be walking at walk_timeout_s (a browser that never starts, a
    worker that never answers), this process is stopped as by Ctrl-C: the journeys that
    finished are recorded, the others are not walked.
    """
    ends_at = started + walk_timeout_s
    reason = f"the walk took longer than {walk_timeout_s:g} s (walk_timeout_s)"
    done = threading.Event()

    def watch() -> None:
        if done.wait(max(0.0, ends_at - time.time())):
            return
        # Journeys already stopping (their own deadline came first) have a moment to be
        # recorded as such.
        if STOPPED and done.wait(FINISH_GRACE_S):
            return
        if not RECORDING.is_set():
            STOPPED.append(reason)
            os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=watch, name="journeys-walk-deadline", daemon=True).start()
    try:
        yield ends_at - min(REPORT_RESERVE_S, walk_timeout_s * 0.1)
    finally:
        done.set()


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """Plan the walk: each journey collected is `not walked` until it starts
    (journeys.run.results.write_plan).

    Every xdist worker collects every journey, so only the first writes the plan; the
    controller collects none.
    """
    from journeys.run.keys import CLOCK_KEY, PROJECT_KEY

    config = session.config
    project = config.stash.get(PROJECT_KEY, None)
    worker = getattr(config, "workerinput", {}).get("workerid", "gw0")
    if project is None or worker != "gw0" or CLOCK_KEY not in config.stash:
        return
    if config.option.collectonly:  # nothing is walked: nothing written
        return
    from journeys.run.results import write_plan

    write_plan(
        project.settings.reports_dir,
        config.stash[CLOCK_KEY].run_id,
        filter(None, map(_not_walked, session.items)),
    )


def _not_walked(item: pytest.Item) -> Any:
    """The record of a journey the walk never started; None for an item that is not a
    journey.
    """
    from pytest_bdd.scenario import scenario_wrapper_template_registry

    from journeys.effort.result import STAGES, JourneyResult, Outcome

    template = scenario_wrapper_template_registry.get(getattr(item, "obj", None))
    if template is None:
        return None
    tags = tuple(sorted({*template.feature.tags, *template.tags}))
    return JourneyResult(
        feature=template.feature.name,
        scenario=template.name,
        stage=next((t for t in tags if t in STAGES), ""),
        outcome=Outcome.NOT_WALKED,
        tags=tags,
        node_id=item.nodeid,
        feature_path=template.feature.filename,
        error=NOT_WALKED,
    )


# Why this process's walk was stopped, once it was: the signal's handler notes it before
# it raises, so a stop that reaches a journey as some other error (a browser that died
# of the same Ctrl-C) is still known.
STOPPED: list[str] = []


def _stop(signum: int, frame: FrameType | None) -> None:
    reason = (
        "Ctrl-C" if signum == signal.SIGINT else f"signal {signal.Signals(signum).name}"
    )
    stop_walk(f"stopped by {reason}")


def _walk_ended(reason: str) -> Interrupted:
    """The walk's deadline, noted before it is raised: Playwright may hand it on as
    another error.
    """
    STOPPED.append(reason)
    return Interrupted(reason)


def stop_walk(reason: str) -> None:
    """Stop this process's walk as Ctrl-C does: the journey walking is interrupted, no
    other starts.
    """
    STOPPED.append(reason)
    raise Interrupted(reason)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item) -> bool | None:
    """After a stop no journey starts (an xdist worker would walk on, in a browser
    Ctrl-C has closed).
    """
    if not STOPPED or Path(str(getattr(item, "path", ""))).suffix != ".feature":
        return None
    item.session.shouldstop = STOPPED[0]
    return True  # not run: the walk's record lists it as not walked


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    from journeys.run.keys import PROJECT_KEY

    project = config.stash.get(PROJECT_KEY, None)
    if project is None or config.pluginmanager.has_plugin("journeys-deadline"):
        return
    if not hasattr(config, "workerinput") and not _walk_started(config):
        # a new session in this process (pytest run in-process again): an earlier stop
        # is not this one's
        STOPPED.clear()
        RECORDING.clear()
    settings = project.settings
    config.pluginmanager.register(
        JourneyDeadline(
            settings.journey_timeout_s,
            settings.walk_timeout_s,
            ends_at=config.getoption("journeys_walk_deadline", None),
        ),
        "journeys-deadline",
    )
    if threading.current_thread() is threading.main_thread():
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, _stop)


def _walk_started(config: pytest.Config) -> bool:
    """`journeys walk` runs pytest in its own process: a stop before pytest began is
    this walk's.
    """
    return config.getoption("journeys_walk_deadline", None) is not None


def pytest_unconfigure(config: Any) -> None:
    if (
        config.pluginmanager.has_plugin("journeys-deadline")
        and threading.current_thread() is threading.main_thread()
    ):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
