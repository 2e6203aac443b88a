"""`journeys check` catches before the walk the settings that would break it midway, for
the target walked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

JOURNEYS = Path(sys.executable).with_name("journeys")
FEATURE = """Feature: Account
  Scenario: Reply about my account
    Given I am a first-time customer
    When I open the home page
    And I fill in "Account number" with my account number
    And I open the e-mail about "Your account"
    And I reply to the e-mail with "Thanks"
"""
BOT = """
[tool.journeys.profiles.staging]
base_url = "http://127.0.0.1:9"
[tool.journeys.profiles.staging.chat]
endpoint = "/api/chat"
text_path = "messages[*].text"
headers = { Authorization = "Bearer ${STAGING_BOT_TOKEN}" }
"""


def check(
    tmp_path: Path, config: str, *args: str, environ: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.journeys]\nbase_url = "http://127.0.0.1:9"\n{config}', encoding="utf-8"
    )
    (tmp_path / "features").mkdir(exist_ok=True)
    (tmp_path / "features" / "account.feature").write_text(FEATURE, encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JOURNEYS_", "STAGING_", "ACCOUNT_"))
    }
    env.update(NO_COLOR="1", COLUMNS="200", **(environ or {}))
    return subprocess.run(
        [str(JOURNEYS), "check", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


FACTS = '[tool.journeys.persona.facts]\naccount_number = "${ACCOUNT_NUMBER}"\n'
MAIL = '[tool.journeys.mail]\nadapter = "folder"\nfolder = "mail"\n'


def test_an_account_number_is_a_fact_a_team_may_give(tmp_path):
    (tmp_path / "mail").mkdir()
    done = check(
        tmp_path,
        FACTS + MAIL + 'reply_host = "127.0.0.1"\n',
        environ={"ACCOUNT_NUMBER": "ACC-1"},
    )
    assert done.returncode == 0, done.stderr
    assert "features and configuration are fine" in done.stdout


def test_an_unset_secret_and_a_reply_without_a_relay_are_named_before_the_walk(
    tmp_path,
):
    (tmp_path / "mail").mkdir()
    done = check(tmp_path, FACTS + MAIL)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        (
            "[tool.journeys.persona] reads the environment variable ACCOUNT_NUMBER,"
            " which is not set"
        ),
        (
            "  fix: export ACCOUNT_NUMBER=... before the walk (a CI secret), or write"
            " the value without ${ACCOUNT_NUMBER}"
        ),
        (
            "features/account.feature:7: replies to an e-mail, and [tool.journeys.mail]"
            " has no way to send it (adapter 'folder' reads mail, it does not send any)"
        ),
        (
            "  fix: set reply_host (and reply_port) in it to an SMTP server that takes"
            " the reply"
        ),
    ]


def test_a_profile_is_checked_with_its_own_settings(tmp_path):
    (tmp_path / "mail").mkdir()
    config = FACTS + MAIL + 'reply_host = "127.0.0.1"\n' + BOT
    assert check(tmp_path, config, environ={"ACCOUNT_NUMBER": "ACC-1"}).returncode == 0
    done = check(
        tmp_path, config, "--profile", "staging", environ={"ACCOUNT_NUMBER": "ACC-1"}
    )
    assert done.returncode == 2
    assert (
        "[tool.journeys.profiles.staging.chat] reads the environment variable"
        " STAGING_BOT_TOKEN, which is not set" in done.stderr
    )
    assert (
        check(
            tmp_path,
            config,
            "--profile",
            "staging",
            environ={"ACCOUNT_NUMBER": "A", "STAGING_BOT_TOKEN": "t"},
        ).returncode
        == 0
    )


def test_a_misspelt_built_in_fact_is_still_named(tmp_path):
    done = check(tmp_path, '[tool.journeys.persona.facts]\ncard_numbr = "4242"\n')
    assert done.returncode == 2
    assert (
        "tool.journeys.persona.facts.card_numbr: is not a persona fact" in done.stderr
        and "did you mean 'card_number'" in done.stderr
    )
