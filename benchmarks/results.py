"""One benchmark's outcome: the ratio, the two absolute figures behind it, and whether it met its
target; plus the few statistics the benchmarks share."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Result:
    number: str  # "1", "5a": the numbering
    title: str
    ratio: float
    subject: str  # "kiosk: 2.31 s"
    baseline: str  # "bare Kivy app: 1.62 s"
    target: str  # "<= 1.5x"
    met: bool
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # what was sent, stored, found: checked

    def line(self) -> str:
        verdict = "met" if self.met else "FALLS SHORT"
        return (
            f"[{self.number}] {self.title}: ratio {self.ratio:.2f}x (target {self.target}, "
            f"{verdict}); {self.subject}; {self.baseline}"
        )


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else math.nan


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with `fraction` of all at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(math.ceil(fraction * len(ordered)), 1)
    return float(ordered[rank - 1])


def ratio(subject: float, baseline: float) -> float:
    return subject / baseline if baseline > 0 else math.inf
