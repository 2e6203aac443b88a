"""Choosing the keyboard walk, checked up front.

`hands` in [tool.journeys] or a profile, `--persona` for one walk.
"""

from __future__ import annotations

import subprocess

from tests.test_check_settings import JOURNEYS, check


def test_journeys_check_names_a_wrong_hands_value_and_the_fix(tmp_path):
    done = check(tmp_path, 'hands = "trackpad"\n')
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        (
            "journeys: config: tool.journeys.hands: 'trackpad' is neither mouse nor"
            " keyboard"
        ),
        '  fix: write hands = "keyboard" (or "mouse", the default)',
    ]


def test_a_profile_may_walk_with_the_keyboard(tmp_path):
    profile = '[tool.journeys.profiles.a11y]\nbase_url = "http://127.0.0.1:9"\n'
    done = check(tmp_path, profile + 'hands = "keyboard"\n', "--profile", "a11y")
    # (the feature's own account number is another matter)
    assert "hands" not in done.stderr
    wrong = check(tmp_path, profile + 'hands = "voice"\n', "--profile", "a11y")
    assert wrong.returncode == 2 and "hands" in wrong.stderr


def test_walk_refuses_an_unknown_persona_in_one_line(tmp_path):
    done = subprocess.run(
        [str(JOURNEYS), "walk", "--persona", "trackpad"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "--persona" in done.stderr and "keyboard" in done.stderr
    assert "Traceback" not in done.stderr
