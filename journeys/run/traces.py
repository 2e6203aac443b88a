"""Playwright traces kept on failure hold what the customer typed: card number, security
code, password, and the headers carrying a configured secret. Each kept archive is
rewritten with every such value replaced.

A trace records fill values (action parameters), request bodies (resources) and DOM
snapshots (input values), so a value can appear raw, URL-encoded, JSON- or HTML-escaped,
or as a card's digits without spaces: every form is replaced by "[redacted]". The
archive stays a valid zip the trace viewer opens.

`TraceRedactor` is a plugin of the journeys hooks: it hears each journey's persona, and
after each test's teardown (when pytest-playwright has written the trace) it rewrites
that test's archives.
"""

from __future__ import annotations

import glob
import html
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus

import pytest

from journeys.run import redaction

if TYPE_CHECKING:
    from journeys.run.journey import Journey

REDACTED = b"[redacted]"
MIN_SECRET_CHARS = (
    3  # replacing "1" would garble every file and hide nothing worth hiding
)
_ENV_NAME = re.compile(r"\$\{(\w+)\}")


def secret_forms(secret: str) -> set[bytes]:
    """Every way `secret` may be written in a trace: raw, URL-encoded, JSON- and
    HTML-escaped, digits alone.
    """
    forms = {
        secret,
        quote(secret, safe=""),
        quote_plus(secret),
        json.dumps(secret)[1:-1],
        html.escape(secret),
    }
    digits = re.sub(r"[\s-]", "", secret)
    if (
        digits != secret and digits.isdigit()
    ):  # a card number typed or sent without its spaces
        forms.add(digits)
    return {form.encode("utf-8") for form in forms if len(form) >= MIN_SECRET_CHARS}


def _pattern(secrets: Iterable[str]) -> re.Pattern[bytes] | None:
    """Every written form of every secret (journeys.run.redaction: a card with spaces,
    dashes or none, a password URL-encoded or escaped), and the user information of
    URLs.

    A secret of digits alone (a security code) is replaced only where no digit or
    decimal point touches it: "123" in a value, never inside a coordinate such as
    231.1234 (which would break the trace viewer's JSON and say nothing of the secret).
    """
    forms = [
        form.encode("utf-8")
        for secret in secrets
        for form in redaction.secret_forms(secret)
    ]
    return re.compile(b"|".join([_USERINFO, *forms]))


# `scheme://user:password@` (a target given as http://user:pass@host): the part before
# "@" goes.
_USERINFO = rb"(?P<userinfo>(?<=://)[^/\s@?#\"'<>]+(?=@))"
_USERINFO_REPLACEMENT = b"redacted"


def redact_bytes(data: bytes, secrets: Iterable[str]) -> bytes:
    pattern = _pattern(secrets)
    return pattern.sub(_replacement, data) if pattern else data


def _replacement(match: re.Match[bytes]) -> bytes:
    # A URL's user information becomes "redacted" without brackets:
    # "http://[redacted]@host" is not a URL.
    return _USERINFO_REPLACEMENT if match.group("userinfo") is not None else REDACTED


def _redact_member(name: str, data: bytes, pattern: re.Pattern[bytes]) -> bytes:
    """A trace's event files are JSON lines: their strings are redacted and each line
    stays JSON the viewer reads.
    """
    if not name.endswith((".trace", ".network")):
        return pattern.sub(_replacement, data)
    return b"\n".join(_redact_json_line(line, pattern) for line in data.split(b"\n"))


def _redact_json_line(line: bytes, pattern: re.Pattern[bytes]) -> bytes:
    if not pattern.search(line):
        return line
    try:
        event = json.loads(line)
    except ValueError:
        return pattern.sub(_replacement, line)
    return json.dumps(
        _redact_strings(event, pattern), ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def _redact_strings(value: Any, pattern: re.Pattern[bytes]) -> Any:
    if isinstance(value, str):
        return pattern.sub(_replacement, value.encode("utf-8")).decode(
            "utf-8", errors="replace"
        )
    if isinstance(value, list):
        return [_redact_strings(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _redact_strings(item, pattern) for key, item in value.items()}
    # a number is a coordinate, a size or a time: never a secret the customer typed
    return value


def redact_archive(path: Path, secrets: Iterable[str]) -> bool:
    """Rewrite the zip at `path` with every secret replaced; True when something was
    replaced.
    """
    pattern = _pattern(s for s in secrets if s and len(s) >= MIN_SECRET_CHARS)
    if pattern is None:
        return False
    changed = False
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".zip")
    os.close(handle)
    try:
        with (
            zipfile.ZipFile(path) as source,
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for member in source.infolist():
                data = source.read(member)
                redacted = _redact_member(member.filename, data, pattern)
                changed = changed or redacted != data
                target.writestr(member, redacted)
        os.replace(
            temporary, path
        )  # all or nothing: a reader never sees half an archive
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return changed


referenced_secrets = (
    redaction.referenced_secrets
)  # the configuration's `${NAME}` values: kept in the leaf module


def persona_secrets(journey: Journey) -> tuple[str, ...]:
    return (
        journey.shopper.persona.secrets()
    )  # its card, password, bank details, and facts read from the environment


class TraceRedactor:
    """Rewrites the traces kept under `--output` (journeys' `traces`, or
    pytest-playwright's `--tracing`) without the walk's secrets.
    """

    def __init__(self, output_dir: Path, secrets: Iterable[str] = ()) -> None:
        self.output_dir = Path(output_dir)
        self.secrets = set(secrets)  # the configuration's, for every journey

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_teardown(
        self, item: pytest.Item, nextitem: pytest.Item | None
    ) -> Iterator[None]:
        try:
            return (yield)
        finally:  # the context fixture has closed and saved its trace by now
            from journeys.run.keys import JOURNEY_KEY

            journey = item.stash.get(JOURNEY_KEY, None)
            if journey is not None:  # this journey's persona: its card, its password
                self.secrets.update(persona_secrets(journey))
            self.redact_kept(item)

    def redact_kept(self, item: pytest.Item) -> None:
        """This test's archives only: under xdist another worker may be writing its own
        right now.
        """
        from slugify import (
            # pytest-playwright names a test's artifact folder by this slug (+
            # "-retryN")
            slugify,
        )

        slug = slugify(item.nodeid)
        for archive in sorted(
            self.output_dir.glob(f"{glob.escape(slug[:100])}*/*.zip")
        ):
            redact_archive(archive, self.secrets)


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Loaded as `-p journeys.run.traces` (in every xdist worker too): redact where
    pytest-playwright keeps traces.
    """
    from journeys.run.keys import PROJECT_KEY, TARGET_KEY

    project = config.stash.get(PROJECT_KEY, None)
    output = config.getoption("output", None)
    if (
        project is None
        or not output
        or config.pluginmanager.has_plugin("journeys-traces")
    ):
        return
    target = config.stash.get(TARGET_KEY, None)
    environ = target.environ(os.environ) if target is not None else dict(os.environ)
    secrets = (
        *referenced_secrets(project, environ),
        *redaction.userinfo_secrets(target.url if target is not None else ""),
    )
    config.pluginmanager.register(
        TraceRedactor(Path(output), secrets), "journeys-traces"
    )
