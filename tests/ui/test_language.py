from __future__ import annotations

import pytest
from kivy.uix.label import Label

from kiosk.ui.app import SCREENS
from kiosk.ui.screenshot import prepare_screen, sample_answer
from kiosk.ui.widgets import NavBar
from kiosk.ui.wrapping import WrapLabel
from tests.ui.helpers import Kiosk

ARABIC_SCRIPT = range(0x0600, 0x06FF + 1)
HAN = range(0x4E00, 0x9FFF + 1)


def _texts(kiosk: Kiosk, screen: str) -> list[str]:
    return [
        w.text
        for w in kiosk.screen(screen).walk()
        if isinstance(w, Label) and w.font_name != kiosk.app.theme.icon_font and w.text.strip()
    ]


def _script(text: str) -> set[str]:
    found = set()
    for ch in text:
        if ord(ch) in HAN:
            found.add("han")
        elif ord(ch) in ARABIC_SCRIPT:
            found.add("arabic")
    return found


def _without_staff_data(kiosk: Kiosk, text: str) -> str:
    """Staff answers and the phrases reported are data in the staff's language, not UI."""
    sample = sample_answer(kiosk.app.services)
    return text.replace(sample.answer, "").replace(sample.summary, "")


@pytest.mark.parametrize("screen", list(SCREENS))
def test_switching_to_uyghur_redraws_every_label_in_uyghur(kiosk: Kiosk, screen: str):
    prepare_screen(kiosk.app, kiosk.app.services, screen)
    kiosk.app.go(screen)
    kiosk.driver.frames(2)
    chinese = _texts(kiosk, screen)
    assert chinese, f"{screen} shows no text"
    # The language switch names the other language in its own script, so it is exempt.
    assert [t for t in chinese if "arabic" in _script(t) and t != "ئۇيغۇرچە"] == []

    kiosk.app.set_language("ug")
    kiosk.driver.frames(3)
    uyghur = _texts(kiosk, screen)
    leftovers = [
        t for t in uyghur if "han" in _script(_without_staff_data(kiosk, t)) and t != "中文"
    ]
    assert not leftovers, f"Chinese left on {screen} after switching: {leftovers}"
    assert any("arabic" in _script(t) for t in uyghur)


def test_the_language_button_switches_and_mirrors_the_layout(kiosk: Kiosk):
    home = kiosk.screen("home")
    button = home.ids["language"]
    assert button.text == "ئۇيغۇرچە"
    kiosk.driver.tap(button)
    assert kiosk.app.lang == "ug"
    assert kiosk.app.rtl
    assert button.text == "中文"
    # In Uyghur the language button moves to the left edge, the community name to the right.
    assert button.x < kiosk.app.root.width / 2
    kiosk.driver.tap(button)
    assert kiosk.app.lang == "zh"
    assert button.right > kiosk.app.root.width / 2


def _drawn(kiosk: Kiosk, screen: str) -> list[str]:
    """The lines the screen's labels last laid out and drew (not merely their `text`)."""
    return [
        line
        for w in kiosk.screen(screen).walk()
        if isinstance(w, WrapLabel)
        for line in w.shown_lines
        if line.strip()
    ]


def _back_reads_first(kiosk: Kiosk, screen: str) -> bool:
    """Back before Home in the nav bar's row, as left to right (Chinese) reads it."""
    bar = next(w for w in kiosk.screen(screen).walk() if isinstance(w, NavBar))
    return bool(bar.ids["back"].x < bar.ids["home"].x)


def test_a_language_tap_draws_the_screen_on_the_window_and_each_other_one_when_it_opens(
    kiosk: Kiosk,
):
    kiosk.app.go("red_post")
    kiosk.driver.frames(2)
    kiosk.app.go_home()
    kiosk.driver.frames(2)
    chinese = _drawn(kiosk, "red_post")
    assert chinese
    assert [line for line in chinese if "arabic" in _script(line)] == []
    assert _back_reads_first(kiosk, "red_post")

    kiosk.driver.tap(kiosk.screen("home").ids["language"])
    kiosk.driver.frames(2)
    assert any("arabic" in _script(line) for line in _drawn(kiosk, "home"))
    # The tap's frame lays out the screen the resident looks at, not all seventeen: a hidden
    # screen keeps its words and its rows' order until it opens.
    assert _drawn(kiosk, "red_post") == chinese
    assert _back_reads_first(kiosk, "red_post")

    kiosk.app.go("red_post")
    kiosk.driver.frames(2)
    uyghur = _drawn(kiosk, "red_post")
    assert any("arabic" in _script(line) for line in uyghur)
    assert [line for line in uyghur if "han" in _script(line)] == []
    assert not _back_reads_first(kiosk, "red_post")  # Back on the right, where Uyghur starts
