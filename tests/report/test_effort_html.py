"""The effort page, opened in real Chromium as a reader would open it."""

from dataclasses import replace

import pytest

from journeys.effort.frictions import Friction
from journeys.effort.result import JourneyResult
from journeys.errors import JourneysError
from journeys.report import build_effort_report, record_run

HOSTILE = "<script>window.__pwned = 1; alert(1)</script>"
HOSTILE_NAME = f"Guest buys a <b>mug</b> {HOSTILE}"


def _hostile_walk(samples):
    """A potholed walk whose site texts try to inject markup and script."""
    walk = samples.potholed_walk("shots/pay.png")
    checkout = walk[0]
    evil = Friction(
        kind="error_seen",
        points=9.0,
        step=8,
        step_text="Then I see <b>my order</b>",
        evidence=f"The page said {HOSTILE}",
        where='http://127.0.0.1/"><img src=x onerror=alert(2)>',
        excerpt="</blockquote><script>window.__pwned = 2</script>",
        screenshot="shots/pay.png",
    )
    walk[0] = replace(
        checkout, scenario=HOSTILE_NAME, frictions=(*checkout.frictions, evil)
    )
    broken = JourneyResult(
        feature="Tracking",
        scenario="Tracks an order",
        outcome="broken",
        error=f"locator timed out {HOSTILE}",
    )
    return [*walk, broken]


def _open(browser, path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri())
    return page, dialogs


def test_a_reader_sees_ranked_journeys_trends_and_the_worst_moments_and_no_script_runs(
    reports_dir, samples, reader_browser
):
    (reports_dir / "shots").mkdir()
    (reports_dir / "shots" / "pay.png").write_bytes(samples.tiny_png())
    smooth = samples.smooth_walk()
    smooth[0] = replace(
        smooth[0], scenario=HOSTILE_NAME
    )  # the same journey in both runs, so it can regress
    record_run(reports_dir, samples.run_info("r1", 1), smooth)
    page_path = record_run(
        reports_dir, samples.run_info("r2", 2), _hostile_walk(samples)
    ).effort_html

    page, dialogs = _open(reader_browser, page_path)
    try:
        names = page.locator("#journeys tr.journey .name").all_inner_texts()
        assert names == [
            # worst first, shown as the literal text the site wrote
            f"Checkout / Guest buys a <b>mug</b> {HOSTILE}",
            "Help / Asks the bot about delivery",
            "Account / Signs up",
        ]
        scores = [
            float(s)
            for s in page.locator("#journeys tr.journey").evaluate_all(
                "rows => rows.map(r => r.dataset.score)"
            )
        ]
        assert scores == sorted(scores)
        assert (
            page.locator("#journeys svg.spark polyline").count() >= 1
        )  # the trend over r1 -> r2
        assert (
            "scores over the last 2 runs"
            in page.locator("#journeys svg.spark title").first.text_content()
        )
        assert (
            page.locator("#overall").inner_text().count("since the previous run") == 1
        )

        worst = page.locator("#worst .moment").first
        assert (
            "Error seen" in worst.inner_text()
            and f"The page said {HOSTILE}" in worst.inner_text()
        )
        image = worst.locator("img")
        assert image.get_attribute("src").startswith("data:image/png;base64,")
        assert (
            image.evaluate("img => img.complete && img.naturalWidth") == 8
        )  # the PNG decoded

        assert "Re-entered data" in page.locator("#frictions svg").text_content()
        assert "Guest buys a <b>mug</b>" in page.locator("#regressions").inner_text()
        harness = page.locator("#harness").inner_text()
        assert (
            "Tracking / Tracks an order" in harness and "locator timed out" in harness
        )
        assert (
            "Tracks an order" not in page.locator("#journeys").inner_text()
        )  # broken walks are not ranked

        assert page.locator("script").count() == 0
        assert (
            page.locator("b").count() == 0 and page.locator("img[src=x]").count() == 0
        )
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == []
        samples.artifacts.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(samples.artifacts / "effort-report.png"), full_page=True
        )
    finally:
        page.close()


def test_the_page_is_self_contained(reports_dir, samples):
    page = record_run(
        reports_dir, samples.run_info("r1", 1), samples.potholed_walk()
    ).effort_html
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html.replace(
        "http://127.0.0.1:8000", ""
    )  # only the walked site's own URLs, as text
    assert "<link" not in html and "<script" not in html and "@media print" in html
    assert "First run in the history" in html


def test_a_screenshot_outside_the_reports_folder_is_not_embedded(
    reports_dir, samples, tmp_path
):
    (tmp_path / "secret.png").write_bytes(samples.tiny_png())
    walk = samples.potholed_walk("../secret.png")
    html = record_run(
        reports_dir, samples.run_info("r1", 1), walk
    ).effort_html.read_text(encoding="utf-8")
    assert "data:image/png" not in html


def test_no_history_is_one_line_for_people(reports_dir):
    with pytest.raises(JourneysError, match="no history at"):
        build_effort_report(reports_dir)
    assert not (reports_dir / "history.sqlite").exists()
