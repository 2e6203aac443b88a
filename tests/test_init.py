"""`journeys init`: the project it writes, what it refuses, and that the project it
writes works as a user runs it.

`check`, `steps` and `walk` run as subprocesses in the fresh folder, as a user would
after `journeys init`: the built-in steps come from the journeys plugin, the team's step
through the written conftest.py.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from journeys.errors import JourneysError
from journeys.project import config as journeys_config
from journeys.project import scaffold
from journeys.project.scaffold import FILES, init_message, init_project

MAIN = Path(__file__).resolve().parents[1]
JOURNEYS = Path(sys.executable).with_name("journeys")  # the console script a user runs
TEMPLATES = MAIN / "journeys" / "templates" / "project"
WRITTEN = {
    ".gitignore",
    "conftest.py",
    "pyproject.toml",
    "features/reach_a_person.feature",
    "steps/__init__.py",
    "steps/shop.py",
}
SETTING_KEYS = [
    f.name
    for f in dataclasses.fields(journeys_config.Settings)
    if f.name not in ("root", "sections", "profiles")
]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: what "nothing written" is compared
    with.
    """
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    return subprocess.run(
        [str(JOURNEYS), *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def uncommented(text: str, start: str, stop: str | None = None) -> str:
    """The TOML commented out in `text` from the line `start` up to `stop`, uncommented;
    the prose dropped.
    """
    lines = text.splitlines()
    begin = lines.index(start)
    end = lines.index(stop, begin + 1) if stop else len(lines)
    toml = [
        re.sub(r"^# ", "", line)
        for line in lines[begin:end]
        if re.match(r"(# )?(\[[\w.-]+\]$|[\w-]+ = )", line)
    ]
    return "\n".join(toml) + "\n"


# -- an empty folder -------------------------------------------------------------------


def test_an_empty_folder_gets_every_file(tmp_path):
    written = init_project(tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in written} == WRITTEN
    assert set(tree(tmp_path)) == WRITTEN
    assert (tmp_path / ".gitignore").read_text().splitlines() == ["reports/"]
    assert 'pytest_plugins = ["steps.shop"]' in (tmp_path / "conftest.py").read_text()


def test_the_written_pyproject_parses_and_says_nothing_so_defaults_and_the_demo_apply(
    tmp_path,
):
    init_project(tmp_path)
    parsed = tomllib.loads((tmp_path / "pyproject.toml").read_text(encoding="utf-8"))
    # The table is there (the project is a journeys project), every key in it only as a
    # comment, and no chat or support table of its own: the demo's come from the
    # package's built-in profile.
    assert parsed == {"tool": {"journeys": {}}}
    settings = journeys_config.load(tmp_path, environ={})
    assert settings.root == tmp_path.resolve()
    assert dataclasses.replace(settings, root=Path("/")) == journeys_config.Settings(
        root=Path("/")
    )


def test_every_setting_is_shown_with_its_default_and_a_comment():
    text = scaffold.template("pyproject.toml")
    block = uncommented(
        text,
        "[tool.journeys]",
        "# Several targets in one project: a profile each, chosen with `journeys walk"
        " --profile staging`",
    )
    values = tomllib.loads(block)["tool"]["journeys"]
    assert list(values) == SETTING_KEYS, (
        "every top-level setting of journeys.project.config.Settings, in its order"
    )
    defaults = journeys_config.Settings()
    shown = {
        "seed": "random"
    }  # the seed's default, None, is written the way a user writes it
    assert values == {
        key: shown.get(key, getattr(defaults, key)) for key in SETTING_KEYS
    }
    lines = text.splitlines()
    for key in SETTING_KEYS:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"# {key} = "))
        assert lines[at - 1].startswith("# ") and " = " not in lines[at - 1], (
            f"{key} has no comment above it"
        )


def test_the_commented_examples_are_valid_configuration():
    from journeys.shopper.chat import chat_config
    from journeys.shopper.phone_config import phone_config
    from journeys.shopper.support import support_config

    text = scaffold.template("pyproject.toml")
    profile = tomllib.loads(
        uncommented(
            text,
            "# [tool.journeys.profiles.staging]",
            "# Your chatbot and your ticket API are configured, not coded: every key,"
            " with examples for common",
        )
    )
    staging = profile["tool"]["journeys"]["profiles"]["staging"]
    assert set(staging) == {"base_url", "landing"}
    assert (
        journeys_config.Settings().replace(**staging).base_url
        == "https://staging.shop.example.com"
    )
    channels = tomllib.loads(uncommented(text, "# [tool.journeys.chat]"))["tool"][
        "journeys"
    ]
    chat_config(channels["chat"])
    support_config(channels["support"])
    phone_config(channels["phone"])
    assert "docs/channels.md" in text
    # The demo shop's tables are built in, not copied: the examples point at a team's
    # own services.
    assert [channels["chat"]["endpoint"], channels["support"]["endpoint"]] == [
        "https://bot.example.com/api/chat",
        "https://desk.example.com/api",
    ]


# -- nothing is overwritten ------------------------------------------------------------


@pytest.mark.parametrize("existing", sorted(WRITTEN - {"pyproject.toml"}))
def test_an_existing_file_is_named_and_nothing_is_written(tmp_path, existing):
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("ours\n")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "qa"\n')
    before = tree(tmp_path)
    with pytest.raises(JourneysError) as raised:
        init_project(tmp_path)
    message = str(raised.value)
    assert (
        message
        == f"{existing}: is already there, so init wrote nothing (move it aside, or run"
        " `journeys init` in an empty folder)"
    )
    assert raised.value.exit_code == 2
    assert tree(tmp_path) == before


def test_every_file_in_the_way_is_named_on_one_line(tmp_path):
    (tmp_path / "conftest.py").write_text("")
    (tmp_path / "steps").write_text("a file where init needs a folder")
    with pytest.raises(JourneysError) as raised:
        init_project(tmp_path)
    assert (
        str(raised.value)
        == "conftest.py, steps: are already there, so init wrote nothing (move them"
        " aside, or run `journeys init` in an empty folder)"
    )
    assert tree(tmp_path) == {
        "conftest.py": b"",
        "steps": b"a file where init needs a folder",
    }


def test_other_files_in_the_project_folders_are_left_alone(tmp_path):
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "ours.feature").write_text("Feature: ours\n")
    init_project(tmp_path)
    assert (tmp_path / "features" / "ours.feature").read_text() == "Feature: ours\n"
    assert (tmp_path / "features" / "reach_a_person.feature").is_file()


# -- an existing pyproject.toml --------------------------------------------------------


@pytest.mark.parametrize(
    "existing",
    [
        '[project]\nname = "qa"\n\n[tool.ruff]\nline-length = 120  # ours\n',
        '[project]\r\nname = "qa"\r\n',  # Windows line ends stay as they are
        "[tool.black]\nline-length = 100",  # no newline at the end
        "",
    ],
    ids=["with tools", "crlf", "no final newline", "empty"],
)
def test_a_pyproject_without_the_table_gets_it_appended_and_keeps_every_byte(
    tmp_path, existing
):
    (tmp_path / "pyproject.toml").write_bytes(existing.encode())
    init_project(tmp_path)
    merged = (tmp_path / "pyproject.toml").read_bytes()
    assert merged.startswith(existing.encode())
    eol = "\r\n" if "\r\n" in existing else "\n"
    block = scaffold.template("pyproject.toml").replace("\n", eol).encode()
    assert merged.endswith(block)
    assert merged[len(existing) : -len(block)] in (
        b"",
        eol.encode(),
        2 * eol.encode(),
    )  # a blank line before the table
    assert (
        b"\n" not in merged.replace(b"\r\n", b"")
        if eol == "\r\n"
        else b"\r" not in merged
    )
    parsed = tomllib.loads(merged.decode())
    assert parsed["tool"]["journeys"] == {}
    assert parsed == {
        **tomllib.loads(existing),
        "tool": {**tomllib.loads(existing).get("tool", {}), "journeys": {}},
    }
    journeys_config.load(tmp_path, environ={})


def test_the_merge_is_said_in_what_init_prints(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "qa"\n')
    printed = init_message(tmp_path).splitlines()
    assert (
        printed[0]
        == "added a commented [tool.journeys] to pyproject.toml (the rest of it is"
        " unchanged)"
    )
    assert printed[-3:] == [
        "next:",
        "  journeys check",
        "  journeys walk --demo smooth",
    ]


def test_what_init_prints_in_an_empty_folder(tmp_path):
    printed = init_message(tmp_path).splitlines()
    assert printed[:-3] == [f"wrote {name}" for name in FILES.values()] + [""]
    assert printed[-3:] == [
        "next:",
        "  journeys check",
        "  journeys walk --demo smooth",
    ]


@pytest.mark.parametrize(
    "existing",
    [
        "[tool.journeys]\nseed = 7\n",
        '[project]\nname = "qa"\n\n[tool.journeys.chat]\nendpoint = "/bot"\n',
        "[tool]\njourneys = { seed = 7 }\n",
        '[tool.journeys.profiles.staging]\nbase_url = "https://staging.example.com"\n',
    ],
    ids=["table", "sub-table only", "inline", "profile only"],
)
def test_a_pyproject_that_already_configures_journeys_is_refused(tmp_path, existing):
    (tmp_path / "pyproject.toml").write_text(existing)
    with pytest.raises(JourneysError) as raised:
        init_project(tmp_path)
    assert (
        str(raised.value)
        == "pyproject.toml: already has [tool.journeys], so init wrote nothing (run it"
        " in another folder, or edit that table)"
    )
    assert tree(tmp_path) == {"pyproject.toml": existing.encode()}


@pytest.mark.parametrize(
    ("existing", "says"),
    [
        ('[project\nname = "qa"\n', "pyproject.toml: is not valid TOML ("),
        (
            "tool = { black = {} }\n",
            "pyproject.toml: [tool.journeys] cannot be added to it (",
        ),
    ],
    ids=["not TOML", "inline tool table"],
)
def test_a_pyproject_that_cannot_take_the_table_is_refused(tmp_path, existing, says):
    (tmp_path / "pyproject.toml").write_text(existing)
    with pytest.raises(JourneysError) as raised:
        init_project(tmp_path)
    assert str(raised.value).startswith(says)
    assert "\n" not in str(raised.value)
    assert tree(tmp_path) == {"pyproject.toml": existing.encode()}


# -- the package ships what init writes ------------------------------------------------


def test_every_template_is_written_and_shipped_in_the_wheel():
    shipped = {
        p.relative_to(TEMPLATES).as_posix()
        for p in TEMPLATES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert shipped == set(FILES)
    globs = tomllib.loads((MAIN / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]["journeys"]
    for name in FILES:
        path = f"templates/project/{name}"
        assert any(
            fnmatch.fnmatch(path, g) and path.count("/") == g.count("/") for g in globs
        ), f"{path} is not package data"


# -- the written project, as a user runs it --------------------------------------------


def test_the_example_journey_passes_check_with_the_team_step(tmp_path):
    init_project(tmp_path)
    done = run(tmp_path, "check")
    assert (done.returncode, done.stdout.strip(), done.stderr) == (
        0,
        "features and configuration are fine",
        "",
    )


def test_the_example_journey_needs_the_team_step_that_conftest_wires(tmp_path):
    init_project(tmp_path)
    (tmp_path / "conftest.py").write_text("pytest_plugins = []\n")
    done = run(tmp_path, "check")
    assert done.returncode == 2
    assert (
        "features/reach_a_person.feature:13: unknown step `When I tell the bot my"
        ' "Trail Runner" arrived damaged`' in done.stderr
    )


def test_the_team_step_is_listed_under_its_module(tmp_path):
    init_project(tmp_path)
    done = run(tmp_path, "steps")
    assert done.returncode == 0, done.stderr
    assert (
        'Your steps (steps.shop)\n  When I tell the bot my "<product>" arrived'
        " damaged\n" in done.stdout
    )


@pytest.mark.browser
def test_a_fresh_project_walks_the_demo_shop(tmp_path):
    project = tmp_path / "qa"
    project.mkdir()
    init_project(project)
    smooth = run(project, "walk", "--demo", "smooth")
    assert smooth.returncode == 0, smooth.stdout + smooth.stderr
    effort = json.loads((project / "reports" / "effort.json").read_text())
    assert [j["scenario"] for j in effort["journeys"]] == [
        "Find the contact page and ask the bot for a person"
    ]
    for journey in effort["journeys"]:
        assert (journey["outcome"], journey["frictions"]) == ("completed", [])
        assert journey["score"] >= 6, journey
    potholed = run(project, "walk", "--demo", "potholed")
    assert potholed.returncode == 1, potholed.stdout + potholed.stderr
    effort = json.loads((project / "reports" / "effort.json").read_text())
    assert all(journey["frictions"] for journey in effort["journeys"])


def test_journeys_init_as_a_user_runs_it(tmp_path):
    done = run(tmp_path, "init")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        *(f"wrote {name}" for name in FILES.values()),
        "",
        "next:",
        "  journeys check",
        "  journeys walk --demo smooth",
    ]
    assert set(tree(tmp_path)) == WRITTEN


def test_journeys_init_over_a_file_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "conftest.py").write_text("ours\n")
    done = run(tmp_path, "init")
    assert (done.returncode, done.stdout) == (2, "")
    assert (
        done.stderr == "journeys: conftest.py: is already there, so init wrote nothing"
        " (move it aside, or run `journeys init` in an empty folder)\n"
    )
    assert tree(tmp_path) == {"conftest.py": b"ours\n"}
