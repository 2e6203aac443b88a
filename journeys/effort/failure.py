"""The message a journey that failed ends with: one line per missed budget, give-up and
friction.

Pure, so the walk raises it (journey.py's `budget_error`) and the result carries it
(`JourneyResult.failure`) without either knowing a report; Allure's categories match its
markers (report/allure_files.py).
"""

from __future__ import annotations

from .result import JourneyResult, Outcome


def failure_message(result: JourneyResult) -> str:
    """The message a failing journey reports; the categories' messageRegex match its
    markers.

    One marker line per kind (`friction:<kind>`) and `budget exceeded:` per missed
    budget; empty for a journey that met its budgets.
    """
    if not result.walked:
        return f"harness broken: {result.error}".strip()
    lines = [
        f"budget exceeded: {b.budget}" + (f" ({b.detail})" if b.detail else "")
        for b in result.budgets
        if not b.met
    ]
    if result.outcome is Outcome.ABANDONED:
        lines.append("customer gave up")
    if not lines:
        return ""
    for friction in result.frictions:
        at = f" at step {friction.step_text!r}" if friction.step_text else ""
        lines.append(
            f"friction:{friction.kind} (-{friction.points:g} points){at}: "
            f"{friction.evidence}"
        )
    return "\n".join(lines)
