"""Turning axe-core's check off: `accessibility` in [tool.journeys] or a profile,
checked up front.
"""

from __future__ import annotations

from journeys.project import config
from tests.test_check_settings import check


def test_it_is_on_unless_turned_off_and_a_profile_may_turn_it_off(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.journeys]\n"
        '[tool.journeys.profiles.load]\nbase_url = "http://127.0.0.1:9"\n'
        'accessibility = "off"\n',
        encoding="utf-8",
    )
    assert config.load(tmp_path, environ={}).accessibility == "on"
    assert config.load(tmp_path, environ={}, profile="load").accessibility == "off"
    off = config.load(tmp_path, environ={"JOURNEYS_ACCESSIBILITY": "off"})
    assert off.accessibility == "off"


def test_journeys_check_names_a_wrong_value_and_the_fix(tmp_path):
    done = check(tmp_path, 'accessibility = "no"\n')
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "journeys: config: tool.journeys.accessibility: 'no' is neither on nor off",
        '  fix: write accessibility = "off" (or "on", the default)',
    ]
