"""Which Chromium to launch: Playwright's own where it is installed, else the system's."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .errors import JourneysError

# Chromium as root in a container needs no GPU; QUIC probes the closed network for nothing.
SYSTEM_CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic"]
SYSTEM_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def system_chromium() -> str | None:
    configured = os.environ.get("JOURNEYS_CHROMIUM")
    if configured:
        return configured
    for name in SYSTEM_CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_options(playwright_executable: str | None) -> dict:
    """Launch options for chromium: Playwright's own build when present, the system's otherwise."""
    if playwright_executable and Path(playwright_executable).exists() and not os.environ.get("JOURNEYS_CHROMIUM"):
        return {}
    system = system_chromium()
    if system is None:
        raise JourneysError(
            "no Chromium found: Playwright's own is not installed and there is no system chromium\n"
            "  fix: run `./dev setup` (or `playwright install chromium`, or `apt-get install chromium`)"
        )
    return {"executable_path": system, "args": list(SYSTEM_CHROMIUM_ARGS)}
