"""An answer as a resident reads and hears it: in their language, else in the other with a line
saying so and that language's voice; and the Echo Wall's figures aloud."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.answer_texts import (
    StaffBlock,
    answer_block,
    answer_prompt,
    own_summary,
    summary_block,
    wall_figures_prompt,
)
from kiosk.domain.figures import MonthFigures
from kiosk.domain.lookup import Answer
from kiosk.domain.spoken import Spoken
from kiosk.domain.text import zh_ug
from kiosk.domain.tickets import TicketStatus

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


SH = ZoneInfo("Asia/Shanghai")
ZH_ANSWER = "充电桩已修好。"
UG_ANSWER = "توك قاچىلاش ئۈسكۈنىسى ئوڭشالدى."


def _answer(**changes: object) -> Answer:
    answer = Answer(
        code="001000017",
        status=TicketStatus.CLOSED,
        category="property-repair",
        responsible=zh_ug("物业公司维修部", "مۈلۈك شىركىتى رېمونت بۆلۈمى"),
        promised=date(2024, 12, 7),
        answer=ZH_ANSWER,
        received=datetime(2024, 12, 4, 10, 15, tzinfo=SH),
        solved=datetime(2024, 12, 6, 9, 0, tzinfo=SH),
    )
    return dataclasses.replace(answer, **changes)  # type: ignore[arg-type]


def test_an_answer_only_in_chinese_is_shown_to_a_uyghur_reader_with_the_note() -> None:
    block = answer_block(_answer(answers={"zh": ZH_ANSWER}), "ug")

    assert block == StaffBlock("جاۋاب پەقەت خەنزۇچە يېزىلغان:", ZH_ANSWER, "zh")


def test_an_answer_in_both_languages_is_shown_in_the_readers_own_only() -> None:
    both = _answer(answers={"zh": ZH_ANSWER, "ug": UG_ANSWER})

    assert answer_block(both, "ug") == StaffBlock("", f"جاۋاب: {UG_ANSWER}", "ug")
    assert answer_block(both, "zh") == StaffBlock("", f"答复：{ZH_ANSWER}", "zh")


def test_an_answer_only_in_uyghur_is_shown_to_a_chinese_reader_with_the_note() -> None:
    block = answer_block(_answer(answer="", answers={"ug": UG_ANSWER}), "zh")

    assert block == StaffBlock("答复只有维吾尔文：", UG_ANSWER, "ug")


def test_an_older_centres_single_answer_counts_as_the_language_it_is_written_in() -> None:
    """Before issue 17 the centre sent one text: a Uyghur one is no longer taken for Chinese."""
    assert answer_block(_answer(answer=UG_ANSWER), "ug") == StaffBlock(
        "", f"جاۋاب: {UG_ANSWER}", "ug"
    )
    assert answer_block(_answer(answer=ZH_ANSWER), "ug") == StaffBlock(
        "جاۋاب پەقەت خەنزۇچە يېزىلغان:", ZH_ANSWER, "zh"
    )


def test_no_answer_yet_is_said_in_the_readers_language() -> None:
    assert answer_block(_answer(answer=""), "ug") is None
    assert answer_block(_answer(answer=""), "ug", none_yet=True) == StaffBlock(
        "", "تېخى جاۋاب يوق.", "ug"
    )


def test_a_summary_only_in_the_other_language_leaves_the_heading_for_its_own_block() -> None:
    answer = _answer(summaries={"zh": "充电桩不能充电"})

    assert own_summary(answer, "zh") == "充电桩不能充电"
    assert summary_block(answer, "zh") is None
    assert own_summary(answer, "ug") == ""
    assert summary_block(answer, "ug") == StaffBlock(
        "ئىنكاس پەقەت خەنزۇچە يېزىلغان:", "充电桩不能充电", "zh"
    )


def test_the_look_up_prompt_reads_the_state_then_the_answer_in_its_own_voice() -> None:
    spoken = answer_prompt(
        _answer(answers={"zh": ZH_ANSWER}), "ug", category_name="", rated=None, can_rate=True
    )

    assert spoken.langs == ("ug", "zh", "ug")
    first, answer, rest = (text for text, _lang in spoken.parts)
    assert first.startswith("ھەل قىلىندى.")
    assert first.endswith("جاۋاب پەقەت خەنزۇچە يېزىلغان:")
    assert answer == ZH_ANSWER
    assert "نۆل نۆل بىر، نۆل نۆل نۆل، نۆل بىر يەتتە" in rest  # the code, digit by digit
    assert "نەتىجىدىن رازىمۇ؟" in rest


def test_with_an_answer_in_both_the_look_up_prompt_is_one_language() -> None:
    both = _answer(answers={"zh": ZH_ANSWER, "ug": UG_ANSWER})

    spoken = answer_prompt(both, "ug", category_name="", rated=None, can_rate=False)

    assert spoken.langs == ("ug",)
    assert UG_ANSWER in spoken.text


def test_parts_in_one_language_are_joined_and_empty_ones_dropped() -> None:
    spoken = Spoken.of([("一。", "zh"), ("", "ug"), ("二。", "zh"), ("ئۈچ.", "ug"), ("تۆت.", "ug")])

    assert spoken.parts == (("一。二。", "zh"), ("ئۈچ. تۆت.", "ug"))
