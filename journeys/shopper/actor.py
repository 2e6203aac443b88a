"""The shopper: a persona with abilities (web, chat, support), Screenplay style.

Steps call one action or question on the shopper; the channels record what
happened in the shared ledger, so what the customer told one channel is known
to the detectors when another channel asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..effort.ledger import Ledger
from ..errors import MissingAbility
from .persona import Persona


class Shopper:
    def __init__(
        self,
        persona: Persona,
        ledger: Ledger,
        abilities: dict[str, Callable[[], Any]],
        judge: Callable[[Any], Any] | None = None,
    ) -> None:
        self.persona = persona
        self._judge = judge  # Budget -> BudgetCheck, from the effort model of this walk
        self.ledger = ledger
        self._factories = abilities  # name -> factory, built on first use
        self._abilities: dict[str, Any] = {}
        self.in_moment_that_matters = False  # steps from here on weigh more (set by a step)

    def __repr__(self) -> str:
        return f"Shopper({self.persona.label})"

    def ability(self, name: str) -> Any:
        if name not in self._abilities:
            factory = self._factories.get(name)
            if factory is None:
                raise MissingAbility(
                    f"{self.persona.label} can't use {name} yet: configure [tool.journeys.{name}] in pyproject.toml"
                )
            self._abilities[name] = factory()
        return self._abilities[name]

    @property
    def web(self) -> Any:
        return self.ability("web")

    @property
    def chat(self) -> Any:
        return self.ability("chat")

    @property
    def support(self) -> Any:
        return self.ability("support")

    def check_budget(self, budget: Any) -> Any:
        """Whether the journey so far stays within `budget` (a journeys.effort.Budget)."""
        if self._judge is None:
            raise RuntimeError("this shopper has no effort model to judge budgets with")
        return self._judge(budget)

    def used(self) -> dict[str, Any]:
        """Abilities built so far (for transcripts and teardown)."""
        return dict(self._abilities)
