"""A site that echoes the customer's secrets leaks none of them into any file a walk
leaves, nor the console.

The canary walks the hostile site (tests/hostile/site.py) with `journeys walk --target
http://user:pass@…`: it signs up with a card, a security code and a password, and lands
on a page that echoes all three (the card with dashes) in its URL, title and text; then
it talks to a bot that echoes the `${CANARY_TOKEN}` it was sent. Every file under
reports/ is read (archives unzipped, the history dumped through SQL) for every form.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.run.redaction import Redactor, secret_forms, strip_userinfo
from journeys.shopper import make_persona
from tests.test_secrets import _every_file

from .site import serve

JOURNEYS = Path(sys.executable).with_name("journeys")
TOKEN = "tok-5ecret-c4n4ry-91b2"
USERINFO_PASSWORD = "pa55-in-the-url"
SEED = 4711

FEATURE = """Feature: Sign up where the site echoes everything
  Scenario: Sign up and ask the bot
    Given I am a first-time customer
    When I open the home page
    And I click "Sign up"
    And I fill in the form with my details
    And I click "Create account"
    And I open the chat
    And I tell the bot "Hello"
    Then I should see "Welcome"
"""

PYPROJECT = """[tool.journeys]
seed = {seed}

[tool.journeys.chat]
adapter = "http"
endpoint = "{site}/api/chat"
method = "POST"
headers = {{ Authorization = "Bearer ${{CANARY_TOKEN}}" }}
body = {{ message = "{{{{message}}}}" }}
text_path = "messages[*].text"
by_path = "messages[*].from"
"""


def test_every_written_form_of_a_secret_is_replaced_and_the_last_four_stay():
    redactor = Redactor(["4242 4242 4242 4242", "737", "p@ss w0rd!"])
    echoed = (
        "card 4242-4242-4242-4242, 4242424242424242, 4242 4242 4242 4242,"
        " 4242.4242.4242.4242, 4242+4242+4242+4242; code 737; pw p%40ss%20w0rd%21 /"
        " p@ss+w0rd%21 / p@ss w0rd! / p@ss w0rd!; at http://bob:hunter2@shop.example/x;"
        " ending 4242; total 1737.50; ref 7370"
    )
    shown = redactor.text(echoed)
    assert (
        "4242-4242" not in shown
        and "42424242" not in shown
        and "4242 4242" not in shown
        and "4242.4242" not in shown
    )
    assert (
        "737;" not in shown
        and "hunter2" not in shown
        and "bob" not in shown
        and "w0rd" not in shown
    )
    assert (
        "ending 4242" in shown and "1737.50" in shown and "ref 7370" in shown
    )  # the last four, and numbers around a code
    assert (
        strip_userinfo("http://bob:hunter2@shop.example:8080/a?b=1")
        == "http://shop.example:8080/a?b=1"
    )


def _project(tmp_path: Path, site: str) -> Path:
    project = tmp_path / "shop"
    (project / "features").mkdir(parents=True)
    # The bot at its own address (no user information): it is sent the configured token,
    # and echoes it.
    (project / "pyproject.toml").write_text(
        PYPROJECT.format(seed=SEED, site=site), encoding="utf-8"
    )
    (project / "features" / "echo.feature").write_text(FEATURE, encoding="utf-8")
    return project


def _history_dump(database: Path) -> bytes:
    with sqlite3.connect(database) as connection:
        return "\n".join(connection.iterdump()).encode("utf-8")


@pytest.mark.browser
def test_no_echoed_secret_in_any_file_or_on_the_console(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(CANARY_TOKEN=TOKEN, NO_COLOR="1", COLUMNS="200")
    with serve() as url:
        project = _project(tmp_path, url)
        target = url.replace("http://", f"http://shopper:{USERINFO_PASSWORD}@")
        walk = subprocess.run(
            [
                str(JOURNEYS),
                "walk",
                "--target",
                target,
                "--screenshots",
                "every-step",
                "--traces",
                "on",
            ],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    console = walk.stdout + walk.stderr
    assert "Traceback" not in console
    reports = project / "reports"
    results = json.loads((reports / "effort.json").read_text(encoding="utf-8"))[
        "journeys"
    ]
    persona = make_persona(SEED, results[0]["node_id"])
    transcript = json.dumps(results[0]["transcript"])
    assert "You said" in transcript, console
    assert "[redacted]" in transcript
    card_digits = persona["card_number"].replace(" ", "")
    basic = base64.b64encode(f"shopper:{USERINFO_PASSWORD}".encode())
    needles = {
        TOKEN.encode(),
        USERINFO_PASSWORD.encode(),
        basic,
        card_digits.encode(),
        "-".join(card_digits[i : i + 4] for i in range(0, 16, 4)).encode(),
    }
    needles |= {form.encode() for form in (persona["password"], persona["card_number"])}
    cvc = persona["card_cvc"]
    needles |= {f"code {cvc} ".encode(), f"code={cvc}&".encode(), f'"{cvc}"'.encode()}
    files = list(_every_file(reports))
    files += [
        ("history (SQL)", _history_dump(database))
        for database in reports.rglob("*.sqlite")
    ]
    assert any(name.endswith(".jpg") for name, _ in files) and any(
        "trace" in name for name, _ in files
    )
    leaks = [
        (name, needle) for name, data in files for needle in needles if needle in data
    ]
    assert sorted({(name.split("/")[-1][:60], needle) for name, needle in leaks}) == []
    assert [needle for needle in needles if needle.decode() in console] == []
    assert secret_forms(
        TOKEN
    )  # the token is long enough to be looked for in every form
