"""Bad inputs, run as a user would: each is one or two lines naming the file:line or key
and the fix, exit 2.

Every case is a throwaway project (the real conftest.py and steps/, its own
pyproject.toml and features) in which `journeys` runs as a subprocess. The subprocesses
start together in a thread pool, so the whole catalogue costs about as much as its
slowest few cases; each case is still its own test.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

MAIN = Path(__file__).resolve().parents[1]
JOURNEYS = Path(sys.executable).with_name("journeys")  # the console script a user runs

GOOD = """@use
Feature: Find help
  Scenario: Find the help page
    Given I am a first-time customer
    When I open the home page
    And I look for a way to "talk to a human"
"""


def scenario(*steps: str, tags: str = "@use") -> str:
    """A one-scenario feature whose first step is line 4 (so messages name predictable
    lines).
    """
    body = "".join(f"    {step}\n" for step in steps)
    return f"{tags}\nFeature: Find help\n  Scenario: Find the help page\n{body}"


@dataclass(frozen=True)
class Case:
    id: str
    stderr: str  # exactly, line for line
    args: tuple[str, ...] = ("check",)
    features: dict[str, str | bytes] = field(
        default_factory=lambda: {"help.feature": GOOD}
    )
    config: str = ""  # the body of [tool.journeys]
    env: dict[str, str] = field(default_factory=dict)
    conftest: str | None = None  # None: the project's own conftest.py; "": none at all
    pyproject: bytes | None = (
        None  # the whole file, byte for byte, instead of [tool.journeys] + config
    )
    prepare: Callable[[Path], None] | None = (
        None  # special files: pipes, links, read-only folders
    )
    as_root_too: bool = (
        True  # False: root writes anywhere, so a read-only folder cannot be made for it
    )


def fifo(name: str) -> Callable[[Path], None]:
    return lambda project: os.mkfifo(project / name)


def self_link(name: str) -> Callable[[Path], None]:
    return lambda project: (project / name).symlink_to(project / name)


def file_at(name: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("not a folder\n", encoding="utf-8")

    return make


def read_only_folder(name: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        (project / name).mkdir()
        (project / name).chmod(0o555)

    return make


def without_psycopg(project: Path) -> None:
    """A machine without journeys[postgres]: on PYTHONPATH, a psycopg that is not there
    (the venv has the real one).
    """
    (project / "without-extra" / "psycopg").mkdir(parents=True)
    (project / "without-extra" / "psycopg" / "__init__.py").write_text(
        'raise ModuleNotFoundError("No module named \'psycopg\'", name="psycopg")\n',
        encoding="utf-8",
    )


# A port something already listens on, held for the whole module: the mail sink cannot
# start there.
_TAKEN = socket.socket()
_TAKEN.bind(("127.0.0.1", 0))
_TAKEN.listen()
TAKEN_PORT = _TAKEN.getsockname()[1]


def wrong_type(key: str, written: str, shown: str, fix: str) -> Case:
    """A top-level setting of the wrong type: the key, the value as read and an example
    of the right one.
    """
    return Case(
        f"{key} of the wrong type",
        f"journeys: config: tool.journeys.{key}: {shown}\n  fix: {fix}",
        config=f"{key} = {written}",
    )


CASES = [
    # Gherkin that cannot be read
    Case(
        "missing Feature line",
        "features/help.feature:1: `Scenario: Find the help page` comes before any"
        " `Feature:` line\n  fix: start the file with `Feature: <what the customer"
        " wants>`",
        features={
            "help.feature": (
                "Scenario: Find the help page\n  Given I am a first-time customer\n"
            )
        },
    ),
    Case(
        "step before any Scenario",
        "features/help.feature:3: step `Given I am a first-time customer` is outside"
        " any Scenario, so it never runs\n  fix: move it under a `Scenario:` (or a"
        " `Background:` for every scenario)",
        features={
            "help.feature": (
                "@use\nFeature: Find help\n  Given I am a first-time customer\n"
                "  Scenario: Find the help page\n    When I open the home page\n"
            )
        },
    ),
    Case(
        "keyword typo",
        "features/help.feature:5: `Whne` is not a Gherkin keyword in `Whne I click"
        ' "Help"`\n  fix: write `When`',
        features={
            "help.feature": scenario(
                "Given I am a first-time customer", 'Whne I click "Help"'
            )
        },
    ),
    Case(
        "step without a keyword",
        'features/help.feature:5: `I click "Help"` is not valid Gherkin here '
        "(Unexpected token found. Check Gherkin syntax near the reported error.)\n"
        "  fix: steps start with Given, When, Then, And or But, under a `Scenario:`",
        features={
            "help.feature": scenario(
                "Given I am a first-time customer", 'I click "Help"'
            )
        },
    ),
    Case(
        "empty feature file",
        "features/help.feature: is empty\n"
        "  fix: start it with `Feature: <what the customer wants>` and a `Scenario:`",
        features={"help.feature": "\n# nothing yet\n"},
    ),
    Case(
        "only tags, no Feature",
        "features/help.feature:2: the file ends before any `Feature:` line\n"
        "  fix: start it with `Feature: <what the customer wants>`",
        features={"help.feature": "@use\n"},
    ),
    Case(
        "feature without scenarios",
        "features/help.feature: has no scenarios\n"
        "  fix: add a `Scenario:` with Given/When/Then steps",
        features={
            "help.feature": "@use\nFeature: Find help\n  Some day we will write this.\n"
        },
    ),
    Case(
        "folder without features",
        "features: no .feature files\n  fix: add features, see docs/first-journey.md",
        features={"README.md": "# nothing to walk yet\n"},
    ),
    Case(
        "nonexistent feature path",
        "journeys: features/nope.feature: no such feature file or folder\n"
        "  fix: give a .feature file or a folder of them",
        args=("check", "features/nope.feature"),
    ),
    # Steps
    Case(
        "unknown step names the closest catalogue step",
        'features/help.feature:5: unknown step `When I click on the "Help" link`\n'
        '  fix: did you mean `When I click "<name>"`?',
        features={
            "help.feature": scenario(
                "Given I am a first-time customer", 'When I click on the "Help" link'
            )
        },
    ),
    Case(
        "unknown step near two catalogue steps",
        'features/help.feature:5: unknown step `When I ask the bot "refund"`\n  fix:'
        " did you mean `When I ask the bot for a human`? (or `When I tell the bot"
        ' "<message>"`)',
        features={
            "help.feature": scenario(
                "Given I am a first-time customer", 'When I ask the bot "refund"'
            )
        },
    ),
    Case(
        "unknown step near nothing (sleeps are not steps)",
        "features/help.feature:5: unknown step `When I sleep 5 seconds`\n"
        "  fix: use a step from the catalogue (`journeys steps` lists them)",
        features={
            "help.feature": scenario(
                "Given I am a first-time customer", "When I sleep 5 seconds"
            )
        },
    ),
    Case(
        "Given used for a Then step",
        "features/help.feature:6: `Given I should not have hit a dead end` is a Then"
        " step\n  fix: write `Then I should not have hit a dead end`",
        features={
            "help.feature": scenario(
                "Given I am a first-time customer",
                "When I open the home page",
                "Given I should not have hit a dead end",
            )
        },
    ),
    Case(
        "unknown persona fact",
        'features/help.feature:5: "my shoe size" is not a persona fact\n  fix: use one'
        " of: my bank account number, my card number, my city, my country, my customer"
        " number, my date of birth, my e-mail address, my expiry date, my first name,"
        " my full name, my iban, my last name, my order number, my password, my phone"
        " number, my postcode, my problem, my security code, my sort code, my street"
        " address, my ticket number, my username; or note it earlier in the scenario:"
        ' When I note the shoe size shown after "..."',
        features={
            "help.feature": scenario(
                "Given I am a first-time customer",
                'When I fill in "Size" with my shoe size',
            )
        },
    ),
    # Tags
    Case(
        "unknown tag",
        "features/help.feature:1: unknown tag @by\n  fix: did you mean @buy?",
        features={
            "help.feature": scenario("Given I am a first-time customer", tags="@by")
        },
    ),
    Case(
        "misspelt CES budget tag",
        "features/help.feature:1: @ces-atleast-5 is not a budget tag\n  fix: did you"
        " mean @ces-at-least-5?",
        features={
            "help.feature": scenario(
                "Given I am a first-time customer", tags="@use @ces-atleast-5"
            )
        },
    ),
    Case(
        "budget tag without a number",
        "features/help.feature:1: @max-steps-x is not a budget tag\n  fix: did you mean"
        " @max-steps-12?",
        features={
            "help.feature": scenario(
                "Given I am a first-time customer", tags="@use @max-steps-x"
            )
        },
    ),
    Case(
        "CES budget out of range",
        "features/help.feature:1: @ces-at-least-9 asks for a CES of 9, but scores run"
        " from 1 to 7\n  fix: write e.g. @ces-at-least-5",
        features={
            "help.feature": scenario(
                "Given I am a first-time customer", tags="@use @ces-at-least-9"
            )
        },
    ),
    # The step catalogue itself
    Case(
        "step module in conftest.py that cannot be imported",
        "journeys: conftest.py: step module 'steps.nope' cannot be imported (No module"
        " named 'steps')\n  fix: correct the module, or its name in `pytest_plugins` in"
        " conftest.py",
        conftest='pytest_plugins = ["steps.nope"]\n',
    ),
    # Configuration
    Case(
        "wrong config key",
        "journeys: config: tool.journeys.screenshot: is not a setting\n  fix: did you"
        " mean 'screenshots'?",
        config='screenshot = "off"',
    ),
    Case(
        "wrong config value",
        "journeys: config: tool.journeys.demo: 'bumpy' is not a demo mode\n  fix: use"
        " one of: smooth, potholed",
        config='demo = "bumpy"',
    ),
    Case(
        "wrong effort key",
        "journeys: config: tool.journeys.effort.step_point: is not a setting\n  fix:"
        " did you mean 'step_points'?",
        config="[tool.journeys.effort]\nstep_point = 1",
    ),
    Case(
        "wrong chat key",
        "journeys: config: tool.journeys.chat.adaptor: is not a chat setting\n  fix:"
        " did you mean 'adapter'?",
        config='[tool.journeys.chat]\nadaptor = "http"',
    ),
    Case(
        "wrong history key",
        "journeys: config: tool.journeys.history.urll: is not a history setting\n"
        "  fix: known keys: url, regression_threshold, keep_runs",
        config='[tool.journeys.history]\nurll = "sqlite:///history.db"',
    ),
    Case(
        "wrong support key",
        "journeys: config: tool.journeys.support.endpont: is not a support setting\n "
        " fix: did you mean 'endpoint'?",
        config='[tool.journeys.support]\nendpont = "/api"',
    ),
    Case(
        "section that is not a table",
        "journeys: config: tool.journeys.chat: must be a table\n  fix: write it as"
        " [tool.journeys.chat]",
        config='chat = "http"',
    ),
    Case(
        "base_url that is not http",
        "journeys: config: tool.journeys.base_url: 'localhost:8000' is not an http(s)"
        " URL\n  fix: write it as http://host:port",
        config='base_url = "localhost:8000"',
    ),
    Case(
        "seed in the environment that is not a number",
        "journeys: config: tool.journeys.seed: must be a whole number, not 'abc' (from"
        " JOURNEYS_SEED)\n  fix: write a whole number, e.g. export JOURNEYS_SEED=2026",
        env={"JOURNEYS_SEED": "abc"},
    ),
    Case(
        "patience below one",
        "journeys: config: tool.journeys.patience: must be at least 1\n  fix: e.g."
        " patience = 3",
        config="patience = 0",
    ),
    # walk: everything that fails before a browser opens
    Case(
        "unreachable --target",
        "journeys: target http://127.0.0.1:9 is unreachable ([Errno 111] Connection"
        " refused)\n  fix: start the site, or correct base_url / --target (leave it"
        " empty to walk the demo shop)",
        args=("walk", "--target", "http://127.0.0.1:9"),
    ),
    Case(
        "--demo that is not a mode",
        "journeys: --demo 'bumpy' is not allowed\n  fix: use one of: smooth, potholed",
        args=("walk", "--demo", "bumpy"),
    ),
    Case(
        "--screenshots that is not a policy",
        "journeys: --screenshots 'sometimes' is not allowed\n  fix: use one of:"
        " friction, every-step, off",
        args=("walk", "--screenshots", "sometimes"),
    ),
    Case(
        "walk of a feature outside the project",
        "journeys: ../elsewhere.feature: is outside the project ({project})\n"
        "  fix: move it under features/ (its steps come from the project's"
        " conftest.py)",
        args=("walk", "--demo", "smooth", "../elsewhere.feature"),
    ),
    # Every top-level setting of the wrong type, and numbers out of range
    wrong_type("base_url", "3", "must be text, not 3", 'write base_url = "..."'),
    wrong_type("demo", "true", "must be text, not True", 'write demo = "..."'),
    wrong_type(
        "seed",
        "1.5",
        "must be a whole number, not 1.5",
        "write a whole number, e.g. seed = 2026",
    ),
    wrong_type(
        "screenshots", "[]", "must be text, not []", 'write screenshots = "..."'
    ),
    wrong_type("features", "1", "must be text, not 1", 'write features = "..."'),
    wrong_type(
        "reports", "{ a = 1 }", "must be text, not {'a': 1}", 'write reports = "..."'
    ),
    wrong_type("landing", "2", "must be text, not 2", 'write landing = "..."'),
    wrong_type(
        "timeout_ms",
        "1e20",
        "must be a whole number, not 1e+20",
        "write a whole number, e.g. timeout_ms = 5000",
    ),
    wrong_type(
        "patience",
        '"lots"',
        "must be a whole number, not 'lots'",
        "write a whole number, e.g. patience = 3",
    ),
    wrong_type("profile", "7", "must be text, not 7", 'write profile = "..."'),
    wrong_type(
        "journey_timeout_s",
        '"long"',
        "must be a whole number, not 'long'",
        "write a whole number, e.g. journey_timeout_s = 180",
    ),
    wrong_type(
        "walk_timeout_s",
        "1.5",
        "must be a whole number, not 1.5",
        "write a whole number, e.g. walk_timeout_s = 86400",
    ),
    wrong_type(
        "effort", '"high"', "must be a table", "write it as [tool.journeys.effort]"
    ),
    wrong_type(
        "support", "1", "must be a table", "write it as [tool.journeys.support]"
    ),
    wrong_type("goals", "[]", "must be a table", "write it as [tool.journeys.goals]"),
    wrong_type(
        "persona", '"Fatima"', "must be a table", "write it as [tool.journeys.persona]"
    ),
    wrong_type(
        "history", "true", "must be a table", "write it as [tool.journeys.history]"
    ),
    Case(
        "surveys question not a survey question",
        "journeys: config: tool.journeys.surveys.question: 'effort' is not a survey"
        " question\n  fix: use ces, nps or csat (or question_column)",
        config='[tool.journeys.surveys]\nquestion = "effort"',
    ),
    Case(
        "notify rule unknown",
        "journeys: config: tool.journeys.notify.when: 'nightly' is not a rule for"
        " sending\n  fix: use one or a list of: regression, budget, broken, always",
        config=(
            '[tool.journeys.notify]\nurls = ["json://127.0.0.1:9/hook"]\nwhen ='
            ' "nightly"'
        ),
    ),
    wrong_type(
        "profiles",
        '"staging"',
        "must be a table",
        "write it as [tool.journeys.profiles]",
    ),
    Case(
        "seed beyond SQLite's 64-bit integer",
        "journeys: config: tool.journeys.seed: must be at most 9223372036854775807, not"
        " 9223372036854775808\n  fix: e.g. seed = 2026",
        config="seed = 9223372036854775808",
    ),
    Case(
        "timeout_ms of hours",
        "journeys: config: tool.journeys.timeout_ms: must be at most 600000, not"
        " 99999999\n  fix: e.g. timeout_ms = 5000",
        config="timeout_ms = 99999999",
    ),
    Case(
        "negative seed from the environment",
        "journeys: config: tool.journeys.seed: must be at least 0\n  fix: e.g. seed ="
        " 2026",
        env={"JOURNEYS_SEED": "-1"},
    ),
    Case(
        "empty reports folder would write into the project",
        "journeys: config: tool.journeys.reports: must name a folder, not be empty\n "
        ' fix: e.g. reports = "reports"',
        config='reports = ""',
    ),
    Case(
        "goal patience that is not a number",
        "journeys: config: tool.journeys.goals.patience: must be a whole number of at"
        " least 1, not 'lots'\n  fix: write patience = 6 (links a customer follows"
        " before giving up)",
        config='[tool.journeys.goals]\npatience = "lots"',
    ),
    Case(
        "persona locale Faker does not know",
        "journeys: config: tool.journeys.persona.locale: 'xx_XX' is not a locale"
        ' Faker knows\n  fix: write e.g. locale = "en_GB" or "de_DE"',
        config='[tool.journeys.persona]\nlocale = "xx_XX"',
    ),
    Case(
        "[tool] journeys that is not a table",
        "journeys: config: tool.journeys: must be a table\n  fix: write it as"
        " [tool.journeys]",
        pyproject=b'[tool]\njourneys = "on"\n',
    ),
    Case(
        "tool that is not a table",
        "journeys: config: tool: must be a table\n  fix: write the settings as"
        " [tool.journeys]",
        pyproject=b'tool = "x"\n',
    ),
    # Encodings
    Case(
        "Latin-1 byte in pyproject.toml",
        "journeys: config: pyproject.toml:2: is not UTF-8 text (byte 0xe9)\n  fix: save"
        " it as UTF-8",
        pyproject=b"[tool.journeys]\n# caf\xe9\n",
    ),
    Case(
        "feature that is not UTF-8",
        "features/help.feature:2: is not UTF-8 text (byte 0xe9)\n  fix: save it as"
        " UTF-8",
        features={
            "help.feature": GOOD.replace("Find help", "Find h\xe9lp").encode("latin-1")
        },
    ),
    Case(
        "feature with a UTF-8 byte order mark",
        "features/help.feature:1: starts with a byte order mark (BOM), which Gherkin"
        " reads as text\n  fix: save it as UTF-8 without BOM",
        features={"help.feature": b"\xef\xbb\xbf" + GOOD.encode()},
    ),
    Case(
        "NUL character in a step",
        "features/help.feature:5: has a NUL character in it (invisible, but not the"
        " same text)\n  fix: delete it; save the file as plain UTF-8 text",
        features={"help.feature": GOOD.replace("home page", "home page\x00")},
    ),
    Case(
        "Gherkin language that does not exist",
        "features/help.feature:1: `# language: xx` is not a language Gherkin knows\n "
        " fix: write a Gherkin language code (en, de, fr, es, ...) or remove the line"
        " for English",
        features={"help.feature": "# language: xx\n" + GOOD},
    ),
    # Scenarios that cannot be walked as written
    Case(
        "two scenarios with one name",
        "features/help.feature:7: a second scenario named `Find the help page` (the"
        " first is on line 3): only one would be walked\n  fix: give each scenario its"
        " own name",
        features={
            "help.feature": (
                GOOD + "  Scenario: Find the help page\n    Given I am a first-time"
                " customer\n"
            )
        },
    ),
    Case(
        "scenario without steps",
        "features/help.feature:7: scenario `Nothing yet` has no steps, so it would"
        " score 7 without a walk\n  fix: add its Given/When/Then steps, or remove it",
        features={"help.feature": GOOD + "  Scenario: Nothing yet\n"},
    ),
    # Special files: check reads regular files only, of a bounded size
    Case(
        "named pipe called x.feature",
        "journeys: features/x.feature: is not a regular file (a pipe, socket or"
        " device)\n  fix: replace it by a .feature text file, or remove it",
        prepare=fifo("features/x.feature"),
    ),
    Case(
        "feature link that points to itself",
        "journeys: features/loop.feature: is a link that leads nowhere (Too many levels"
        " of symbolic links)\n  fix: point it at a .feature file, or remove it",
        prepare=self_link("features/loop.feature"),
    ),
    Case(
        "feature file of 2 MB",
        "journeys: features/big.feature: is 2.0 MB, more than a feature file may be (1"
        " MB)\n  fix: split it into smaller feature files",
        features={"help.feature": GOOD, "big.feature": GOOD + "# padding\n" * 200_000},
    ),
    # Where the walk writes: checked before a browser opens
    Case(
        "reports folder that is a file",
        "journeys: reports folder pyproject.toml: is a file\n  fix: point --reports (or"
        " reports in [tool.journeys]) at a folder you can write",
        args=("walk", "--demo", "smooth", "--reports", "pyproject.toml"),
    ),
    Case(
        "reports folder below a file",
        "journeys: reports folder pyproject.toml/nightly: is below the file"
        " pyproject.toml\n  fix: point --reports (or reports in [tool.journeys]) at a"
        " folder you can write",
        args=("walk", "--demo", "smooth", "--reports", "pyproject.toml/nightly"),
    ),
    Case(
        "read-only reports folder",
        "journeys: reports folder locked: is not writable\n  fix: point --reports (or"
        " reports in [tool.journeys]) at a folder you can write",
        args=("walk", "--demo", "smooth", "--reports", "locked"),
        prepare=read_only_folder("locked"),
        as_root_too=False,
    ),
    Case(
        "reports/effort is a file",
        "journeys: reports/effort: is a file, where the walk writes a folder\n  fix:"
        " move it away, or point --reports (or reports in [tool.journeys]) at a folder"
        " you can write",
        prepare=file_at("reports/effort"),
    ),
    Case(
        "history below a file",
        "journeys: history sqlite:///pyproject.toml/history.sqlite: is below the file"
        " pyproject.toml\n  fix: correct url in [tool.journeys.history] (or leave it"
        " out: reports/history.sqlite)",
        config=(
            '[tool.journeys.history]\nurl = "sqlite:///pyproject.toml/history.sqlite"'
        ),
    ),
    Case(
        "history that is a folder",
        "journeys: history sqlite:///features: is a folder, not a database file\n  fix:"
        " correct url in [tool.journeys.history] (or leave it out:"
        " reports/history.sqlite)",
        config='[tool.journeys.history]\nurl = "sqlite:///features"',
    ),
    Case(
        "history that is not a database",
        "journeys: history sqlite:///pyproject.toml: cannot be opened (file is not a"
        " database)\n  fix: correct url in [tool.journeys.history] (or leave it out:"
        " reports/history.sqlite), and check the database is reachable",
        config='[tool.journeys.history]\nurl = "sqlite:///pyproject.toml"',
    ),
    Case(
        "history in memory",
        "journeys: history sqlite://: is a database in memory, so every walk would be"
        " forgotten\n  fix: name a file, e.g. sqlite:///reports/history.sqlite",
        config='[tool.journeys.history]\nurl = "sqlite://"',
    ),
    Case(
        "history whose driver is missing",
        "journeys: history postgresql+pg8000://nightly@127.0.0.1/journeys: the database"
        " driver is missing (No module named 'pg8000')\n  fix: pip install the pg8000"
        " driver, or write postgresql+psycopg:// and pip install 'journeys[postgres]'",
        config=(
            "[tool.journeys.history]\nurl ="
            ' "postgresql+pg8000://nightly@127.0.0.1/journeys"'
        ),
    ),
    Case(
        "walk checks the history before any browser opens",
        "journeys: history sqlite://: is a database in memory, so every walk would be"
        " forgotten\n  fix: name a file, e.g. sqlite:///reports/history.sqlite",
        args=("walk", "--demo", "smooth"),
        config='[tool.journeys.history]\nurl = "sqlite://"',
    ),
    # Flags
    Case(
        "--target that is not a URL",
        "journeys: --target 'http://[::1' is not a valid URL (Invalid IPv6 URL)\n  fix:"
        " write it as http://host:port",
        args=("walk", "--target", "http://[::1"),
    ),
    Case(
        "--seed beyond SQLite's 64-bit integer",
        "journeys: --seed 99999999999999999999999 is out of range\n  fix: use a whole"
        " number from 0 to 9223372036854775807",
        args=("walk", "--demo", "smooth", "--seed", "99999999999999999999999"),
    ),
    Case(
        "demo --port beyond 65535",
        "journeys: --port 70000 is not a port\n  fix: use a number from 1 to 65535 (0:"
        " any free port)",
        args=("demo", "--port", "70000"),
    ),
    Case(
        "compare --threshold below 0",
        "journeys: --threshold -5.0 is not a score drop\n  fix: use a number from 0 to"
        " 6, e.g. --threshold 0.5",
        args=("compare", "--threshold", "-5"),
    ),
    Case(
        "compare --lost-time-threshold below 0",
        "journeys: --lost-time-threshold -1.0 is not a time\n  fix: use seconds, 0 or"
        " more, e.g. --lost-time-threshold 30",
        args=("compare", "--lost-time-threshold", "-1"),
    ),
    Case(
        "an operator time with a typo",
        "journeys: config: tool.journeys.effort.time.pointing: is not an operator"
        " time\n  fix: did you mean 'pointing_s'?",
        args=("check",),
        config="[tool.journeys.effort.time]\npointing = 1.1",
    ),
    Case(
        "walk refuses features that check rejects",
        "features/help.feature:1: unknown tag @by\n  fix: did you mean @buy?",
        args=("walk", "--demo", "smooth"),
        features={
            "help.feature": scenario("Given I am a first-time customer", tags="@by")
        },
    ),
    # Mail
    Case(
        "mail adapter that does not exist",
        "journeys: config: tool.journeys.mail.adapter: 'pigeon' is not a mail adapter\n"
        "  fix: use one of: smtp, folder, http",
        config='[tool.journeys.mail]\nadapter = "pigeon"',
    ),
    Case(
        "mail sink on a port already taken",
        "journeys: config: tool.journeys.mail.port: cannot start the SMTP sink on"
        f" 127.0.0.1:{TAKEN_PORT} (Address already in use)\n  fix: choose a free port,"
        " or port = 0 for any free one",
        args=("walk", "--demo", "smooth"),
        config=(
            f'[tool.journeys.profiles.demo.mail]\nadapter = "smtp"\nport = {TAKEN_PORT}'
        ),
    ),
    Case(
        "mail folder that does not exist",
        "journeys: config: tool.journeys.mail.folder: {project}/var/mail is not a"
        " folder\n  fix: create it, or point folder at where the site writes its"
        " e-mail",
        args=("walk", "--target", "http://127.0.0.1:9"),
        config='[tool.journeys.mail]\nadapter = "folder"\nfolder = "var/mail"',
    ),
    Case(
        "mail folder holding a file that is not an e-mail",
        "journeys: {project}/var/mail/notes.txt: is not an RFC 822 e-mail (no mail"
        " headers at the top)\n  fix: write one message per file, headers first (From:,"
        " To:, Subject:)",
        args=("walk", "--target", "http://127.0.0.1:9"),
        config='[tool.journeys.mail]\nadapter = "folder"\nfolder = "var/mail"',
        prepare=file_at("var/mail/notes.txt"),
    ),
    Case(
        "a device that Playwright does not know",
        "journeys: config: tool.journeys.device: 'iPhone 31' is not a Playwright"
        " device\n  fix: did you mean 'iPhone 17'?",
        config='device = "iPhone 31"',
    ),
    Case(
        "a misspelt device in a profile",
        "journeys: config: tool.journeys.profiles.phone.device: 'Pixle 7' is not a"
        " Playwright device\n  fix: did you mean 'Pixel 7'?",
        config='[tool.journeys.profiles.phone]\ndevice = "Pixle 7"',
    ),
    Case(
        "walk --device unknown",
        "journeys: --device 'Galaxy S99' is not a Playwright device\n  fix: did you"
        " mean 'Galaxy S9+'?",
        args=("walk", "--demo", "smooth", "--device", "Galaxy S99"),
    ),
    Case(
        "a misspelt browser setting",
        "journeys: config: tool.journeys.browser.conect: is not a browser setting\n "
        " fix: did you mean 'connect'?",
        config='[tool.journeys.browser]\nconect = "ws://127.0.0.1:3000/"',
    ),
    Case(
        "a browser server that is not a ws URL",
        "journeys: config: tool.journeys.browser.connect: 'http://127.0.0.1:3000/' is"
        ' not a ws:// or wss:// URL\n  fix: write connect = "ws://host:port/"',
        config='[tool.journeys.browser]\nconnect = "http://127.0.0.1:3000/"',
    ),
    Case(
        "walk --browser-server without a scheme",
        "journeys: --browser-server '127.0.0.1:9' is not a ws:// or wss:// URL\n  fix:"
        " write it as ws://host:port/",
        args=("walk", "--demo", "smooth", "--browser-server", "127.0.0.1:9"),
    ),
    Case(
        "walk with a browser server that is not there",
        "journeys: browser server ws://127.0.0.1:9/ is unreachable ([Errno 111]"
        " Connection refused)\n  fix: start it (`playwright run-server --port PORT`),"
        " or correct [tool.journeys.browser] connect / --browser-server",
        args=("walk", "--demo", "smooth", "--browser-server", "ws://127.0.0.1:9/"),
    ),
    Case(
        "walk --shard beyond its total",
        "journeys: --shard '5/4' is not a shard\n  fix: write it as INDEX/TOTAL, e.g."
        " --shard 2/4 (1 <= INDEX <= TOTAL)",
        args=("walk", "--demo", "smooth", "--shard", "5/4"),
    ),
    Case(
        "walk --run-id that would name another folder",
        "journeys: --run-id '../night' is not a run id\n  fix: use letters, digits,"
        " '.', '_' and '-', e.g. --run-id nightly-2026-12-01",
        args=("walk", "--demo", "smooth", "--run-id", "../night"),
    ),
    Case(
        "merge of a folder that is no shard",
        "journeys: features: has no effort.json\n  fix: give the reports folder of each"
        " shard (`journeys walk --shard I/N --reports DIR`)",
        args=("merge", "features"),
    ),
    Case(
        "several problems in several files, each reported",
        "features/a.feature:5: `Whne` is not a Gherkin keyword in `Whne I open the home"
        " page`\n  fix: write `When`\nfeatures/b.feature:1: unknown tag @smoak\n  fix:"
        " did you mean @smoke?\nfeatures/b.feature:5: `When I should get there within 4"
        " steps` is a Then step\n  fix: write `Then I should get there within 4 steps`",
        features={
            "a.feature": scenario(
                "Given I am a first-time customer", "Whne I open the home page"
            ),
            "b.feature": scenario(
                "Given I am a first-time customer",
                "When I should get there within 4 steps",
                tags="@use @smoak",
            ),
        },
    ),
    # A shared PostgreSQL history (tests/report/test_postgres.py checks a wrong password
    # on a real server)
    Case(
        "history on PostgreSQL without the postgres extra",
        "journeys: history postgresql+psycopg://nightly@127.0.0.1/journeys: the"
        " database driver is missing (No module named 'psycopg')\n  fix: pip install"
        " 'journeys[postgres]' (psycopg 3)",
        config=(
            "[tool.journeys.history]\nurl ="
            ' "postgresql+psycopg://nightly@127.0.0.1/journeys"'
        ),
        env={"PYTHONPATH": "without-extra"},
        prepare=without_psycopg,
    ),
    Case(
        "history on a PostgreSQL server that is not there",
        "journeys: history postgresql+psycopg://nightly@127.0.0.1:1/journeys: nothing"
        " answers at 127.0.0.1:1 (connection refused)\n  fix: start the database"
        " server, or correct the host and port in [tool.journeys.history] url",
        config=(
            "[tool.journeys.history]\nurl ="
            ' "postgresql+psycopg://nightly@127.0.0.1:1/journeys"'
        ),
    ),
    Case(
        "walk checks the PostgreSQL history before any browser opens",
        "journeys: history postgresql+psycopg://nightly:***@127.0.0.1:1/journeys:"
        " nothing answers at 127.0.0.1:1 (connection refused)\n  fix: start the"
        " database server, or correct the host and port in [tool.journeys.history] url",
        args=("walk", "--demo", "smooth"),
        config=(
            "[tool.journeys.history]\nurl ="
            ' "postgresql+psycopg://nightly:s3cret@127.0.0.1:1/journeys"'
        ),
    ),
]


@dataclass(frozen=True)
class Outcome:
    project: str
    returncode: int
    stdout: str
    stderr: str


def _run(case: Case, project: Path) -> Outcome:
    if case.conftest is None:
        shutil.copy(MAIN / "conftest.py", project / "conftest.py")
        (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    elif case.conftest:
        (project / "conftest.py").write_text(case.conftest, encoding="utf-8")
    if case.pyproject is not None:
        (project / "pyproject.toml").write_bytes(case.pyproject)
    else:
        (project / "pyproject.toml").write_text(
            f"[tool.journeys]\n{case.config}\n", encoding="utf-8"
        )
    (project / "features").mkdir()
    for name, text in case.features.items():
        (project / "features" / name).write_bytes(
            text if isinstance(text, bytes) else text.encode("utf-8")
        )
    if case.prepare is not None:
        case.prepare(project)
    (project.parent / "elsewhere.feature").write_text(
        GOOD, encoding="utf-8"
    )  # outside: for the walk that refuses it
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(case.env, NO_COLOR="1", COLUMNS="200")
    done = subprocess.run(
        [str(JOURNEYS), *case.args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Outcome(str(project.resolve()), done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    # A case root cannot set up (a read-only folder) is not run: as root it would really
    # walk, for nothing.
    runnable = [case for case in CASES if case.as_root_too or os.geteuid() != 0]
    projects = {case.id: tmp_path_factory.mktemp("project") for case in runnable}
    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = {
            case.id: pool.submit(_run, case, projects[case.id]) for case in runnable
        }
        return {name: future.result() for name, future in futures.items()}


def test_the_catalogue_is_big_enough_and_ids_are_unique() -> None:
    assert len({case.id for case in CASES}) == len(CASES) >= 70


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_a_short_message_and_exit_2(
    case: Case, outcomes: dict[str, Outcome]
) -> None:
    if not case.as_root_too and os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    result = outcomes[case.id]
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.rstrip("\n") == case.stderr.replace(
        "{project}", result.project
    )
    assert result.returncode == 2
    for problem in case.stderr.split("\n  fix: ")[
        1:
    ]:  # every problem comes with its fix
        assert problem.strip()
