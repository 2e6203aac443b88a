"""The shopper: a persona with abilities (web, chat, support), Screenplay style.

Steps call one action or question on the shopper; the channels record what
happened in the shared ledger, so what the customer told one channel is known
to the detectors when another channel asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..effort.ledger import Ledger
from ..errors import MissingAbility
from .persona import Persona

if TYPE_CHECKING:
    from ..effort import Budget
    from ..effort.result import BudgetCheck
    from .chat import Conversation
    from .goals import Goal
    from .mail import MailChannel
    from .phone import PhoneLine
    from .support import HttpSupport
    from .web import WebChannel


class Shopper:
    def __init__(
        self,
        persona: Persona,
        ledger: Ledger,
        *,
        judge: Callable[[Budget], BudgetCheck] | None = None,
        goals: dict[str, Goal] | None = None,
        goal_patience: int = 6,
    ) -> None:
        self.persona = persona
        self.ledger = ledger
        self.goals: dict[str, Goal] = dict(
            goals or {}
        )  # what the customer may look for (empty: the built-in goals)
        self.goal_patience = goal_patience
        self._judge = judge  # Budget -> BudgetCheck, from the effort model of this walk
        self._factories: dict[
            str, Callable[[], Any]
        ] = {}  # name -> factory, built on first use
        self._abilities: dict[str, Any] = {}
        self.in_moment_that_matters = (
            False  # steps from here on weigh more (set by a step)
        )

    def __repr__(self) -> str:
        return f"Shopper({self.persona.label})"

    def can(self, name: str, factory: Callable[[], Any]) -> None:
        """Give the shopper an ability, built the first time it is used."""
        self._factories[name] = factory

    def ability(self, name: str) -> Any:
        if name not in self._abilities:
            factory = self._factories.get(name)
            if factory is None:
                raise MissingAbility(
                    f"{self.persona.label} can't use {name} yet: configure"
                    f" [tool.journeys.{name}] in pyproject.toml"
                )
            self._abilities[name] = factory()
        return self._abilities[name]

    @property
    def web(self) -> WebChannel:
        return self.ability("web")

    @property
    def chat(self) -> Conversation:
        return self.ability("chat")

    @property
    def support(self) -> HttpSupport:
        return self.ability("support")

    @property
    def phone(self) -> PhoneLine:
        return self.ability("phone")

    @property
    def mail(self) -> MailChannel:
        return self.ability("mail")

    def check_budget(self, budget: Budget) -> BudgetCheck:
        """Whether the journey so far stays within `budget`."""
        if self._judge is None:
            raise RuntimeError("this shopper has no effort model to judge budgets with")
        return self._judge(budget)

    def used(self) -> dict[str, Any]:
        """Abilities built so far (for transcripts and teardown)."""
        return dict(self._abilities)
