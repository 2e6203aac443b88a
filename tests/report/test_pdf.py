"""`journeys report --pdf`: the effort page printed to one PDF page by the walk's
Chromium, and read back with pypdf.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeys.report import default_history_url, open_history
from journeys.report.effort_html import build_effort_report
from journeys.report.effort_pdf import write_effort_pdf
from journeys.report.surveys import ImportedSurvey, SurveyResponse, import_survey
from journeys.report.surveys_config import surveys_config

pytestmark = pytest.mark.browser
JOURNEYS = [sys.executable, "-m", "journeys.cli"]


def _text(pdf: Path) -> tuple[int, str]:
    reader = PdfReader(pdf)
    # NFKC: the typeface sets "ff" as one ligature glyph, which reads back as U+FB00.
    return len(reader.pages), " ".join(
        " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
        for page in reader.pages
    )


@pytest.fixture
def history(reports_dir: Path, samples) -> str:
    url = default_history_url(reports_dir)
    screenshot = reports_dir / "shots" / "pay.png"
    screenshot.parent.mkdir()
    screenshot.write_bytes(samples.tiny_png(320, 200))
    with open_history(url) as store:
        store.store_run(samples.run_info("night-1", 1), samples.smooth_walk())
        store.store_run(
            samples.run_info("night-2", 2),
            samples.potholed_walk(screenshot="shots/pay.png"),
        )
        said = [
            SurveyResponse(
                n,
                f"2026-02-{n + 1:02d}T10:00:00",
                "ces",
                2.0,
                "support",
                "Asked twice" if n == 0 else "",
            )
            for n in range(5)
        ]
        import_survey(store, ImportedSurvey(Path("export.csv"), tuple(said), ()))
    return url


def test_the_effort_page_prints_to_one_page_whose_text_reads_back(
    history, reports_dir: Path, reader_browser
):
    page = build_effort_report(
        reports_dir, history_url=history, surveys=surveys_config({"min_responses": 5})
    )

    pdf = write_effort_pdf(page, browser=reader_browser)

    assert pdf == reports_dir / "effort" / "effort.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    pages, text = _text(pdf)
    assert pages == 1
    for expected in (
        "Customer effort",
        "Run night-2",
        "Guest buys a mug",
        "Asks the bot about delivery",
        "The Pay button did nothing.",
        "What customers say beside what the walk found",
        "Customers say support is harder than the walk found",
        "Disloyalty risk",
    ):
        assert expected in text, expected


def test_a_long_page_is_made_smaller_not_longer(
    reports_dir: Path, samples, reader_browser
):
    from dataclasses import replace

    url = default_history_url(reports_dir)
    many = [
        replace(r, scenario=f"{r.scenario} {n}")
        for n in range(40)
        for r in samples.potholed_walk()
    ]
    with open_history(url) as store:
        store.store_run(samples.run_info("night-1", 1), many)

    pages, text = _text(
        write_effort_pdf(
            build_effort_report(reports_dir, history_url=url), browser=reader_browser
        )
    )

    assert pages == 1
    assert (
        "Guest buys a mug 39" in text
    )  # the last journey of 120 is on the one page, not cut off


def test_journeys_report_pdf_writes_it_beside_the_page(history, reports_dir: Path):
    (reports_dir / "allure-results").mkdir()
    project = reports_dir.parent
    (project / "pyproject.toml").write_text(
        '[tool.journeys]\nreports = "reports"\n', encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}

    done = subprocess.run(
        [*JOURNEYS, "report", "--pdf"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**env, "NO_COLOR": "1", "COLUMNS": "200"},
        stdin=subprocess.DEVNULL,
    )

    assert (
        f"effort report as PDF: {reports_dir / 'effort' / 'effort.pdf'}  (one page, for"
        " e-mail)" in done.stdout
    ), done.stdout + done.stderr
    pages, text = _text(reports_dir / "effort" / "effort.pdf")
    assert pages == 1 and "Guest buys a mug" in text
