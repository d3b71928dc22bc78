"""A problem found in staff's file before it has a line number: where in the data, what, and
what to point at. Apart from the YAML reader (kiosk.config.yamlfile) so that what only names a
problem does not import PyYAML: a start on the built config (kiosk.config.built) parses no YAML,
and PyYAML is ~10 ms of a cold start (issue 18)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Loc = tuple[str | int, ...]
Point = Literal["value", "key", "parent"]


@dataclass(frozen=True)
class Problem:
    """`point` says which node gets the line: the value itself, its key (unknown keys), or the
    mapping around it (missing keys)."""

    loc: Loc
    message: str
    point: Point = "value"
