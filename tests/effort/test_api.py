"""The public API of journeys.effort stays exactly what others import, and stays
pure.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import journeys.effort
from journeys.effort import friction_kinds
from journeys.effort.frictions import FRICTION_KINDS

PUBLIC = {
    "Assessment",
    "Budget",
    "ClickEffect",
    "EffortModel",
    "FrictionKind",
    "HandoffCheck",
    "KindTable",
    "Outcome",
    "assess",
    "budget_from_tag",
    "check_budgets",
    "detect",
    "excerpt",
    "facts_asked",
    "find_bot_loops",
    "find_channel_switches",
    "find_dead_ends",
    "find_errors_seen",
    "find_lost_context",
    "find_mixed_messages",
    "find_reentered_data",
    "find_waits",
    "friction_kinds",
    "handoff_within",
    "outcome_of",
    "page_key",
    "site_failure",
}


def test_all_is_exact():
    assert set(journeys.effort.__all__) == PUBLIC
    assert len(journeys.effort.__all__) == len(PUBLIC)
    assert all(hasattr(journeys.effort, name) for name in PUBLIC)


def test_every_friction_kind_has_a_legend_row():
    assert list(friction_kinds) == list(FRICTION_KINDS)
    for kind, row in friction_kinds.items():
        assert (
            row.name == kind
            and row.meaning
            and row.driver
            and row.label
            and row.plural
            and row.title
            and row.finding
        )
        assert row.points > 0
    assert friction_kinds["reentered_data"].count(2) == "2 re-entries"


def test_the_core_imports_only_the_standard_library():
    folder = Path(journeys.effort.__file__).parent
    allowed = set(sys.stdlib_module_names)
    for source in folder.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if (
                    node.level
                ):  # relative: ours; only ..errors may be reached outside the package
                    assert node.level == 1 or node.module == "errors", (
                        f"{source.name} imports ..{node.module}"
                    )
                    continue
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{source.name} imports {name}"
