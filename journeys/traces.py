"""Playwright traces kept on failure hold what the customer typed: card number, security code, password,
and the headers carrying a configured secret. Each kept archive is rewritten with every such value replaced.

A trace records fill values (action parameters), request bodies (resources) and DOM snapshots (input
values), so a value can appear raw, URL-encoded, JSON- or HTML-escaped, or as a card's digits without
spaces: every form is replaced by "[redacted]". The archive stays a valid zip the trace viewer opens.

`TraceRedactor` is a plugin of the journeys hooks: it hears each journey's persona, and after each test's
teardown (when pytest-playwright has written the trace) it rewrites that test's archives.
"""

from __future__ import annotations

import glob
import html
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus

import pytest


if TYPE_CHECKING:
    from .journey import Journey
    from .project import Project

REDACTED = b"[redacted]"
MIN_SECRET_CHARS = 3  # replacing "1" would garble every file and hide nothing worth hiding
_ENV_NAME = re.compile(r"\$\{(\w+)\}")


def secret_forms(secret: str) -> set[bytes]:
    """Every way `secret` may be written in a trace: raw, URL-encoded, JSON- and HTML-escaped, digits alone."""
    forms = {secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1], html.escape(secret)}
    digits = re.sub(r"[\s-]", "", secret)
    if digits != secret and digits.isdigit():  # a card number typed or sent without its spaces
        forms.add(digits)
    return {form.encode("utf-8") for form in forms if len(form) >= MIN_SECRET_CHARS}


def redact_bytes(data: bytes, secrets: Iterable[str]) -> bytes:
    forms = sorted({form for secret in secrets for form in secret_forms(secret)}, key=len, reverse=True)
    for form in forms:  # longest first: a card's spaced form before its digits alone
        data = data.replace(form, REDACTED)
    return data


def redact_archive(path: Path, secrets: Iterable[str]) -> bool:
    """Rewrite the zip at `path` with every secret replaced; True when something was replaced."""
    secrets = [s for s in secrets if s and len(s) >= MIN_SECRET_CHARS]
    if not secrets:
        return False
    changed = False
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".zip")
    os.close(handle)
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
            for member in source.infolist():
                data = source.read(member)
                redacted = redact_bytes(data, secrets)
                changed = changed or redacted != data
                target.writestr(member, redacted)
        os.replace(temporary, path)  # all or nothing: a reader never sees half an archive
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return changed


def referenced_secrets(project: Project, environ: Mapping[str, str]) -> tuple[str, ...]:
    """The values of the environment variables the configuration names (`${NAME}`): tokens, passwords."""
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


def persona_secrets(journey: Journey) -> tuple[str, ...]:
    return journey.shopper.persona.secrets()  # its card, password, bank details, and facts read from the environment


class TraceRedactor:
    """Rewrites the traces pytest-playwright keeps (`--tracing`, under `--output`) without the walk's secrets."""

    def __init__(self, output_dir: Path, secrets: Iterable[str] = ()) -> None:
        self.output_dir = Path(output_dir)
        self.secrets = set(secrets)  # the configuration's, for every journey

    def pytest_journeys_result(self, result: Any, journey: Journey) -> None:
        self.secrets.update(persona_secrets(journey))

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_teardown(self, item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
        try:
            return (yield)
        finally:  # the context fixture has closed and saved its trace by now
            self.redact_kept(item)

    def redact_kept(self, item: pytest.Item) -> None:
        """This test's archives only: under xdist another worker may be writing its own right now."""
        from slugify import slugify  # pytest-playwright names a test's artifact folder by this slug (+ "-retryN")

        slug = slugify(item.nodeid)
        for archive in sorted(self.output_dir.glob(f"{glob.escape(slug[:100])}*/*.zip")):
            redact_archive(archive, self.secrets)


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Loaded as `-p journeys.traces` (in every xdist worker too): redact where pytest-playwright keeps traces."""
    from .pytest_plugin import PROJECT_KEY, TARGET_KEY

    project = config.stash.get(PROJECT_KEY, None)
    output = config.getoption("output", None)
    if project is None or not output or config.pluginmanager.has_plugin("journeys-traces"):
        return
    target = config.stash.get(TARGET_KEY, None)
    environ = target.environ(os.environ) if target is not None else dict(os.environ)
    config.pluginmanager.register(TraceRedactor(Path(output), referenced_secrets(project, environ)), "journeys-traces")
