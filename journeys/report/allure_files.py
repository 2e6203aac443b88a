"""Allure extras: categories, environment and executor files, and the labels of a
journey.

Allure 2 reads `categories.json` from the results folder and matches failure messages;
Allure 3 matches categories given in its config, and can match labels too.
`allure_categories()` is the one source for both, and the pytest plugin puts
`failure_message()` and `allure_labels()` on each test so either version files a journey
under the right category.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from journeys.effort.failure import failure_message
from journeys.effort.kinds import KindTable, friction_kinds
from journeys.effort.result import JourneyResult, RunInfo

__all__ = [
    "HARNESS_BROKEN",
    "BUDGET_EXCEEDED",
    "allure_categories",
    "allure_labels",
    "failure_message",
    "severity",
    "write_allure_extras",
]

HARNESS_BROKEN = "Harness broken"
BUDGET_EXCEEDED = "Budget exceeded"


def severity(score: float) -> str:
    """Allure severity from the CES-style score: the harder the journey, the more
    severe.
    """
    if score < 3:
        return "critical"
    if score < 4:
        return "major"
    if score < 5:
        return "normal"
    return "minor"


def allure_labels(result: JourneyResult) -> list[tuple[str, str]]:
    """Labels for one journey's Allure test: epic = stage, feature, story = scenario,
    friction tags, severity.
    """
    labels: list[tuple[str, str]] = []
    if result.stage:
        labels.append(("epic", result.stage))
    labels += [("feature", result.feature), ("story", result.scenario)]
    for kind in dict.fromkeys(f.kind for f in result.frictions):
        labels.append(("tag", f"friction:{kind}"))
    if not result.walked:
        # The score of a walk that never happened means nothing: keep it out of the
        # severity ranking. a stopped walk's journeys are tagged walk:interrupted or
        # walk:not walked, not the harness's
        why = f"walk:{result.outcome}" if result.stopped else "harness:broken"
        labels += [("tag", why), ("severity", "normal")]
    else:
        labels.append(("severity", severity(result.score)))
    return labels


def allure_categories(
    *, for_allure3: bool = False, kinds: KindTable = friction_kinds
) -> list[dict[str, Any]]:
    """Categories: harness problems first and apart, then one per friction kind (named
    by its `finding`), then budgets.

    Allure 3 files a test under the first category that matches, so the order is the
    order of importance. Passed journeys with frictions are included: within budget or
    not, the customer met them.
    """
    categories: list[dict[str, Any]] = []
    broken = {
        "name": HARNESS_BROKEN,
        "description": (
            "The harness could not walk the journey: not counted as customer effort."
        ),
    }
    if for_allure3:
        categories.append(
            {**broken, "id": "harness-broken", "matchers": {"statuses": ["broken"]}}
        )
    else:
        categories.append({**broken, "matchedStatuses": ["broken"]})
    for kind, row in kinds.items():
        name = row.finding
        if for_allure3:
            categories.append(
                {
                    "name": name,
                    "description": row.meaning,
                    "id": f"friction-{kind}",
                    "matchers": [
                        {
                            "statuses": ["failed", "passed"],
                            "labels": {"tag": f"^friction:{re.escape(kind)}$"},
                        },
                        {"statuses": ["failed"], "message": _marker(kind)},
                    ],
                }
            )
        else:
            categories.append(
                {
                    "name": name,
                    "description": row.meaning,
                    "matchedStatuses": ["failed"],
                    "messageRegex": f"(?s).*{_marker(kind)}.*",
                }
            )
    if for_allure3:
        categories.append(
            {
                "name": BUDGET_EXCEEDED,
                "id": "budget-exceeded",
                "matchers": {"statuses": ["failed"], "message": "budget exceeded"},
            }
        )
    else:
        categories.append(
            {
                "name": BUDGET_EXCEEDED,
                "matchedStatuses": ["failed"],
                "messageRegex": "(?s).*budget exceeded.*",
            }
        )
    return categories


def _marker(kind: str) -> str:
    # "friction:dead_end" must not also match "friction:dead_end_extra".
    return f"friction:{re.escape(kind)}\\b"


def write_allure_extras(
    results_dir: Path, run: RunInfo, *, categories: bool = True
) -> list[Path]:
    """Write categories.json, environment.properties and executor.json into an
    allure-results folder.
    """
    results_dir = Path(results_dir)
    results_dir.mkdir(parents=True, exist_ok=True)
    written = []
    if categories:
        written.append(
            _write(
                results_dir / "categories.json",
                json.dumps(allure_categories(), indent=2) + "\n",
            )
        )
    environment = {
        "target": run.target or "demo shop",
        "browser": run.browser,
        "device": run.device,  # "" (desktop) leaves the line out
        "seed": str(run.seed),
        "commit": run.commit,
        "demo": run.demo or "off",
        "run": run.run_id,
    }
    written.append(
        _write(
            results_dir / "environment.properties",
            "".join(f"{k}={_property(v)}\n" for k, v in environment.items() if v),
        )
    )
    written.append(
        _write(
            results_dir / "executor.json", json.dumps(_executor(run), indent=2) + "\n"
        )
    )
    return written


def _property(value: str) -> str:
    # Java .properties escaping: a URL's ':' and '=' are fine in values, newlines and
    # backslashes are not.
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def _executor(run: RunInfo) -> dict[str, Any]:
    env = os.environ
    if env.get("GITHUB_ACTIONS") == "true" and env.get("GITHUB_RUN_ID"):
        # Only public coordinates of the job: never a token or other secret from the
        # environment.
        server = env.get("GITHUB_SERVER_URL", "https://github.com")
        base = f"{server}/{env.get('GITHUB_REPOSITORY', '')}"
        return {
            "name": "GitHub Actions",
            "type": "github",
            "buildName": (
                f"{env.get('GITHUB_WORKFLOW', 'journeys')}"
                f" #{env.get('GITHUB_RUN_NUMBER', '')}".strip()
            ),
            "buildOrder": int(env.get("GITHUB_RUN_NUMBER", "0") or 0),
            "buildUrl": f"{base}/actions/runs/{env['GITHUB_RUN_ID']}",
            "reportName": f"journeys {run.run_id}",
        }
    return {
        "name": "journeys",
        "type": "local",
        "buildName": run.run_id,
        "reportName": f"journeys {run.run_id}",
    }


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
