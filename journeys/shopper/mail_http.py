"""The `http` mail adapter: any mail catcher's API (Mailpit, MailHog, maildev),
configured in `[tool.journeys.mail.http]`.

Where the list of messages is, and where each part of one is (recipient, sender,
subject, text, HTML, time), are JSON paths, as in the chat adapter; `message_path`
fetches each message on its own when the list has no bodies (Mailpit). Unit-tested with
`httpx.MockTransport`; end to end against maildev.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urljoin

import httpx

from journeys.project.templating import JsonValue, render_text

from .exchanges import Exchange, JsonPath
from .http_api import ApiClient
from .mail_adapters import SECTION, HttpMailConfig
from .mail_message import MailboxError, Message, item_text, message_from


class HttpMailbox:
    """A mail catcher's API: every message it holds, read through the configured
    paths.
    """

    def __init__(
        self,
        config: HttpMailConfig,
        *,
        base_url: str = "",
        environ: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
        secrets: Callable[[], tuple[str, ...]] = tuple,
        timeout_s: float = 10.0,
    ) -> None:
        self.config = config
        self._api = ApiClient(
            "mail",
            section=f"{SECTION}.http",
            endpoint=config.endpoint,
            headers=config.headers,
            base_url=base_url,
            timeout_s=timeout_s,
            persona_secrets=secrets,
            environ=environ,
            transport=transport,
        )
        self._details: dict[str, JsonValue] = {}

    def __repr__(self) -> str:
        return f"HttpMailbox({self._api.base})"

    def messages(self) -> list[Message]:
        """Every message the catcher lists now, as parsed messages (a catcher that fails
        to answer is a MailboxError).
        """
        outcome = self._api.call("GET", self._api.base)
        if outcome.failed:
            raise MailboxError(
                f"{SECTION}.http.endpoint: the mail catcher did not answer"
                f" ({outcome.failed})\n  fix: start it, or correct the endpoint"
            )
        found = []
        for number, item in enumerate(self.config.list_path.items(outcome.document)):
            ident = item_text(self.config.id_path.first(item)) or str(number)
            document = self._detail(ident) if self.config.message_path else item
            found.append(self._message(document, ident))
        return found

    def _detail(self, ident: str) -> JsonValue:
        if ident not in self._details:
            # "/api/v1/message/{id}" is from the catcher's root, "{id}" beside the list:
            # as a browser resolves a link
            url = urljoin(
                self._api.base, render_text(self.config.message_path, {"id": ident})
            )
            outcome = self._api.call("GET", url)
            if outcome.failed:
                raise MailboxError(
                    f"{SECTION}.http.message_path: message {ident} could not be read"
                    f" ({outcome.failed})"
                )
            self._details[ident] = outcome.document
        return self._details[ident]

    def _message(self, document: JsonValue, ident: str) -> Message:
        config = self.config

        def text_at(path: JsonPath | None) -> str:
            return item_text(path.first(document)) if path is not None else ""

        recipients = [item_text(v) for v in config.to_path.find(document)]
        headers: tuple[tuple[str, str], ...] = ()
        if config.headers_path is not None:
            table = config.headers_path.first(document)
            if isinstance(table, dict):
                headers = tuple((str(k), item_text(v)) for k, v in table.items())
        return message_from(
            subject=text_at(config.subject_path),
            text=text_at(config.text_path),
            html=text_at(config.html_path),
            sender=text_at(config.from_path),
            reply_to=text_at(config.reply_to_path),
            to=tuple(a.strip() for r in recipients for a in r.split(",") if a.strip()),
            headers=headers,
            message_id=text_at(config.message_id_path) or f"<{ident}@mail-catcher>",
            in_reply_to=text_at(config.in_reply_to_path),
            received_at=text_at(config.time_path),
            source=f"{self._api.base} #{ident}",
        )

    def exchanges(self) -> list[Exchange]:
        return self._api.exchanges()

    def close(self) -> None:
        self._api.close()
