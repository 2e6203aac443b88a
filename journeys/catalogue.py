"""The step catalogue, read from the step modules themselves so documentation never drifts.

The modules are the ones the project's root conftest.py lists in `pytest_plugins`
(pytest-bdd finds shared steps only there); each step's docstring is its
one-line meaning.
"""

from __future__ import annotations

import ast
import importlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from .errors import JourneysError

# Example values for a step's parameters, by parameter name, for the catalogue and suggestions.
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
    "message": "I want a refund for my order number",
    "subject": "My order arrived damaged",
}
# Where one value per parameter name reads wrong ("I tick "E-mail""), the whole example, by form.
FORM_EXAMPLES = {
    'I fill in "<label>" with "<text>"': 'I fill in "Size" with "42"',
    'I choose "<option>" from "<label>"': 'I choose "United Kingdom" from "Country"',
    'I tick "<label>"': 'I tick "I agree to the terms"',
    'I close "<name>"': 'I close "Accept cookies"',
}
CHANNEL_ORDER = ("persona", "web", "chat", "support", "effort")
CHANNEL_TITLES = {
    "persona": "Persona",
    "web": "Web",
    "chat": "Chat",
    "support": "Support",
    "effort": "Effort and budgets",
}


@dataclass(frozen=True)
class CatalogueStep:
    channel: str
    keyword: str  # Given / When / Then
    pattern: str  # as pytest-bdd matches it
    form: str  # how a person reads it: I click "<name>"
    meaning: str
    example: str

    def matches(self, text: str) -> bool:
        return _parser(self).is_matching(text)


_PARSERS: dict[tuple[str, str], object] = {}


def _parser(step: CatalogueStep):  # noqa: ANN202
    return _PARSERS[(step.keyword, step.pattern)]


def step_modules(root: Path | None = None) -> list[str]:
    """Modules named in the root conftest's `pytest_plugins` (default: the bundled steps package)."""
    conftest = (root or Path.cwd()) / "conftest.py"
    if conftest.is_file():
        tree = ast.parse(conftest.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytest_plugins" for t in node.targets):
                value = ast.literal_eval(node.value)
                return [value] if isinstance(value, str) else list(value)
    return [f"steps.{name}" for name in CHANNEL_ORDER]


def load(root: Path | None = None) -> list[CatalogueStep]:
    from pytest_bdd.steps import step_function_context_registry

    root = (root or Path.cwd()).resolve()
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    modules = []
    for name in step_modules(root):
        try:
            modules.append(importlib.import_module(name))
        except ImportError as error:  # skipping it would report every one of its steps as unknown
            if (root / "conftest.py").is_file():
                raise JourneysError(
                    f"conftest.py: step module {name!r} cannot be imported ({error})\n"
                    "  fix: correct the module, or its name in `pytest_plugins` in conftest.py"
                ) from None
            raise JourneysError(
                f"{root}: no conftest.py lists step modules, and the default {name!r} cannot be imported\n"
                "  fix: run journeys in your project's folder (the one with conftest.py and steps/)"
            ) from None
    wanted = {m.__name__ for m in modules}
    steps = []
    for context in list(step_function_context_registry.values()):
        module = context.step_func.__module__
        if module not in wanted or context.type is None:
            continue
        channel = module.rsplit(".", 1)[-1]
        pattern = context.parser.name
        form = _readable(pattern)
        keyword = context.type.capitalize()
        meaning = (context.step_func.__doc__ or "").strip().splitlines()[0] if context.step_func.__doc__ else ""
        step = CatalogueStep(channel, keyword, pattern, form, meaning, f"{keyword} {_example(form)}")
        _PARSERS[(keyword, pattern)] = context.parser
        steps.append(step)
    order = {c: i for i, c in enumerate(CHANNEL_ORDER)}
    kw_order = {"Given": 0, "When": 1, "Then": 2}
    return sorted(steps, key=lambda s: (order.get(s.channel, 99), kw_order[s.keyword]))


def _readable(pattern: str) -> str:
    text = pattern.removeprefix("^").removesuffix("$")
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", text)  # regex groups
    text = re.sub(r"\{(\w+)(:[^}]*)?\}", r"<\1>", text)  # parse fields
    return text.replace("\\(", "(").replace("\\)", ")")


def _example(form: str) -> str:
    if form in FORM_EXAMPLES:
        return FORM_EXAMPLES[form]
    return re.sub(r"<(\w+)>", lambda m: EXAMPLES.get(m.group(1), "…"), form)


def closest_steps(text: str, steps: list[CatalogueStep] | None = None, limit: int = 3) -> list[str]:
    """The catalogue steps nearest to what was written ("When I click "<name>""), for an "unknown step" error.

    Each step is scored twice and keeps the better score: its wording with the
    quoted or <placeholder> parts blanked (so `I click on the "Help" link` is near
    `I click "<name>"`), and its example (so `I press "Checkout"` is near
    `I click "Checkout"`). Only suggestions close to the best one are kept.
    """
    steps = steps if steps is not None else load()
    wording, written = _blanked(text), text.lower()
    scored = sorted(
        (
            max(fuzz.token_set_ratio(wording, _blanked(s.form)), fuzz.token_set_ratio(written, s.example.split(" ", 1)[1].lower())),
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
        "Generated from the step modules by `journeys steps --markdown`; do not edit by hand.",
        "Write features from these steps only. Words in `<angle brackets>` are yours to choose.",
        "",
    ]
    for channel in [c for c in CHANNEL_ORDER if any(s.channel == c for s in steps)] + sorted(
        {s.channel for s in steps} - set(CHANNEL_ORDER)
    ):
        lines += [f"## {CHANNEL_TITLES.get(channel, channel.title())}", "", "| step | meaning | example |", "| --- | --- | --- |"]
        for s in (s for s in steps if s.channel == channel):
            lines.append(f"| `{s.keyword} {s.form}` | {s.meaning} | `{s.example}` |")
        lines.append("")
    return "\n".join(lines)
