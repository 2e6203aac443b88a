"""The step catalogue, read from the step modules themselves so documentation never
drifts.

The built-in modules ship in `journeys.steps`; a team's own are the ones its root
conftest.py lists in `pytest_plugins` (pytest-bdd finds shared steps only through
plugins). Each step's docstring opens with its meaning: its first paragraph, whatever
lines it is wrapped over.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import inspect
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from rapidfuzz import fuzz

from journeys.errors import JourneysError
from journeys.steps import BUILTIN_STEP_MODULES

# Example values for a step's parameters, by parameter name, for the catalogue and
# suggestions.
EXAMPLES = {
    "ad": "Spring sale: 30% off running shoes",
    "promise": "30% off",
    "name": "Checkout",
    "label": "E-mail",
    "fact": "e-mail",
    "text": "Thank you for your order",
    "path": "/help",
    "option": "United Kingdom",
    "goal": "talk to a human",
    "score": "5",
    "steps": "8",
    "turns": "2",
    "message": "I want a refund for {my order number}",
    "subject": "My order arrived damaged",
    "product": "Trail Runner",
    "problem": "my new shoes are the wrong size",
    "thing": "order number",
    "pattern": "SH-\\d{6}",
    "format": "DDMMYYYY",
    "file": "photo.png",
    "question": "How would you like your refund?",
    "category": "Billing",
    "words": "is confirmed",
    "link": "Shop the sale",
    "count": "1",
    "keys": "2",
    "phrase": "billing",
    "line": "+15550199",
    "menus": "3",
}
# Where one value per parameter name reads wrong ("I tick "E-mail""), the whole example,
# by form.
FORM_EXAMPLES = {
    'I press "<button>" in the chat': 'I press "Talk to a person" in the chat',
    'I fill in "<label>" with "<text>"': 'I fill in "Size" with "42"',
    'I choose "<option>" from "<label>"': 'I choose "United Kingdom" from "Country"',
    'I tick "<label>"': 'I tick "I agree to the terms"',
    'I close "<name>"': 'I close "Accept cookies"',
    'I close "<name>" if it is there': 'I close "No thanks" if it is there',
    'I note the <thing> shown after "<label>"': (
        'I note the order number shown after "Your order number is"'
    ),
    'I fill in "<label>" with my <fact> as "<format>"': (
        'I fill in "Sort code" with my sort code as "123456"'
    ),
    'I choose "<option>" for "<question>"': (
        'I choose "Bank transfer" for "How would you like your refund?"'
    ),
    'I upload "<file>" to "<label>"': 'I upload "photo.png" to "Photo of the damage"',
    'I open a support ticket about "<subject>" in "<category>"': (
        'I open a support ticket about "A wrong charge" in "Billing"'
    ),
    "I key in my <fact>": "I key in my order number",
    'I look for a way to "<goal>" on the phone': (
        'I look for a way to "return an item" on the phone'
    ),
}
CHANNEL_ORDER = ("persona", "web", "chat", "support", "mail", "phone", "effort")
CHANNEL_TITLES = {
    "persona": "Persona",
    "web": "Web",
    "chat": "Chat",
    "support": "Support",
    "mail": "Mail",
    "phone": "Phone",
    "effort": "Effort and budgets",
}


def channel_title(channel: str) -> str:
    """How a group of steps is headed: the built-in channel's title, or the team
    module's own name.
    """
    return CHANNEL_TITLES.get(channel, f"Your steps ({channel})")


@dataclass(frozen=True)
class CatalogueStep:
    channel: str
    keyword: str  # Given / When / Then
    pattern: str  # as pytest-bdd matches it
    form: str  # how a person reads it: I click "<name>"
    meaning: str
    example: str
    parser: Any = field(
        default=None, compare=False, repr=False
    )  # pytest-bdd's, to match written steps

    def matches(self, text: str) -> bool:
        return bool(self.parser.is_matching(text))


def team_step_modules(root: Path | None = None) -> list[str]:
    """The modules a project's root conftest.py lists in `pytest_plugins`: the team's
    own steps.
    """
    conftest = (root or Path.cwd()) / "conftest.py"
    if conftest.is_file():
        tree = ast.parse(conftest.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(
                getattr(t, "id", "") == "pytest_plugins" for t in node.targets
            ):
                value = ast.literal_eval(node.value)
                return [value] if isinstance(value, str) else list(value)
    return []


def step_modules(root: Path | None = None) -> list[str]:
    """Every step module a feature of this project may use: the built-in catalogue, then
    the team's own.
    """
    return [*BUILTIN_STEP_MODULES, *team_step_modules(root)]


def load(root: Path | None = None) -> list[CatalogueStep]:
    """Every step a feature of the project at `root` may use: built-in first, then the
    team's modules.
    """
    root = (root or Path.cwd()).resolve()
    modules = [_import_step_module(name, root) for name in step_modules(root)]
    steps = []
    for context in _step_contexts(modules):
        module = context.step_func.__module__
        channel = (
            module.rsplit(".", 1)[-1] if module in BUILTIN_STEP_MODULES else module
        )
        pattern = context.parser.name
        form = _readable(pattern)
        keyword = context.type.capitalize()
        meaning = _summary(context.step_func.__doc__)
        steps.append(
            CatalogueStep(
                channel,
                keyword,
                pattern,
                form,
                meaning,
                f"{keyword} {_example(form)}",
                context.parser,
            )
        )
    order = {c: i for i, c in enumerate(CHANNEL_ORDER)}
    kw_order = {"Given": 0, "When": 1, "Then": 2}
    return sorted(
        steps, key=lambda s: (order.get(s.channel, 99), s.channel, kw_order[s.keyword])
    )


def _import_step_module(name: str, root: Path) -> ModuleType:
    """Import a step module as pytest would for the root conftest (its folder first on
    the path, only meanwhile).
    """
    with _on_path(root):
        try:
            return importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - skipping it would report every one of its steps as unknown
            reason = (
                f"{type(error).__name__}: {error}"
                if not isinstance(error, ImportError)
                else str(error)
            )
            raise JourneysError(
                f"conftest.py: step module {name!r} cannot be imported ({reason})\n "
                " fix: correct the module, or its name in `pytest_plugins` in"
                " conftest.py"
            ) from None


@contextlib.contextmanager
def _on_path(folder: Path) -> Iterator[None]:
    added = str(folder) not in sys.path
    if added:
        sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        if added:
            sys.path.remove(str(folder))


def _step_contexts(modules: list[ModuleType]) -> list[Any]:
    """pytest-bdd's record of each step function the modules define (it offers no public
    listing; pinned version).
    """
    from pytest_bdd.steps import step_function_context_registry

    wanted = {m.__name__ for m in modules}
    return [
        c
        for c in list(step_function_context_registry.values())
        if c.step_func.__module__ in wanted and c.type is not None
    ]


def _readable(pattern: str) -> str:
    text = pattern.removeprefix("^").removesuffix("$")
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", text)  # regex groups
    text = re.sub(r"\{(\w+)(:[^}]*)?\}", r"<\1>", text)  # parse fields
    return text.replace("\\(", "(").replace("\\)", ")")


def _example(form: str) -> str:
    if form in FORM_EXAMPLES:
        return FORM_EXAMPLES[form]
    return re.sub(r"<(\w+)>", lambda m: EXAMPLES.get(m.group(1), "…"), form)


def closest_steps(
    text: str, steps: list[CatalogueStep] | None = None, limit: int = 3
) -> list[str]:
    """The catalogue steps nearest to what was written ("When I click "<name>""), for an
    "unknown step" error.

    Each step is scored twice and keeps the better score: its wording with the quoted or
    <placeholder> parts blanked (so `I click on the "Help" link` is near `I click
    "<name>"`), and its example (so `I press "Checkout"` is near `I click "Checkout"`).
    Only suggestions close to the best one are kept.
    """
    steps = steps if steps is not None else load()
    wording, written = _blanked(text), text.lower()
    scored = sorted(
        (
            max(
                fuzz.token_set_ratio(wording, _blanked(s.form)),
                fuzz.token_set_ratio(written, s.example.split(" ", 1)[1].lower()),
            ),
            f"{s.keyword} {s.form}",
        )
        for s in steps
    )
    scored.reverse()
    best = scored[0][0] if scored else 0
    return [step for score, step in scored[:limit] if score >= max(60, best - 15)]


def _blanked(text: str) -> str:
    return re.sub(r'"[^"]*"', "X", re.sub(r"<\w+>", "X", text)).lower()


def as_markdown(steps: list[CatalogueStep]) -> str:
    lines = [
        "# Step catalogue",
        "",
        (
            "Generated from the step modules by `journeys steps --markdown`; do not"
            " edit by hand."
        ),
        (
            "Write features from these steps only. Words in `<angle brackets>` are"
            " yours to choose."
        ),
        "",
    ]
    for channel in [
        c for c in CHANNEL_ORDER if any(s.channel == c for s in steps)
    ] + sorted({s.channel for s in steps} - set(CHANNEL_ORDER)):
        lines += [
            f"## {channel_title(channel)}",
            "",
            "| step | meaning | example |",
            "| --- | --- | --- |",
        ]
        for s in (s for s in steps if s.channel == channel):
            lines.append(f"| `{s.keyword} {s.form}` | {s.meaning} | `{s.example}` |")
        lines.append("")
    return "\n".join(lines)


def _summary(docstring: str | None) -> str:
    """The first paragraph of a docstring as one line."""
    first = inspect.cleandoc(docstring or "").split("\n\n", 1)[0]
    return " ".join(first.split())
