"""The signage loop's solved problems: a staff answer in the other language is shown with the
line saying so, never passed off as the resident's language."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.loader import load_config
from kiosk.domain.attract import attract_slides
from kiosk.domain.lookup import Answer
from kiosk.domain.text import zh_ug
from kiosk.domain.tickets import TicketStatus

SAMPLE = Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml"
SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2024, 12, 4, 15, 15, tzinfo=SH)


def _solved(**texts: dict[str, str]) -> Answer:
    return Answer(
        code="001000017",
        status=TicketStatus.CLOSED,
        category="property-repair",
        responsible=zh_ug("物业公司维修部", "مۈلۈك شىركىتى رېمونت بۆلۈمى"),
        promised=date(2024, 12, 7),
        answer="",
        received=datetime(2024, 12, 2, 10, 0, tzinfo=SH),
        solved=datetime(2024, 12, 3, 9, 0, tzinfo=SH),
        **texts,  # type: ignore[arg-type]
    )


def _solved_slide(answer: Answer, lang: str) -> tuple[str, tuple[str, ...]]:
    content = load_config(SAMPLE).content
    slide = attract_slides(content, [answer], now=NOW, lang=lang)[-1]
    assert slide.icon == "echo-wall"
    return slide.title, slide.lines


def test_a_chinese_only_answer_on_uyghur_signage_comes_after_the_note() -> None:
    answer = _solved(answers={"zh": "充电桩已修好"}, summaries={"zh": "充电桩不能充电"})

    title, lines = _solved_slide(answer, "ug")

    assert "充电桩不能充电" not in title, "a Chinese summary is not part of a Uyghur heading"
    assert lines[:4] == (
        "ئىنكاس پەقەت خەنزۇچە يېزىلغان:",
        "充电桩不能充电",
        "جاۋاب پەقەت خەنزۇچە يېزىلغان:",
        "充电桩已修好",
    )


def test_an_answer_in_both_languages_shows_only_the_residents_on_signage() -> None:
    answer = _solved(
        answers={"zh": "充电桩已修好", "ug": "ئوڭشالدى"},
        summaries={"zh": "充电桩不能充电", "ug": "توك قاچىلىغىلى بولمايدۇ"},
    )

    title, lines = _solved_slide(answer, "ug")

    assert title.endswith("توك قاچىلىغىلى بولمايدۇ")
    assert lines[0] == "جاۋاب: ئوڭشالدى"
    assert not any("充" in line for line in lines)
