"""Configuration: [tool.journeys], JOURNEYS_* overrides, and one clear line for every
mistake.
"""

from __future__ import annotations

import pytest

from journeys.errors import ConfigError
from journeys.project import config


def _project(tmp_path, body: str):
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.journeys]\n{body}\n", encoding="utf-8"
    )
    return tmp_path


def test_defaults_walk_the_potholed_demo_shop(tmp_path):
    settings = config.load(_project(tmp_path, ""), environ={})
    assert (
        settings.base_url,
        settings.demo,
        settings.screenshots,
        settings.walks_demo,
    ) == ("", "potholed", "friction", True)
    assert settings.reports_dir == tmp_path / "reports"


def test_environment_overrides_the_file_and_flags_override_both(tmp_path):
    root = _project(tmp_path, 'demo = "smooth"\nseed = 7')
    settings = config.load(
        root, environ={"JOURNEYS_SEED": "11", "JOURNEYS_BASE_URL": "http://127.0.0.1:9"}
    )
    assert (settings.demo, settings.seed, settings.base_url) == (
        "smooth",
        11,
        "http://127.0.0.1:9",
    )
    assert settings.replace(seed=3, demo=None).seed == 3


@pytest.mark.parametrize(
    ("body", "environ", "message"),
    [
        (
            'demo = "bumpy"',
            {},
            (
                "config: tool.journeys.demo: 'bumpy' is not a demo mode\n  fix: use one"
                " of: smooth, potholed"
            ),
        ),
        (
            'screenshot = "off"',
            {},
            (
                "config: tool.journeys.screenshot: is not a setting\n  fix: did you"
                " mean 'screenshots'?"
            ),
        ),
        (
            'screenshots = "always"',
            {},
            (
                "config: tool.journeys.screenshots: 'always' is not a screenshot"
                " policy\n  fix: use one of: friction, every-step, off"
            ),
        ),
        (
            'base_url = "shop.example.com"',
            {},
            (
                "config: tool.journeys.base_url: 'shop.example.com' is not an http(s)"
                " URL\n  fix: write it as http://host:port"
            ),
        ),
        (
            'seed = "x"',
            {},
            "config: tool.journeys.seed: must be a whole number, not 'x'",
        ),
        (
            "",
            {"JOURNEYS_SEED": "soon"},
            "config: tool.journeys.seed: must be a whole number, not 'soon'",
        ),
        ("patience = 0", {}, "config: tool.journeys.patience: must be at least 1"),
        (
            "chat = 3",
            {},
            (
                "config: tool.journeys.chat: must be a table\n  fix: write it as"
                " [tool.journeys.chat]"
            ),
        ),
        ("demo = ", {}, "is not valid TOML"),
        (
            "seed = 1.5",
            {},
            "config: tool.journeys.seed: must be a whole number, not 1.5",
        ),
        (
            "seed = 9223372036854775808",
            {},
            "config: tool.journeys.seed: must be at most 9223372036854775807",
        ),
        (
            "timeout_ms = 1e20",
            {},
            "config: tool.journeys.timeout_ms: must be a whole number, not 1e+20",
        ),
        (
            "timeout_ms = 600001",
            {},
            "config: tool.journeys.timeout_ms: must be at most 600000, not 600001",
        ),
        (
            'reports = ""',
            {},
            "config: tool.journeys.reports: must name a folder, not be empty",
        ),
        (
            'base_url = "http://[::1"',
            {},
            (
                "config: tool.journeys.base_url: 'http://[::1' is not a valid URL"
                " (Invalid IPv6 URL)"
            ),
        ),
        (
            'base_url = "http://"',
            {},
            "config: tool.journeys.base_url: 'http://' has no host name",
        ),
        ("profile = 7", {}, "config: tool.journeys.profile: must be text, not 7"),
    ],
)
def test_a_wrong_setting_is_one_clear_message(tmp_path, body, environ, message):
    with pytest.raises(ConfigError) as caught:
        config.load(_project(tmp_path, body), environ=environ)
    assert message in str(caught.value)


def test_secrets_are_read_from_the_environment_when_used():
    assert config.expand_env("Bearer ${TOKEN}", {"TOKEN": "s3cret"}) == "Bearer s3cret"
    with pytest.raises(
        ConfigError,
        match=r"needs the environment variable MISSING\n  fix: export MISSING=\.\.\.",
    ):
        config.expand_env(
            "Bearer ${MISSING}", {}, key="tool.journeys.support.headers.Authorization"
        )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "[tool.journeys.persona]\nshoe_size = 9",
            (
                "config: tool.journeys.persona.shoe_size: is not a persona setting\n "
                " fix: known keys: locale, order_number"
            ),
        ),
        (
            "[tool.journeys.persona]\nlocale = 3",
            "config: tool.journeys.persona.locale: must be text, not 3",
        ),
        (
            '[tool.journeys.goals."talk to a human"]\nnear = ["x"]',
            (
                "config: tool.journeys.goals.talk to a human.near: is not a goal"
                " setting\n  fix: use toward, via and arrive"
            ),
        ),
    ],
)
def test_each_table_is_checked_by_its_owner_at_start(tmp_path, table, message):
    from journeys.project.sections import load_project

    (tmp_path / "pyproject.toml").write_text(
        f"[tool.journeys]\n{table}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_project(tmp_path, environ={})
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            '[tool.journeys.effort.time]\ntypist = "fast"',
            (
                "config: tool.journeys.effort.time.typist: must be one of average,"
                " skilled, slow, not 'fast'\n  fix: write typist = \"average\""
            ),
        ),
        (
            "[tool.journeys.effort.time]\nmental = 1.2",
            (
                "config: tool.journeys.effort.time.mental: is not an operator time\n "
                " fix: did you mean 'mental_s'?"
            ),
        ),
        (
            '[tool.journeys.effort.time]\npointing_s = "slow"',
            (
                "config: tool.journeys.effort.time.pointing_s: must be a number, not"
                " 'slow'\n  fix: write pointing_s = 1.1"
            ),
        ),
        (
            "[tool.journeys.effort.time]\nhoming_s = -1",
            "config: tool.journeys.effort.time.homing_s: must be at least 0, not -1",
        ),
        (
            "[tool.journeys.effort.time]\nkeystroke_s = 0",
            (
                "config: tool.journeys.effort.time.keystroke_s: must be more than 0\n "
                " fix: write keystroke_s = 0.28"
            ),
        ),
        (
            "[tool.journeys.effort.time]\nreading_wpm = 5000",
            (
                "config: tool.journeys.effort.time.reading_wpm: must be between 50 and"
                " 1000 words a minute, not 5000\n  fix: write reading_wpm = 238"
            ),
        ),
        (
            '[tool.journeys.effort.time]\ntypist = "slow"\nkeystroke_s = 0.3',
            (
                "config: tool.journeys.effort.time.keystroke_s: and typist both set K\n"
                "  fix: keep one of them"
            ),
        ),
        (
            "[tool.journeys.effort]\nmental_s = 1.2",
            (
                "config: tool.journeys.effort.mental_s: is an operator time\n  fix: put"
                " it under [tool.journeys.effort.time]"
            ),
        ),
        (
            "[tool.journeys.effort]\ntime = 3",
            (
                "config: tool.journeys.effort.time: must be a table\n  fix: write it as"
                " [tool.journeys.effort.time]"
            ),
        ),
    ],
)
def test_the_operator_times_are_checked_at_start(tmp_path, table, message):
    from journeys.project.sections import load_project

    (tmp_path / "pyproject.toml").write_text(
        f"[tool.journeys]\n{table}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_project(tmp_path, environ={})
    assert str(caught.value) == message


def test_the_operator_times_default_to_the_published_values_and_a_typist_sets_k(
    tmp_path,
):
    from journeys.project.sections import load_project

    (tmp_path / "pyproject.toml").write_text(
        '[tool.journeys.effort.time]\ntypist = "skilled"\nlost_time_threshold_s = 10\n',
        encoding="utf-8",
    )
    time = load_project(tmp_path, environ={}).effort.time
    assert (
        time.keystroke_s,
        time.pointing_s,
        time.homing_s,
        time.mental_s,
        time.reading_wpm,
    ) == (0.20, 1.1, 0.4, 1.35, 238)
    assert time.lost_time_threshold_s == 10
