"""Survey exports as three real tools write them (Qualtrics, SurveyMonkey, Delighted),
imported by `journeys surveys import`.

The fixtures follow each tool's documented export: Qualtrics' three header rows (field
id, question text, ImportId), SurveyMonkey's two (question, "Response"), Delighted's one
with its Email column. Each holds bad rows, named by line.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.command import upgrade
from alembic.config import Config
from sqlalchemy import create_engine, text

from journeys.errors import ConfigError, JourneysError
from journeys.report import default_history_url, open_history
from journeys.report.history_schema import HEAD_REVISION, MIGRATIONS
from journeys.report.surveys import import_survey, read_survey_export
from journeys.report.surveys_config import surveys_config

FIXTURES = Path(__file__).parent / "fixtures" / "surveys"
JOURNEYS = [sys.executable, "-m", "journeys.cli"]

PYPROJECT = """\
[tool.journeys]
reports = "reports"

[tool.journeys.surveys]
date = "EndDate"
score = "Q1"
question = "ces"
tag = "Touchpoint"
comment = "Q2"
header_rows = 3
min_responses = 2

[tool.journeys.surveys.exports.surveymonkey]
date = "End Date"
score = "How likely is it that you would recommend Stride Shoes to a friend or colleague?"
question = "nps"
tag = "Custom Data 1"
comment = "What is the main reason for your score?"
header_rows = 2

[tool.journeys.surveys.exports.delighted]
date = "Created At"
score = "Score"
question = "csat"
tag = "Touchpoint"
comment = "Comment"
respondent = "Email"
header_rows = 1

[tool.journeys.surveys.exports.delighted-anonymous]
date = "Created At"
score = "Score"
question = "csat"
tag = "Touchpoint"
comment = "Comment"
header_rows = 1
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    return tmp_path


def journeys(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    return subprocess.run(
        [*JOURNEYS, *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "NO_COLOR": "1", "COLUMNS": "200"},
        stdin=subprocess.DEVNULL,
    )


def stored(project: Path) -> list[dict]:
    connection = sqlite3.connect(project / "reports" / "history.sqlite")
    connection.row_factory = sqlite3.Row
    try:
        return [
            dict(r)
            for r in connection.execute(
                "select * from survey_responses order by source, line"
            )
        ]
    finally:
        connection.close()


def test_a_qualtrics_export_keeps_its_good_rows_and_names_every_bad_one_by_line(
    project,
):
    done = journeys(project, "surveys", "import", str(FIXTURES / "qualtrics_ces.csv"))

    assert done.returncode == 1, (
        done.stdout + done.stderr
    )  # bad rows: the import says so in its exit code too
    assert (
        "qualtrics_ces.csv: 4 responses kept (4 CES) for 2 tags, 5 bad rows"
        in done.stdout
    )
    where = FIXTURES / "qualtrics_ces.csv"
    assert done.stderr.splitlines() == [
        f"  {where}:7: score '9' is not a CES answer (a whole number from 1 to 7)",
        f"  {where}:8: no score (the customer skipped the question)",
        f"  {where}:11: date 'yesterday' is not a date",
        f"  {where}:12: no tag: which touchpoint or journey was this about?",
        f"  {where}:13: score 'seven' is not a number",
    ]
    rows = stored(project)
    assert [(r["line"], r["question"], r["score"], r["tag"]) for r in rows] == [
        (4, "ces", 2.0, "buy"),
        (5, "ces", 3.0, "buy"),
        (6, "ces", 6.0, "support"),
        (9, "ces", 5.0, "support"),
    ]
    assert rows[0]["responded_at"] == "2026-03-02T09:15:41"
    # A comment over two lines is kept whole, as text: the page escapes it, the history
    # does not change it.
    assert (
        rows[3]["comment"]
        == "<script>alert('x')</script> was in the page title, and \"quotes\"\nover two"
        " lines"
    )
    assert {r["respondent"] for r in rows} == {""}


def test_importing_the_same_export_again_replaces_its_rows(project):
    journeys(project, "surveys", "import", str(FIXTURES / "qualtrics_ces.csv"))
    journeys(project, "surveys", "import", str(FIXTURES / "qualtrics_ces.csv"))

    assert len(stored(project)) == 4


def test_a_surveymonkey_export_reads_its_us_dates_and_hides_an_address_a_customer_wrote(
    project,
):
    done = journeys(
        project,
        "surveys",
        "import",
        "--export",
        "surveymonkey",
        str(FIXTURES / "surveymonkey_nps.csv"),
    )

    assert "5 responses kept (5 NPS) for 1 tag, 2 bad rows" in done.stdout, (
        done.stdout + done.stderr
    )
    assert (
        "surveymonkey_nps.csv:8: score '11' is not a NPS answer (a whole number from 0"
        " to 10)" in done.stderr
    )
    assert (
        "surveymonkey_nps.csv:9: date '13/04/2026 10:13:30 AM' is not a date"
        in done.stderr
    )
    rows = stored(project)
    assert [r["score"] for r in rows] == [10.0, 9.0, 6.0, 3.0, 8.0]
    assert rows[3]["responded_at"] == "2026-03-03T19:23:05"  # 07:23:05 PM
    assert rows[2]["comment"] == "Write to me at [e-mail] if you care"
    assert "jo.bloggs" not in (
        project / "reports" / "history.sqlite"
    ).read_bytes().decode("latin-1")


def test_an_email_column_is_refused_unless_hashed_and_nothing_is_kept(project):
    done = journeys(
        project,
        "surveys",
        "import",
        "--export",
        "delighted",
        str(FIXTURES / "delighted_csat.csv"),
    )

    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        (
            f"journeys: {FIXTURES / 'delighted_csat.csv'}:2: column 'Email' holds"
            " e-mail addresses: journeys keeps no personal data in a history"
        ),
        (
            "  fix: export a SHA-256 hash of the address instead, or leave respondent"
            " out of [tool.journeys.surveys.exports.delighted]"
        ),
    ]
    assert (
        not (project / "reports" / "history.sqlite").exists() or stored(project) == []
    )


def test_a_hashed_respondent_is_kept_as_its_hash(tmp_path):
    export = tmp_path / "delighted_hashed.csv"
    digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    export.write_text(
        "Score,Created"
        f" At,Touchpoint,Email\n5,2026-03-02T09:15:41Z,@support,{digest.upper()}\n",
        encoding="utf-8",
    )
    config = surveys_config(
        {
            "date": "Created At",
            "score": "Score",
            "question": "csat",
            "tag": "Touchpoint",
            "respondent": "Email",
        }
    )

    imported = read_survey_export(export, config.columns)

    assert [(r.respondent, r.tag, r.question) for r in imported.responses] == [
        (digest, "support", "csat")
    ]


def test_delighted_without_its_email_column_keeps_csat_and_refuses_a_zero(project):
    done = journeys(
        project,
        "surveys",
        "import",
        "--export",
        "delighted-anonymous",
        str(FIXTURES / "delighted_csat.csv"),
    )

    assert "3 responses kept (3 CSAT) for 1 tag, 1 bad row" in done.stdout, (
        done.stdout + done.stderr
    )
    assert (
        "delighted_csat.csv:5: score '0' is not a CSAT answer (a whole number from 1"
        " to 5)" in done.stderr
    )
    assert {r["tag"] for r in stored(project)} == {
        "support"
    }  # "@support" as Delighted's property held it


def test_a_column_the_export_does_not_have_is_named_with_the_columns_it_has(
    project, tmp_path
):
    export = tmp_path / "renamed.csv"
    export.write_text("When,Score,Touchpoint\n2026-03-02,5,buy\n", encoding="utf-8")

    done = journeys(
        project, "surveys", "import", "--export", "delighted-anonymous", str(export)
    )

    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        (
            f"journeys: {export}:1: has no column 'Created At'"
            " (tool.journeys.surveys.exports.delighted-anonymous date)"
        ),
        "  fix: write one of its columns: 'When', 'Score', 'Touchpoint'",
    ]


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (
            {"dates": "EndDate"},
            (
                "config: tool.journeys.surveys.dates: is not a surveys setting\n  fix:"
                " did you mean 'date'?"
            ),
        ),
        (
            {"question": "effort"},
            (
                "config: tool.journeys.surveys.question: 'effort' is not a survey"
                " question\n  fix: use ces, nps or csat (or question_column)"
            ),
        ),
        (
            {"min_responses": 0},
            (
                "config: tool.journeys.surveys.min_responses: must be a whole number of"
                " at least 1, not 0\n  fix: write min_responses = 30"
            ),
        ),
        (
            {"disloyalty": "no"},
            (
                "config: tool.journeys.surveys.disloyalty: must be true or false, not"
                " 'no'\n  fix: write disloyalty = false to leave the estimate out"
            ),
        ),
        (
            {"exports": {"typeform": {"comments": "x"}}},
            (
                "config: tool.journeys.surveys.exports.typeform.comments: is not a"
                " column setting\n  fix: did you mean 'comment'?"
            ),
        ),
        (
            {"journeys": {"returns": []}},
            (
                "config: tool.journeys.surveys.journeys.returns: must name journeys,"
                ' not []\n  fix: write "returns" = ["Feature / Scenario"] or'
                ' ["Feature"]'
            ),
        ),
    ],
)
def test_a_wrong_surveys_setting_is_one_line_naming_its_key(section, message):
    with pytest.raises(ConfigError) as raised:
        surveys_config(section)
    assert str(raised.value) == message


def test_a_wrong_surveys_setting_stops_the_import_before_any_file_is_read(project):
    (project / "pyproject.toml").write_text(
        PYPROJECT.replace('question = "ces"', 'question = "effort"', 1),
        encoding="utf-8",
    )

    done = journeys(project, "surveys", "import", str(FIXTURES / "qualtrics_ces.csv"))

    assert done.returncode == 2
    assert done.stderr.startswith(
        "journeys: config: tool.journeys.surveys.question: 'effort' is not a survey"
        " question\n"
    )
    assert "Traceback" not in done.stderr


def test_a_mapping_without_a_score_column_says_which_columns_it_needs(tmp_path):
    with pytest.raises(JourneysError, match="names no column for score"):
        read_survey_export(
            FIXTURES / "qualtrics_ces.csv",
            surveys_config(
                {"date": "EndDate", "question": "ces", "tag": "Touchpoint"}
            ).columns,
        )


def test_a_history_at_revision_0002_opens_upgraded_with_its_runs_and_takes_surveys(
    tmp_path, samples
):
    url = default_history_url(tmp_path)
    engine = create_engine(url)
    with (
        engine.begin() as conn
    ):  # the history as journeys wrote it before surveys: revision 0002, one run in it
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        upgrade(config, "0002")
        conn.execute(
            text(
                'insert into runs (run_id, started_at, finished_at, "commit", target,'
                " demo, seed, browser, duration_s, device) values ('night-1',"
                " '2026-03-01T02:00:00Z', '', '', 'http://shop', '', 1, '', 3.0, '')"
            )
        )
    with engine.connect() as conn:
        assert (
            conn.execute(text("select version_num from alembic_version")).scalar()
            == "0002"
        )
    engine.dispose()

    with open_history(url) as history:
        assert [r.run_id for r in history.list_runs()] == ["night-1"]
        kept = import_survey(
            history,
            read_survey_export(
                FIXTURES / "qualtrics_ces.csv",
                surveys_config(
                    {
                        "date": "EndDate",
                        "score": "Q1",
                        "question": "ces",
                        "tag": "Touchpoint",
                        "header_rows": 3,
                    }
                ).columns,
            ),
        )

    assert kept == 4
    connection = sqlite3.connect(tmp_path / "history.sqlite")
    assert (
        connection.execute("select version_num from alembic_version").fetchone()[0]
        == HEAD_REVISION
        == "0004"
    )
    assert (
        connection.execute("select count(*) from survey_responses").fetchone()[0] == 4
    )
    connection.close()


def test_a_file_that_is_not_there_is_one_line(project):
    done = journeys(project, "surveys", "import", "exports/missing.csv")

    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "journeys: exports/missing.csv: no such file",
        "  fix: give the CSV file the survey tool exported",
    ]
