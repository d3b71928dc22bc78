"""Every screen, both displays, both languages: the lines the kiosk's labels draw never cut a
Uyghur word and never start a Chinese line with closing punctuation or leave one character alone.
Read from what Kivy laid out (the core label's cached lines), not from what we asked for."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.config.model import Display
from kiosk.domain.line_breaks import CLOSING, ELLIPSIS, is_wide
from kiosk.ui.app import SCREENS
from kiosk.ui.screenshot import prepare_screen
from kiosk.ui.wrapping import WrapLabel
from tests.fixtures.line_checks import line_boundaries, word_boundaries
from tests.ui.helpers import ARTICLE_DAY, LANDSCAPE, PORTRAIT, Kiosk


def drawn_lines(label: WrapLabel) -> tuple[str, ...]:
    lines = label._label._cached_lines
    return tuple("".join(word.text for word in line.words) for line in lines)


def wrapped_labels(kiosk: Kiosk, name: str) -> list[WrapLabel]:
    screen = kiosk.screen(name)
    found = [w for w in screen.walk() if isinstance(w, WrapLabel) and w.text.strip()]
    return [w for w in found if w.opacity > 0 and w.width > 1 and w.height > 1]


def show_every_screen(kiosk: Kiosk, display: Display, lang: str) -> Any:
    kiosk.driver.set_display(display)
    kiosk.app.set_language(lang)
    for name in SCREENS:
        prepare_screen(kiosk.app, kiosk.app.services, name)
        kiosk.app.go(name)
        kiosk.driver.frames(3)
        yield name, wrapped_labels(kiosk, name)
    kiosk.app.go_home()


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_uyghur_lines_break_only_between_words(kiosk: Kiosk, display: Display) -> None:
    checked = 0
    for name, labels in show_every_screen(kiosk, display, "ug"):
        for label in labels:
            lines = drawn_lines(label)
            assert lines == label.shown_lines, (name, label.text, lines)  # Kivy split nothing
            allowed = word_boundaries(label.text)
            ends = line_boundaries(tuple(line.removesuffix(ELLIPSIS) for line in lines))
            for end in ends[:-1] if lines[-1].endswith(ELLIPSIS) else ends:
                assert end in allowed, (name, label.text, lines)
            checked += len(lines) > 1
    assert checked > 5, "some Uyghur text on these screens runs over several lines"


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_chinese_lines_follow_the_line_breaking_rules(kiosk: Kiosk, display: Display) -> None:
    checked = 0
    for name, labels in show_every_screen(kiosk, display, "zh"):
        for label in labels:
            lines = drawn_lines(label)
            assert lines == label.shown_lines, (name, label.text, lines)
            starts = {para[:1] for para in label.text.split("\n")}
            for line in lines:
                if line and line[:1] not in starts:
                    assert line[0] not in CLOSING, (name, label.text, lines)
                letters = [c for c in line if c not in CLOSING and not c.isspace()]
                if line.strip() not in label.text.split("\n") and len(lines) > 1:
                    assert not (len(letters) == 1 and is_wide(letters[0])), (name, lines)
            checked += len(lines) > 1
    assert checked > 5, "some Chinese text on these screens runs over several lines"


def test_the_community_name_and_date_are_shown_whole_in_the_home_header(kiosk: Kiosk) -> None:
    for display in (LANDSCAPE, PORTRAIT):
        kiosk.driver.set_display(display)
        for lang in ("zh", "ug"):
            kiosk.app.set_language(lang)
            kiosk.app.go_home()
            kiosk.driver.frames(3)
            home = kiosk.screen("home")
            shown = {label.text: label.shown_lines for label in wrapped_labels(kiosk, "home")}
            lines = shown[home.community_name]
            assert not any(ELLIPSIS in line for line in lines), (lang, lines)
            assert "".join(lines).split() == home.community_name.split(), (lang, lines)
            clock = home.ids["clock"]
            want = home.clock_short if display is PORTRAIT else home.clock_text
            assert clock.text == want, (lang, want)
            assert clock.texture_size[0] <= clock.width + 1, (lang, want)
            if display is LANDSCAPE:
                assert str(ARTICLE_DAY.day) in want, "the date keeps its day"


def test_a_label_its_row_has_not_given_a_width_yet_draws_nothing_and_loads_no_smaller_font(
    kiosk: Kiosk,
) -> None:
    """Kivy sizes a row's children pass by pass: a label may render once in a box a few pixels
    wide before it gets its own. Shrinking into that box loaded a typeface for every size on the
    way down (~1 MB resident each, benchmark 2b), all for a texture thrown away in that frame."""
    from kivy.core.text.text_pil import LabelPIL

    theme = kiosk.app.theme
    text = "胜利社区 ئۇيغۇرچە"
    loaded = set(LabelPIL._cache)
    label = WrapLabel(text=text, font_name=theme.text_font, font_size=41, min_font_size=30)
    label.text_size = (12, None)
    kiosk.driver.frames(2)
    assert not label.shown_lines
    assert label.texture is None

    label.text_size = (900, None)
    kiosk.driver.frames(2)
    assert label.shown_lines == (text,)
    assert label.shown_font_size == 41
    assert label.texture is not None
    new_sizes = {key.rsplit(".", 1)[1] for key in set(LabelPIL._cache) - loaded}
    assert new_sizes <= {"41"}, f"typefaces loaded for sizes {sorted(new_sizes)}"
