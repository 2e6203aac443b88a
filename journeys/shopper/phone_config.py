"""`[tool.journeys.phone]`: the support line's configuration, parsed once into a frozen,
typed section.

A profile may have its own line (`[tool.journeys.profiles.NAME.phone]`): `phone_lines`
gives every profile's, for `When I call the support line on "NAME"`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..errors import ConfigError, did_you_mean
from .exchanges import check_headers, check_number, check_text, check_texts

SECTION = "tool.journeys.phone"
ADAPTERS = ("twiml", "voicexml")
KEYS = (
    "adapter",
    "webhook",
    "from",
    "to",
    "headers",
    "timeout_s",
    "deadline_s",
    "max_documents",
    "operator_keys",
    "operator_words",
)


@dataclass(frozen=True)
class PhoneConfig:
    """`[tool.journeys.phone]`, validated; ${ENV} references stay until the line is
    called.
    """

    adapter: Literal["twiml", "voicexml"] = "twiml"
    webhook: str = ""  # the call's first URL, relative to the target or absolute
    caller: str = "+15550100"  # `from`: the customer's number, as the platform sends it
    line: str = "+15550199"  # `to`: the support line's number
    headers: dict[str, str] = field(default_factory=dict)
    timeout_s: float = 10.0  # one document's fetch
    deadline_s: float = 60.0  # one call, wall clock: a line that never ends stops here
    max_documents: int = 40  # documents fetched in one call
    operator_keys: tuple[str, ...] = ("0",)  # what a caller presses for a person
    operator_words: tuple[str, ...] = (
        "agent",
        "operator",
        "representative",
        "a person",
        "a human",
    )


def phone_config(section: Mapping[str, object], *, key: str = SECTION) -> PhoneConfig:
    """Parse `[tool.journeys.phone]` once; a wrong key or value is a ConfigError naming
    it and the fix.
    """
    for name in section:
        if name not in KEYS:
            raise ConfigError(
                f"{key}.{name}", "is not a phone setting", did_you_mean(name, KEYS)
            )
    adapter = section.get("adapter", "twiml")
    if adapter not in ADAPTERS:
        raise ConfigError(
            f"{key}.adapter",
            f"{adapter!r} is not a phone adapter",
            f"use one of: {', '.join(ADAPTERS)}",
        )
    if "webhook" not in section:
        raise ConfigError(
            f"{key}.webhook",
            "is missing: the URL the line answers a new call at",
            'write webhook = "/phone/voice" (relative to the target) or a full URL',
        )
    values: dict[str, object] = {
        "adapter": adapter,
        "webhook": check_text(f"{key}.webhook", section["webhook"]),
    }
    for name, attribute in (("from", "caller"), ("to", "line")):
        if name in section:
            values[attribute] = check_text(f"{key}.{name}", section[name])
    if "headers" in section:
        values["headers"] = check_headers(f"{key}.headers", section["headers"])
    for name in ("timeout_s", "deadline_s"):
        if name in section:
            values[name] = check_number(f"{key}.{name}", section[name])
    if "max_documents" in section:
        count = section["max_documents"]
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ConfigError(
                f"{key}.max_documents",
                f"must be a whole number of at least 1, not {count!r}",
                "write max_documents = 40",
            )
        values["max_documents"] = count
    for name in ("operator_keys", "operator_words"):
        if name in section:
            values[name] = tuple(
                v.lower() for v in check_texts(f"{key}.{name}", section[name])
            )
    return PhoneConfig(**values)  # type: ignore[arg-type]  # each value was checked above


def phone_lines(
    profiles: Mapping[str, Mapping[str, object]], default_base_url: str
) -> dict[str, tuple[PhoneConfig, str]]:
    """Every profile's own line, by profile name, with the base URL its webhook is
    relative to.
    """
    lines = {}
    for name, body in profiles.items():
        table = body.get("phone")
        if isinstance(table, dict) and table:
            base = body.get("base_url")
            lines[name] = (
                phone_config(table, key=f"tool.journeys.profiles.{name}.phone"),
                str(base) if base else default_base_url,
            )
    return lines


__all__ = ["ADAPTERS", "SECTION", "PhoneConfig", "phone_config", "phone_lines"]
