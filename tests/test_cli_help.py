"""`journeys COMMAND --help` shows every option's help whole.

Typer renders help with Rich markup, where "[tool.journeys.profiles.NAME]"
is a markup tag and vanishes unless escaped; a user then reads "walk a named
target:  (or JOURNEYS_PROFILE)". Each command's help is rendered as a user
runs it and every option's text is looked for in it, word for word.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from journeys.cli import app

JOURNEYS = Path(sys.executable).with_name("journeys")
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def _squeezed(text: str) -> str:
    """The text without the spaces and box lines Rich wraps and frames it with."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in "│╭╮╰╯─")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_help_is_shown_whole(name: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    done = subprocess.run(
        [str(JOURNEYS), name, "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**env, "NO_COLOR": "1", "COLUMNS": "400"},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    shown = _squeezed(done.stdout)
    for param in COMMANDS[name].params:
        written = getattr(param, "help", None)
        if written:
            expected = written.replace("\\[", "[")
            option = f"{name} --{param.name}"
            assert _squeezed(expected) in shown, (
                f"{option}: {expected!r} is not shown whole:\n{done.stdout}"
            )
