"""The manifest of planted potholes: what the potholed shop does wrong, where, and which
journey meets it.

Tests use it to measure recall (every planted pothole is found under its journey) and
the demo report can show it next to what the walk found.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from ..effort.frictions import FRICTION_KINDS

# "abandoned" is an outcome the walk reaches, not something a site can plant.
PLANTABLE_KINDS: tuple[str, ...] = tuple(
    kind for kind in FRICTION_KINDS if kind != "abandoned"
)
CHANNELS = ("web", "chat", "support", "mail", "phone")
# Potholes only a customer using the keyboard alone meets (`--persona keyboard`).
PERSONAS = ("keyboard",)
MANIFEST = "potholes.toml"


@dataclass(frozen=True)
class Pothole:
    scenario: str  # the Scenario name in features/ that walks through it
    kind: str  # a friction kind
    where: str  # a path, or "chat" / "support"
    description: str
    channel: str = "web"
    persona: str = ""  # "keyboard": met only by a keyboard walk; "": by every walk

    def met_by(self, hands: str) -> bool:
        """Whether a walk with these hands ("mouse", "keyboard") meets this pothole."""
        return not self.persona or self.persona == hands


def load_manifest() -> list[Pothole]:
    """Every pothole planted in the potholed shop, as listed in
    journeys/demo/potholes.toml.
    """
    text = resources.files(__package__).joinpath(MANIFEST).read_text(encoding="utf-8")
    return parse_manifest(text)


def parse_manifest(text: str, *, source: str = MANIFEST) -> list[Pothole]:
    """Potholes from manifest text; a wrong entry is a bug of ours, named by its
    position and key.
    """
    raw = tomllib.loads(text).get("pothole", [])
    potholes = []
    for number, entry in enumerate(raw, start=1):
        where = f"{source}: pothole #{number}"
        missing = {"scenario", "kind", "where", "description", "channel"} - set(entry)
        if missing:
            raise ValueError(f"{where} lacks {', '.join(sorted(missing))}")
        unknown = set(entry) - {
            "scenario",
            "kind",
            "where",
            "description",
            "channel",
            "persona",
        }
        if unknown:
            raise ValueError(f"{where} has unknown keys {', '.join(sorted(unknown))}")
        if entry["kind"] not in PLANTABLE_KINDS:
            raise ValueError(
                f"{where}: kind {entry['kind']!r} is not one of"
                f" {', '.join(PLANTABLE_KINDS)}"
            )
        if entry["channel"] not in CHANNELS:
            raise ValueError(
                f"{where}: channel {entry['channel']!r} is not one of"
                f" {', '.join(CHANNELS)}"
            )
        persona = entry.get("persona", "keyboard")
        if persona not in PERSONAS:
            raise ValueError(
                f"{where}: persona {persona!r} is not one of {', '.join(PERSONAS)}"
            )
        potholes.append(Pothole(**{key: str(value) for key, value in entry.items()}))
    return potholes
