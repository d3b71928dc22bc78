"""Line breaking: the kiosk's own texts in both languages, measured in the kiosk's font by Pillow
with raqm (shaped Uyghur), as the pil text provider measures them on screen."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from PIL import ImageFont

from kiosk.config.files import text_font
from kiosk.config.loader import load_config
from kiosk.domain.bidi import LRI, PDI, isolate_ltr_runs
from kiosk.domain.line_breaks import CLOSING, ELLIPSIS, OPENING, break_lines, is_wide
from kiosk.domain.messages import MESSAGES
from kiosk.domain.text import Text
from tests.fixtures.line_checks import line_boundaries, word_boundaries

SAMPLE = Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml"
BODY_PX = 37  # 7 mm on the 7" panel
WIDTHS = (120, 180, 260, 400, 640)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(text_font()), size)


def measure(text: str, size: int = BODY_PX) -> float:
    left, _top, right, _bottom = _font(size).getbbox(text)
    return float(right - left)


def _texts_in(value: object, lang: str) -> Iterator[str]:
    """Every staff-written text of the config: names, notices, events, phrases, places."""
    if isinstance(value, Text):
        yield value.get(lang)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts_in(getattr(value, field.name), lang)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _texts_in(item, lang)


def _config_texts(lang: str) -> Iterator[str]:
    yield from _texts_in(load_config(SAMPLE).content, lang)


def texts(lang: str) -> list[str]:
    messages = [text.get(lang) for text in MESSAGES.values()]
    return [t for t in [*_config_texts(lang), *messages] if t and "{" not in t]


@pytest.mark.parametrize("width", WIDTHS)
def test_uyghur_breaks_only_between_words(width: int) -> None:
    for text in texts("ug"):
        layout = break_lines(text, width, measure)
        assert "".join("".join(layout.lines).split()) == "".join(text.split())
        allowed = word_boundaries(text)
        for end in line_boundaries(layout.lines):
            assert end in allowed, (text, layout.lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_uyghur_lines_fit_unless_a_single_word_is_wider(width: int) -> None:
    for text in texts("ug"):
        layout = break_lines(text, width, measure)
        for line in layout.lines:
            assert measure(line) <= width or line in layout.too_wide, (text, line)


@pytest.mark.parametrize("word", ["ئۆزگەرتىش", "ئويۇن،", "باشقىسىنى"])
def test_the_reported_uyghur_words_are_never_split(word: str) -> None:
    sources = [t for t in texts("ug") if word in t]
    assert sources, f"{word} is no longer in the kiosk's texts"
    for text in sources:
        for width in range(60, 700, 7):
            layout = break_lines(text, width, measure)
            assert any(word in line for line in layout.lines), (text, width, layout.lines)


def test_a_word_wider_than_the_line_is_reported_not_split() -> None:
    layout = break_lines("باشقىسىنى تەكشۈر", 60, measure)
    assert layout.lines == ("باشقىسىنى", "تەكشۈر")
    assert "باشقىسىنى" in layout.too_wide


@pytest.mark.parametrize("width", WIDTHS)
def test_no_chinese_line_starts_with_closing_or_ends_with_opening_punctuation(width: int) -> None:
    for text in texts("zh"):
        layout = break_lines(text, width, measure)
        for line in layout.lines:
            if line and not text.startswith(line):  # "、" alone is a message of its own
                assert line[0] not in CLOSING, (text, line)
                assert line[-1] not in OPENING, (text, line)
        assert "".join("".join(layout.lines).split()) == "".join(text.split())


@pytest.mark.parametrize("width", WIDTHS)
def test_no_chinese_paragraph_ends_in_a_lone_character(width: int) -> None:
    for text in texts("zh"):
        layout = break_lines(text, width, measure)
        if len(layout.lines) > 1 and "\n" not in text:
            last = [c for c in layout.lines[-1] if c not in CLOSING]
            pulled = layout.lines[-2][-1] + layout.lines[-1]
            # only where two characters and their punctuation are wider than the line itself
            if measure(pulled) <= width:
                assert not (len(last) == 1 and is_wide(last[0])), (text, layout.lines)


def test_the_community_name_keeps_two_characters_on_its_last_line() -> None:
    name = "胜利花园小区"
    wide_enough_for_five = measure("胜利花园小") + 1
    layout = break_lines(name, wide_enough_for_five, measure)
    assert layout.lines == ("胜利花园", "小区")


def test_lines_never_start_with_the_reported_punctuation() -> None:
    notice = next(t for t in texts("zh") if "记录做到不错、不重、不漏；" in t)
    for width in range(60, 700, 3):
        for line in break_lines(notice, width, measure).lines:
            assert not line.startswith(("、", "；", "，", "。")), (width, line)


@pytest.mark.parametrize("text", ["12月6日", "001 000 015", "QR"])
def test_numbers_dates_codes_and_latin_words_stay_whole(text: str) -> None:
    sentence = f"请在{text}之前来"
    for width in range(int(measure(text)) + 1, 400, 5):
        lines = break_lines(sentence, width, measure).lines
        assert any(text in line for line in lines), (width, lines)


def test_own_newlines_are_kept() -> None:
    assert break_lines("10:48\n12月6日", 500, measure).lines == ("10:48", "12月6日")


def test_shortening_ends_at_a_word_with_an_ellipsis() -> None:
    text = "ھەپتە ئاخىرى بالىلار بۇلۇڭى：ئويۇن، كىتاب، خەت مەشىقى"
    layout = break_lines(text, 200, measure, max_lines=2)
    assert layout.shortened
    assert len(layout.lines) == 2
    assert layout.lines[-1].endswith(ELLIPSIS)
    kept = layout.lines[-1].removesuffix(ELLIPSIS).split()
    assert all(word in text.split() or word in text for word in kept)
    assert measure(layout.lines[-1]) <= 200
    zh = break_lines(
        "天气转冷，二号小区大门口的红色驿站为环卫工人提供热水", 200, measure, max_lines=1
    )
    assert zh.lines[0].endswith(ELLIPSIS)
    assert measure(zh.lines[0]) <= 200


def test_an_isolated_left_to_right_run_stays_on_one_line() -> None:
    line = isolate_ltr_runs("نەشرى 0.1.0، دىسكا بوش ئورنى 79.3 GB / 252.0 GB")
    for width in range(int(measure("79.3 GB / 252.0 GB")) + 1, 700, 9):
        lines = break_lines(line, width, measure).lines
        assert any(f"{LRI}79.3 GB / 252.0 GB{PDI}" in one for one in lines), (width, lines)


def test_no_kept_line_is_only_an_ellipsis() -> None:
    """When the last kept line's first word fills it, "…" ends the line before instead of
    standing alone at a line start (seen on the staff panel's Uyghur 'resend' button)."""

    def ten_px(text: str) -> float:
        return 10.0 * len(text)

    text = "قايتا يوللاش ئۈسكۈنىلەرنى تەكشۈرۈش"
    layout = break_lines(text, ten_px("ئۈسكۈنىلەرنى"), ten_px, max_lines=2)
    assert layout.shortened
    assert layout.lines == ("قايتا" + ELLIPSIS,)
    real = break_lines("رەت قىلىنغانلارنى قايتا يوللاش", 300, measure, max_lines=2)
    assert not any(line.startswith(ELLIPSIS) for line in real.lines)
