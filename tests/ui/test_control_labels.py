"""Every control off the home screen has a word beside its picture (a pictogram alone is read as
something else: the ↻ of "say it again" as "reload"), and the title bar's say-again is the
speaking head, not a circular arrow."""

from __future__ import annotations

import pytest

from kiosk.ui.app import SCREENS
from kiosk.ui.icons import DRAWN
from kiosk.ui.widgets import BigButton, NavBar
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk

OFF_HOME = [name for name in SCREENS if name not in ("home", "attract")]


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_every_control_off_the_home_screen_has_a_word_beside_its_picture(kiosk: Kiosk, display):
    kiosk.driver.set_display(display)
    form = kiosk.app.services.form
    form.choose_category("property-repair")
    form.toggle_phrase(0)
    kiosk.app.staff_unlocked = True
    for lang in kiosk.app.languages.available:
        kiosk.app.set_language(lang)
        for name in OFF_HOME:
            kiosk.app.go(name)
            kiosk.driver.frames(1)
            for button in kiosk.screen(name).walk():
                if isinstance(button, BigButton) and button.icon and button.opacity > 0:
                    assert button.text.strip(), f"{name} in {lang}: {button.icon!r} has no word"


def test_the_title_bar_says_hear_again_with_the_speaking_head(kiosk: Kiosk):
    kiosk.app.go("notices")
    kiosk.driver.frames(2)
    bar = next(w for w in kiosk.screen("notices").walk() if isinstance(w, NavBar))
    repeat = bar.ids["repeat"]
    assert repeat.text == bar.title, "the say-again button carries the screen's title"
    assert DRAWN[repeat.icon] == "say-again", "the kiosk's speaking-head drawing, not ↻"
    assert repeat.ids["icon"].source.endswith("say-again.png")
    said = len(kiosk.speaker.said)
    kiosk.driver.tap(repeat)
    assert kiosk.speaker.said[said:], "a tap says the screen again"
