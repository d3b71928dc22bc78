from __future__ import annotations

from tests.ui.helpers import Kiosk


def _tick(kiosk: Kiosk, seconds: float) -> None:
    kiosk.clock.advance(seconds)
    assert kiosk.app.idle is not None
    kiosk.app.idle.tick()
    kiosk.driver.frames(2)


def test_idle_warning_then_reset_clears_language_and_returns_home(kiosk: Kiosk):
    kiosk.app.set_language("ug")
    kiosk.app.go("notices")
    kiosk.driver.frames(2)

    _tick(kiosk, 59)
    assert not kiosk.app.idle_warning_open
    _tick(kiosk, 2)
    assert kiosk.app.idle_warning_open
    _tick(kiosk, 19)
    assert kiosk.app.idle_warning_open, "the warning stays up at least 20 s"
    _tick(kiosk, 2)
    assert not kiosk.app.idle_warning_open
    assert kiosk.current == "home"
    assert kiosk.app.lang == "zh"


def test_continue_button_keeps_the_session(kiosk: Kiosk):
    kiosk.app.go("red_post")
    kiosk.driver.frames(2)
    _tick(kiosk, 61)
    assert kiosk.app.idle_warning_open
    warning = kiosk.app._idle_warning
    assert warning is not None
    kiosk.driver.tap(warning.ids["keep_going"])
    assert not kiosk.app.idle_warning_open
    _tick(kiosk, 30)
    assert kiosk.current == "red_post"


def test_touches_keep_the_timer_from_firing(kiosk: Kiosk):
    kiosk.app.go("notices")
    kiosk.driver.frames(2)
    for _ in range(5):
        _tick(kiosk, 50)
        kiosk.driver.tap_at(400, 240)
    assert not kiosk.app.idle_warning_open
    assert kiosk.current == "notices"


def test_home_screen_in_default_language_is_left_alone(kiosk: Kiosk):
    _tick(kiosk, 61)
    assert not kiosk.app.idle_warning_open
    assert kiosk.current == "home"


def test_countdown_is_shown_in_seconds(kiosk: Kiosk):
    kiosk.app.go("activities")
    kiosk.driver.frames(2)
    _tick(kiosk, 61)
    _tick(kiosk, 5)
    warning = kiosk.app._idle_warning
    assert warning is not None
    assert warning.seconds == 15


def test_the_warning_chimes_right_before_its_words(kiosk: Kiosk):
    kiosk.app.go("notices")
    kiosk.driver.frames(2)
    _tick(kiosk, 61)
    assert kiosk.app.idle_warning_open
    name, text, lang = kiosk.speaker.said[-1]
    assert (name, lang) == ("", "zh")
    assert text, "the warning is said aloud"
    assert kiosk.speaker.sounds == [("chime.wav", text)], "one chime, leading the warning's words"


def test_with_speech_off_for_the_visit_the_warning_is_only_shown(kiosk: Kiosk):
    kiosk.app.go("notices")
    kiosk.driver.frames(2)
    kiosk.app.toggle_speech()
    said = len(kiosk.speaker.said)
    _tick(kiosk, 61)
    assert kiosk.app.idle_warning_open
    assert kiosk.speaker.said[said:] == []
    assert kiosk.speaker.sounds == [], "a resident who switched speech off gets no chime either"
