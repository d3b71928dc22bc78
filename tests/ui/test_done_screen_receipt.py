"""The done screen is the receipt on screen and aloud (EN 301 549 5.1.3.16): the code, who
answers, by when, when it was submitted and the community office's phone number, in the same
words on screen and in speech, and "say again" on the nav bar repeats it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.domain.prompts import spoken_code
from tests.fixtures.residents import report_a_repair
from tests.ui.helpers import Kiosk

LRI, PDI = "\u2066", "\u2069"


@pytest.fixture
def no_phone(config_path: Path) -> None:
    """The sample config without the office's phone number (asked for before `kiosk`)."""
    text = config_path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.strip().startswith("phone: 0996")]
    config_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _submit(kiosk: Kiosk, lang: str) -> None:
    if lang != kiosk.app.lang:
        kiosk.driver.tap(kiosk.screen("home").ids["language"])
    report_a_repair(kiosk)
    kiosk.driver.tap(kiosk.screen("feedback_confirm").ids["submit"])
    assert kiosk.current == "feedback_done"


def _repeat(kiosk: Kiosk) -> None:
    done = kiosk.screen("feedback_done")
    repeat = next(w for w in done.walk() if getattr(w, "icon", "") == "repeat")
    assert repeat.opacity > 0
    assert not repeat.disabled
    kiosk.driver.tap(repeat)


def test_the_chinese_done_screen_shows_and_says_code_person_dates_and_phone(kiosk: Kiosk) -> None:
    _submit(kiosk, "zh")
    done = kiosk.screen("feedback_done")
    ticket = done.ticket

    shown = done.ids["promised"].text
    assert done.ids["responsible"].text == "负责：物业公司维修部"
    assert shown.splitlines() == [
        "答复期限：12月7日前",  # not 2024-12-07
        "提交时间：12月4日 15:15",
        "社区电话：0996-7102345",
    ]
    name, said, lang = kiosk.speaker.said[-1]
    assert (name, lang) == ("feedback_done", "zh")
    assert said.count(spoken_code(ticket.code, "zh")) == 2
    assert "零零幺" in said
    assert "负责：物业公司维修部" in said
    assert "答复期限：12月7日 周六前" in said
    assert "提交时间：12月4日 周三 15点15分" in said
    assert "社区电话：零九九六，七幺零二三四五" in said

    _repeat(kiosk)

    assert kiosk.speaker.said[-1] == (name, said, lang), "say again repeats the receipt"


def test_the_uyghur_done_screen_shows_and_says_the_same_with_numbers_left_to_right(
    kiosk: Kiosk,
) -> None:
    _submit(kiosk, "ug")
    done = kiosk.screen("feedback_done")
    ticket = done.ticket

    assert done.ids["promised"].text.splitlines() == [
        "جاۋاب بېرىش مۇددىتى: 12-ئاينىڭ 7-كۈنى",
        f"يوللانغان: 12-ئاينىڭ 4-كۈنى {LRI}15:15{PDI}",
        f"تېلېفون: {LRI}0996-7102345{PDI}",
    ]
    name, said, lang = kiosk.speaker.said[-1]
    assert (name, lang) == ("feedback_done", "ug")
    assert said.count(spoken_code(ticket.code, "ug")) == 2
    assert "مەسئۇل: مۈلۈك شىركىتى رېمونت بۆلۈمى" in said
    assert "جاۋاب بېرىش مۇددىتى: 12-ئاينىڭ 7-كۈنى" in said
    assert "يوللانغان: 12-ئاينىڭ 4-كۈنى چارشەنبە سائەت 15:15" in said
    assert "تېلېفون: نۆل توققۇز توققۇز ئالتە، يەتتە بىر" in said

    _repeat(kiosk)

    assert kiosk.speaker.said[-1] == (name, said, lang)


def test_without_a_configured_phone_the_done_screen_neither_shows_nor_says_one(
    no_phone: None, kiosk: Kiosk
) -> None:
    _submit(kiosk, "zh")
    done = kiosk.screen("feedback_done")

    assert done.phone_text == ""
    assert done.ids["promised"].text.splitlines() == [
        "答复期限：12月7日前",
        "提交时间：12月4日 15:15",
    ]
    assert "社区电话" not in kiosk.speaker.said[-1][1]
