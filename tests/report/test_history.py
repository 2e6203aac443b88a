import subprocess
import sys
import threading
from pathlib import Path

import pytest

from journeys.effort.frictions import Friction
from journeys.effort.result import JourneyResult, RunInfo
from journeys.errors import ConfigError, JourneysError
from journeys.report import default_history_url, history_config, open_history


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ({"urll": "sqlite://"}, "tool.journeys.history.urll"),
        ({"url": 5}, "tool.journeys.history.url"),
        ({"url": "not a url"}, "tool.journeys.history.url"),
        ({"regression_threshold": "big"}, "tool.journeys.history.regression_threshold"),
        ({"regression_threshold": -1}, "tool.journeys.history.regression_threshold"),
        ({"keep_runs": 1}, "tool.journeys.history.keep_runs"),
        ({"keep_runs": True}, "tool.journeys.history.keep_runs"),
    ],
)
def test_history_config_names_the_wrong_key(section, key):
    with pytest.raises(ConfigError) as caught:
        history_config(section)
    assert caught.value.key == key
    assert str(caught.value).startswith(f"config: {key}: ")


def test_history_config_defaults_and_values(tmp_path):
    assert history_config({}).resolved_url(tmp_path) == default_history_url(tmp_path)
    assert (
        history_config({}).regression_threshold == 0.5
        and history_config({}).keep_runs is None
    )
    config = history_config(
        {
            "url": "postgresql+psycopg://me@db/journeys",
            "regression_threshold": 1,
            "keep_runs": 90,
        }
    )
    assert (config.url, config.regression_threshold, config.keep_runs) == (
        "postgresql+psycopg://me@db/journeys",
        1.0,
        90,
    )


def test_a_run_loads_back_as_it_was_stored(history_url, samples):
    walk = samples.potholed_walk("shots/a.png")
    with open_history(history_url) as history:
        history.store_run(samples.run_info("r1", 1), walk)
        assert history.load_run("r1") == walk
        assert history.list_runs() == [samples.run_info("r1", 1)]


def test_storing_a_run_again_replaces_it(history_url, samples):
    with open_history(history_url) as history:
        history.store_run(samples.run_info("r1", 1), samples.potholed_walk())
        history.store_run(samples.run_info("r1", 1), samples.smooth_walk())
        assert history.load_run("r1") == samples.smooth_walk()
        assert history.count_runs() == 1


def test_keep_runs_prunes_the_oldest(history_url, samples):
    with open_history(history_url) as history:
        for day in range(1, 6):
            history.store_run(
                samples.run_info(f"r{day}", day), samples.smooth_walk(), keep_runs=3
            )
        assert [r.run_id for r in history.list_runs()] == ["r5", "r4", "r3"]
        assert history.load_run("r1") == []


def test_keep_runs_keeps_that_many_runs_of_each_device(history_url, samples):
    with open_history(history_url) as history:
        for day in range(1, 4):
            history.store_run(
                samples.run_info(f"desk{day}", day), samples.smooth_walk(), keep_runs=2
            )
        for day in range(4, 9):
            history.store_run(
                samples.run_info(f"phone{day}", day, device="iPhone 13"),
                samples.smooth_walk(),
                keep_runs=2,
            )
        assert [r.run_id for r in history.list_runs(device="")] == ["desk3", "desk2"]
        assert [r.run_id for r in history.list_runs(device="iPhone 13")] == [
            "phone8",
            "phone7",
        ]


def test_trend_covers_the_last_runs_oldest_first_with_gaps(history_url, samples):
    with open_history(history_url) as history:
        history.store_run(samples.run_info("r1", 1), samples.smooth_walk())
        history.store_run(samples.run_info("r2", 2), samples.potholed_walk())
        history.store_run(samples.run_info("r3", 3), samples.smooth_walk()[:1])
        window, trends = history.trends(runs=2)
    assert [r.run_id for r in window] == ["r2", "r3"]
    assert trends[("Checkout", "Guest buys a mug")].scores == (3.1, 6.5)
    assert trends[("Help", "Asks the bot about delivery")].scores == (4.4, None)


def test_find_run_takes_a_prefix_and_refuses_an_ambiguous_one(history_url, samples):
    with open_history(history_url) as history:
        history.store_run(samples.run_info("20260301-a1", 1), samples.smooth_walk())
        history.store_run(samples.run_info("20260302-b2", 2), samples.smooth_walk())
        assert history.find_run("20260302").run_id == "20260302-b2"
        with pytest.raises(JourneysError, match="matches several runs"):
            history.find_run("2026030")
        with pytest.raises(JourneysError, match="no run matches"):
            history.find_run("1999")


def test_a_bad_url_is_one_line_for_people():
    with pytest.raises(JourneysError, match="not a SQLAlchemy database URL"):
        open_history("::nope::")


_WRITER = """
import sys
from journeys.effort.result import JourneyResult, RunInfo
from journeys.effort.frictions import Friction
from journeys.report import open_history
url, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open_history(url) as history:
    for i in range(count):
        journeys = [JourneyResult(feature="F", scenario=f"S{j}", score=5.0,
                    frictions=(Friction(kind="wait", points=1.0, step=1, evidence="slow"),)) for j in range(10)]
        history.store_run(RunInfo(run_id=f"{name}-{i}", started_at=f"2026-01-01T00:00:{i:02d}Z"), journeys)
"""


def test_concurrent_writers_lose_no_run(history_url):
    """Threads and processes open one fresh history and write runs at the same moment:
    every run arrives whole.
    """
    url = history_url
    runs_each = 5
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, url, f"proc{n}", str(runs_each)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def write(name: str) -> None:
        try:
            start.wait()
            with open_history(url) as history:
                for i in range(runs_each):
                    journeys = [
                        JourneyResult(
                            feature="F",
                            scenario=f"S{j}",
                            score=5.0,
                            frictions=(
                                Friction(
                                    kind="wait", points=1.0, step=1, evidence="slow"
                                ),
                            ),
                        )
                        for j in range(10)
                    ]
                    history.store_run(
                        RunInfo(
                            run_id=f"{name}-{i}",
                            started_at=f"2026-01-01T00:00:{i:02d}Z",
                        ),
                        journeys,
                    )
        except (
            BaseException
        ) as error:  # surfaced by the assertion below, with its message
            errors.append(error)

    threads = [threading.Thread(target=write, args=(f"thread{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive(), (
            "a writer is stuck: two writers wait on each other"
        )
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr

    assert errors == []
    with open_history(url) as history:
        ids = {r.run_id for r in history.list_runs()}
        assert len(ids) == 6 * runs_each
        assert all(len(history.load_run(run_id)) == 10 for run_id in ids)
        with history.engine.connect() as conn:
            assert (
                conn.exec_driver_sql("select count(*) from frictions").scalar_one()
                == 6 * runs_each * 10
            )
            if history.engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("pragma journal_mode").scalar_one() == "wal"
                assert Path(history.engine.url.database).is_file()


def test_history_url_for_prefers_the_configured_url(tmp_path):
    from journeys.report.history import history_url_for

    assert (
        history_url_for(tmp_path, None)
        == default_history_url(tmp_path)
        == f"sqlite:///{tmp_path.resolve()}/history.sqlite"
    )
    assert (
        history_url_for(tmp_path, "sqlite:///elsewhere.sqlite")
        == "sqlite:///elsewhere.sqlite"
    )


def test_a_run_keeps_its_device_and_older_rows_read_as_desktop(history_url, samples):
    with open_history(history_url) as history:
        history.store_run(
            samples.run_info("phone", 1, device="iPhone 13"), samples.smooth_walk()
        )
        history.store_run(samples.run_info("desk", 2), samples.smooth_walk())
        assert [(r.run_id, r.device) for r in history.list_runs()] == [
            ("desk", ""),
            ("phone", "iPhone 13"),
        ]
        assert [r.run_id for r in history.list_runs(device="iPhone 13")] == ["phone"]


def test_trends_are_per_device(history_url, samples):
    """A phone customer's trend is its own: desktop runs between phone runs are not gaps
    in it, nor points.
    """
    with open_history(history_url) as history:
        history.store_run(
            samples.run_info("p1", 1, device="iPhone 13"), samples.potholed_walk()
        )
        history.store_run(samples.run_info("d1", 2), samples.smooth_walk())
        history.store_run(
            samples.run_info("p2", 3, device="iPhone 13"), samples.smooth_walk()
        )
        history.store_run(samples.run_info("d2", 4), samples.potholed_walk())
        desktop_window, desktop = (
            history.trends()
        )  # the newest run is desktop's: its trend
        phone_window, phone = history.trends(device="iPhone 13")
        until_window, _ = history.trends(
            until="p2"
        )  # ends at a phone run: the phone's trend
    assert [r.run_id for r in desktop_window] == ["d1", "d2"]
    assert desktop[("Checkout", "Guest buys a mug")].scores == (6.5, 3.1)
    assert desktop[("Checkout", "Guest buys a mug")].device == ""
    assert (
        [r.run_id for r in phone_window]
        == ["p1", "p2"]
        == [r.run_id for r in until_window]
    )
    assert phone[("Checkout", "Guest buys a mug")].scores == (3.1, 6.5)
    assert phone[("Checkout", "Guest buys a mug")].device == "iPhone 13"
