"""The scripts the web channel runs in the page: what a customer sees, read in one round
trip each.

Kept apart from `web.py` so the channel reads as Python. Nothing here decides effort; it
only describes the page (controls, errors, things in the way).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame, Locator, Page

from .web_observers import DRAIN, MAIN_TEXT

# Runs in every document before the site's own scripts: counts DOM changes and
# notes an unload, so a click's effect is known without polling the page.
OBSERVER = """
(() => {
  const state = { mutations: 0, atClick: 0, leaving: false, invalid: '' };
  Object.defineProperty(window, '__journeys', { value: state, enumerable: false });
  new MutationObserver(() => { state.mutations++; })
    .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  // Captured before the site's own handlers run: what the page was like when the customer clicked.
  addEventListener('click', () => { state.atClick = state.mutations; state.invalid = ''; }, true);
  // The browser refusing a form (HTML5 constraint validation): its message for the first invalid field.
  addEventListener('invalid', event => {
    if (state.invalid) return;
    const el = event.target;
    const label = el.labels && el.labels.length ? el.labels[0].innerText.trim()
      : (el.getAttribute('aria-label') || el.getAttribute('placeholder') || el.name || '');
    state.invalid = (label ? label + ': ' : '') + el.validationMessage;
  }, true);
  addEventListener('beforeunload', () => { state.leaving = true; });
  addEventListener('pagehide', () => { state.leaving = true; });
})();
"""

# Shared helpers, defined once per call: visibility, a control's label, its form.
_HELPERS = r"""
  const shown = el => !!(el && el.getClientRects().length) && getComputedStyle(el).visibility !== 'hidden';
  const clean = t => (t || '').replace(/\s+/g, ' ').trim();
  const textOf = el => clean(el ? el.innerText || el.textContent : '');
  const byIds = ids => clean((ids || '').split(/\s+/).map(id => textOf(document.getElementById(id))).join(' '));
  const formOf = el => {
    const form = el.form || el.closest('form');
    return form ? 'form' + [...document.forms].indexOf(form) : 'page';
  };
  const labelOf = el => el.labels && el.labels.length ? clean([...el.labels].map(textOf).join(' ')).replace(/\s*:$/, '') : '';
  const accessibleOf = el => byIds(el.getAttribute('aria-labelledby')) || clean(el.getAttribute('aria-label'));
  const formName = el => {
    const form = el.form || el.closest('form');
    if (!form) return 'outside any form';
    const button = form.querySelector('button, input[type=submit]');
    const named = clean(form.getAttribute('aria-label')) || byIds(form.getAttribute('aria-labelledby'));
    if (named) return `the form "${named}"`;
    const said = button ? clean(button.innerText || button.value) : '';
    return said ? `the form with "${said}"` : `form ${[...document.forms].indexOf(form) + 1}`;
  };
  const nameFor = el => labelOf(el) || accessibleOf(el) || clean(el.getAttribute('placeholder')) || clean(el.title);
  // Older markup labels a control by the header cell of its table row, or the term of a definition list.
  const rowLabelOf = el => {
    const cell = el.closest('td, dd');
    if (!cell) return '';
    if (cell.matches('dd')) {
      const term = cell.previousElementSibling;
      return term && term.matches('dt') ? textOf(term).replace(/\s*:$/, '') : '';
    }
    const header = [...cell.parentElement.children].find(c => c !== cell && c.matches('th'));
    const before = header || cell.previousElementSibling;
    if (!before || before.querySelector('input, select, textarea')) return '';
    return textOf(before).replace(/\s*:$/, '');
  };
"""

# Every control a customer can use, tagged so the channel can find it again; radios
# grouped.
CONTROLS = (
    r"""
() => {
"""
    + _HELPERS
    + r"""
  const CONTROL = 'input, select, textarea';
  const NOT_TYPED_IN = ['hidden', 'submit', 'button', 'image', 'reset'];  // input types that are no field to fill
  const orphan = new Map();  // control -> text of a <label for> that points at nothing
  const around = new Map();  // element -> text of a <label for> naming it: Django's RadioSelect labels the <div> of its radios
  for (const label of document.querySelectorAll('label[for]')) {
    const target = document.getElementById(label.htmlFor);
    if (target && target.matches(CONTROL)) continue;
    if (target && target.querySelector('input[type=radio]')) around.set(target, textOf(label).replace(/\s*:$/, ''));
    let control = label.querySelector(CONTROL);
    for (let next = label.nextElementSibling; !control && next; next = next.nextElementSibling) {
      control = next.matches(CONTROL) ? next : next.querySelector(CONTROL);
    }
    if (!control && label.parentElement) control = label.parentElement.querySelector(CONTROL);
    if (control && !orphan.has(control)) orphan.set(control, textOf(label));
  }
  // A box alone in its form with nothing to name it, beside a button: the customer reads it by the button
  // (Roundup's header search, <input name="@search_text"> and "Search").
  const buttonOfSoleBox = el => {
    const form = el.form;
    if (!form || !el.matches('input:not([type]), input[type=text], input[type=search]')) return '';
    const boxes = [...form.elements].filter(f => f.matches(CONTROL) && !NOT_TYPED_IN.includes(f.type));
    const buttons = [...form.elements].filter(f => f.matches('button, input[type=submit]'));
    return boxes.length === 1 && buttons.length === 1 ? clean(buttons[0].innerText || buttons[0].value) : '';
  };
  for (const el of document.querySelectorAll(CONTROL)) {
    if (!orphan.has(el) && !nameFor(el)) {
      const row = rowLabelOf(el) || buttonOfSoleBox(el);
      if (row) orphan.set(el, row);
    }
  }
  const out = [];
  const groups = new Map();
  let n = 0;
  for (const el of document.querySelectorAll(CONTROL)) {
    if (NOT_TYPED_IN.includes(el.type) || el.disabled) continue;
    const usable = shown(el) || (el.labels && [...el.labels].some(shown));
    if (!usable || el.readOnly) continue;
    const key = String(n++);
    el.setAttribute('data-journeys-key', key);
    const required = el.required || el.getAttribute('aria-required') === 'true';
    const base = { key, label: nameFor(el) || orphan.get(el) || '', labelled: labelOf(el), accessible: accessibleOf(el), form_name: formName(el),
      placeholder: clean(el.getAttribute('placeholder')), orphan_label: orphan.get(el) || '',
      in_main: !el.closest('header, footer, nav, aside, [role=banner], [role=contentinfo], [role=complementary], [role=navigation]'),
      name: el.name || '', autocomplete: el.getAttribute('autocomplete') || '', required, form: formOf(el),
      input_type: (el.type || 'text').toLowerCase(), options: [], value: '', accept: el.accept || '', minimum: el.min || '' };
    if (el.type === 'radio') {
      const id = base.form + ':' + (el.name || key);
      let group = groups.get(id);
      if (!group) {
        // The nearest that names the group: a <label for> on the element around the radios (Cartridge's "Card
        // type" inside a "Payment Details" fieldset), a fieldset's legend, an ARIA group's name.
        let legend = '';
        for (let up = el.parentElement; up; up = up.parentElement) {
          if (around.has(up)) { legend = around.get(up); break; }
          if (up.matches('fieldset')) { legend = textOf(up.querySelector('legend')); break; }
          if (up.matches('[role=radiogroup], [role=group]')) {
            legend = byIds(up.getAttribute('aria-labelledby')) || clean(up.getAttribute('aria-label'));
            break;
          }
        }
        group = { ...base, kind: 'radio', label: legend || el.name, labelled: legend || '', accessible: legend || '', placeholder: '',
          orphan_label: '', radios: [] };
        groups.set(id, group);
        out.push(group);
      }
      const option = labelOf(el) || accessibleOf(el) || el.value;
      group.options.push(option);
      group.radios.push(key);
      group.required = group.required || required;
      if (el.checked) group.value = option;
    } else if (el.tagName === 'SELECT') {
      const chosen = el.selectedOptions[0];
      out.push({ ...base, kind: 'select', input_type: 'select',
        options: [...el.options].map(o => clean(o.label || o.text)),
        value: chosen && chosen.value !== '' ? clean(chosen.label || chosen.text) : '' });
    } else if (el.type === 'checkbox') {
      out.push({ ...base, kind: 'checkbox', value: el.checked ? 'on' : '' });
    } else {
      const kind = el.tagName === 'TEXTAREA' ? 'textarea' : el.type === 'date' ? 'date' : el.type === 'file' ? 'file' : 'text';
      out.push({ ...base, kind, value: kind === 'file' ? '' : el.value || '' });
    }
  }
  return out;
}
"""
)

# Error messages the customer can see now: ARIA first, then the usual framework
# conventions.
ERRORS = (
    r"""
() => {
"""
    + _HELPERS
    + r"""
  const SELECTOR = '[role=alert], [role=alertdialog], .alert-danger, .alert-error, .invalid-feedback, .errorlist,'
    + ' .errornote, .govuk-error-summary, .govuk-error-message, .woocommerce-error, .message-error,'
    + ' .field-validation-error, .error-message, .form-error';
  const FIELD = 'input:not([type=hidden]):not([type=submit]), select, textarea';
  const controlNear = el => {
    const next = el.nextElementSibling;
    const wraps = next && !next.matches('form, fieldset') && next.querySelectorAll(FIELD).length === 1;
    const after = next && (next.matches(FIELD) ? next : wraps ? next.querySelector(FIELD) : null);
    if (after) return after;
    const box = el.parentElement && el.parentElement.closest('.mb-3, .form-group, .govuk-form-group, .form-row, p, li, div, td');
    const inside = box ? box.querySelectorAll(FIELD) : [];
    return inside.length === 1 ? inside[0] : null;
  };
  const found = [];
  const add = (el, field) => {
    const text = textOf(el).replace(/^(error|fehler|erreur)\s*:\s*/i, '');
    if (text && shown(el)) found.push({ el, text, field: field || '' });
  };
  for (const field of document.querySelectorAll('[aria-invalid=true]')) {
    const ids = [field.getAttribute('aria-errormessage'), field.getAttribute('aria-describedby')].join(' ');
    for (const id of ids.split(/\s+/).filter(Boolean)) add(document.getElementById(id), nameFor(field));
  }
  for (const el of document.querySelectorAll(SELECTOR)) {
    if (found.some(f => f.el === el || f.el.contains(el))) continue;
    const control = el.matches('.govuk-error-summary, .alert-danger, .errornote, .nonfield, [role=alert]') ? null : controlNear(el);
    add(el, control ? nameFor(control) : '');
  }
  const kept = found.filter((f, i) => !found.some((g, j) => j !== i && g.el.contains(f.el) && g.el !== f.el));
  const texts = [];
  for (const f of kept) {
    if (texts.some(t => t.text.includes(f.text) || f.text.includes(t.text))) {
      const same = texts.find(t => f.text.includes(t.text));
      if (same && !same.field && f.field) same.field = f.field;
      continue;
    }
    texts.push({ text: f.text, field: f.field });
  }
  // "Please correct the errors below" beside the errors themselves says nothing more: one cause, one message.
  const GENERIC = /correct the errors? below|fix the errors? below|^there (is|was) a problem$|errors? (are|is) shown below/i;
  const specific = texts.filter(t => !GENERIC.test(t.text));
  return (specific.length ? specific : texts).map(t => {
    const field = t.field.replace(/\s*\((optional|required)\)\s*$/i, '').replace(/[\s:*]+$/, '');
    return field && !t.text.toLowerCase().includes(field.toLowerCase()) ? field + ': ' + t.text : t.text;
  });
}
"""
)

# After a click: what the browser said when it refused a form, since the click ('' when
# it did not).
REFUSED_SINCE_CLICK = "() => (window.__journeys && window.__journeys.invalid) || ''"

# Which form a control or button belongs to ('' outside any form).
FORM_OF = (
    "el => { const f = el.form || el.closest('form'); return f ? 'form' +"
    " [...document.forms].indexOf(f) : ''; }"
)

# Something in the customer's way: given a target, what covers it; else a banner or
# pop-up on the page. The button a customer would choose is tagged
# data-journeys-dismiss.
OBSTACLE = (
    r"""
target => {
"""
    + _HELPERS
    + r"""
  const WORDS = /cookie|consent|privacy|newsletter|subscribe|sign up for|special offer|datenschutz|cookies/i;
  const CHOICES = [
    /^(accept|accept all|accept all cookies|accept cookies|allow all|allow cookies|allow all cookies|i accept|agree|i agree|agree and close|ok|okay|got it|ok, got it|alle akzeptieren|akzeptieren|tout accepter|accepter|aceptar|aceptar todo|alles accepteren|accepteren)$/i,
    /^(reject|reject all|decline|only necessary|necessary only|use necessary cookies only|no thanks|not now|continue without accepting)$/i,
    /^(close|dismiss|×|✕|x|schließen|fermer|cerrar|sluiten)$/i,
  ];
  const nameOf = b => clean(b.getAttribute('aria-label') || b.innerText || b.value);
  const buttonIn = box => {
    const buttons = [...box.querySelectorAll('button, [role=button], a, input[type=button], input[type=submit]')].filter(shown);
    for (const words of CHOICES) {
      const b = buttons.find(b => words.test(nameOf(b)));
      if (b) return b;
    }
    return null;
  };
  const fixed = el => ['fixed', 'sticky'].includes(getComputedStyle(el).position);
  const overlayAt = (x, y) => {
    let hit = document.elementFromPoint(x, y);
    for (let el = hit; el; el = el.parentElement) {
      if (el.matches('[role=dialog], [role=alertdialog], dialog, [aria-modal=true]') || getComputedStyle(el).position === 'fixed') hit = el;
    }
    return hit;
  };
  const describe = (box, blocking) => {
    let button = buttonIn(box);
    if (!button) {  // a backdrop: the dialog with the buttons sits beside it
      const dialog = [...document.querySelectorAll('[role=dialog], [role=alertdialog], dialog[open], [aria-modal=true], div, section, aside')]
        .find(d => shown(d) && fixed(d) && buttonIn(d) && WORDS.test(textOf(d)));
      if (!dialog) return null;
      box = dialog;
      button = buttonIn(dialog);
    }
    document.querySelectorAll('[data-journeys-dismiss]').forEach(b => b.removeAttribute('data-journeys-dismiss'));
    button.setAttribute('data-journeys-dismiss', '1');
    const text = textOf(box);
    return { what: /cookie|consent|privacy|datenschutz/i.test(text) ? 'cookie banner' : 'pop-up', button: nameOf(button),
      text: text.slice(0, 300), blocking };
  };
  if (target) {
    const r = target.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    if (!hit || target.contains(hit) || hit.contains(target)) return null;
    const over = overlayAt(x, y);
    // A sticky header over a scrolled-to button is no obstacle: only a dialog or a banner that says what it wants.
    const backdrop = !textOf(over);  // an empty layer over the page: the dialog with the words sits beside it
    if (!backdrop && !over.matches('[role=dialog], [role=alertdialog], dialog, [aria-modal=true]') && !WORDS.test(textOf(over))) return null;
    return describe(over, true);
  }
  const candidates = [...document.querySelectorAll('[role=dialog], [role=alertdialog], [aria-modal=true], dialog[open], [role=region], aside, div, section')]
    .filter(el => shown(el) && (fixed(el) || el.matches('[aria-modal=true], dialog[open], [role=alertdialog]')) && WORDS.test(textOf(el)));
  const centre = overlayAt(innerWidth / 2, innerHeight / 2);
  for (const el of candidates) {
    if (!buttonIn(el)) continue;
    const layer = centre !== el && (fixed(centre) || centre.matches('dialog, [aria-modal=true]'));
    const blocking = el.contains(centre) || (layer && (centre.contains(el) || !textOf(centre)))
      || !!document.querySelector('body > [inert], main[inert]');
    return describe(el, blocking);
  }
  return null;
}
"""
)

# Of the elements a name found, the one a customer would click (of several, the one of
# the form they are working in), scrolled into view as the click will scroll it; its
# form, and what covers it there.
AIM = (
    r"""
(els, working) => {
  if (!els.length) return { count: 0 };
  const formOf = """
    + FORM_OF
    + r""";
  const mine = working && els.length > 1 ? els.findIndex(el => formOf(el) === working) : -1;
  const index = Math.max(0, mine);
  const el = els[index];
  const r = el.getBoundingClientRect();
  if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
    el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
  }
  const link = el.closest('a[href], area[href]');
  return { count: els.length, index, form: formOf(el), href: link ? link.href : '', obstacle: ("""
    + OBSTACLE
    + r""")(el) };
}
"""
)

# What a page looks like to a customer after it loaded: one round trip.
SNAPSHOT = (
    r"""
() => {
  // The site's time, not the renderer's: the document from the request to its last byte, then the slowest of the
  // requests that held its first render (stylesheets, scripts in the head), each from its request to its last byte.
  // A starved machine's slow layout and scripts are not charged to the site (the browser's own resource timing).
  const nav = performance.getEntriesByType('navigation')[0];
  const blocking = performance.getEntriesByType('resource').filter(r => r.renderBlockingStatus === 'blocking')
    .map(r => r.responseEnd - (r.requestStart || r.startTime));
  const load = nav ? Math.max(0, nav.responseEnd - nav.startTime) + Math.max(0, ...blocking) : 0;
  return {
    obstacle: ("""
    + OBSTACLE
    + r""")(null),
    title: document.title,
    text: (document.body ? document.body.innerText : '').slice(0, 6000),
    load_ms: Math.max(0, load),
    // A page that sends the browser on by itself at once (a meta refresh of a second or less): its delay, else null.
    refresh_s: (() => {
      const meta = document.querySelector('meta[http-equiv="refresh" i]');
      const delay = meta ? parseFloat(meta.content) : NaN;
      return delay >= 0 && delay <= 1 ? delay : null;
    })(),
    errors: ("""
    + ERRORS
    + r""")(),
    main: """
    + MAIN_TEXT
    + r""",
    notices: """
    + DRAIN
    + r""",
  };
}
"""
)


def run(
    target: Page | Frame, script: str, *, timeout_ms: float, arg: object = None
) -> Any:
    """Run a page script (a JS function) with a deadline.

    Playwright's `evaluate` has none, so a page whose own script never yields
    would hang the walk; `wait_for_function`'s timeout is kept by the driver,
    outside the page. The script runs once: its result, as JSON text, is truthy.
    """
    handle = target.wait_for_function(
        f"(arg) => JSON.stringify({{ value: ({script})(arg) }})",
        arg=arg,
        timeout=timeout_ms,
    )
    try:
        # A string's handle arrives with the string as its preview: the value without a
        # second round trip (a read per page and per form). Should a Playwright ever
        # shorten previews, ask for the value.
        return json.loads(str(handle)).get("value")
    except ValueError:
        return json.loads(handle.json_value()).get("value")


def form_of(target: Locator) -> str:
    """Which form a control or button belongs to ("form0"…), '' outside any form or when
    it cannot be read.
    """
    try:
        return str(target.evaluate(FORM_OF) or "")
    except PlaywrightError:
        return ""


@dataclass(frozen=True)
class Aim:
    """What a customer's eye settled on for a name: the element, the form it sends, what
    covers it.
    """

    target: Locator
    form: str
    obstacle: dict[str, Any] | None
    href: str = (
        ""  # where it leads, when it is a link (absolute, as the browser resolved it)
    )


def aim(candidate: Locator, working_form: str | None) -> Aim | None:
    """The element of `candidate` a customer would click, brought into view, in one
    round trip; None when none shows.

    Of several (two "Sign in" buttons), the one of the form the customer is working in.
    """
    try:
        found = candidate.evaluate_all(AIM, working_form or "")
    except (
        PlaywrightError
    ):  # the document went away while we looked (it is navigating): look the slow way
        if not candidate.count():
            return None
        return Aim(candidate.first, form_of(candidate.first), None)
    if not found["count"]:
        return None
    target = candidate.nth(found["index"]) if found["count"] > 1 else candidate.first
    return Aim(target, found["form"], found["obstacle"], found.get("href") or "")
