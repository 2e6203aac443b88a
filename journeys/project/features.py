"""Feature files as pytest collects them: one test per scenario, and clear lines for
what cannot be walked.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from types import ModuleType

from journeys.errors import FeatureError


def bind_scenarios(module: ModuleType, feature_path: Path) -> None:
    """Put one test per scenario of `feature_path` into `module`, as
    `pytest_bdd.scenarios()` does for its caller.
    """
    from pytest_bdd import scenarios

    # scenarios() binds into its caller's namespace: run it as code of that module.
    code = compile(
        "scenarios(__feature__, features_base_dir=__base__)", str(feature_path), "exec"
    )
    namespace = module.__dict__
    namespace.update(
        scenarios=scenarios,
        __feature__=str(feature_path),
        __base__=str(feature_path.parent),
    )
    exec(code, namespace)  # noqa: S102 - fixed code, only the path varies


def feature_error_message(error: BaseException, path: Path) -> str | None:
    """One or two lines for a broken feature file; None for errors that are bugs of
    ours.
    """
    from pytest_bdd import exceptions as bdd

    if isinstance(error, FeatureError):
        return str(error)
    if isinstance(error, bdd.GherkinParseError):
        line = getattr(error, "line", None)
        where = f"{relative(path)}:{line}" if line else relative(path)
        text = str(error).splitlines()[0]
        return (
            f"{where}: the Gherkin is not valid ({text})\n  fix: see the Gherkin"
            " reference; every scenario needs `Scenario:` and Given/When/Then lines"
        )
    if isinstance(error, bdd.NoScenariosFound):
        return (
            f"{relative(path)}: has no scenarios\n  fix: add a `Scenario:` with"
            " Given/When/Then steps"
        )
    if isinstance(error, UnicodeDecodeError):
        return (
            f"{relative(path)}: is not UTF-8 text (byte {error.start})\n  fix: save it"
            " as UTF-8"
        )
    return None


def unknown_step_error(
    feature_filename: str, line: int, keyword: str, text: str
) -> FeatureError:
    from journeys.project.catalogue import closest_steps

    suggestions = closest_steps(text)
    fix = (
        "did you mean: " + " | ".join(f"`{s}`" for s in suggestions)
        if suggestions
        else "run `journeys steps` for the catalogue"
    )
    return FeatureError(
        f"{relative(Path(feature_filename))}:{line}",
        f"unknown step `{keyword} {text}`",
        fix,
    )


def relative(path: Path) -> str:
    """A path as the person in this folder would type it."""
    with contextlib.suppress(
        ValueError, OSError, RuntimeError
    ):  # RuntimeError: a link that points to itself
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    with contextlib.suppress(ValueError):
        return str(Path(path).absolute().relative_to(Path.cwd().resolve()))
    return str(path)


def is_under(path: Path, folder: Path) -> bool:
    with contextlib.suppress(OSError, RuntimeError):
        return path.resolve().is_relative_to(folder.resolve())
    return False
