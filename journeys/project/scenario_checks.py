"""What `journeys check` finds from the configuration and the project's files: facts a
target fixes, ticket categories it knows, files a journey uploads. Each problem is one
message naming the fix.
"""

from __future__ import annotations

import re
from pathlib import Path

from journeys.project.features import relative

_CATEGORY_STEP = re.compile(
    r'I open a support ticket about "[^"]*" in "(?P<category>[^"]*)"$'
)
_UPLOAD_STEP = re.compile(r'I upload "(?P<file>[^"]*)" to "[^"]*"$')
# Steps whose quoted words the customer says or writes: only {my ...} in them becomes a
# persona fact.
_FREE_TEXT_STEPS = (
    re.compile(r'I tell the bot "(?P<text>.*)"$'),
    re.compile(r'I open a support ticket about "(?P<text>[^"]*)"'),
    re.compile(r'I reply to the e-mail with "(?P<text>.*)"$'),
    re.compile(r'I say "(?P<text>[^"]*)"$'),
)


def journeys_tables(root: Path | None) -> list[dict]:
    """`[tool.journeys]` and each of its profiles, and the built-in demo profile: every
    target a walk may use.
    """
    import tomllib

    from journeys.project.config import DEMO_PROFILE_FILE

    tables: list[dict] = []
    try:
        journeys = (
            tomllib.loads(
                ((root or Path.cwd()) / "pyproject.toml").read_text(encoding="utf-8")
            )
            .get("tool", {})
            .get("journeys", {})
        )
        tables += [
            journeys,
            *(p for p in journeys.get("profiles", {}).values() if isinstance(p, dict)),
        ]
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        pass  # the configuration's own check says what is wrong with it
    try:
        tables.append(
            tomllib.loads(DEMO_PROFILE_FILE.read_text(encoding="utf-8"))
        )  # read, not imported: the shop is not started
    except (OSError, tomllib.TOMLDecodeError):
        pass
    return [t for t in tables if isinstance(t, dict)]


def fixed_facts(tables: list[dict]) -> set[str]:
    """The facts `[tool.journeys.persona.facts]` fixes (any target): known from the
    first step.
    """
    return {
        name
        for t in tables
        for name in (t.get("persona") or {}).get("facts") or {}
        if isinstance(name, str)
    }


def configured_categories(tables: list[dict]) -> set[str]:
    """The ticket categories any target's `[support.categories]` knows, in lower
    case.
    """
    return {
        str(name).lower()
        for t in tables
        for name in (t.get("support") or {}).get("categories") or {}
    }


def category_problem(step: object, categories: set[str]) -> str | None:
    said = _CATEGORY_STEP.match(getattr(step, "name", ""))
    if not said or said.group("category").strip().lower() in categories:
        return None
    category = said.group("category")
    known = ", ".join(sorted(categories)) or "none"
    return (
        f'no target has the ticket category "{category}" (known: {known})\n  fix: add'
        " it to [tool.journeys.support.categories], e.g."
        f" {category.split()[0] if category.split() else 'Billing'} = {{ queue ="
        ' "..." }'
    )


def file_problem(step: object, feature: Path, root: Path | None) -> str | None:
    """A file to upload that is not in a files/ folder beside the feature (or above it,
    up to the project).
    """
    upload = _UPLOAD_STEP.match(getattr(step, "name", ""))
    if not upload:
        return None
    from journeys.shopper.attachments import FILES_FOLDER, candidates, usable

    name = upload.group("file")
    top = (root or Path.cwd()).resolve()
    folder = feature.resolve().parent
    while True:
        if any(usable(folder, path) for path in candidates(folder, name)):
            return None
        if folder == top or folder.parent == folder or top not in folder.parents:
            break
        folder = folder.parent
    where = relative(feature.parent / FILES_FOLDER / name)
    return (
        f'the file "{name}" to upload is not in'
        f" {relative(feature.parent / FILES_FOLDER)}\n  fix: put it there ({where})"
    )


def old_style_text_problem(step: object, noted: set[str]) -> str | None:
    """Free text that names a fact in plain words ("my order number"): once replaced by
    the fact, now sent as written.
    """
    from journeys.shopper.persona import old_style_facts

    name = getattr(step, "name", "")
    said = next((m for m in (p.match(name) for p in _FREE_TEXT_STEPS) if m), None)
    if said is None:
        return None
    found = old_style_facts(said.group("text"), noted)
    if not found:
        return None
    words = found[0]
    return (
        f'"{words}" in "{said.group("text")}" is sent as written: only a placeholder'
        f" such as {{{words.lower()}}} is replaced by the persona's fact\n  fix: write"
        f" {{{words.lower()}}} to send the fact, or other words to send words"
    )
