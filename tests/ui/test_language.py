from __future__ import annotations

import pytest
from kivy.uix.label import Label

from kiosk.ui.app import SCREENS
from kiosk.ui.screenshot import prepare_screen, sample_answer
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
