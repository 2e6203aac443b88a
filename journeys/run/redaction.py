"""One redactor for everything a walk records: what the site, a bot, a ticket desk or an
e-mail said.

A hostile or careless site may echo what the customer typed (a card number in an error,
a password in a redirect URL, a configured `${TOKEN}` in a bot's reply). Every event
goes through `Redactor` as it enters the ledger (the shopper hands it to the ledger),
and every journey's result once more as it is kept, so no report, history or transcript
holds:

- a secret fact of the persona (card number, security code, password, bank details) or
  the value of an environment variable the configuration names, raw, URL-encoded, JSON-
  or HTML-escaped;
- a card number written with spaces, dashes, dots or nothing between its digits (its
  last four alone may stay);
- the user and password of a URL (`http://user:pass@host/`).
"""

from __future__ import annotations

import base64
import dataclasses
import html
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit, urlunsplit

REDACTED = "[redacted]"
MIN_SECRET_CHARS = (
    3  # replacing "1" would garble every text and hide nothing worth hiding
)
# a number this long is written in groups ("4242 4242 …", "4242-4242-…") as often as
# whole
CARD_DIGITS = 12
# What may stand between a card's digits: a space (raw, URL-encoded, non-breaking), a
# dash, a dot.
_SEPARATOR = r"(?:[\s.\-+]|%20|&nbsp;|&#160;)?"
# A URL's user information: `scheme://user:password@`, and `scheme://token@` (a token as
# user name).
USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s@?#\"'<>]+@")

T = TypeVar("T")


def secret_forms(secret: str) -> list[str]:
    """The regular expressions that find `secret` in a text, in every common written
    form.
    """
    secret = secret.strip()
    if len(secret) < MIN_SECRET_CHARS:
        return []
    digits = re.sub(r"[\s.\-]", "", secret)
    if digits.isdigit() and len(digits) >= CARD_DIGITS:
        # Any grouping of the card's digits, written with any separator or none, never
        # inside a longer number.
        return [r"(?<![0-9])" + _SEPARATOR.join(digits) + r"(?![0-9])"]
    if (
        secret.isdigit()
    ):  # a security code: "123" as a number of its own, never inside 231.1234
        return [r"(?<![0-9.])" + secret + r"(?![0-9])"]
    # Each character as it may be written: raw, URL-encoded (a space also as "+"), JSON-
    # or HTML-escaped; so a password half-encoded by a site's own script
    # ("p@ss+w0rd%21") is found as surely as the whole forms.
    return ["".join(_written(character) for character in secret)]


def _written(character: str) -> str:
    if character.isalnum() and character.isascii():
        return character
    forms = {
        re.escape(character),
        re.escape(json.dumps(character)[1:-1]),
        re.escape(html.escape(character)),
    }
    forms.add(re.escape(f"&#{ord(character)};"))
    encoded = "".join(f"%{byte:02X}" for byte in character.encode("utf-8"))
    forms.add("(?i:" + re.escape(encoded) + ")")
    if character == " ":
        forms |= {
            r"\+",
            "&nbsp;",
            "\u00a0",
        }  # the no-break space itself, so the form also works as bytes
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


def _anchor(secret: str) -> str:
    """A part of `secret` found as it is in each of its written forms: a card's last
    four digits (every grouping keeps them together), else its longest run of ASCII
    letters and digits; "" (always search) when it has none.
    """
    digits = re.sub(r"[\s.\-]", "", secret)
    if digits.isdigit() and len(digits) >= CARD_DIGITS:
        return digits[-4:]
    runs = re.findall(r"[A-Za-z0-9]+", secret)
    return max(runs, key=len) if runs else ""


def strip_userinfo(url: str) -> str:
    """`url` without its user and password: what a report may show of a target such as
    http://user:pass@host/.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return USERINFO.sub(lambda m: m.group(1), url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


class Redactor:
    """Replaces the walk's secrets, and the user information of URLs, by "[redacted]" in
    texts, events and results.
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets = tuple(
            sorted(
                {
                    s.strip()
                    for s in secrets
                    if s and len(s.strip()) >= MIN_SECRET_CHARS
                },
                key=len,
                reverse=True,
            )
        )
        forms = [form for secret in self.secrets for form in secret_forms(secret)]
        self._pattern = re.compile("|".join(forms)) if forms else None
        # What every written form of a secret holds as it is (letters and digits are
        # never escaped): a text without any of them is not searched (most page texts: a
        # 64 KB page costs a substring scan, not a regex).
        self._anchors = tuple(_anchor(secret) for secret in self.secrets)

    def text(self, text: str) -> str:
        if "@" in text:
            # "redacted" without brackets: "http://[redacted]@host" would read as an
            # IPv6 host to whoever parses it again.
            text = USERINFO.sub(lambda m: m.group(1) + "redacted@", text)
        if self._pattern is None or not any(anchor in text for anchor in self._anchors):
            return text
        return self._pattern.sub(REDACTED, text)

    def __call__(self, event: T) -> T:
        """An event (any dataclass) with each of its texts redacted; the same object
        when none held a secret.
        """
        changes: dict[str, Any] = {}
        for field in dataclasses.fields(event):  # type: ignore[arg-type]
            value = getattr(event, field.name)
            if isinstance(value, str | tuple | list | dict):
                redacted = self.value(value)
                if redacted != value:
                    changes[field.name] = redacted
        return dataclasses.replace(event, **changes) if changes else event  # type: ignore[type-var]

    def value(self, value: Any) -> Any:
        """Texts in `value` redacted, through tuples, lists and dicts (a result's dict,
        a transcript).
        """
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, tuple):
            return tuple(self.value(item) for item in value)
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, dict):
            return {key: self.value(item) for key, item in value.items()}
        return value  # a number, a flag: never a secret the site echoed


def journey_redactor(
    persona_secrets: Iterable[str],
    project: Any,
    environ: dict[str, str],
    *,
    url: str = "",
) -> Redactor:
    """The redactor of one journey: its persona's secret facts, the environment values
    the configuration names, and the user information of the target's URL (as written,
    and as the Basic credentials a client makes of it).
    """
    return Redactor(
        (
            *persona_secrets,
            *referenced_secrets(project, environ),
            *userinfo_secrets(url),
        )
    )


_ENV_NAME = re.compile(r"\$\{(\w+)\}")


def referenced_secrets(project: Any, environ: Mapping[str, str]) -> tuple[str, ...]:
    """The values of the environment variables the configuration names (`${NAME}`):
    tokens, passwords.
    """
    names = set()
    tables = [project.settings.sections, *project.settings.profiles.values()]
    tables += [{name: project.settings.section(name)} for name in ("chat", "support")]
    for table in tables:
        names |= {name for text in _strings(table) for name in _ENV_NAME.findall(text)}
    return tuple(environ[name] for name in sorted(names) if environ.get(name))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def userinfo_secrets(url: str) -> tuple[str, ...]:
    try:
        parts = urlsplit(url)
    except ValueError:
        return ()
    if not parts.password:
        return ()
    user, password = unquote(parts.username or ""), unquote(parts.password)
    basic = base64.b64encode(f"{user}:{password}".encode()).decode(
        "ascii"
    )  # what an HTTP client sends for it
    return (password, basic)


def redacted_result(result: T, redactor: object) -> T:
    """A journey's result with every text redacted once more as it is kept: its error,
    frictions' evidence, transcript.
    """
    if not isinstance(redactor, Redactor):
        return result
    kept = redactor.value(result.to_dict())  # type: ignore[attr-defined]
    return result if kept == result.to_dict() else type(result).from_dict(kept)  # type: ignore[attr-defined]


# Marks the elements whose rendered text (or typed value) holds a secret, in one
# evaluation, for a screenshot's mask.
_MARK_SECRET_TEXT = """([plain, digits]) => {
  const marked = [];
  const holds = (text) => {
    if (!text || text.length < 3) return false;
    if (plain.some((s) => text.includes(s))) return true;
    const squeezed = digits.length ? text.replace(/[\\s.\\-]/g, "") : "";
    return digits.some((d) => squeezed.includes(d));
  };
  const mark = (element) => { if (element) { element.setAttribute("data-journeys-secret", ""); marked.push(element); } };
  const root = document.body || document.documentElement;
  if (!root) return 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (holds(node.nodeValue)) mark(node.parentElement);
  }
  for (const field of root.querySelectorAll("input, textarea")) {
    if (holds(field.value)) mark(field);
  }
  return marked.length;
}"""
SECRET_TEXT_CSS = "[data-journeys-secret]"
SECRET_TEXT_DEADLINE_MS = (
    5000  # to mark a screenshot's secrets; past it the fields' own masks still apply
)


def secret_text(page: Any, redactor: object) -> list[Any]:
    """Locators of the elements showing a secret on `page` (an error echoing the card, a
    title with the password).
    """
    if not isinstance(redactor, Redactor) or not redactor.secrets:
        return []
    squeezed = {s: re.sub(r"[\s.\-]", "", s) for s in redactor.secrets}
    digits = [d for d in squeezed.values() if d.isdigit() and len(d) >= CARD_DIGITS]
    plain = [s for s in redactor.secrets if squeezed[s] not in digits]
    from journeys.shopper.web_scripts import (
        run,
    )  # with a deadline: a page busy in its own script, or whose next page never

    # answers, would hold a plain evaluate (and the walk) forever

    try:
        if not run(
            page,
            _MARK_SECRET_TEXT,
            timeout_ms=SECRET_TEXT_DEADLINE_MS,
            arg=[plain, digits],
        ):
            return []
    except Exception:  # noqa: BLE001 - a page closed or navigating: the fields' own masks still apply
        return []
    return [page.locator(SECRET_TEXT_CSS)]


def redact_exception(error: BaseException, redactor: object) -> None:
    """Redact, in place, the message of `error` and of the errors it was raised from,
    before pytest reports them.

    pytest's report (and so Allure's, and the console's) is the exception's text: an
    assertion or a Playwright error that quotes the page ("I never saw "Welcome" on
    http://…?card=4242-…") would carry it.
    """
    if not isinstance(redactor, Redactor):
        return
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        try:
            current.args = tuple(redactor.value(arg) for arg in current.args)
            for name in (
                "_message",
                "message",
                "msg",
            ):  # Playwright's Error, and errors that keep their text aside
                value = current.__dict__.get(name)
                if isinstance(value, str):
                    setattr(current, name, redactor.text(value))
            notes = getattr(current, "__notes__", None)
            if isinstance(notes, list):
                notes[:] = [
                    redactor.text(note) if isinstance(note, str) else note
                    for note in notes
                ]
        except (
            AttributeError,
            TypeError,
        ):  # an exception whose text is fixed: left as it is
            pass
        current = current.__cause__ or current.__context__
