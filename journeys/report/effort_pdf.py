"""`journeys report --pdf`: the effort page as one PDF page, printed by the Chromium the
walks use.

For people who read reports by e-mail. The page is laid out for print (its own `@media
print` rules), then scaled so that all of it fits one A4 page: a long page gets smaller
type rather than a second sheet nobody turns to.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from journeys.errors import JourneysError, first_line
from journeys.files import REPORT_MODE

__all__ = ["write_effort_pdf"]

_A4_MM = (210.0, 297.0)
_MARGIN_MM = 10.0
_PX_PER_MM = 96 / 25.4
_SMALLEST_SCALE = 0.1  # Chromium's floor for page.pdf(scale=...)


def write_effort_pdf(
    page_html: Path, pdf: Path | None = None, *, browser: Any = None
) -> Path:
    """Print the effort page at `page_html` to a one-page PDF beside it
    (effort/effort.pdf); return its path.

    `browser`: a Playwright Chromium already running in this process (one Playwright per
    process); without it, the walk's Chromium is launched for the print and closed
    after.
    """
    page_html = Path(page_html)
    pdf = pdf or page_html.with_name("effort.pdf")
    from playwright.sync_api import Error as PlaywrightError

    try:
        if browser is not None:
            data = _print(browser, page_html)
        else:
            from playwright.sync_api import sync_playwright

            from journeys.run.browser import launch_options

            with sync_playwright() as playwright:
                launched = playwright.chromium.launch(
                    **launch_options(playwright.chromium.executable_path)
                )
                try:
                    data = _print(launched, page_html)
                finally:
                    launched.close()
    except PlaywrightError as error:
        raise JourneysError(
            f"{pdf}: Chromium could not print the effort page ({first_line(error)})\n "
            " fix: check that Chromium starts here (`./dev setup`), then run `journeys"
            " report --pdf` again"
        ) from None
    partial = pdf.with_name(pdf.name + ".tmp")
    partial.write_bytes(data)
    os.chmod(partial, REPORT_MODE)
    os.replace(partial, pdf)  # a reader never opens half a PDF
    return pdf


def _print(browser: Any, page_html: Path) -> bytes:
    """The page laid out for print at A4's printable width, scaled so that all of it
    fits one sheet.
    """
    width_px = (_A4_MM[0] - 2 * _MARGIN_MM) * _PX_PER_MM
    height_px = (_A4_MM[1] - 2 * _MARGIN_MM) * _PX_PER_MM
    page = browser.new_page(
        viewport={"width": round(width_px), "height": round(height_px)}
    )
    try:
        page.emulate_media(media="print")
        page.goto(page_html.resolve().as_uri(), wait_until="load")
        content_px = page.evaluate("document.documentElement.scrollHeight")
        scale = max(_SMALLEST_SCALE, min(1.0, height_px / max(1.0, float(content_px))))
        return page.pdf(
            format="A4",
            print_background=True,
            scale=scale,
            page_ranges="1",
            margin={
                side: f"{_MARGIN_MM}mm" for side in ("top", "right", "bottom", "left")
            },
        )
    finally:
        page.close()
