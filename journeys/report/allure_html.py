"""Build the Allure HTML report with the Allure 3 command line (npm package `allure`).

The CLI comes from the project's node_modules (pinned in package.json), or
from PATH. Allure history is kept in reports/allure-history.jsonl, so each
report shows the trends of the runs before it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from journeys.errors import JourneysError
from journeys.project.config import find_project_root

from .allure_files import allure_categories

__all__ = ["allure_command", "build_allure_html"]

_TIMEOUT_S = 600
_HISTORY_LIMIT = 90
# Allure 3's awesome report carries a Google Analytics tag (its own usage counting, on
# every opening, whatever ALLURE_NO_ANALYTICS says): a company's report of its
# customers' journeys must not call anyone when it is read, and offline the tag only
# delays the page's load event. Both of its scripts go; the report needs neither.
_ANALYTICS_SCRIPTS = re.compile(
    r"<script\b[^>]*\bsrc=\"https?://[^\"]*googletagmanager\.com/[^\"]*\"[^>]*>\s*</script>"
    r"|<script>\s*window\.dataLayer\b(?:(?!</script>).)*?\bgtag\((?:(?!</script>).)*?</script>",
    re.DOTALL,
)
# The journeys checkout itself: in a development install its node_modules serves every
# project.
_CHECKOUT_ROOT = Path(__file__).resolve().parents[2]


def allure_command(project_root: Path | None = None) -> list[str]:
    """The Allure CLI to run: <project>/node_modules/.bin/allure, else `allure` on
    PATH.
    """
    root = find_project_root(project_root)
    name = "allure.cmd" if os.name == "nt" else "allure"
    # The project's own node_modules first; then the journeys checkout's.
    for base in dict.fromkeys((root, _CHECKOUT_ROOT)):
        local = base / "node_modules" / ".bin" / name
        if local.is_file():
            return [str(local)]
    local = root / "node_modules" / ".bin" / name
    found = shutil.which("allure")
    if found:
        return [found]
    raise JourneysError(
        f"the Allure command line is not installed (looked in {local.parent} and on"
        f" PATH)\n  fix: cd {root} && npm install   (package.json pins allure), or run"
        " ./dev setup"
    )


def build_allure_html(
    reports_dir: Path, *, single_file: bool = False, project_root: Path | None = None
) -> Path:
    """Generate reports_dir/allure-report from reports_dir/allure-results; return the
    report folder.

    A multi-file report must be served over HTTP (`python -m http.server -d <report>`);
    a single-file report (`single_file=True`) opens from disk.
    """
    reports_dir = Path(reports_dir).resolve()
    results = reports_dir / "allure-results"
    if not results.is_dir() or not any(results.iterdir()):
        raise JourneysError(
            f"no Allure results in {results}\n  fix: walk first (`journeys walk`),"
            " which writes them"
        )
    command = allure_command(project_root or reports_dir)
    output = reports_dir / "allure-report"
    # Start clean: a single-file report next to the assets of an older multi-file one
    # would confuse readers.
    shutil.rmtree(output, ignore_errors=True)
    config = reports_dir / "allurerc.json"
    config.write_text(
        json.dumps(
            {
                "name": "Customer journeys",
                "output": str(output),
                "historyPath": str(reports_dir / "allure-history.jsonl"),
                # Each entry holds every test of one run: a quarter of nightly runs is
                # trend enough.
                "historyLimit": _HISTORY_LIMIT,
                "plugins": {
                    "awesome": {
                        "options": {
                            "reportName": "Customer journeys",
                            "singleFile": single_file,
                            "groupBy": ["epic", "feature", "story"],
                        }
                    }
                },
                "categories": allure_categories(for_allure3=True),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    argv = [
        *command,
        "generate",
        str(results.resolve()),
        "--config",
        str(config),
        "--output",
        str(output),
    ]
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "FORCE_COLOR": "0",
        "ALLURE_NO_ANALYTICS": "true",
    }
    try:
        done = subprocess.run(
            argv,
            cwd=reports_dir,
            env=env,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError:
        raise JourneysError(
            f"cannot run {command[0]}\n  fix: reinstall it with `npm install` in the"
            " project folder"
        ) from None
    except subprocess.TimeoutExpired:
        raise JourneysError(
            f"allure generate took longer than {_TIMEOUT_S} s on {results}\n  fix:"
            " check the results folder size"
        ) from None
    index = output / "index.html"
    if done.returncode != 0 or not index.is_file():
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise JourneysError(
            f"allure generate failed (exit {done.returncode}): {tail or 'no output'}\n "
            f" fix: check {results} holds Allure results, and that `{command[0]}"
            " --version` says 3.x"
        )
    _remove_analytics(index)
    return output


def _remove_analytics(index: Path) -> None:
    html = index.read_text(encoding="utf-8")
    cleaned = _ANALYTICS_SCRIPTS.sub("", html)
    if cleaned != html:
        index.write_text(cleaned, encoding="utf-8")
