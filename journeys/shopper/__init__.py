"""The persona and its channels."""

from .actor import Shopper
from .persona import Persona, fact_for_label, fact_named, make_persona

__all__ = ["Persona", "Shopper", "fact_for_label", "fact_named", "make_persona"]
