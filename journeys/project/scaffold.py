"""`journeys init`: a team's journeys repository, written into a folder from the
templates shipped in the package.

Nothing is ever overwritten: every file is checked before the first one is written, so a
refused init leaves the folder as it was. An existing pyproject.toml is the one file
init adds to, and only when it says nothing about journeys yet.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from journeys.errors import JourneysError

PYPROJECT = "pyproject.toml"
# Template (in journeys/templates/project) -> where it goes in the project. Package data
# cannot ship a dotfile through setuptools' globs, hence "gitignore".
FILES = {
    PYPROJECT: PYPROJECT,
    "conftest.py": "conftest.py",
    "gitignore": ".gitignore",
    "features/reach_a_person.feature": "features/reach_a_person.feature",
    "steps/__init__.py": "steps/__init__.py",
    "steps/shop.py": "steps/shop.py",
}
NEXT_COMMANDS = ("journeys check", "journeys walk --demo smooth")


def template(name: str) -> str:
    """The text of one template, as shipped in the package."""
    return (
        resources.files("journeys")
        .joinpath("templates", "project", name)
        .read_text(encoding="utf-8")
    )


def init_project(folder: Path) -> list[Path]:
    """Write the project into `folder` and return what was written (pyproject.toml too
    when merged into).

    Raises JourneysError, with one line naming the file, when any file is in the way;
    then nothing is written.
    """
    folder = Path(folder)
    pyproject = folder / PYPROJECT
    merged = _merged_pyproject(pyproject) if pyproject.exists() else None
    in_the_way = _in_the_way(folder)
    if in_the_way:
        one = len(in_the_way) == 1
        raise JourneysError(
            f"{', '.join(in_the_way)}: {'is' if one else 'are'} already there, so init"
            f" wrote nothing (move {'it' if one else 'them'} aside, or run `journeys"
            " init` in an empty folder)"
        )
    written = []
    if merged is None:
        pyproject.write_text(template(PYPROJECT), encoding="utf-8")
    else:
        pyproject.write_bytes(merged)
    written.append(pyproject)
    for source, target in FILES.items():
        if source == PYPROJECT:
            continue
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template(source), encoding="utf-8")
        written.append(path)
    return written


def _merged_pyproject(pyproject: Path) -> bytes:
    """The existing pyproject.toml, unchanged byte for byte, with the commented
    [tool.journeys] appended.
    """
    if not pyproject.is_file():
        raise JourneysError(
            f"{PYPROJECT}: is not a file, so init wrote nothing (move it aside, or run"
            " it in an empty folder)"
        )
    existing = pyproject.read_bytes()
    try:
        tool = tomllib.loads(existing.decode("utf-8")).get("tool", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise JourneysError(
            f"{PYPROJECT}: is not valid TOML ({error}), so init wrote nothing (correct"
            " it first)"
        ) from None
    if isinstance(tool, dict) and "journeys" in tool:
        raise JourneysError(
            f"{PYPROJECT}: already has [tool.journeys], so init wrote nothing (run it"
            " in another folder, or edit that table)"
        )
    eol = (
        b"\r\n" if b"\r\n" in existing else b"\n"
    )  # the block follows the file's own line ends
    separator = (
        b""
        if not existing or existing.endswith(eol * 2)
        else eol
        if existing.endswith(eol)
        else eol * 2
    )
    merged = (
        existing + separator + template(PYPROJECT).encode("utf-8").replace(b"\n", eol)
    )
    try:
        tomllib.loads(merged.decode("utf-8"))
    except (
        tomllib.TOMLDecodeError
    ) as error:  # e.g. `tool = { ... }` written inline: that table cannot grow
        raise JourneysError(
            f"{PYPROJECT}: [tool.journeys] cannot be added to it ({error}), so init"
            " wrote nothing (write its [tool] tables as [tool.NAME] sections)"
        ) from None
    return merged


def _in_the_way(folder: Path) -> list[str]:
    """What stands where init would write: an existing file, or a file where init needs
    a folder.
    """
    found: list[str] = []
    for target in FILES.values():
        if target == PYPROJECT:
            continue
        parts = Path(target).parts
        folders = [folder.joinpath(*parts[:end]) for end in range(1, len(parts))]
        blocking = [path for path in folders if _exists(path) and not path.is_dir()]
        if _exists(folder / target):
            blocking.append(folder / target)
        for path in blocking[:1]:
            if _shown(path, folder) not in found:
                found.append(_shown(path, folder))
    return found


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()  # a dangling link is in the way as well


def _shown(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def init_message(folder: Path) -> str:
    """Run init in `folder` and say what was written and what to run next (what
    `journeys init` prints).
    """
    folder = Path(folder)
    had_pyproject = (folder / PYPROJECT).is_file()
    written = init_project(folder)
    lines = []
    for path in written:
        if path.name == PYPROJECT and path.parent == folder and had_pyproject:
            lines.append(
                f"added a commented [tool.journeys] to {PYPROJECT} (the rest of it is"
                " unchanged)"
            )
        else:
            lines.append(f"wrote {_shown(path, folder)}")
    lines += ["", "next:", *(f"  {command}" for command in NEXT_COMMANDS)]
    return "\n".join(lines)
