"""Writing a report file so that a reader never sees half of it (a page opened while a
walk rewrites it).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

REPORT_MODE = (
    0o644  # what a plain write would give: dashboards and colleagues read the reports
)


def write_atomically(path: Path, text: str, *, newline: str | None = None) -> Path:
    """Write `text` to a temporary file beside `path`, then move it into place in one
    step.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w",
        encoding="utf-8",
        newline=newline,
        dir=path.parent,
        delete=False,
        suffix=".tmp",
    ) as out:
        out.write(text)
    os.chmod(
        out.name, REPORT_MODE
    )  # a temporary file is private to its owner; the report it becomes is not
    os.replace(out.name, path)
    return path
