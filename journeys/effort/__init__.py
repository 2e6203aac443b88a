"""The effort model, pure: events in, frictions, a CES-style score and budget checks out.

Imports only the standard library (and our own error classes), so it can be
tested, replayed from history and reused without a browser or a network.
"""

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
from .kinds import KindDoc, friction_kinds
from .model import EffortModel
from .score import Assessment, assess, outcome_of

__all__ = [
    "Assessment",
    "Budget",
    "EffortModel",
    "KindDoc",
    "assess",
    "budget_from_tag",
    "check_budgets",
    "detect",
    "find_bot_loops",
    "find_channel_switches",
    "find_dead_ends",
    "find_errors_seen",
    "find_lost_context",
    "find_mixed_messages",
    "find_reentered_data",
    "find_waits",
    "friction_kinds",
    "outcome_of",
]
