"""The effort model, pure: events in, frictions, a CES-style score and budget checks
out.

Imports only the standard library (and our own error classes), so it can be tested,
replayed from history and reused without a browser or a network.
"""

from ._asking import facts_asked
from ._handoff import HandoffCheck, handoff_within
from ._outcome import outcome_of, site_failure
from ._text import page_key
from ._text import short as excerpt
from .budgets import Budget, budget_from_tag, check_budgets
from .detect import (
    detect,
    find_bot_loops,
    find_channel_switches,
    find_dead_ends,
    find_errors_seen,
    find_lost_context,
    find_mixed_messages,
    find_reentered_data,
    find_waits,
)
from .events import ClickEffect
from .kinds import FrictionKind, KindTable, friction_kinds
from .model import EffortModel
from .result import Outcome
from .score import Assessment, assess

__all__ = [
    "page_key",
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
    "site_failure",
]
