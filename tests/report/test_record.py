import csv
import json

import journeys.report as report
from journeys.report import load_effort_json, record_run


def test_public_api_is_exactly_what_init_exports():
    # Like httpx: the public API is a decision, so adding or dropping a name must change
    # this test too.
    assert sorted(report.__all__) == [
        "Comparison",
        "History",
        "HistoryConfig",
        "JourneyChange",
        "JourneyTrend",
        "NO_SCORE",
        "RunRecordPaths",
        "allure_categories",
        "allure_command",
        "allure_labels",
        "build_allure_html",
        "build_effort_report",
        "compare_results",
        "compare_runs",
        "default_history_url",
        "failure_message",
        "history_config",
        "journey_record",
        "load_effort_json",
        "open_history",
        "overall_score",
        "record_run",
        "score_text",
        "write_allure_extras",
        "write_effort_csv",
        "write_effort_json",
    ]
    assert all(hasattr(report, name) for name in report.__all__)


def test_effort_json_uses_the_documented_names(reports_dir, samples):
    paths = record_run(
        reports_dir,
        samples.run_info("run-1", 1, demo="potholed", seed=7),
        samples.potholed_walk(),
    )

    document = json.loads(paths.effort_json.read_text(encoding="utf-8"))
    assert (
        document["run"]["run_id"] == "run-1"
        and document["run"]["seed"] == 7
        and document["run"]["demo"] == "potholed"
    )
    checkout = document["journeys"][0]
    assert list(checkout)[:10] == [
        "feature",
        "scenario",
        "stage",
        "outcome",
        "steps",
        "score",
        "points",
        "frictions",
        "why_not_7",
        "budgets",
    ]
    assert (
        checkout["feature"],
        checkout["scenario"],
        checkout["stage"],
        checkout["steps"],
    ) == ("Checkout", "Guest buys a mug", "buy", 12)
    friction = checkout["frictions"][0]
    assert {
        "kind",
        "step",
        "step_index",
        "points",
        "evidence",
        "where",
        "screenshot",
    } <= set(friction)
    assert (
        friction["step"] == "When I fill in the delivery address"
    )  # the text a reader knows, not an index
    assert friction["step_index"] == 5
    assert checkout["why_not_7"][0]["what"] == "Pay button did nothing"
    assert checkout["budgets"] == [
        {"budget": "CES at least 5", "met": False, "detail": "got 3.1"}
    ]
    assert (
        paths.effort_html == reports_dir / "effort" / "index.html"
        and paths.effort_html.is_file()
    )


def test_effort_json_reads_back_into_the_same_records(reports_dir, samples):
    walk = samples.potholed_walk("shots/x.png")
    record_run(reports_dir, samples.run_info("run-1", 1), walk)

    run, results = load_effort_json(reports_dir / "effort.json")

    assert run == samples.run_info("run-1", 1)
    assert results == walk


def test_effort_csv_has_one_row_per_journey(reports_dir, samples):
    record_run(reports_dir, samples.run_info("run-1", 1), samples.potholed_walk())

    with (reports_dir / "effort.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    assert [r["scenario"] for r in rows] == [
        "Guest buys a mug",
        "Asks the bot about delivery",
        "Signs up",
    ]
    assert rows[0] == {
        "run_id": "run-1",
        "feature": "Checkout",
        "scenario": "Guest buys a mug",
        "stage": "buy",
        "outcome": "completed",
        "steps": "12",
        "score": "3.10",
        "points": "22.00",
        "frictions": "2",
        "friction_kinds": "reentered_data dead_end",
        "customer_time_s": "0.0",
        "lost_time_s": "0.0",
        "fields_seen": "0",
        "fields_filled": "0",  # no events in the sample
    }
    assert rows[2]["frictions"] == "0" and rows[2]["friction_kinds"] == ""


def test_record_run_stores_the_walk_in_history(reports_dir, samples):
    record_run(reports_dir, samples.run_info("run-1", 1), samples.smooth_walk())
    paths = record_run(
        reports_dir, samples.run_info("run-2", 2), samples.potholed_walk()
    )

    with report.open_history(paths.history_url) as history:
        assert [r.run_id for r in history.list_runs()] == ["run-2", "run-1"]
        assert history.load_run("run-1") == samples.smooth_walk()
