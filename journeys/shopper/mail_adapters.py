"""Where the company's e-mail lands: a folder of RFC 822 messages, the SMTP sink that
fills one, or a mail-catcher API.

`[tool.journeys.mail]` picks the adapter (see docs/channels.md):

- `smtp`: journeys starts a real SMTP server (aiosmtpd) on loopback for the walk; it
  writes each message it is given as one RFC 822 file into the run's folder, and the
  journeys read that folder (one sink for every xdist worker).
- `folder`: a directory the site writes to, one message per file, or Django's file
  e-mail backend's `.log` files (messages separated by a line of 79 dashes).
- `http`: any mail catcher's API (Mailpit, MailHog, maildev), configured, not coded.

These adapters only read and parse mail; the mail ability (`journeys.shopper.mail`)
records what the customer received, and the detectors decide what it cost them.
"""

from __future__ import annotations

import itertools
import os
import re
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError, JourneysError, did_you_mean
from .exchanges import (
    JsonPath,
    check_endpoint,
    check_headers,
    check_number,
    check_text,
    check_texts,
    json_path,
)
from .mail_message import MailboxError, Message, parse_message

SECTION = "tool.journeys.mail"
ADAPTERS = ("smtp", "folder", "http")
TOP_KEYS = (
    "adapter",
    "host",
    "port",
    "folder",
    "timeout_s",
    "reply_timeout_s",
    "reply_host",
    "reply_port",
    "promotional_headers",
    "offer_words",
    "settle_s",
    "http",
)
HTTP_KEYS = (
    "endpoint",
    "headers",
    "list_path",
    "message_path",
    "id_path",
    "to_path",
    "from_path",
    "reply_to_path",
    "subject_path",
    "text_path",
    "html_path",
    "time_path",
    "message_id_path",
    "in_reply_to_path",
    "headers_path",
)
# A line of 79 dashes: how Django's file e-mail backend separates the messages of one
# .log file.
DJANGO_SEPARATOR = "-" * 79


@dataclass(frozen=True)
class WalkInbox:
    """Where this walk's SMTP sink keeps what it receives, and the address ("host:port")
    replies go through.
    """

    folder: Path
    address: str


# The standard marks of bulk and marketing mail (RFC 2369 List-* headers, Precedence,
# campaign tools' own).
DEFAULT_PROMOTIONAL_HEADERS = (
    "List-Unsubscribe",
    "Precedence: bulk",
    "Precedence: list",
    "X-Campaign",
    "X-Mailchimp-Campaign",
)
DEFAULT_OFFER_WORDS = (
    "% off",
    "sale",
    "discount",
    "special offer",
    "voucher",
    "coupon",
    "promo code",
    "we miss you",
)


@dataclass(frozen=True)
class HttpMailConfig:
    """`[tool.journeys.mail.http]`: where a mail catcher lists messages and where each
    part of one is.
    """

    endpoint: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    list_path: JsonPath = field(default_factory=lambda: JsonPath.parse("messages"))
    message_path: str = (
        ""  # a URL per message ("/api/v1/message/{id}") when the list has no bodies
    )
    id_path: JsonPath = field(default_factory=lambda: JsonPath.parse("id"))
    to_path: JsonPath = field(default_factory=lambda: JsonPath.parse("to[*].address"))
    from_path: JsonPath = field(
        default_factory=lambda: JsonPath.parse("from[0].address")
    )
    reply_to_path: JsonPath | None = None
    subject_path: JsonPath = field(default_factory=lambda: JsonPath.parse("subject"))
    text_path: JsonPath = field(default_factory=lambda: JsonPath.parse("text"))
    html_path: JsonPath | None = None
    time_path: JsonPath | None = None
    message_id_path: JsonPath | None = None
    in_reply_to_path: JsonPath | None = None
    headers_path: JsonPath | None = (
        None  # an object of header name -> value (or list of values)
    )


@dataclass(frozen=True)
class MailConfig:
    """`[tool.journeys.mail]`, validated."""

    adapter: str = "smtp"
    host: str = "127.0.0.1"  # the sink's address (smtp)
    port: int = 0  # 0: any free port, shown in the walk's banner
    folder: str = ""  # the folder adapter's directory
    timeout_s: float = 10.0  # how long the customer waits for an e-mail
    reply_timeout_s: float = 10.0  # how long they wait for an answer to their reply
    # the SMTP server replies are sent through ("": the sink, with the smtp adapter)
    reply_host: str = ""
    reply_port: int = 25
    promotional_headers: tuple[str, ...] = DEFAULT_PROMOTIONAL_HEADERS
    offer_words: tuple[str, ...] = DEFAULT_OFFER_WORDS
    # At a journey's end, how long the inbox must have been quiet since its last e-mail
    # before the journey is judged (0: not waited for). A promotion queued a second
    # after a confirmation is still this journey's mail.
    settle_s: float = 3.0
    http: HttpMailConfig | None = None


def mail_config(section: Mapping[str, object]) -> MailConfig:
    """Parse `[tool.journeys.mail]`; a wrong key or value is a ConfigError naming it and
    the fix.
    """
    _known(SECTION, section, TOP_KEYS)
    values: dict[str, object] = {}
    adapter = section.get("adapter", "smtp")
    if adapter not in ADAPTERS:
        raise ConfigError(
            f"{SECTION}.adapter",
            f"{adapter!r} is not a mail adapter",
            f"use one of: {', '.join(ADAPTERS)}",
        )
    values["adapter"] = adapter
    for name in ("host", "folder", "reply_host"):
        if name in section:
            values[name] = check_text(f"{SECTION}.{name}", section[name])
    for name in ("port", "reply_port"):
        if name in section:
            port = section[name]
            if (
                isinstance(port, bool)
                or not isinstance(port, int)
                or not 0 <= port <= 65535
            ):
                raise ConfigError(
                    f"{SECTION}.{name}",
                    f"must be a port number from 0 to 65535, not {port!r}",
                    f"write {name} = 2525 (0: any free port)",
                )
            values[name] = port
    for name in ("timeout_s", "reply_timeout_s"):
        if name in section:
            values[name] = check_number(f"{SECTION}.{name}", section[name])
    if "settle_s" in section:
        settle = section["settle_s"]
        if (
            isinstance(settle, bool)
            or not isinstance(settle, (int, float))
            or settle < 0
        ):
            raise ConfigError(
                f"{SECTION}.settle_s",
                f"must be a number of seconds, 0 or more, not {settle!r}",
                "write settle_s = 3 (0: do not wait)",
            )
        values["settle_s"] = float(settle)
    for name in ("promotional_headers", "offer_words"):
        if name in section:
            values[name] = check_texts(f"{SECTION}.{name}", section[name])
    if adapter == "folder" and not values.get("folder"):
        raise ConfigError(
            f"{SECTION}.folder",
            "is missing: the folder adapter reads messages from a directory",
            'write folder = "var/mail"',
        )
    if adapter == "http":
        values["http"] = _http_config(section.get("http"))
    return MailConfig(**values)  # type: ignore[arg-type]  # each value was checked above


def _http_config(table: object) -> HttpMailConfig:
    where = f"{SECTION}.http"
    if not isinstance(table, dict):
        raise ConfigError(
            where,
            "is missing: the http adapter needs the mail catcher's API",
            f'write [{where}] endpoint = "http://127.0.0.1:8025/api/v2/messages"',
        )
    _known(where, table, HTTP_KEYS)
    if "endpoint" not in table:
        raise ConfigError(
            f"{where}.endpoint",
            "is missing: where the mail catcher lists its messages",
            'write endpoint = "http://127.0.0.1:1080/email"',
        )
    values: dict[str, object] = {
        "endpoint": check_endpoint(f"{where}.endpoint", table["endpoint"])
    }
    if "headers" in table:
        values["headers"] = check_headers(f"{where}.headers", table["headers"])
    if "message_path" in table:
        values["message_path"] = check_text(
            f"{where}.message_path", table["message_path"]
        )
    for name in HTTP_KEYS[2:]:
        if name.endswith("_path") and name != "message_path" and name in table:
            values[name] = json_path(f"{where}.{name}", table[name])
    return HttpMailConfig(**values)  # type: ignore[arg-type]


def _known(where: str, table: Mapping[str, object], names: tuple[str, ...]) -> None:
    for name in table:
        if name not in names:
            raise ConfigError(
                f"{where}.{name}", "is not a mail setting", did_you_mean(name, names)
            )


# -- the folder adapter ----------------------------------------------------------------


def check_folder(path: Path, *, key: str = f"{SECTION}.folder") -> Path:
    if not path.is_dir():
        raise ConfigError(
            key,
            f"{path} is not a folder",
            "create it, or point folder at where the site writes its e-mail",
        )
    return path


def read_folder(
    folder: Path, cache: dict[tuple[str, int, int], list[Message]] | None = None
) -> list[Message]:
    """Every message in `folder`, oldest file first; `cache` keeps files already parsed
    (by name, size and time) between polls.
    """
    if not folder.is_dir():
        raise MailboxError(
            f"{folder}: the mail folder does not exist\n  fix: create it, or point"
            " [tool.journeys.mail] folder at where the site writes e-mail"
        )
    messages: list[Message] = []
    entries = []
    for path in folder.iterdir():
        if path.name.startswith("."):
            continue  # the sink's files being written, and hidden files
        try:
            info = path.stat()
        except FileNotFoundError:  # removed between listing and reading
            continue
        if path.is_file():
            entries.append((info.st_mtime_ns, path.name, path, info.st_size))
    for mtime, name, path, size in sorted(entries):
        key = (
            name,
            size,
            mtime,
        )  # a Django .log grows as messages are appended: read again when it did
        if cache is not None and key in cache:
            messages.extend(cache[key])
            continue
        found = _messages_in(path)
        if cache is not None:
            cache[key] = found
        messages.extend(found)
    return messages


def _messages_in(path: Path) -> list[Message]:
    raw = path.read_bytes()
    chunks = (
        re.split(rb"(?m)^-{79}\r?\n?$", raw)
        if DJANGO_SEPARATOR.encode() in raw
        else [raw]
    )
    out = []
    for number, chunk in enumerate(c for c in chunks if c.strip()):
        source = f"{path}" if len(chunks) == 1 else f"{path} (message {number + 1})"
        out.append(parse_message(chunk, source=source))
    return out


# -- the SMTP sink ---------------------------------------------------------------------


class _FolderWriter:
    """aiosmtpd handler: each message becomes one file, written whole before it is
    visible (a rename).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._numbers = itertools.count(1)

    async def handle_DATA(
        self, server: object, session: object, envelope: object
    ) -> str:  # noqa: N802 - aiosmtpd's name
        content = getattr(envelope, "original_content", None) or getattr(
            envelope, "content", b""
        )
        if isinstance(content, str):
            content = content.encode("utf-8")
        recipients = ", ".join(getattr(envelope, "rcpt_tos", []))
        stamp = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime())
        added = (
            f"X-Envelope-To: {recipients}\r\nX-Journeys-Received-At: {stamp}\r\n"
        ).encode()
        name = f"{time.time_ns()}-{os.getpid()}-{next(self._numbers):05d}.eml"
        temporary = self.folder / f".{name}.tmp"
        temporary.write_bytes(added + content)
        os.replace(temporary, self.folder / name)
        return "250 Message accepted for delivery"


# the process whose sink writes the folder: a folder whose process is gone is swept
OWNER_FILE = ".walk-pid"


def sweep_raw_mail(walks: Path) -> None:
    """Remove the raw mail of walks that ended without removing it (killed outright):
    `walks` is reports/.walk.
    """
    import shutil

    for folder in walks.glob("*/mail"):
        try:
            pid = int((folder / OWNER_FILE).read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            pid = 0  # a walk of an older journeys, long over
        if pid and pid != os.getpid() and _alive(pid):
            continue  # a walk beside this one: its mail is its own
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process, alive
    return True


class SmtpSink:
    """A real SMTP server on loopback that keeps every message it receives as a file in
    `folder`; a context manager.
    """

    def __init__(self, folder: Path, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.folder = Path(folder)
        self.host, self.port = host, port
        self._controller: object | None = None

    def __repr__(self) -> str:
        return f"SmtpSink({self.address}, folder={str(self.folder)!r})"

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self) -> SmtpSink:
        from aiosmtpd.controller import Controller

        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / OWNER_FILE).write_text(str(os.getpid()), encoding="utf-8")
        sock = socket.socket(
            socket.AF_INET6 if ":" in self.host else socket.AF_INET, socket.SOCK_STREAM
        )
        # A fixed port is free again the moment the last walk's sink closed, not after
        # its sockets' TIME_WAIT (60 s).
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError as error:
            sock.close()
            raise JourneysError(
                f"config: {SECTION}.port: cannot start the SMTP sink on"
                f" {self.host}:{self.port} ({error.strerror or error})\n  fix: choose a"
                " free port, or port = 0 for any free one"
            ) from None
        self.port = sock.getsockname()[1]

        class _BoundController(Controller):
            def _create_server(
                inner,
            ):  # noqa: N805 - the pre-bound socket: port 0 works, and a taken port was caught above
                return inner.loop.create_server(inner._factory_invoker, sock=sock)

        controller = _BoundController(
            _FolderWriter(self.folder), hostname=self.host, port=self.port
        )
        controller.start()
        self._controller = controller
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()  # type: ignore[attr-defined]
            self._controller = None

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def parse_address(text: str, *, key: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(
            key, f"{text!r} is not host:port", "write it like 127.0.0.1:2525"
        )
    return host.strip("[]"), int(port)


def mail_counts(folder: Path, addresses: set[str]) -> tuple[dict[str, int], int]:
    """Messages the company sent each of `addresses`, and how many were for no known
    persona (ignored, and counted).

    The customers' own replies (sent from a known address) are neither.
    """
    try:
        messages = read_folder(folder)
    except JourneysError:
        return {}, 0
    wanted = {a.lower() for a in addresses if a}
    received = dict.fromkeys(sorted(wanted), 0)
    ignored = 0
    for message in messages:
        if message.sender in wanted:
            continue
        mine = set(message.to) & wanted
        ignored += not mine
        for address in mine:
            received[address] += 1
    return received, ignored
