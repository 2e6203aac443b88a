"""The persona and its channels."""

from ..effort.facts import fact_for_label
from .actor import Shopper
from .persona import Persona, fact_named, make_persona

__all__ = ["Persona", "Shopper", "fact_for_label", "fact_named", "make_persona"]
