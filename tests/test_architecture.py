"""The house rules of journeys/, checked: imports form a DAG, the core stays pure (relative imports included)."""

from __future__ import annotations

import ast
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "journeys"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every journeys module `path` imports, at the top or inside a function (a lazy import is still a dependency)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(
                alias.name for alias in node.names if alias.name.startswith("journeys")
            )
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("journeys"):
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        # "from .x import y" may name a module (x.y) or an object in x: keep what exists as a module.
        deps = {d for d in _imports(path) if d in modules and d != name}
        # A package's __init__ is imported with its modules; a module does not depend on its own package's re-exports.
        graph[name] = {d for d in deps if not name.startswith(d + ".")}
    return graph


def test_the_import_graph_of_journeys_is_a_dag() -> None:
    try:
        order = list(TopologicalSorter(_graph()).static_order())
    except CycleError as error:
        raise AssertionError(f"import cycle: {' -> '.join(error.args[1])}") from None
    assert "journeys.effort" in order


def test_the_effort_core_imports_only_the_standard_library_and_itself() -> None:
    allowed = set(sys.stdlib_module_names) | {"journeys"}
    for path in (PACKAGE / "effort").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"
        # Relative imports too ("from ..shopper import web" is a dependency like any other).
        for name in _imports(path):
            assert name.startswith(("journeys.effort", "journeys.errors")), (
                f"{path.name} imports {name}"
            )


def test_abilities_know_no_tasks_and_no_configuration_files() -> None:
    graph = _graph()
    for ability in (
        "journeys.shopper.web",
        "journeys.shopper.chat",
        "journeys.shopper.support",
        "journeys.shopper.widget",
    ):
        if ability in graph:
            assert "journeys.shopper.goals" not in graph[ability], (
                f"{ability} imports a task"
            )
            assert "journeys.config" not in graph[ability], (
                f"{ability} reads raw settings; give it its typed section"
            )
