"""A year of survey rows for the demo's tags, then `journeys walk` of the demo shop, as
a team runs it nightly.

The effort page shows surveyed and walked figures side by side, with the disagreement
flags where the survey data puts them; the walk's news reaches every receiver on
127.0.0.1 once per run, and a receiver that is down fails nothing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journeys.shopper.mail_adapters import SmtpSink

from .test_notify import Receiver, closed_port, mails

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
JOURNEYS = [sys.executable, "-m", "journeys.cli"]
FEATURES = (
    "buy_from_the_ad.feature",
    "contact_a_human.feature",
    "return_my_order.feature",
)  # @buy, @support, @use
REPORT = "https://ci.example.com/nightly/effort/index.html"

# What surveyed customers said over the year, per tag: CES answers, NPS answers, CSAT
# answers, responses a day.
SAID = {
    "buy": (
        (6, 7, 6, 6, 5),
        (10, 9, 9, 10, 8, 6),
        (5, 4, 5),
        2,
    ),  # easy, as the smooth walk finds it: no flag
    "support": (
        (1, 2, 2, 3, 2),
        (3, 5, 6, 2, 7),
        (2, 1, 3),
        2,
    ),  # hard, where the smooth walk finds it easy: a flag
    "use": ((6, 5, 6, 7), (9, 8, 10), (4, 5), 1),  # easy: no flag
    "access": ((5, 6), (9,), (4,), 1),  # no journey of this walk answers for it
}


def _year_of_rows(today: datetime) -> str:
    """A Qualtrics-shaped export (three header rows) of a year of answers, the question
    named in embedded data.
    """
    pick = random.Random(26)
    text = io.StringIO()
    rows = csv.writer(text)
    rows.writerow(
        [
            "StartDate",
            "EndDate",
            "Status",
            "ResponseId",
            "Score",
            "Survey",
            "Touchpoint",
            "Comment",
        ]
    )
    rows.writerow(
        [
            "Start Date",
            "End Date",
            "Response Type",
            "Response ID",
            "Score",
            "Survey",
            "Touchpoint",
            "Comment",
        ]
    )
    rows.writerow(
        [
            '{"ImportId":"startDate","timeZone":"UTC"}',
            '{"ImportId":"endDate","timeZone":"UTC"}',
            '{"ImportId":"status"}',
            '{"ImportId":"_recordId"}',
            '{"ImportId":"QID1"}',
            '{"ImportId":"Survey"}',
            '{"ImportId":"Touchpoint"}',
            '{"ImportId":"QID2_TEXT"}',
        ]
    )
    n = 0
    for day in range(365, 0, -1):
        when = (today - timedelta(days=day, hours=pick.randint(0, 12))).strftime(
            "%Y-%m-%d %H:%M:%S"
        )
        for tag, (ces, nps, csat, per_day) in SAID.items():
            for _ in range(per_day):
                for survey, answers in (("CES", ces), ("NPS", nps), ("CSAT", csat)):
                    n += 1
                    comment = (
                        "They asked for my order number twice & <b>again</b>"
                        if tag == "support" and n % 50 == 0
                        else ""
                    )
                    rows.writerow(
                        [
                            when,
                            when,
                            "0",
                            f"R_{n:08d}",
                            pick.choice(answers),
                            survey,
                            tag,
                            comment,
                        ]
                    )
    for day in range(
        10
    ):  # a touchpoint surveyed lately and seldom: fewer answers than the minimum
        rows.writerow(
            [(today - timedelta(days=day + 1)).strftime("%Y-%m-%d 09:00:00")] * 2
            + ["0", f"R_e{day}", 2, "CES", "engage", ""]
        )
    return text.getvalue()


def _project(folder: Path, receiver: Receiver, sink: SmtpSink, dead: int) -> Path:
    shutil.copy(ROOT / "conftest.py", folder / "conftest.py")
    (folder / "steps").symlink_to(ROOT / "steps", target_is_directory=True)
    (folder / "features").mkdir()
    for name in FEATURES:
        shutil.copy(ROOT / "features" / name, folder / "features" / name)
    urls = [
        f"json://127.0.0.1:{receiver.port}/json-hook",
        f"form://127.0.0.1:{receiver.port}/form-hook",
        f"mailto://{sink.host}:{sink.port}?from=journeys@example.com&to=team@example.com",
        f"json://127.0.0.1:{dead}/down",
    ]
    (folder / "pyproject.toml").write_text(
        "[tool.journeys]\n"
        'reports = "reports"\n\n'
        "[tool.journeys.surveys]\n"
        'date = "EndDate"\nscore = "Score"\nquestion_column = "Survey"\ntag ='
        ' "Touchpoint"\ncomment = "Comment"\nheader_rows = 3\n'
        "min_responses = 30\nperiod_days = 90\n\n"
        "[tool.journeys.notify]\n"
        f"urls = [{', '.join(json.dumps(u) for u in urls)}]\n"
        'when = "always"\n'
        f'report_url = "{REPORT}"\n',
        encoding="utf-8",
    )
    return folder


def _journeys(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    return subprocess.run(
        [*JOURNEYS, *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**env, "JOURNEYS_COMMIT": "test", "COLUMNS": "80", "NO_COLOR": "1"},
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    """Import the year, walk the smooth shop, then the potholed one: the page after
    each, and what each receiver got.
    """
    receiver = Receiver()
    folder = tmp_path_factory.mktemp("team")
    with SmtpSink(folder / "sink") as sink:
        dead = closed_port()
        project = _project(folder, receiver, sink, dead)
        export = project / "survey-export.csv"
        export.write_text(_year_of_rows(datetime.now(UTC)), encoding="utf-8")
        imported = _journeys(project, "surveys", "import", str(export))
        smooth = _journeys(project, "walk", "--demo", "smooth")
        page = (project / "reports" / "effort" / "index.html").read_text(
            encoding="utf-8"
        )
        effort = json.loads(
            (project / "reports" / "effort.json").read_text(encoding="utf-8")
        )
        after_smooth = list(receiver.received)
        potholed = _journeys(
            project, "walk", "--demo", "potholed", "-n", "2"
        )  # two xdist workers: still one message
        sent = {"json": receiver.json(), "form": receiver.forms(), "mail": mails(sink)}
    receiver.close()
    yield {
        "imported": imported,
        "smooth": smooth,
        "page": page,
        "effort": effort,
        "after_smooth": after_smooth,
        "potholed": potholed,
        "sent": sent,
        "dead": dead,
    }


def test_the_year_is_imported(walked):
    imported = walked["imported"]
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "0 bad rows" in imported.stdout and "for 5 tags" in imported.stdout


def test_the_effort_page_shows_surveyed_and_walked_figures_side_by_side_flagged(
    walked,
):
    smooth = walked["smooth"]
    assert smooth.returncode == 0, (
        smooth.stdout + smooth.stderr
    )  # a receiver that is down fails nothing
    voice = walked["page"][walked["page"].index('<section id="voice">') :]
    voice = voice[: voice.index("</section>")]
    rows = {
        tag: voice[voice.index(f'data-tag="{tag}"') :]
        for tag in ("buy", "support", "use", "access", "engage")
    }
    rows = {tag: row[: row.index("</tr>")] for tag, row in rows.items()}
    assert (
        'class="flag"' in rows["support"]
        and "Customers say support is harder than the walk found" in rows["support"]
    )
    for agreeing in ("buy", "use", "access", "engage"):
        assert 'class="flag"' not in rows[agreeing], agreeing
    assert voice.count('class="flag"') == 1
    assert (
        "Buy from the spring sale ad / Buy running shoes from the spring sale ad"
        in rows["buy"]
    )
    assert "no journey walked for this tag" in rows["access"]
    assert "not enough responses" in rows["engage"] and "10 of 30" in rows["engage"]
    assert (
        "&lt;b&gt;again&lt;/b&gt;" in rows["support"]
        and "<b>again" not in walked["page"]
    )
    for tag in (
        "buy",
        "support",
        "use",
        # walked score and customer time beside surveyed CES, NPS and CSAT, each with a
        # trend
    ):
        assert (
            rows[tag].count(" responses") == 3
            and rows[tag].count(" s</td>") + rows[tag].count(" s<div") >= 1
        ), rows[tag]
    voc = {row["tag"]: row for row in walked["effort"]["voice_of_customer"]["tags"]}
    assert voc["support"]["ces"]["value"] < 3 <= 5 <= voc["support"]["walked_score"]
    assert (
        voc["buy"]["nps"]["responses"] >= 30
        and voc["buy"]["nps"]["previous"] is not None
    )
    assert all(
        j["disloyalty_risk"]["share"] == "9 %" for j in walked["effort"]["journeys"]
    )


def test_each_receiver_hears_each_run_once_and_the_regression_names_the_journey(
    walked,
):
    assert (
        len(walked["after_smooth"]) == 2
    )  # json and form, once each; the mail is counted below
    first, second = walked["sent"]["json"]
    assert first["title"].startswith("journeys: no journey got harder on ")
    assert "got harder" in second["title"]
    assert "Buy running shoes from the spring sale ad: score " in second["message"]
    assert second["message"].endswith(f"Report: {REPORT}")
    assert [f["title"] for f in walked["sent"]["form"]] == [
        first["title"],
        second["title"],
    ]
    assert [m["Subject"] for m in walked["sent"]["mail"]] == [
        first["title"],
        second["title"],
    ]


def test_a_receiver_that_is_down_is_one_warning_line_a_run(walked):
    for done in (walked["smooth"], walked["potholed"]):
        warned = [line for line in done.stderr.splitlines() if "notify" in line]
        assert warned == [
            f"journeys: notify: json://127.0.0.1:{walked['dead']}/down: A Connection"
            " error occurred sending JSON notification to 127.0.0.1. (the walk goes"
            " on; check the destination)"
        ], done.stderr
    assert "Traceback" not in walked["potholed"].stdout + walked["potholed"].stderr


def test_the_walks_summary_reads_one_journey_a_line_in_the_log(walked):
    lines = walked["smooth"].stdout.splitlines()
    summary = lines[
        lines.index("journeys (CES-style score: 1 very hard … 7 very easy)") + 2 :
    ][: len(FEATURES)]
    assert all(
        line.startswith("completed ") and len(line) <= 80 and ".feature:" in line
        for line in summary
    ), summary
