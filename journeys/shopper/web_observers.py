"""What appears on a page and goes: toasts, snackbars, live regions, messages replaced
on the next render.

A look at the page after a step misses a toast that stayed four seconds. So an observer,
installed once per browser context as an init script, notes each message as it appears
(its words, ARIA role and classes) in a buffer in the page; the channel drains the
buffer in the reads it already makes (the page's snapshot after it loads, the look for
errors after an action), so no action costs an extra round trip. The buffer survives a
navigation within the site (sessionStorage), so a toast shown just before the page moved
on is not lost.

The observer also counts the page's own requests (fetch, XMLHttpRequest): the look after
clicking a button that sent one waits, within the customer's patience, until its answer
is in and the page has shown what it says, which is when a customer reads the outcome of
"Confirm order".

Here messages are only described: an error (by role, classes or wording) is an
`ErrorShown(transient=True)`, anything else a `NoticeShown`; the detectors decide what
they cost.
"""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..effort.events import ErrorShown, Event, NoticeShown

NOTICES = (
    "[role=alert], [role=status], [role=alertdialog], [aria-live=assertive],"
    " [aria-live=polite], output, .toast, .snackbar, .mdc-snackbar, .notification,"
    " .flash, .usa-alert, .govuk-notification-banner, .govuk-error-summary, .alert,"
    " .invalid-feedback, .errorlist, .error-message"
)

OBSERVER = (
    r"""
(() => {
  if (window.__journeysNotices) return;
  const NOTICES = '"""
    + NOTICES
    + r"""';
  const KEY = '__journeys_notices';
  const clean = t => (t || '').replace(/\s+/g, ' ').trim();
  const shown = el => !!(el && el.isConnected && el.getClientRects().length) && getComputedStyle(el).visibility !== 'hidden';
  const buffer = [];
  try {  // what the page before this one announced as it left
    for (const n of JSON.parse(sessionStorage.getItem(KEY) || '[]')) buffer.push({ ...n, el: null });
    sessionStorage.removeItem(KEY);
  } catch (e) { /* storage refused (a sandboxed frame): the page's own notices still count */ }
  const said = new WeakMap();  // element -> the words last noted for it
  const due = new Map();  // element -> whether it changed after the page had loaded (else: the page as it came)
  let scheduled = false;
  let loading = false;
  const look = () => {
    scheduled = false;
    // Before the page has loaded its styles everything shows (a hidden toast too): look once it has.
    if (document.readyState !== 'complete') {
      if (!loading) { loading = true; addEventListener('load', () => { loading = false; look(); }, { once: true }); }
      return;
    }
    for (const [el, late] of due) {
      if (!shown(el)) continue;
      const text = clean(el.innerText || el.textContent).slice(0, 500);
      if (!text || said.get(el) === text) continue;
      said.set(el, text);
      const classes = typeof el.className === 'string' ? el.className : '';
      buffer.push({ el, text, role: el.getAttribute('role') || '', classes: classes.slice(0, 200), late });
    }
    due.clear();
  };
  const note = el => {
    due.set(el, due.get(el) || document.readyState === 'complete');
    if (!scheduled) { scheduled = true; setTimeout(look, 0); }
  };
  new MutationObserver(records => {
    for (const r of records) {
      const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const notice = node && node.closest(NOTICES);
      if (notice) note(notice);
      for (const added of r.addedNodes) {
        if (added.nodeType !== 1) continue;
        if (added.matches(NOTICES)) note(added);
        if (added.firstElementChild) added.querySelectorAll(NOTICES).forEach(note);
      }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['class', 'style', 'hidden', 'aria-hidden', 'open'] });
  // The page's own requests, and when the customer last clicked: what "the answer to that click" waits for.
  const pending = new Map();
  let ids = 0, clickedAt = -1;
  addEventListener('click', () => { clickedAt = performance.now(); }, true);
  const started = () => { const id = ++ids; pending.set(id, performance.now()); return () => setTimeout(() => pending.delete(id), 0); };
  if (window.fetch) {
    const fetch = window.fetch;
    window.fetch = function (...args) { const done = started(); const p = fetch.apply(this, args); p.then(done, done); return p; };
  }
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    this.addEventListener('loadend', started(), { once: true });
    return send.apply(this, args);
  };
  const state = {
    // Nothing the last click asked for is still on its way, and what came back has been looked at.
    settled: () => !scheduled && ![...pending.values()].some(t => t >= clickedAt),
    drain: () => {
      look();
      const out = [];
      for (const n of buffer.splice(0)) {
        if (out.some(o => o.text === n.text)) continue;
        out.push({ text: n.text, role: n.role, classes: n.classes, late: n.late,
          shown: !!n.el && shown(n.el) && clean(n.el.innerText) === n.text });
      }
      return out;
    },
  };
  Object.defineProperty(window, '__journeysNotices', { value: state, enumerable: false });
  addEventListener('pagehide', () => {
    look();
    try { sessionStorage.setItem(KEY, JSON.stringify(buffer.map(n => ({ ...n, el: null })))); } catch (e) { /* full or refused */ }
  });
})();
"""
)

# What the page announced since the last read (a JS expression, for the channel's
# existing reads).
DRAIN = "(window.__journeysNotices ? window.__journeysNotices.drain() : [])"

# The page's main content as a customer works in it: the main landmark, else the page
# without its header, navigation, sidebars and footer (a JS expression, read with the
# page's snapshot).
MAIN_TEXT = r"""(() => {
  if (!document.body) return '';
  const main = [...document.querySelectorAll('main, [role=main]')].find(m => m.getClientRects().length);
  if (main) return main.innerText.slice(0, 6000);
  const AROUND = 'header, footer, nav, aside, [role=banner], [role=contentinfo], [role=navigation], [role=complementary]';
  let text = document.body.innerText;
  for (const el of document.querySelectorAll(AROUND)) {
    if (el.parentElement && el.parentElement.closest(AROUND)) continue;
    const words = el.innerText;
    if (words) text = text.replace(words, '');
  }
  return text.slice(0, 6000);
})()"""

_ERROR_CLASSES = re.compile(r"danger|error|fail|invalid|critical", re.IGNORECASE)
_GOOD_CLASSES = re.compile(r"success|info\b|--info|confirm|positive", re.IGNORECASE)
_ERROR_WORDS = re.compile(
    r"something went wrong|went wrong|try again|\berror\b|\bfailed\b|\bfailure\b|could"
    r" not|couldn't|cannot|can't|"
    r"unable to|\bproblem\b|unavailable|not available|declined|invalid|incorrect|did"
    r" not work|didn't work",
    re.IGNORECASE,
)
_GOOD_WORDS = re.compile(
    r"\b(?:saved|added|confirmed|thank|success|sent|updated|done|welcome|subscribed)\b",
    re.IGNORECASE,
)
_NOTHING_FOUND = re.compile(
    r"\b(?:0|no|zero) (?:search )?(?:results?|matches)\b|\bnothing (?:was"
    r" )?found\b|\bno matches\b",
    re.IGNORECASE,
)


def is_error(notice: dict[str, Any]) -> bool:
    """Whether a notice is an error message, as its role, classes and words say; an
    empty answer is not one.
    """
    text = notice.get("text", "")
    classes, role = notice.get("classes", ""), notice.get("role", "")
    # "No results": an answer with nothing in it, a dead end of its own.
    if _NOTHING_FOUND.search(text):
        return False
    if _ERROR_CLASSES.search(classes) or _ERROR_WORDS.search(text):
        return True
    return role in ("alert", "alertdialog") and not (
        _GOOD_CLASSES.search(classes) or _GOOD_WORDS.search(text)
    )


_ANNOUNCING_CLASSES = re.compile(
    r"toast|snackbar|\balert\b|usa-alert|notification|flash", re.IGNORECASE
)


def announces(notice: dict[str, Any]) -> bool:
    """Whether a notice is an announcement (a toast, an alert, a live region), not a
    message beside a field.
    """
    return notice.get("role", "") in ("alert", "alertdialog", "status") or bool(
        _ANNOUNCING_CLASSES.search(notice.get("classes", ""))
    )


def notice_events(
    notices: list[dict[str, Any]], errors: list[str], url: str
) -> tuple[list[Event], set[str]]:
    """The events for what the page announced, and the errors it announced after it had
    loaded (a toast, an alert).

    One still on show that the look for errors read is left to that look (marked
    transient when it was announced).
    """
    events: list[Event] = []
    appeared: set[str] = set()
    for notice in notices:
        text = notice.get("text", "")
        looked_at = (
            [e for e in errors if text in e or e in text]
            if text and notice.get("shown")
            else []
        )
        if looked_at:
            if notice.get("late") and is_error(notice) and announces(notice):
                appeared.update(looked_at)
            continue
        if not text or (
            notice.get("shown") and not notice.get("late") and not announces(notice)
        ):
            # a message beside a field as the page came: the look at the page reads it
            # ("correct the errors below")
            continue
        if is_error(notice):
            events.append(
                ErrorShown(text=text[:300], url=url, source="page", transient=True)
            )
            if announces(notice):
                appeared.add(text[:300])
        else:
            events.append(NoticeShown(text=text, role=notice.get("role", ""), url=url))
    return events, appeared


def read_after_action(
    page: Page, errors_script: str, *, timeout_ms: float, settle: bool
) -> tuple[list[str], list[dict[str, Any]]]:
    """The errors on show and the notices drained, in one round trip.

    `settle`: the action sent requests; wait (within `timeout_ms`) until the page has
    their answers and has shown what they say, as a customer waits to read what came of
    "Confirm order". A page that never settles is read as it is.
    """
    body = (
        f"JSON.stringify({{ value: {{ errors: ({errors_script})(), notices: {DRAIN}"
        " } })"
    )
    ready = (
        "(window.__journeysNotices && !window.__journeysNotices.settled()) ? false : "
        if settle
        else ""
    )
    try:
        handle = page.wait_for_function(f"() => {ready}{body}", timeout=timeout_ms)
    except PlaywrightTimeout:
        if not settle:
            raise
        handle = page.wait_for_function(f"() => {body}", timeout=timeout_ms)
    try:  # as web_scripts.run: a string's handle carries the string as its preview
        found = json.loads(str(handle)).get("value")
    except ValueError:
        found = json.loads(handle.json_value()).get("value")
    return list(found.get("errors") or []), list(found.get("notices") or [])


__all__ = [
    "DRAIN",
    "MAIN_TEXT",
    "OBSERVER",
    "is_error",
    "notice_events",
    "read_after_action",
]
