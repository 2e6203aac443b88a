"""What the chat widget reads in the page, as JavaScript run in the chat's frame: its
log, its new messages, its state.

Chat front ends are built of web components as often as of plain markup, so everything
here walks the composed tree: into open shadow roots and through their slots, as the
customer sees the page. A message is read as one message: its text in reading order
(lists, code, a card's lines, an image's alt text), without its buttons, which are kept
beside it as its actions.

A turn works in two calls. `ARM` runs just before the customer sends: it notes every
element already on the page and the time. `TURN` is then polled with Playwright's
waiting: the new messages are the outermost elements that were not there before, inside
the conversation log (found by `FIND_LOG`, or else the element the first new message
appeared in). It returns once they have stopped changing for the settle time, or once
the UI's own busy signal (`aria-busy`, a visible Stop button, `busy_selector`) has gone,
with the times of the first and the last change: the time to the first token and to the
last.
"""

from __future__ import annotations

_HELPERS = r"""
const up = n => n.parentElement || (n.parentNode instanceof ShadowRoot ? n.parentNode.host : null);
const rootsOf = root => {
  const out = root.shadowRoot ? [root, root.shadowRoot] : [root];
  for (let i = 0; i < out.length; i++) for (const el of out[i].querySelectorAll('*')) if (el.shadowRoot) out.push(el.shadowRoot);
  return out;
};
const deepAll = (root, sel) => rootsOf(root).flatMap(r => [...r.querySelectorAll(sel)]);
const deepIn = (el, sel) => [...(el.matches(sel) ? [el] : []), ...deepAll(el, sel)];
const within = (outer, el) => { for (let n = el; n; n = up(n)) if (n === outer) return true; return false; };
const kids = el => [...(el.shadowRoot ? el.shadowRoot.children : []), ...el.children];
const shown = el => !el.checkVisibility || el.checkVisibility() || getComputedStyle(el).display === 'contents';
const LEFT_OUT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'svg', 'BUTTON', 'TEXTAREA', 'INPUT', 'SELECT', 'TIME']);
const isButton = el => el.tagName === 'BUTTON' || el.getAttribute('role') === 'button';
const nameOf = el => (el.getAttribute('aria-label') || el.innerText || el.textContent || el.getAttribute('title') || '').trim().replace(/\s+/g, ' ');
const isAvatar = img => /avatar/i.test((img.className && String(img.className)) + ' ' + (img.getAttribute('alt') || ''))
  || (img.getBoundingClientRect().width <= 64 && img.getBoundingClientRect().height <= 64);
const BLOCK = /^(block|flex|grid|list-item|table|flow-root)/;
// A message's words in reading order, one line a block; `leave` are parts that are not its words (who wrote it).
const readText = (el, leave) => {
  const parts = [];
  const walk = n => {
    if (n.nodeType === 3) { parts.push(n.data); return; }
    if (n.nodeType !== 1 || LEFT_OUT.has(n.tagName) || isButton(n) || leave.includes(n)) return;
    if (n.getAttribute('aria-hidden') === 'true' || !shown(n)) return;
    if (n.tagName === 'IMG') {
      const alt = (n.getAttribute('alt') || '').trim();
      if (alt && !isAvatar(n)) parts.push(' ' + alt + ' ');
      return;
    }
    if (n.tagName === 'BR') { parts.push('\n'); return; }
    const block = BLOCK.test(getComputedStyle(n).display);
    if (block) parts.push('\n');
    const inside = n.tagName === 'SLOT' ? n.assignedNodes({ flatten: true }) : [...(n.shadowRoot || n).childNodes];
    inside.forEach(walk);
    if (block) parts.push('\n');
  };
  walk(el);
  return parts.join('').split('\n').map(line => line.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
};
// Who wrote a message, as its markup says: a role attribute, a shown name, an avatar's alt text, its aria-label.
const authorOf = (el, cfg) => {
  const marked = el.getAttribute(cfg.authorAttribute) !== null ? el : deepIn(el, `[${cfg.authorAttribute}]`)[0];
  const role = marked ? (marked.getAttribute(cfg.authorAttribute) || '').trim() : '';
  const shownBy = cfg.authorSelector ? deepIn(el, cfg.authorSelector) : [];
  const avatars = deepIn(el, 'img[alt]').filter(img => isAvatar(img) && img.getAttribute('alt').trim());
  let name = shownBy.length ? readText(shownBy[0], []) : '';
  if (!name && avatars.length) name = avatars[0].getAttribute('alt').trim();
  const label = (el.getAttribute('aria-label') || '').trim();
  if (!name && label && label.length <= 40) name = label;
  return { role, name, leave: shownBy };
};
const flag = (el, name) => !!name && deepIn(el, `[${name}]`).some(n => (n.getAttribute(name) || '').toLowerCase() === 'true');
// One message as the customer reads it: its words, who wrote it, its buttons.
const messageOf = (el, cfg) => {
  const { role, name, leave } = authorOf(el, cfg);
  const parts = cfg.textSelector ? deepIn(el, cfg.textSelector) : [el];
  const text = parts.map(part => readText(part, leave)).filter(Boolean).join('\n');
  const buttons = deepIn(el, 'button, [role=button]').filter(b => shown(b) && !b.disabled && nameOf(b)).map(nameOf);
  return { text, role, author: name || role, buttons, fallback: flag(el, cfg.fallbackAttribute), handoff: flag(el, cfg.handoffAttribute) };
};
const contentless = text => /^[\s.…·•●○◦-]*$/.test(text);  // a typing indicator's dots are not words yet
"""

# The conversation log for the chat box: log_selector when configured, else the role=log
# or live region nearest it, within the same landmark (a status line or activity feed in
# <main> is not the chat's, whose box is in an <aside>). null when the page marks none:
# the log is then the element the first new message appears in.
FIND_LOG = (
    "([input, cfg]) => {"
    + _HELPERS
    + r"""
  const top = input.ownerDocument;
  if (cfg.logSelector) return deepAll(top, cfg.logSelector)[0] || null;
  const live = '[role=log], [aria-live]:not([aria-live=off])';
  const landmarks = 'main, aside, nav, header, footer, [role=main], [role=complementary], [role=navigation], [role=banner], [role=contentinfo]';
  const landmarkOf = el => { for (let n = el; n; n = up(n)) if (n.matches && n.matches(landmarks)) return n; return null; };
  const home = landmarkOf(input);
  const all = deepAll(top, live);
  for (let scope = up(input); scope; scope = up(scope)) {
    const near = all.filter(el => within(scope, el) && !within(el, input) && !(up(el) && all.some(o => o !== el && within(o, el)))
      && landmarkOf(el) === home);
    const log = near.find(el => el.getAttribute('role') === 'log') || near[0];
    if (log) return log;
  }
  return null;
}
"""
)

# Before sending: every element now on the page is old; the turn's clock starts.
ARM = (
    "([log]) => {"
    + _HELPERS
    + r"""
  const seen = new WeakSet(deepAll(document, '*'));
  window.__journeysTurn = { seen, log: log || (window.__journeysTurn && window.__journeysTurn.log) || null,
    started: performance.now(), sig: '', first: 0, last: 0, busySeen: false };
}
"""
)

# The new messages of this turn, once complete; null while there are none or they are
# still changing.
TURN = (
    "([cfg, sent, final]) => {"
    + _HELPERS
    + r"""
  const turn = window.__journeysTurn;
  const now = performance.now();
  const fresh = el => !turn.seen.has(el);
  // The outermost new elements under `scope` (their parent was there before).
  const newest = scope => deepAll(scope, '*').filter(el => fresh(el) && up(el) && !fresh(up(el)) && el !== scope);
  if (turn.log && !turn.log.isConnected) turn.log = null;
  if (!turn.log) {
    // No marked log: the element the first new message appeared in (not the box or its buttons).
    const first = newest(document.body).find(el => !deepIn(el, 'textarea, input, [contenteditable=true]').length
      && !contentless(readText(el, [])));
    if (!first) return null;
    turn.log = up(first);
  }
  const log = turn.log;
  let items = cfg.replySelector ? deepAll(document, cfg.replySelector).filter(fresh) : newest(log).filter(el => within(log, el));
  // Outermost only: an element inside another new one is part of it.
  items = items.filter(el => !items.some(other => other !== el && within(other, el)));
  // A list created whole on the first message holds the messages as its children.
  if (items.length === 1 && kids(items[0]).length > 1 && kids(items[0]).some(k => readText(k, []) === sent.trim())) items = kids(items[0]);
  const messages = [];
  let echoed = false;
  for (const el of items) {
    if (!shown(el)) continue;
    const m = messageOf(el, cfg);
    const who = (m.role || m.author).toLowerCase();
    const mine = who ? cfg.customerAuthors.includes(who) : (!echoed && m.text === sent.trim());
    if (mine || (!echoed && m.text === sent.trim() && !m.buttons.length)) { echoed = true; continue; }
    if (contentless(m.text) && !m.buttons.length) continue;
    if (!m.text && messages.length) { messages[messages.length - 1].buttons.push(...m.buttons); continue; }  // quick replies
    messages.push(m);
  }
  const busy = log.getAttribute('aria-busy') === 'true' || items.some(el => el.getAttribute('aria-busy') === 'true')
    || deepAll(document, 'button, [role=button]').some(b => shown(b) && /^(stop|stop generating|stop responding)$/i.test(nameOf(b)))
    || (!!cfg.busySelector && deepAll(document, cfg.busySelector).some(shown));
  turn.busySeen = turn.busySeen || busy;
  const sig = JSON.stringify(messages);
  if (sig !== turn.sig) {
    turn.sig = sig;
    turn.last = now;
    if (messages.length && !turn.first) turn.first = now;
  }
  if (!messages.length) return null;
  const quiet = now - turn.last;
  const done = final || (!busy && (quiet >= cfg.settleMs || (turn.busySeen && quiet >= 100)));
  if (!done) return null;
  return { messages, firstMs: turn.first - turn.started, lastMs: turn.last - turn.started };
}
"""
)

# After a button in the chat was pressed: did anything new appear in the conversation
# (or did it reply)?
CHANGED = (
    "() => {"
    + _HELPERS
    + r"""
  const turn = window.__journeysTurn;
  return !!turn && deepAll(turn.log || document.body, '*').some(el => !turn.seen.has(el) && shown(el) && !contentless(readText(el, [])));
}
"""
)

# The chat's textbox when the page names none: a textbox in the same block as a send
# button, else the last one.
NEAR_SEND = (
    "([boxes, sendName]) => {"
    + _HELPERS
    + r"""
  const sends = deepAll(document, 'button, [role=button]').filter(b => shown(b) && (!sendName || nameOf(b).toLowerCase() === sendName.toLowerCase()));
  for (const box of boxes) for (let scope = up(box), depth = 0; scope && depth < 4; scope = up(scope), depth++)
    if (sends.some(b => within(scope, b))) return boxes.indexOf(box);
  return boxes.length - 1;
}
"""
)

__all__ = ["ARM", "CHANGED", "FIND_LOG", "NEAR_SEND", "TURN"]
