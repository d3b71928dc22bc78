"""The home screen: every control a pictogram with its word, nothing technical for residents,
and this visit's volume and text size, both back to normal when the session ends."""

from __future__ import annotations

import pytest
from kivy.core.text import Label as CoreLabel

from kiosk.config.model import Display
from kiosk.receipt.status import PrinterFault, PrinterState, PrinterStatus
from kiosk.ui.theme import BIGGER_TEXT, BODY_MM
from kiosk.ui.widgets import BigButton
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk

CONTROLS = ("repeat", "speech", "volume", "bigger_text", "language")


def _home_buttons(kiosk: Kiosk) -> list[BigButton]:
    return [w for w in kiosk.screen("home").walk() if isinstance(w, BigButton)]


# At bigger text a door's words fall back towards the normal size (WrapLabel) and are drawn
# whole (the audit finds no "…"); in portrait the second line's leading below the glyphs still
# reaches past the shorter door box: a known gap (issue 15), marked in the test.
DOORS_AT_BIGGER = pytest.param(True, "doors", id="bigger-doors")


@pytest.mark.parametrize(
    ("bigger", "which"),
    [(False, "all"), pytest.param(True, "controls", id="bigger-controls"), DOORS_AT_BIGGER],
)
@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["800x480", "720x1280"])
@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_every_home_control_shows_its_whole_word_beside_its_picture(
    kiosk: Kiosk,
    display: Display,
    lang: str,
    bigger: bool,
    which: str,
    request: pytest.FixtureRequest,
):
    if which == "doors" and display is PORTRAIT:
        request.applymarker(pytest.mark.xfail(strict=True, reason="portrait door box short"))
    kiosk.driver.set_display(display)
    kiosk.app.set_language(lang)
    if bigger:
        kiosk.app.toggle_bigger_text()
    kiosk.driver.frames(3)
    buttons = _home_buttons(kiosk)
    home = kiosk.screen("home")
    assert {home.ids[name].__self__ for name in CONTROLS} <= set(buttons)
    assert len(buttons) == len(CONTROLS) + 6, "five controls and the six doors"
    controls = {home.ids[name].__self__ for name in CONTROLS}
    if which != "all":
        buttons = [b for b in buttons if (b in controls) == (which == "controls")]
    for button in buttons:
        assert button.get_root_window() is not None, f"{button.text!r} is not on the screen"
        assert button.icon, f"{button.text!r} has no picture"
        assert button.text.strip(), f"the {button.icon!r} button has no word"
        label, icon = button.ids["text"], button.ids["icon"]
        assert "\N{HORIZONTAL ELLIPSIS}" not in "".join(label.shown_lines), label.shown_lines
        # Kivy drops the lines text_size cannot hold: lay the word out with no height limit.
        whole = CoreLabel(
            text=button.text,
            font_name=label.font_name,
            font_size=label.shown_font_size,  # what is drawn: bigger text may fall back
            text_size=(label.width, None),
        )
        whole.refresh()
        width, height = whole.content_size
        cut = f"{button.text!r} is cut: {width}x{height} in {label.width}x{label.height}"
        assert width <= label.width + 1, cut
        assert height <= label.height + 1, cut
        if button.vertical:  # the picture above the word, not on it
            text_top = label.center_y + min(height, label.height) / 2
            assert icon.y >= text_top - 2, f"{button.text!r}: the picture covers the word"


def test_the_calm_line_tells_residents_about_receipts_and_nothing_technical(kiosk: Kiosk):
    home = kiosk.screen("home")
    home.tick()
    assert home.headline == "胜利社区"
    fault = PrinterState(PrinterStatus.FAULT, "paper out (sensor)", PrinterFault.PAPER_OUT)
    kiosk.app.services.desk.printer_state = fault
    home.tick()
    assert home.headline == "今天不打印回执"
    assert "纸" not in home.headline, "the fault itself is for the staff panel"
    kiosk.app.set_language("ug")
    assert home.headline == "بۈگۈن تالون بېسىلمايدۇ"


def test_volume_steps_louder_then_quieter_and_the_session_end_restores_it(kiosk: Kiosk):
    home = kiosk.screen("home")
    speaker = kiosk.speaker
    configured = kiosk.app.kiosk_config.speech.volume
    assert home.ids["volume"].text == "正常"
    kiosk.driver.tap(home.ids["volume"])
    assert speaker.volume == 1.0
    assert home.ids["volume"].text == "大声"
    assert speaker.said[-1][1] == "音量调大了。", "the new loudness is heard at once"
    kiosk.driver.tap(home.ids["volume"])
    assert speaker.volume is not None
    assert speaker.volume < configured
    assert home.ids["volume"].text == "小声"
    kiosk.app.reset_session()
    kiosk.driver.frames(2)
    assert speaker.volume is None, "back to the configured volume for the next person"
    assert home.ids["volume"].text == "正常"


def test_bigger_text_grows_the_words_not_the_targets_and_the_session_end_undoes_it(
    kiosk: Kiosk,
):
    theme = kiosk.app.theme
    home = kiosk.screen("home")
    body, target = theme.font_body, theme.target
    kiosk.driver.tap(home.ids["bigger_text"])
    kiosk.driver.frames(2)
    assert theme.bigger_text
    assert home.ids["bigger_text"].active
    assert theme.font_body == pytest.approx(theme.mm(BODY_MM * BIGGER_TEXT))
    assert theme.font_body > body
    assert theme.target == target
    assert kiosk.app.anything_to_clear(), "the idle reset must undo it for the next person"
    kiosk.app.reset_session()
    kiosk.driver.frames(2)
    assert not theme.bigger_text
    assert theme.font_body == body
