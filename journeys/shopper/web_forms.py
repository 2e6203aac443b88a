"""The browser side of forms: describe a page's controls for `forms`, find one by its words, operate it."""

from __future__ import annotations

from dataclasses import dataclass, fields

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..errors import StepDoesNotFit
from . import web_scripts
from .forms import Ambiguous, Control, Names, choose_option, locate

_CONTROL_FIELDS = {f.name for f in fields(Control)}


@dataclass(frozen=True)
class PageControls:
    """The controls of the page now, as `forms` reads them, and what the page calls each one's form."""

    named: list[Names]
    form_names: dict[str, str]
    radios: dict[str, list[str]]  # radio group key -> the keys of its radios, in option order

    @property
    def controls(self) -> list[Control]:
        return [n.control for n in self.named]


def describe(page: Page) -> PageControls:
    raw = page.evaluate(web_scripts.CONTROLS)
    named, form_names, radios = [], {}, {}
    for item in raw:
        values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in item.items() if k in _CONTROL_FIELDS}
        control = Control(**values)
        named.append(Names(control, item["labelled"], item["accessible"], item["placeholder"], item["orphan_label"]))
        form_names[control.form] = item["form_name"]
        if control.kind == "radio":
            radios[control.key] = list(item["radios"])
    return PageControls(named, form_names, radios)


def find(page: Page, words: str, *, working_form: str | None, timeout_ms: int, where: str) -> tuple[Control, PageControls]:
    """The control the customer means by `words`, waiting as a customer would for it to show."""
    for attempt in range(2):
        controls = describe(page)
        try:
            found = locate(controls.named, words, working_form=working_form)
        except Ambiguous as ambiguous:
            both = " and ".join(f'"{c.label}" in {controls.form_names.get(c.form, c.form)}' for c in ambiguous.candidates)
            raise StepDoesNotFit(
                f'two fields answer to "{words}" on {where}: {both}; '
                "fill a field only one of those forms has first, so I know which form I am in"
            ) from None
        if found is not None:
            return found, controls
        if attempt == 0:
            try:
                page.get_by_label(words).or_(page.get_by_placeholder(words)).or_(
                    page.get_by_text(words, exact=True)
                ).first.wait_for(state="visible", timeout=timeout_ms)
            except PlaywrightTimeout:
                break
    raise StepDoesNotFit(f'there is no field labelled "{words}" on {where}')


def element(page: Page, control: Control) -> Locator:
    return page.locator(f'[data-journeys-key="{control.key}"]')


def set_value(page: Page, control: Control, value: str, controls: PageControls, where: str) -> None:
    """Type, pick, tick or attach `value` in a control, whatever its kind."""
    target = element(page, control)
    if control.kind in ("text", "textarea", "date"):
        target.fill(value)
    elif control.kind == "select":
        target.select_option(label=_option(control, value, where))
    elif control.kind == "radio":
        option = _option(control, value, where)
        key = controls.radios[control.key][list(control.options).index(option)]
        radio = page.locator(f'[data-journeys-key="{key}"]')
        radio.check(force=not radio.is_visible())  # custom-styled radios hide the input behind their label
    elif control.kind == "checkbox":
        target.check(force=not target.is_visible())
    elif control.kind == "file":
        mime = "image/png" if value.endswith(".png") else "text/plain"
        body = _PNG if mime == "image/png" else b"Photos and details of the problem.\n"
        target.set_input_files({"name": value, "mimeType": mime, "buffer": body})


def _option(control: Control, value: str, where: str) -> str:
    exact = [o for o in control.options if o.strip().lower() == value.strip().lower()]
    option = exact[0] if exact else choose_option(control.options, value)
    if option is None:
        offered = ", ".join(f'"{o}"' for o in control.options[:8]) or "none"
        raise StepDoesNotFit(f'"{control.label}" on {where} has no option "{value}" (options: {offered})')
    return option


# A 1x1 transparent PNG: what a customer's photo of the problem stands for.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
