"""What the tab did, as its listeners heard it: requests, pages, failures, downloads.

The listeners only count and note; they never call back into the page, so a
click's effect is read from these counters without a round trip to the browser.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, Request, Response


class Traffic:
    """The counters of one tab, kept up to date by Playwright's page events."""

    def __init__(self, page: Page) -> None:
        self._page = page
        self.requests = 0
        self.navigations = 0  # main-frame documents committed
        self.document_status = 0  # of the main frame's last answer
        self.leaving_for = ""  # the page the main frame last asked for, answered or not
        self.failures = 0  # main-frame navigations the browser could not complete
        # The last of them: (address, the browser's error, "net::ERR_…").
        self.failed: tuple[str, str] = ("", "")
        self.downloads: list[tuple[str, str]] = []  # (file name, address) of each
        self.content_type = ""  # of the main frame's last answer (what a download was)
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        page.on("framenavigated", self._on_navigated)
        page.on("requestfailed", self._on_request_failed)
        page.on("download", self._on_download)

    def marks(self) -> tuple[int, int]:
        """The downloads and failed navigations so far, for a later look to compare."""
        return len(self.downloads), self.failures

    def _main(self, request: Request) -> bool:
        return (
            request.is_navigation_request() and request.frame == self._page.main_frame
        )

    def _on_request(self, request: Request) -> None:
        self.requests += 1
        if self._main(request):
            self.leaving_for = request.url

    def _on_response(self, response: Response) -> None:
        if self._main(response.request):
            self.document_status = response.status
            self.content_type = response.headers.get("content-type", "").split(";")[0]

    def _on_request_failed(self, request: Request) -> None:
        if self._main(request):
            self.failures += 1
            self.failed = (request.url, request.failure or "")

    def _on_download(self, download: Any) -> None:  # Playwright's Download
        self.downloads.append((download.suggested_filename, download.url))

    def _on_navigated(self, frame: object) -> None:
        if frame == self._page.main_frame:
            self.navigations += 1
