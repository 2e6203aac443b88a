"""The run's report writers, made ready while the browser walks.

The process that records a run (the only one, or the xdist controller) writes the
history (SQLAlchemy) and the effort page (Jinja2) when the last journey ends. Importing
SQLAlchemy and compiling the page's template took about 0.25 s there, after the walk, on
every run: a quarter of what a one-journey walk costs more than a plain Playwright
script. Done in a background thread once collection is over, it happens while the
walking thread waits on the browser.

Nothing here writes anything or changes what is written: should the thread fail, the
run's end imports the same modules and meets the same error, where it is said as it
always was.
"""

from __future__ import annotations

import threading


def _warm() -> None:
    try:
        from . import history  # noqa: F401 - SQLAlchemy, and the history's tables
        from .effort_html import compile_templates

        compile_templates()
    except Exception:  # noqa: BLE001, S110 - the run's end meets it again and says it
        pass


def warm_in_background() -> threading.Thread:
    """Start making the report writers ready; the thread is a daemon, so it never holds
    a process open.
    """
    thread = threading.Thread(target=_warm, name="journeys-warm-reports", daemon=True)
    thread.start()
    return thread
