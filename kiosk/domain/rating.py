"""A resident's verdict on a closed ticket: the 12345 hotline's satisfaction rate (满意率).

Three answers, no more, so each can be a large button. "Not satisfied" re-opens the case at the
centre for staff attention; the kiosk only records and sends the verdict.
"""

from __future__ import annotations

from enum import Enum


class Rating(Enum):
    SATISFIED = "satisfied"  # 满意
    SO_SO = "so_so"  # 基本满意
    NOT_SATISFIED = "not_satisfied"  # 不满意

    @property
    def reopens(self) -> bool:
        return self is Rating.NOT_SATISFIED
