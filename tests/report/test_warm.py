"""The run's report writers get ready in the background while a walk goes on
(journeys.report.warm).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_warming_imports_the_history_and_compiles_the_effort_page():
    done = _run("""
        import sys
        assert "sqlalchemy" not in sys.modules
        assert "journeys.report.history" not in sys.modules
        from journeys.report.warm import warm_in_background
        thread = warm_in_background()
        assert thread.daemon
        thread.join(60)
        effort_html = sys.modules.get("journeys.report.effort_html")
        print("sqlalchemy" in sys.modules, "journeys.report.history" in sys.modules,
              effort_html is not None and len(effort_html._environment().cache) > 0)
        """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"]


def test_a_failure_while_warming_is_left_for_the_run_s_end_to_say():
    done = _run("""
        import threading
        from journeys.report import effort_html, warm
        failures = []
        threading.excepthook = lambda args: failures.append(args.exc_type)

        def broken():
            raise RuntimeError("the template does not compile")

        effort_html.compile_templates = broken
        warm.warm_in_background().join(60)
        print(failures)
        """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
