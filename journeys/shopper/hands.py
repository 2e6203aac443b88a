"""How the customer's hands work a control: with a pointer, or with the keyboard alone.

The web channel decides which control a step means and reads what happened;
the hands only do the physical act. Keeping the act behind this seam lets the
same journey be walked by a customer who cannot use a mouse (`--persona
keyboard`), where reaching a control is itself part of the effort.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from playwright.sync_api import Locator


class Hands(Protocol):
    """The physical acts a step needs; each raises Playwright's errors as Playwright does."""

    def click(self, target: Locator) -> None: ...

    def fill(self, target: Locator, value: str) -> None: ...

    def select(self, target: Locator, label: str) -> None: ...

    def check(self, target: Locator, *, force: bool = False) -> None: ...

    def attach(self, target: Locator, files: Path | dict[str, Any]) -> None: ...


class PointerHands:
    """A mouse and a keyboard together: Playwright's own actionable clicks and fills."""

    def click(self, target: Locator) -> None:
        target.click()

    def fill(self, target: Locator, value: str) -> None:
        target.fill(value)

    def select(self, target: Locator, label: str) -> None:
        target.select_option(label=label)

    def check(self, target: Locator, *, force: bool = False) -> None:
        target.check(force=force)

    def attach(self, target: Locator, files: Path | dict[str, Any]) -> None:
        target.set_input_files(files)
