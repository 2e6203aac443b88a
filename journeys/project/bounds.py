"""Numbers in configuration that are finite: TOML allows `inf` and `nan`, and no setting
means either.

`pointing_s = inf` would otherwise pass every "at least 0" check and end the walk's
summary in an OverflowError.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from journeys.errors import ConfigError


def finite_numbers(where: str, value: Any) -> Any:
    """`value` as it is, once no number in it is infinite or not a number (TOML allows
    `inf` and `nan`).
    """
    if isinstance(value, float) and not math.isfinite(value):
        key = where.rsplit(".", 1)[-1]
        raise ConfigError(
            where,
            f"must be a finite number, not {value!r}",
            f"write {key} = a number such as 1.5",
        )
    if isinstance(value, Mapping):
        for key, item in value.items():
            finite_numbers(f"{where}.{key}", item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            finite_numbers(f"{where}[{index}]", item)
    return value
