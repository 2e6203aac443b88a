"""The support channel: the customer opens a ticket, waits for an agent, and answers
what the agent asks.

A generic adapter for ticket APIs, configured in `[tool.journeys.support]` (see
docs/channels.md): where to create a ticket and with what body, where the ticket's id is
in the answer, where to read its messages and who wrote each, and how to add a reply. It
records `TicketOpened`, `ReplyReceived` and `MessageSent` in the ledger and decides
nothing about effort: an agent who asks again for the order number is judged by the
detectors, not here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx

from journeys.project.templating import (
    JsonValue,
    check_env_references,
    check_placeholders,
    placeholders,
    render,
    render_text,
)

from ..effort import facts_asked
from ..effort.events import MessageSent, ReplyReceived, TicketOpened
from ..effort.facts import FACT_PHRASES
from ..effort.ledger import Ledger
from ..errors import ConfigError, JourneyAbandoned, did_you_mean
from .conversation import Reply
from .exchanges import (
    Exchange,
    JsonPath,
    body_template,
    check_endpoint,
    check_headers,
    check_method,
    check_number,
    check_text,
    check_texts,
    json_path,
    redact,
    url_for,
)
from .http_api import ApiClient, Outcome
from .persona import Persona

SECTION = "tool.journeys.support"
TOP_KEYS = (
    "endpoint",
    "headers",
    "timeout_s",
    "reply_timeout_s",
    "create",
    "read",
    "reply",
    "categories",
)
OPERATION_KEYS = {
    "create": ("method", "path", "body", "id_path"),
    "read": (
        "method",
        "path",
        "messages_path",
        "author_path",
        "text_path",
        "agent_authors",
        "customer_authors",
    ),
    "reply": ("method", "path", "body"),
}
# Besides these, every persona fact ({problem}, {order_number}, a noted
# {customer_number}) and, in a ticket opened "in" a category, {category} and the fields
# of its [categories] table.
CREATE_PLACEHOLDERS = ("subject", "body", "category", *FACT_PHRASES)
REPLY_PLACEHOLDERS = ("text", "id", *FACT_PHRASES)
POLL_FIRST_S = 0.1  # an API, not a page: polling it is what a ticket portal does too
POLL_MAX_S = 2.0


@dataclass(frozen=True)
class SupportConfig:
    """`[tool.journeys.support]`, validated; ${ENV} references stay until the adapter is
    built.
    """

    endpoint: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    timeout_s: float = 10.0
    reply_timeout_s: float = 30.0
    create_method: str = "POST"
    create_path: str = "/tickets"
    create_body: JsonValue = field(
        default_factory=lambda: _template(
            {"subject": "{subject}", "body": "{body}", "email": "{email}"}
        )
    )
    id_path: JsonPath = field(default_factory=lambda: JsonPath.parse("id"))
    read_method: str = "GET"
    read_path: str = "/tickets/{id}"
    messages_path: JsonPath = field(default_factory=lambda: JsonPath.parse("messages"))
    author_path: JsonPath = field(default_factory=lambda: JsonPath.parse("from"))
    text_path: JsonPath = field(default_factory=lambda: JsonPath.parse("text"))
    agent_authors: tuple[str, ...] = ("agent",)
    customer_authors: tuple[str, ...] = ()  # when given, every other author is an agent
    reply_method: str = "POST"
    reply_path: str = "/tickets/{id}/messages"
    reply_body: JsonValue = field(default_factory=lambda: _template({"text": "{text}"}))
    categories: dict[str, dict[str, str]] = field(
        default_factory=dict
    )  # "Billing" -> {"queue": "billing"}


def _template(value: JsonValue) -> JsonValue:
    return value


def support_config(section: Mapping[str, object]) -> SupportConfig:
    """Parse `[tool.journeys.support]` once, all of it; a wrong key or value is a
    ConfigError naming it and the fix.
    """
    _known(SECTION, section, TOP_KEYS)

    def key(name: str) -> str:
        return f"{SECTION}.{name}"

    if "endpoint" not in section:
        raise ConfigError(
            key("endpoint"),
            "is missing: where the ticket API answers",
            'write endpoint = "/api" (relative to the target) or a full URL',
        )
    values: dict[str, object] = {
        "endpoint": check_endpoint(key("endpoint"), section["endpoint"])
    }
    if "headers" in section:
        values["headers"] = check_headers(key("headers"), section["headers"])
    for name in ("timeout_s", "reply_timeout_s"):
        if name in section:
            values[name] = check_number(key(name), section[name])
    categories = _categories(section.get("categories", {}))
    if categories:
        values["categories"] = categories
    fields_of_categories = tuple(
        sorted({name for table in categories.values() for name in table})
    )
    for operation, names in OPERATION_KEYS.items():
        table = section.get(operation, {})
        if not isinstance(table, dict):
            raise ConfigError(
                key(operation),
                "must be a table",
                f"write it as [{SECTION}.{operation}]",
            )
        _known(key(operation), table, names)

        def where(name: str, operation: str = operation) -> str:
            return f"{SECTION}.{operation}.{name}"

        if "method" in table:
            values[f"{operation}_method"] = check_method(
                where("method"), table["method"]
            )
        if "path" in table:
            values[f"{operation}_path"] = check_text(where("path"), table["path"])
        if "body" in table:
            allowed = (
                (*CREATE_PLACEHOLDERS, *fields_of_categories)
                if operation == "create"
                else REPLY_PLACEHOLDERS
            )
            values[f"{operation}_body"] = body_template(
                where("body"), table["body"], allowed
            )
        for name in ("id_path", "messages_path", "author_path", "text_path"):
            if name in table:
                values[name] = json_path(where(name), table[name])
        for name in ("agent_authors", "customer_authors"):
            if name in table:
                # Customer authors may be ${NAME}s: lowered once expanded, as the
                # adapter compares them.
                authors = tuple(
                    v if name == "customer_authors" else v.lower()
                    for v in check_texts(where(name), table[name])
                )
                for author in authors:
                    check_env_references(where(name), author)
                values[name] = authors
    config = SupportConfig(**values)  # type: ignore[arg-type]  # each value was checked above
    for operation, path in (
        ("create", config.create_path),
        ("read", config.read_path),
        ("reply", config.reply_path),
    ):
        check_placeholders(
            f"{SECTION}.{operation}.path",
            path,
            (("id",) if operation != "create" else ()) + tuple(FACT_PHRASES),
        )
    for name, value in config.headers.items():
        check_placeholders(f"{SECTION}.headers.{name}", value, FACT_PHRASES)
    return config


def _categories(table: object) -> dict[str, dict[str, str]]:
    """`[support.categories]`: the words a journey says ("Billing") -> the ticket fields
    they mean ({queue = "billing"}).
    """
    where = f"{SECTION}.categories"
    if not isinstance(table, dict):
        raise ConfigError(
            where,
            "must be a table",
            f'write [{where}] Billing = {{ queue = "billing" }}',
        )
    categories: dict[str, dict[str, str]] = {}
    for name, fields_ in table.items():
        if not isinstance(fields_, dict) or not all(
            isinstance(v, (str, int)) for v in fields_.values()
        ):
            raise ConfigError(
                f"{where}.{name}",
                "must be a table of ticket fields",
                f'write {name} = {{ queue = "{name.lower()}" }}',
            )
        clash = [
            f
            for f in fields_
            if f in ("subject", "body", "category") or f in FACT_PHRASES
        ]
        if clash:
            raise ConfigError(
                f"{where}.{name}.{clash[0]}",
                "is a placeholder journeys fills itself",
                "name the field otherwise, e.g. queue or type",
            )
        categories[name] = {k: str(v) for k, v in fields_.items()}
    return categories


def _known(where: str, table: Mapping[str, object], names: tuple[str, ...]) -> None:
    for name in table:
        if name not in names:
            raise ConfigError(
                f"{where}.{name}", "is not a support setting", did_you_mean(name, names)
            )


# -- the adapter -----------------------------------------------------------------------


class HttpSupport:
    """A ticket API, configured in `[tool.journeys.support]`."""

    channel = "support"

    def __init__(
        self,
        config: SupportConfig,
        *,
        base_url: str,
        ledger: Ledger,
        persona: Persona,
        transport: httpx.BaseTransport | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self.ledger = ledger
        self.persona = persona
        self._api = ApiClient(
            "support",
            section=SECTION,
            endpoint=config.endpoint,
            headers=config.headers,
            base_url=base_url,
            timeout_s=config.timeout_s,
            persona_secrets=self._secrets,
            environ=environ,
            transport=transport,
            also_from_environment=config.customer_authors,
        )
        self._customer_authors = tuple(
            self._api.expand(a, "read.customer_authors").lower()
            for a in config.customer_authors
        )
        self._clock = clock
        self._sleep = sleep
        self.ticket_id = ""
        self._tried = False  # a ticket was attempted (it may have failed to open)
        self._agent_seen = 0
        self._waiting_since = clock()
        self._last_agent_text = ""

    def __repr__(self) -> str:
        return f"HttpSupport({self.ticket_id or 'no ticket'})"

    # -- actions -----------------------------------------------------------------------

    def open_ticket_about(self, subject: str, category: str | None = None) -> str:
        """Open a ticket as a customer writes one: the subject as its opening; the
        problem only where the template asks.
        """
        opening = subject.strip()
        if opening and opening[-1] not in ".?!":
            opening += "."
        return self.open_ticket(subject, opening, category=category)

    def open_ticket(
        self, subject: str, body: str, *, category: str | None = None
    ) -> str:
        """Create the ticket (persona facts filled in); return its id, "" when the API
        would not take it.
        """
        subject_text, subject_facts = self.persona.expand(subject)
        body_text, body_facts = self.persona.expand(body)
        facts = [*subject_facts, *body_facts]
        used = placeholders(
            [
                self.config.create_body,
                self.config.create_path,
                list(self.config.headers.values()),
            ]
        )
        # What the template asks for ({email}, {problem}, {order_number}) the customer
        # gives, as a form would have them.
        facts += [
            fact
            for fact in sorted(used)
            if fact in FACT_PHRASES and self.persona.facts.get(fact)
        ]
        values: dict[str, JsonValue] = {
            **self.persona.values(),
            **self._category(category),
            "subject": subject_text,
            "body": body_text,
        }
        self._tried = True
        outcome = self._call(
            self.config.create_method,
            self.config.create_path,
            render(self.config.create_body, values),
        )
        ticket_id = ""
        failed = outcome.failed
        if not failed:
            found = self.config.id_path.first(outcome.document)
            if found in (None, ""):
                failed = (
                    f"the ticket API's answer has no id at {self.config.id_path.text!r}"
                )
            else:
                ticket_id = str(found)
        self.ticket_id = ticket_id
        secrets = self._secrets()
        self.ledger.record(
            TicketOpened(
                subject=redact(subject_text, secrets),
                text=redact(body_text, secrets),
                ticket_id=ticket_id,
                facts=tuple(dict.fromkeys(facts)),
            )
        )
        self._waiting_since = self._clock()
        if failed:
            self.ledger.record(
                ReplyReceived(
                    channel="support",
                    text="",
                    by="system",
                    latency_ms=outcome.latency_ms,
                    failed=f"could not open the ticket: {failed}",
                )
            )
        return ticket_id

    def _category(self, category: str | None) -> dict[str, JsonValue]:
        categories = self.config.categories
        if (
            category is None
        ):  # no category said: its fields are empty, as a form's unchosen list
            return {
                "category": "",
                **{name: "" for fields_ in categories.values() for name in fields_},
            }
        found = next(
            (name for name in categories if name.lower() == category.strip().lower()),
            None,
        )
        if found is None:
            known = ", ".join(f'"{name}"' for name in categories) or "none yet"
            raise ConfigError(
                f"{SECTION}.categories",
                f'has no category "{category}" (known: {known})',
                f"add it: [{SECTION}.categories]"
                f" {category.split()[0] if category.split() else 'Billing'} = {{ queue"
                ' = "..." }',
            )
        return {"category": found, **categories[found]}

    def wait_for_reply(self, timeout_s: float | None = None) -> Reply:
        """Poll the ticket until an agent answers (or `timeout_s` passes); record the
        answer, or that none came.
        """
        timeout_s = self.config.reply_timeout_s if timeout_s is None else timeout_s
        if not self._tried:
            raise JourneyAbandoned(
                "there is no ticket to wait on: open a support ticket first"
            )
        if not self.ticket_id:
            return self._no_reply(0.0, "no ticket to answer: it never opened")
        deadline = self._waiting_since + timeout_s
        delay = POLL_FIRST_S
        last_problem = ""
        while True:
            outcome = self._call(self.config.read_method, self.config.read_path, None)
            if outcome.failed:
                last_problem = outcome.failed
            else:
                new = self._agent_messages(outcome.document)[self._agent_seen :]
                if new:
                    self._agent_seen += len(new)
                    return self._heard(new)
            remaining = deadline - self._clock()
            if remaining <= 0:
                latency_ms = round((self._clock() - self._waiting_since) * 1000, 1)
                why = f"no agent reply within {timeout_s:g} s" + (
                    f" (last try: {last_problem})" if last_problem else ""
                )
                return self._no_reply(latency_ms, why)
            self._sleep(min(delay, remaining))
            delay = min(delay * 2, POLL_MAX_S)

    def reply(self, text: str) -> None:
        """Add the customer's reply to the ticket (persona facts filled in)."""
        expanded, facts = self.persona.expand(text)
        self._send(expanded, facts)

    def answer_agent(self) -> tuple[str, ...]:
        """Give what the agent's last message asked for (the persona's facts); return
        the facts given.
        """
        if not self._last_agent_text:
            raise JourneyAbandoned("the agent has not said anything I could answer")
        asked = facts_asked(self._last_agent_text)
        given = [
            fact
            for fact in asked
            if not self.persona.is_secret(fact) and self.persona.facts.get(fact)
        ]
        refused = [fact for fact in asked if self.persona.is_secret(fact)]
        sentences = [
            f"My {FACT_PHRASES[fact][0]} is {self.persona.facts[fact]}."
            for fact in given
            if fact != "problem"
        ]
        if "problem" in given:
            sentences.append(f"The problem: {self.persona.facts['problem']}.")
        sentences += [
            f"I'd rather not share my {FACT_PHRASES[fact][0]} here." for fact in refused
        ]
        self._send(" ".join(sentences) or "Thank you.", tuple(given))
        return tuple(given)

    def exchanges(self) -> list[Exchange]:
        """Every HTTP exchange with the ticket API, secrets redacted (attached to the
        report).
        """
        return self._api.exchanges()

    def close(self) -> None:
        self._api.close()

    # -- plumbing ----------------------------------------------------------------------

    def _send(self, text: str, facts: tuple[str, ...]) -> None:
        self.ledger.record(
            MessageSent(
                channel="support", text=redact(text, self._secrets()), facts=facts
            )
        )
        self._waiting_since = self._clock()
        if not self.ticket_id:
            self.ledger.record(
                ReplyReceived(
                    channel="support",
                    text="",
                    by="system",
                    failed="there is no open ticket to reply to",
                )
            )
            return
        values: dict[str, JsonValue] = {
            **self.persona.values(),
            "text": text,
            "id": self.ticket_id,
        }
        outcome = self._call(
            self.config.reply_method,
            self.config.reply_path,
            render(self.config.reply_body, values),
        )
        if outcome.failed:
            self.ledger.record(
                ReplyReceived(
                    channel="support",
                    text="",
                    by="system",
                    latency_ms=outcome.latency_ms,
                    failed=f"my reply was not taken: {outcome.failed}",
                )
            )

    def _call(self, method: str, path: str, body: JsonValue) -> Outcome:
        values = {
            name: quote(value, safe="")
            for name, value in {**self.persona.values(), "id": self.ticket_id}.items()
        }
        outcome = self._api.call(
            method,
            url_for(self._api.base, render_text(path, values)),
            body=body,
            values=self.persona.values(),
        )
        if outcome.status in (401, 403):
            # Our credentials, not the customer's effort: a setup mistake to fix before
            # walking.
            raise ConfigError(
                f"{SECTION}.headers",
                f"the ticket API refused our credentials (HTTP {outcome.status} from"
                f" {method} {path})",
                "check the token the headers name, e.g. export"
                " JOURNEYS_SUPPORT_TOKEN=...",
            )
        return outcome

    def _agent_messages(self, document: JsonValue) -> list[tuple[str, str]]:
        """The agents' messages on the ticket, in order, each with its author as the API
        names them.
        """
        found = []
        for item in self.config.messages_path.items(document):
            author = self.config.author_path.first(item, "")
            text = self.config.text_path.first(item)
            if text is None or not str(text).strip():
                continue
            name = "" if author is None else str(author)
            is_agent = (
                name.lower() not in self._customer_authors
                if self._customer_authors
                else name.lower() in self.config.agent_authors
            )
            if is_agent:
                found.append((str(text), name))
        return found

    def _heard(self, messages: list[tuple[str, str]]) -> Reply:
        """Record the agents' new messages, one reply per author in turn (a second agent
        is a transfer); return them as one.
        """
        latency_ms = round((self._clock() - self._waiting_since) * 1000, 1)
        groups: list[tuple[str, list[str]]] = []
        for text, author in messages:
            if groups and groups[-1][0] == author:
                groups[-1][1].append(text)
            else:
                groups.append((author, [text]))
        for index, (author, texts) in enumerate(groups):
            self.ledger.record(
                ReplyReceived(
                    channel="support",
                    text=redact("\n".join(texts), self._secrets()),
                    by="agent",
                    author=author,
                    latency_ms=latency_ms if index == 0 else 0.0,
                )
            )
        text = "\n".join(text for text, _ in messages)
        self._last_agent_text = text
        return Reply(text=text, by="agent", latency_ms=latency_ms, author=groups[-1][0])

    def _no_reply(self, latency_ms: float, why: str) -> Reply:
        self.ledger.record(
            ReplyReceived(
                channel="support",
                text="",
                by="agent",
                latency_ms=latency_ms,
                failed=why,
            )
        )
        return Reply(text="", by="agent", latency_ms=latency_ms, failed=why)

    def _secrets(self) -> tuple[str, ...]:
        return self.persona.secrets()


def build_support(
    config: SupportConfig,
    *,
    base_url: str,
    ledger: Ledger,
    persona: Persona,
    environ: Mapping[str, str] | None = None,
) -> HttpSupport:
    """The support ability `config` describes; `environ` holds the variables `${NAME}`
    may name.
    """
    return HttpSupport(
        config, base_url=base_url, ledger=ledger, persona=persona, environ=environ
    )


__all__ = ["HttpSupport", "SupportConfig", "build_support", "support_config"]
