"""The HTTP side of a call: one document fetched as the voice platform asks for it, or
why it could not be.

Twilio posts its parameters as a form (or sends them in the query of a GET); a VoiceXML
`<submit>` sends its namelist the same way. Every exchange is recorded by a
`RecordingTransport`, secrets redacted; an error status, a timeout or an answer that is
not the configured format comes back as one line, never as an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from urllib.parse import urlsplit

import httpx

from .exchanges import Exchange, RecordingTransport
from .phone_document import Document, NotAPhoneDocument
from .phone_twiml import read_twiml
from .phone_voicexml import read_voicexml


class LineClient:
    """Fetches a line's documents with its headers; `transport` is a MockTransport in
    unit tests.
    """

    def __init__(
        self,
        secrets: Callable[[], Iterable[str]],
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._recorder = RecordingTransport("phone", secrets, transport)
        self._client = httpx.Client(transport=self._recorder, follow_redirects=True)
        self.headers: dict[str, str] = {}

    def fetch(
        self,
        adapter: str,
        method: str,
        url: str,
        params: Mapping[str, str],
        *,
        timeout_s: float,
    ) -> tuple[Document | None, str]:
        """(the document, "") or (None, why there is none, in one line)."""
        path = urlsplit(url).path or "/"
        try:
            if method == "GET":
                request = self._client.build_request(
                    "GET",
                    url,
                    params=dict(params),
                    headers=self.headers,
                    timeout=timeout_s,
                )
            else:
                request = self._client.build_request(
                    method,
                    url,
                    data=dict(params),
                    headers=self.headers,
                    timeout=timeout_s,
                )
            response = self._client.send(request)
        except httpx.HTTPError as error:
            return (
                None,
                f"the line did not answer {method} {path}: {type(error).__name__}"
                + (f" ({error})" if str(error) else ""),
            )
        if response.status_code >= 400:
            return None, f"HTTP {response.status_code} from {method} {path}"
        reader = read_twiml if adapter == "twiml" else read_voicexml
        try:
            return reader(response.text), ""
        except NotAPhoneDocument as error:
            return None, f"{method} {path}: {error}"

    def exchanges(self) -> list[Exchange]:
        return self._recorder.exchanges()

    def close(self) -> None:
        self._client.close()


__all__ = ["LineClient"]
