"""The house rules of journeys/, checked (relative imports included).

Imports form a DAG, the core stays pure, reports sit below the journey with no
arrow back.
"""

from __future__ import annotations

import ast
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "journeys"


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every journeys module `path` imports, at the top or inside a function.

    A lazy import is still a dependency; a relative one is resolved to its module.
    """
    module = _module_name(path, root)
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


def _graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    modules = {_module_name(p, root): p for p in root.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        # "from .x import y" may name a module (x.y) or an object in x: keep what
        # exists.
        deps = {d for d in _imports(path, root) if d in modules and d != name}
        # A package's __init__ is imported with its modules; a module does not depend
        # on its own package's re-exports.
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
        # Relative imports too ("from ..shopper import web" is a dependency like any
        # other).
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
            assert "journeys.project.config" not in graph[ability], (
                f"{ability} reads raw settings; give it its typed section"
            )


# The walk's entry points and the project's handling may name a report (to register
# it, or to read a report's settings); nothing else outside journeys/report imports one.
REPORT_USERS = (
    "journeys.cli",
    "journeys.run.session",  # registers the reporters
    "journeys.run.collect",  # gets the report writers ready while the walk starts
    "journeys.run.recording",  # the console's table reads a report's score text
    "journeys.run.progress",  # the live progress line: a reporter of the walk itself
    "journeys.run.merge",  # hands a merged run to the same reporters
    "journeys.run.announce",  # a merged run told to the project's own reporters
    "journeys.project.sections",  # [tool.journeys.history], .notify, .surveys settings
    "journeys.run.shards",
    "journeys.run.needs",
)
# What a report may never read: the walk and its channels. It reads the result.
BELOW_REPORTS = (
    "journeys.shopper",
    "journeys.steps",
    "journeys.run.journey",
    "journeys.run.assemble",
)


def _inside(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """Imports that point the wrong way between the walk and its reports."""
    wrong = []
    for module, deps in sorted(graph.items()):
        for dep in sorted(deps):
            if _inside(module, ("journeys.report",)) and _inside(dep, BELOW_REPORTS):
                wrong.append(f"{module} imports {dep}: a report reads the result only")
            elif _inside(dep, ("journeys.report",)) and not _inside(
                module, ("journeys.report", *REPORT_USERS)
            ):
                wrong.append(f"{module} imports {dep}: nothing below reports names one")
    return wrong


def core_violations(graph: dict[str, set[str]]) -> list[str]:
    """Imports out of the pure effort core (the standard library is checked apart)."""
    return [
        f"{module} imports {dep}"
        for module, deps in sorted(graph.items())
        if _inside(module, ("journeys.effort",))
        for dep in sorted(deps)
        if not _inside(dep, ("journeys.effort", "journeys.errors"))
    ]


def test_reports_sit_below_the_journey_with_no_arrow_back() -> None:
    assert layer_violations(_graph()) == []
    assert core_violations(_graph()) == []


def test_the_layer_checks_catch_relative_imports(tmp_path: Path) -> None:
    root = tmp_path / "journeys"
    files = {
        "__init__.py": "",
        "errors.py": "",
        "run/__init__.py": "",
        "run/journey.py": "",
        "effort/__init__.py": "",
        "effort/model.py": "from ..errors import ConfigError\n",
        "effort/detect.py": "def f():\n    from ..shopper.web import WebAbility\n",
        "shopper/__init__.py": "",
        "shopper/web.py": "from ..report import record\n",
        "report/__init__.py": "",
        "report/record.py": "from ..run import journey\n",
        "report/page.py": "from ..shopper import web\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    graph = _graph(root)
    assert core_violations(graph) == [
        "journeys.effort.detect imports journeys.shopper.web",
    ]
    reads_the_walk = "a report reads the result only"
    names_a_report = "nothing below reports names one"
    assert layer_violations(graph) == [
        f"journeys.report.page imports journeys.shopper: {reads_the_walk}",
        f"journeys.report.page imports journeys.shopper.web: {reads_the_walk}",
        f"journeys.report.record imports journeys.run.journey: {reads_the_walk}",
        f"journeys.shopper.web imports journeys.report: {names_a_report}",
        f"journeys.shopper.web imports journeys.report.record: {names_a_report}",
    ]
