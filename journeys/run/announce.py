"""A run walked elsewhere, told to the project's own reporters: `journeys merge`
announces the merged run.

A team's reporter is a pytest plugin (its conftest's `pytest_plugins`, or an entry
point), so the run is told inside a pytest session of the project that walks nothing:
`python -m pytest -p journeys.run.announce --journeys-announce reports/effort.json`. The
journeys plugin itself stays out of that session, so the built-in reports (which the
merge has already written) are not written twice; only the project's own
`pytest_journeys_run_finished` hear the run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from journeys import hooks
from journeys.errors import JourneysError

_TIMEOUT_S = 600
_FAILED_MARK = "journeys: a reporter failed on the run: "


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(
        hooks
    )  # the journeys plugin, which declares them, is left out of this session


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--journeys-announce",
        metavar="EFFORT_JSON",
        help="tell the project's reporters about the run in this effort.json",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session: pytest.Session) -> bool | None:
    if not session.config.getoption("journeys_announce"):
        return None
    session.items = []  # the run is walked already: nothing to collect
    return True


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    effort = session.config.getoption("journeys_announce")
    if not effort:
        return
    from journeys.report.record import load_effort_json

    run, results = load_effort_json(Path(effort))
    try:
        session.config.hook.pytest_journeys_run_finished(run=run, results=results)
    except Exception as error:  # noqa: BLE001 - any reporter's failure is one line, and the merged reports stay
        print(f"{_FAILED_MARK}{type(error).__name__}: {error}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        return
    session.exitstatus = pytest.ExitCode.OK


def announce_run(root: Path, effort_json: Path) -> None:
    """Tell the reporters of the project at `root` about the run in `effort_json`; a
    JourneysError if one fails.
    """
    argv = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:journeys",
        "-p",
        "journeys.run.announce",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(root),
        "-o",
        "addopts=",
        "-o",
        "testpaths=",
        "--journeys-announce",
        str(effort_json),
        str(root),
    ]
    try:
        done = subprocess.run(
            argv,
            cwd=root,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise JourneysError(
            f"the project's reporters took longer than {_TIMEOUT_S} s on the merged"
            " run\n  fix: look at the reporters in conftest.py"
        ) from None
    if done.returncode == 0:
        return
    printed = (done.stderr + done.stdout).strip().splitlines()
    said = next(
        (
            line[len(_FAILED_MARK) :]
            for line in printed
            if line.startswith(_FAILED_MARK)
        ),
        "",
    )
    what = said or (printed[-1] if printed else f"pytest exited {done.returncode}")
    raise JourneysError(
        "the merged reports are written, but a reporter of the project failed on them:"
        f" {what}\n  fix: mend it, then run `journeys merge` again (the merge writes"
        " the same run again)"
    )


__all__ = ["announce_run"]
