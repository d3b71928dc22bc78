"""The Echo Wall's figures aloud: every number says what it counts, in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.domain.answer_texts import wall_figures_prompt
from kiosk.domain.figures import MonthFigures

MONTH = MonthFigures(
    date(2024, 12, 1), received=11, solved=12, solved_on_time=13, rated=14, satisfied=15
)
YEAR = MonthFigures(
    date(2024, 1, 1), received=21, solved=22, solved_on_time=23, rated=24, satisfied=25
)
ZH_COUNTED = (
    "收到 11 件",
    "办结 12 件",
    "按时办结 13 件",
    "15 位居民",
    "收到 21 件",
    "办结 22 件",
    "按时办结 23 件",
)
UG_COUNTED = (
    "11 ئىش تاپشۇرۇۋېلىندى",
    "12 ئىش ھەل قىلىندى",
    "13 ئىش ۋاقتىدا ھەل قىلىندى",
    "15 ئاھالە رازى بولدى",
    "21 ئىش تاپشۇرۇۋېلىندى",
    "22 ئىش ھەل قىلىندى",
    "23 ئىش ۋاقتىدا ھەل قىلىندى",
)


@pytest.mark.parametrize(("lang", "counted"), [("zh", ZH_COUNTED), ("ug", UG_COUNTED)])
def test_each_figure_is_said_with_its_noun_and_its_whole_clause(
    lang: str, counted: tuple[str, ...]
) -> None:
    """Copy review 2026-12-05: the Uyghur said "{n} ۋاقتىدا." (the clause stopped short) and bare
    numbers ("2 ھەل قىلىندى"); each figure now names what it counts, as the Chinese 件 does."""
    said = wall_figures_prompt(MONTH, YEAR, lang)

    for part in counted:
        assert part in said
