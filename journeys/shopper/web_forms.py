"""Filling a form as the customer: describe the page's controls for `forms`, find one by
its words, operate it.

What to type where is `forms.plan_form`'s rule table; this collaborator keeps what the
customer typed on each page (to type it again when a form forgets it) and the questions
only the feature can answer, and works each control through the customer's hands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..effort import page_key
from ..effort.events import ControlUnusable, FieldFilled
from ..effort.facts import same_value
from ..effort.ledger import Ledger
from ..errors import JourneyAbandoned, StepDoesNotFit
from . import web_scripts
from .fact_formats import iso_date, typed_as
from .forms import (
    Ambiguous,
    Control,
    Names,
    choose_option,
    locate,
    open_question,
    plan_form,
)
from .hands import Hands
from .persona import Persona
from .web_locate import WorkingForm
from .web_watch import Watch

_CONTROL_FIELDS = {f.name for f in fields(Control)}


@dataclass(frozen=True)
class PageControls:
    """The controls of the page now, as `forms` reads them, and what the page calls each
    one's form.
    """

    named: list[Names]
    form_names: dict[str, str]
    radios: dict[
        str, list[str]
    ]  # radio group key -> the keys of its radios, in option order

    @property
    def controls(self) -> list[Control]:
        return [n.control for n in self.named]


class FormFilling:
    """The customer filling the forms of one tab."""

    def __init__(
        self,
        page: Page,
        *,
        ledger: Ledger,
        persona: Persona,
        hands: Hands,
        watch: Watch,
        working: WorkingForm,
        timeout_ms: int,
        where: Callable[[], str],
    ) -> None:
        """`where` names the page in a message (`PageArrivals.where`)."""
        self._page = page
        self._ledger = ledger
        self._persona = persona
        self._hands = hands
        self._watch = watch
        self._working = working
        self._timeout_ms = timeout_ms
        self._where = where
        # (page path, label, value, fact, form) as typed.
        self._typed: list[tuple[str, str, str, str | None, str]] = []
        # (page path, form, label) -> the required choice the feature must answer.
        self._open_questions: dict[tuple[str, str, str], str] = {}

    def refill_wiped_form(self) -> bool:
        """After an error, a form that forgot what the customer typed is typed again, as
        a customer must.

        Only when the customer is back on the same form, an error is showing, and fields
        they filled there are empty again. Returns whether anything was typed.
        """
        here = page_key(self._page.url)
        typed = {
            (label, form): (value, fact)
            for path, label, value, fact, form in self._typed
            if path == here
        }
        if not typed or not self._watch.visible_errors():
            return False
        controls = describe(self._page, timeout_ms=self._timeout_ms)
        by_place = {
            (c.label, c.form): c for c in controls.controls
        }  # the same label in another form is not it
        wiped = [
            (by_place[place], value, fact)
            for place, (value, fact) in typed.items()
            if place in by_place and not by_place[place].value
        ]
        for control, value, fact in wiped:
            # Password and card fields are emptied after every error, by design: typing
            # them again is no re-entry to charge the site for (and stays masked).
            secret = self._persona.is_secret(fact)
            self._enter(
                control, value, None if secret else fact, controls, secret=secret
            )
        return bool(wiped)

    def fill(self, label: str, value: str, *, fact: str | None = None) -> None:
        """Type (or pick, for a list or radio group) `value` in the field the customer
        reads as `label`.
        """
        control, controls = self._find_control(label)
        self._enter(control, value, fact, controls)

    def fill_fact(self, label: str, fact: str, written: str | None = None) -> None:
        """Type a fact as the customer holds it printed, or `written` the way the form
        asks ("12-34-56").
        """
        value = self._persona[fact]
        if written:
            value = typed_as(fact, value, written, locale=self._persona.locale)
        self.fill(label, value, fact=fact)

    def upload(self, path: Path, label: str) -> None:
        """Attach the file at `path` to the file field the customer reads as `label`."""
        control, _ = self._find_control(label)
        if control.kind != "file":
            raise StepDoesNotFit(
                f'"{label}" on {self._where()} is a {control.kind} field, not one to'
                " attach a file to"
            )
        try:
            self._hands.attach(element(self._page, control), path)
        except PlaywrightError as error:
            first = str(error).strip().splitlines()[0]
            raise StepDoesNotFit(
                f'could not attach {path.name} to "{control.label}" on {self._where()}:'
                f" {first}"
            ) from None
        self._working.used(control.form)
        self._ledger.record(
            FieldFilled(
                label=control.label,
                value=path.name,
                url=self._page.url,
                control="file",
                form=control.form,
            )
        )

    def fill_form(self) -> list[str]:
        """Fill the form the customer is working in (else the page's main form) as a
        customer would.

        Returns the labels filled. Fields the site prefilled with the right value are
        recorded as prefilled (no effort). A required field nothing can answer, or a
        form with nothing this persona can answer, does not fit the step.
        """
        controls = describe(self._page, timeout_ms=self._timeout_ms)
        form = self._form_to_fill(controls.controls)
        mine = [c for c in controls.controls if c.form == form]
        plan = plan_form(mine, self._persona.facts, typed=self._typed_by_customer(mine))
        if plan.cannot_fill:
            raise StepDoesNotFit(f"on {self._where()}: " + "; ".join(plan.cannot_fill))
        # A choice only the feature can answer may come in its next steps; sending the
        # form before it is answered stops the walk (see check_sending) rather than let
        # the site refuse a form we left half done.
        here = page_key(self._page.url)
        self._open_questions = {
            (page, form_key, label): line
            for (page, form_key, label), line in self._open_questions.items()
            if page == here
        }
        for control in plan.open_questions:
            self._open_questions[(here, control.form, control.label)] = open_question(
                control
            )
        done = [
            e
            for e in plan.entries
            if e.action != "leave" or (e.fact and e.control.value)
        ]
        if not any(e.fact for e in done):
            labels = ", ".join(f'"{c.label}"' for c in mine) or "none"
            raise StepDoesNotFit(
                f"no field on {self._where()} asks for anything I know (fields:"
                f" {labels})"
            )
        for entry in plan.entries:
            if entry.action != "leave":
                self._enter(
                    entry.control,
                    entry.value,
                    entry.fact,
                    controls,
                    replaces=entry.replaces,
                )
        return [e.control.label for e in plan.entries if e.action != "leave"]

    def _typed_by_customer(self, controls: list[Control]) -> frozenset[str]:
        """The controls still holding what the customer typed into them on this page."""
        here = page_key(self._page.url)
        typed = {
            (label, form): value
            for path, label, value, _, form in self._typed
            if path == here
        }
        return frozenset(
            c.key
            for c in controls
            if c.value and typed.get((c.label, c.form)) == c.value
        )

    def choose(self, option: str, label: str) -> None:
        """Pick an option from a list or a radio group, by the group's label or legend
        (or its accessible name).
        """
        try:
            control, controls = self._find_control(label)
        except StepDoesNotFit:
            if self._choose_by_role(option, label):
                return
            raise
        if control.kind not in ("select", "radio"):
            raise StepDoesNotFit(
                f'"{label}" on {self._where()} is a {control.kind} field, not a list to'
                " choose from"
            )
        self._enter(control, option, None, controls)

    def _choose_by_role(self, option: str, question: str) -> bool:
        """A group the form reader does not see as a control (an ARIA radiogroup, a
        listbox): by its role and name.
        """
        page = self._page
        groups = page.get_by_role("radiogroup", name=question).or_(
            page.get_by_role("group", name=question)
        )
        combo = page.get_by_role("combobox", name=question)
        try:
            if groups.count():
                self._hands.check(groups.first.get_by_role("radio", name=option).first)
                picked = "radio"
            elif combo.count():
                self._hands.select(combo.first, option)
                picked = "select"
            else:
                return False
        except PlaywrightError as error:
            first = str(error).strip().splitlines()[0]
            raise StepDoesNotFit(
                f'could not choose "{option}" for "{question}" on {self._where()}:'
                f" {first}"
            ) from None
        self._ledger.record(
            FieldFilled(
                label=question, value=option, url=self._page.url, control=picked
            )
        )
        return True

    def tick(self, label: str) -> None:
        control, controls = self._find_control(label)
        if control.kind != "checkbox":
            raise StepDoesNotFit(
                f'"{label}" on {self._where()} is a {control.kind} field, not a'
                " checkbox"
            )
        self._enter(control, "ticked", None, controls)

    def _enter(
        self,
        control: Control,
        value: str,
        fact: str | None,
        controls: PageControls,
        *,
        secret: bool = False,
        replaces: str = "",
    ) -> None:
        if control.kind == "date" and fact:
            value = (
                iso_date(value, self._persona.locale) or value
            )  # a date field takes the date, not its printing
        shown = (
            "•••"
            if secret
            or self._persona.is_secret(fact)
            or control.input_type == "password"
            else value
        )
        here = page_key(self._page.url)
        self._working.used(control.form)
        self._open_questions.pop((here, control.form, control.label), None)
        if shown != value:
            replaces = ""  # a secret's old value is no evidence to keep
        # What the time model needs: what kind of control, in which form, beside how
        # many visible fields.
        seen = {
            "control": control.kind,
            "form": control.form,
            "form_fields": sum(c.form == control.form for c in controls.controls),
        }
        if (
            control.kind not in ("checkbox", "file")
            and control.value
            and same_value(control.value, value)
        ):
            self._ledger.record(
                FieldFilled(
                    label=control.label,
                    fact=fact,
                    value=shown,
                    prefilled=True,
                    url=self._page.url,
                    **seen,
                )
            )
            return
        try:
            set_value(self._hands, self._page, control, value, controls, self._where)
        except PlaywrightError as error:
            self._stop_at_unusable(
                control.label
            )  # its label shows, but the box is hidden or disabled
            first = str(error).strip().splitlines()[0]
            raise StepDoesNotFit(
                f'could not fill "{control.label}" on {self._where()}: {first}'
            ) from None
        if control.kind in ("text", "textarea", "date"):
            self._typed.append((here, control.label, value, fact, control.form))
        typed = len(value) if control.kind in ("text", "textarea", "date") else 0
        self._ledger.record(
            FieldFilled(
                label=control.label,
                fact=fact,
                value=shown,
                url=self._page.url,
                characters=typed,
                replaced=replaces,
                **seen,
            )
        )

    def _find_control(self, label: str) -> tuple[Control, PageControls]:
        try:
            return find(
                self._page,
                label,
                working_form=self._working.here(),
                timeout_ms=self._timeout_ms,
                where=self._where,
            )
        except StepDoesNotFit:
            self._watch.record_errors()
            self._stop_at_unusable(label)
            raise

    def _stop_at_unusable(self, words: str) -> None:
        """The control is there but the site left it unusable (no label, disabled,
        hidden): the customer is stopped.

        Read only once the field was not found, so an ordinary walk pays nothing for it.
        """
        try:
            found = self._page.evaluate(_UNUSABLE, words)
        except PlaywrightError:
            return
        if not found:
            return
        self._ledger.record(
            ControlUnusable(
                label=f'"{words}" {found["what"]}',
                why=found["why"],
                markup=found["markup"],
                url=self._page.url,
            )
        )
        raise JourneyAbandoned(
            f'the "{words}" {found["what"]} on {self._where()} {found["why"]}:'
            f" {found['markup']}"
        )

    def _form_to_fill(self, controls: list[Control]) -> str:
        """The form the customer is working in, else the one asking for the most they
        know.
        """
        forms = [c.form for c in controls]
        working = self._working.here()
        if working is not None and working in forms:
            return working
        asks = {
            form: sum(
                bool(e.fact)
                for e in plan_form(
                    [c for c in controls if c.form == form], self._persona.facts
                ).entries
            )
            for form in dict.fromkeys(forms)
        }
        return max(asks, key=lambda form: asks[form], default="page")

    def check_sending(self, form: str, name: str) -> None:
        """A button of one form clicked after typing into another form of the page would
        send the wrong one: say so.

        So would a button sending a form with a required choice nothing the customer
        knows decides: the feature must answer it first (one line naming the question,
        its options and the step).
        """
        here = page_key(self._page.url)
        # A button of that form; on a page with no <form>, any button (a script sends
        # the fields).
        open_here = [
            line
            for (page, in_form, _), line in self._open_questions.items()
            if page == here and (in_form == form or (in_form == "page" and not form))
        ]
        if open_here:
            raise StepDoesNotFit(
                f'"{name}" would send the form on {self._where()} unanswered: '
                + "; ".join(open_here)
            )
        working = self._working.here()
        if not form or working is None or working == form:
            return
        typed = {
            label
            for path, label, _, _, typed_in in self._typed
            if path == here and typed_in == working
        }
        controls = describe(self._page, timeout_ms=self._timeout_ms)
        left_empty = [
            c.label
            for c in controls.controls
            if c.form == form and c.label in typed and not c.value
        ]
        if left_empty:
            names = controls.form_names
            raise StepDoesNotFit(
                f'"{name}" sends {names.get(form, form)}, but I typed'
                f" {', '.join(repr(x) for x in left_empty)} into"
                f" {names.get(working, working)} on {self._where()}: name a field only"
                " the form you mean has"
            )


def describe(page: Page, *, timeout_ms: float = 5000) -> PageControls:
    raw = web_scripts.run(page, web_scripts.CONTROLS, timeout_ms=timeout_ms)
    named, form_names, radios = [], {}, {}
    for item in raw:
        values = {
            k: tuple(v) if isinstance(v, list) else v
            for k, v in item.items()
            if k in _CONTROL_FIELDS
        }
        control = Control(**values)
        named.append(
            Names(
                control,
                item["labelled"],
                item["accessible"],
                item["placeholder"],
                item["orphan_label"],
            )
        )
        form_names[control.form] = item["form_name"]
        if control.kind == "radio":
            radios[control.key] = list(item["radios"])
    return PageControls(named, form_names, radios)


def find(
    page: Page,
    words: str,
    *,
    working_form: str | None,
    timeout_ms: int,
    where: Callable[[], str],
) -> tuple[Control, PageControls]:
    """The control the customer means by `words`, waiting as a customer would for it to
    show.
    """
    for attempt in range(2):
        controls = describe(page, timeout_ms=timeout_ms)
        try:
            found = locate(controls.named, words, working_form=working_form)
        except Ambiguous as ambiguous:
            both = " and ".join(
                f'"{c.label}" in {controls.form_names.get(c.form, c.form)}'
                for c in ambiguous.candidates
            )
            raise StepDoesNotFit(
                f'two fields answer to "{words}" on {where()}: {both}; fill a field'
                " only one of those forms has first, so I know which form I am in"
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
    raise StepDoesNotFit(f'there is no field labelled "{words}" on {where()}')


def element(page: Page, control: Control) -> Locator:
    return page.locator(f'[data-journeys-key="{control.key}"]')


def set_value(
    hands: Hands,
    page: Page,
    control: Control,
    value: str,
    controls: PageControls,
    where: Callable[[], str],
) -> None:
    """Type, pick, tick or attach `value` in a control, whatever its kind, by `hands`.

    `where` names the page, when an option is missing.
    """
    target = element(page, control)
    if control.kind in ("text", "textarea", "date"):
        hands.fill(target, value)
    elif control.kind == "select":
        hands.select(target, _option(control, value, where))
    elif control.kind == "radio":
        option = _option(control, value, where)
        key = controls.radios[control.key][list(control.options).index(option)]
        radio = page.locator(f'[data-journeys-key="{key}"]')
        # Custom-styled radios hide the input behind their label.
        hands.check(radio, force=not radio.is_visible())
    elif control.kind == "checkbox":
        hands.check(target, force=not target.is_visible())
    elif control.kind == "file":
        mime = "image/png" if value.endswith(".png") else "text/plain"
        body = _PNG if mime == "image/png" else b"Photos and details of the problem.\n"
        hands.attach(target, {"name": value, "mimeType": mime, "buffer": body})


def _option(control: Control, value: str, where: Callable[[], str]) -> str:
    exact = [o for o in control.options if o.strip().lower() == value.strip().lower()]
    option = exact[0] if exact else choose_option(control.options, value)
    if option is None:
        offered = ", ".join(f'"{o}"' for o in control.options[:8]) or "none"
        raise StepDoesNotFit(
            f'"{control.label}" on {where()} has no option "{value}" (options:'
            f" {offered})"
        )
    return option


# A control the words name that the site left unusable: labelled so but disabled, hidden
# or read-only, or a box that nothing names (no label, accessible name or placeholder)
# whose name or id says the words ("qty" for "Quantity"). Returns {what, why, markup} or
# null.
_UNUSABLE = r"""
(words) => {
  const norm = s => (s || '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const want = norm(words);
  const short = { qty: 'quantity', num: 'number', tel: 'telephone', addr: 'address', msg: 'message' };
  const tokens = s => norm((s || '').replace(/([a-z])([A-Z])/g, '$1 $2')).split(' ').filter(Boolean).map(t => short[t] || t);
  const shown = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
    && getComputedStyle(el).visibility !== 'hidden';
  const what = el => el.tagName === 'SELECT' ? 'list' : el.type === 'checkbox' ? 'box to tick' : 'box';
  const markup = el => el.outerHTML.replace(/ data-journeys-key="[^"]*"/, '').replace(/\s+/g, ' ').slice(0, 200);
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (['hidden', 'submit', 'button', 'image', 'reset'].includes(el.type)) continue;
    const names = [...(el.labels || [])].map(l => norm(l.innerText || l.textContent));
    for (const attr of ['aria-label', 'placeholder', 'title']) names.push(norm(el.getAttribute(attr)));
    const says = names.some(n => n && (n === want || n.includes(want)));
    if (says && el.disabled) return { what: what(el), why: 'is disabled', markup: markup(el) };
    if (says && !shown(el)) return { what: what(el), why: 'is hidden', markup: markup(el) };
    if (says && el.readOnly) return { what: what(el), why: 'cannot be typed in', markup: markup(el) };
    const named = names.some(Boolean) || el.getAttribute('aria-labelledby');
    const own = [...tokens(el.name), ...tokens(el.id)];
    if (!named && shown(el) && !el.disabled && want && want.split(' ').every(w => own.includes(w)))
      return { what: what(el), why: 'has no label', markup: markup(el) };
  }
  return null;
}
"""


# A 1x1 transparent PNG: what a customer's photo of the problem stands for.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
