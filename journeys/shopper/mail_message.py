"""One e-mail as a customer's mail program shows it: sender, recipients, subject,
visible text, headline and links.
"""

from __future__ import annotations

import email
import email.parser
import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

from journeys.project.templating import JsonValue

from ..errors import JourneysError


@dataclass(frozen=True)
class Message:
    """An e-mail, parsed: who sent it, to whom, what it says, what it links to, and its
    headers.
    """

    subject: str
    text: str
    sender: str = ""
    reply_to: str = ""
    to: tuple[str, ...] = ()
    html: str = ""
    headline: str = ""
    links: tuple[tuple[str, str], ...] = ()  # (link text, URL)
    headers: tuple[tuple[str, str], ...] = ()
    message_id: str = ""
    in_reply_to: str = ""
    received_at: str = ""
    source: str = ""  # the file or API item it came from, for error messages

    def header(self, name: str) -> str:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), "")

    @property
    def key(self) -> str:
        """What tells one message from another: its Message-ID, else where it came
        from.
        """
        return (
            self.message_id
            or self.source
            or f"{self.sender}|{self.subject}|{self.received_at}"
        )


class MailboxError(JourneysError):
    """A mailbox we cannot read: a missing folder, a file that is not an e-mail, a mail
    catcher that does not answer.
    """


def parse_message(raw: bytes | str, *, source: str = "") -> Message:
    """One RFC 822 message; a text without mail headers is a MailboxError naming
    `source`.
    """
    data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    head = data.lstrip()[:4096].decode("latin-1")
    first = head.split("\n", 1)[0]
    if not re.match(r"^[!-9;-~]+:", first) or not re.search(
        r"(?im)^(from|to|subject|message-id|date):", head
    ):
        raise MailboxError(
            f"{source or 'a message'}: is not an RFC 822 e-mail (no mail headers at the"
            " top)\n  fix: write one message per file, headers first (From:, To:,"
            " Subject:)"
        )
    if len(_MULTIPART.findall(data, 0, MAX_SCANNED_BYTES)) > MAX_MULTIPARTS:
        # Python's parser recurses once a level: 2,000 nested parts end in a
        # RecursionError. Headers only, then.
        parsed = email.parser.BytesParser(policy=email.policy.default).parsebytes(
            data.lstrip(), headersonly=True
        )
        text, html = (
            (
                "(the body of this e-mail was not read: it nests more than"
                f" {MAX_MULTIPARTS} multipart parts)"
            ),
            "",
        )
    else:
        parsed = email.message_from_bytes(data.lstrip(), policy=email.policy.default)
        text, html = _bodies(parsed)
    assert isinstance(parsed, EmailMessage)
    return message_from(
        subject=str(parsed.get("Subject", "")),
        text=text,
        html=html,
        sender=str(parsed.get("From", "")),
        reply_to=str(parsed.get("Reply-To", "")),
        to=_recipients(parsed),
        headers=tuple((k, str(v)) for k, v in parsed.items()),
        message_id=str(parsed.get("Message-ID", "")),
        in_reply_to=str(parsed.get("In-Reply-To", "")),
        received_at=_when(
            parsed.get("X-Journeys-Received-At", "") or parsed.get("Date", "")
        ),
        source=source,
    )


def message_from(
    *,
    subject: str,
    text: str,
    html: str = "",
    sender: str = "",
    reply_to: str = "",
    to: tuple[str, ...] = (),
    headers: tuple[tuple[str, str], ...] = (),
    message_id: str = "",
    in_reply_to: str = "",
    received_at: str = "",
    source: str = "",
) -> Message:
    """A message from its parts (a parsed file, a mail catcher's JSON): the visible
    text, headline and links worked out once.
    """
    shown = _visible(html) if html.strip() else None
    plain = text if text.strip() else (shown.text if shown else "")
    return Message(
        subject=" ".join(subject.split()),
        text=plain.strip(),
        sender=_address(sender),
        reply_to=_address(reply_to) or _address(sender),
        to=tuple(
            dict.fromkeys(a.strip().lower() for _, a in getaddresses(list(to)) if a)
        ),
        html=html,
        headline=(shown.headline if shown and shown.headline else _first_line(plain)),
        links=tuple(shown.links) if shown and shown.links else _plain_links(plain),
        headers=headers,
        message_id=message_id.strip(),
        in_reply_to=in_reply_to.strip(),
        received_at=received_at.strip(),
        source=source,
    )


# Multipart containers in one e-mail before its body is left unread (a newsletter has
# three or four).
MAX_MULTIPARTS = 100
MAX_SCANNED_BYTES = 16 * 1024 * 1024
_MULTIPART = re.compile(rb"(?im)^content-type:[ \t]*multipart/")
# How deep the parts of one e-mail may nest before the rest is left unread: real mail
# nests three or four levels (mixed > alternative > related); 2,000 is an attack on the
# parser's recursion, not a message.
MAX_PART_DEPTH = 30


def _bodies(message: EmailMessage) -> tuple[str, str]:
    if _depth(message) > MAX_PART_DEPTH:
        text_part, html_part = _shallow_bodies(message)
    else:
        text_part = message.get_body(preferencelist=("plain",))
        html_part = message.get_body(preferencelist=("html",))
    text = _content(text_part) if text_part is not None else ""
    html = _content(html_part) if html_part is not None else ""
    return text, html


def _content(part: EmailMessage) -> str:
    """A text part's content; one in a charset Python does not know (MySQL's "utf8mb4")
    is read as UTF-8.
    """
    try:
        return str(part.get_content())
    except (LookupError, UnicodeError, AssertionError, RecursionError):
        payload = part.get_payload(decode=True)
        return (
            payload.decode("utf-8", errors="replace")
            if isinstance(payload, bytes)
            else str(payload or "")
        )


def _depth(message: EmailMessage) -> int:
    """How deep the parts nest, counted without recursion (the deepest branch), stopping
    past the limit.
    """
    deepest, stack = 0, [(message, 1)]
    while stack:
        part, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_PART_DEPTH:
            return deepest
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack.extend((child, depth + 1) for child in payload)
    return deepest


def _shallow_bodies(
    message: EmailMessage,
) -> tuple[EmailMessage | None, EmailMessage | None]:
    """The first plain and HTML parts within MAX_PART_DEPTH, in reading order: what is
    deeper is never read.
    """
    found: dict[str, EmailMessage] = {}
    stack = [(message, 1)]
    while stack and len(found) < 2:
        part, depth = stack.pop()
        if part.is_multipart():
            payload = part.get_payload()
            if depth < MAX_PART_DEPTH and isinstance(payload, list):
                stack.extend((child, depth + 1) for child in reversed(payload))
        elif part.get_content_maintype() == "text" and part.get_content_subtype() in (
            "plain",
            "html",
        ):
            found.setdefault(part.get_content_subtype(), part)
    return found.get("plain"), found.get("html")


def _address(value: object) -> str:
    found = getaddresses([str(value)])
    return found[0][1].strip().lower() if found and found[0][1] else ""


def _recipients(message: EmailMessage) -> tuple[str, ...]:
    values = [
        str(v)
        for name in ("X-Envelope-To", "To", "Cc", "Delivered-To")
        for v in message.get_all(name, [])
    ]
    return tuple(
        dict.fromkeys(
            address.strip().lower() for _, address in getaddresses(values) if address
        )
    )


def _when(value: str) -> str:
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        return value.strip()


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


_URL = re.compile(r"https?://[^\s<>\"')]+")


def _plain_links(text: str) -> tuple[tuple[str, str], ...]:
    """Links in a plain-text e-mail: the words before a URL on its line are its text
    ("Shop the sale: https://…").

    A URL alone on its line is named by the line of words just above it ("To find your
    order, follow this link:" then the URL), as a reader takes it; with no such line, by
    the URL itself.
    """
    links = []
    above = ""  # the last line of words (no URL) before this one, blank lines skipped
    for line in text.splitlines():
        matches = list(_URL.finditer(line))
        for match in matches:
            words = line[: match.start()].strip().rstrip(":-–>").strip()
            if (
                not words
                and match is matches[0]
                and not line[match.end() :].strip(" .,;")
            ):
                words = above.rstrip(":-–>").strip()
            links.append(
                (words or match.group(0).rstrip(".,;"), match.group(0).rstrip(".,;"))
            )
        if line.strip():
            above = "" if matches else line.strip()
    return tuple(links)


_BLOCKS = (
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "li",
    "tr",
    "table",
    "ul",
    "ol",
    "blockquote",
)


class _Visible(HTMLParser):
    """The text a mail program shows of an HTML e-mail, its first heading and its links;
    scripts and styles are not text.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headline = ""
        self.links: list[tuple[str, str]] = []
        self._skip = 0
        self._heading: list[str] | None = None
        self._link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in ("h1", "h2") and not self.headline:
            self._heading = []
        elif tag == "a":
            self._link = (dict(attrs).get("href") or "", [])
        if tag in _BLOCKS or tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("h1", "h2") and self._heading is not None:
            self.headline, self._heading = (
                " ".join("".join(self._heading).split()),
                None,
            )
        elif tag == "a" and self._link is not None:
            href, words = self._link
            if href:
                self.links.append((" ".join("".join(words).split()) or href, href))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.parts.append(data)
        for collecting in (self._heading, self._link[1] if self._link else None):
            if collecting is not None:
                collecting.append(data)

    @property
    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)


def _visible(html: str) -> _Visible:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return parser


def item_text(value: JsonValue) -> str:
    """A JSON value as text: a list of addresses or lines joined, an object's address or
    name picked.
    """
    if isinstance(value, list):
        return ", ".join(item_text(v) for v in value)
    if isinstance(value, dict):
        for key in ("Address", "address", "Mailbox", "email", "Name", "name"):
            if key in value:
                if key == "Mailbox" and "Domain" in value:
                    return f"{value['Mailbox']}@{value['Domain']}"
                return str(value[key])
        return ""
    return "" if value is None else str(value)
