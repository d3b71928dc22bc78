"""A trembling hand double-taps: the second tap, 0.15 s after the first, must not act on what the
first one brought up (Home then the language button, Next then the next page's Next); a tap
0.35 s later does. Every Home/Back/Next/Prev/page button of every screen, both languages, both
displays, tapped on the real window with the fake clock moved between the taps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from kivy.core.window import Window
from kivy.uix.scrollview import ScrollView

from kiosk.ui.screens.home import DOORS
from kiosk.ui.widgets import BigButton, NavBar, Pager
from tests.fixtures.residents import button_on
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk

SOON, LATER = 0.15, 0.35

Getter = Callable[[Kiosk, Any], BigButton]


@pytest.fixture
def warm_screens() -> bool:
    """The kiosk warms its screens off the window, as every real kiosk does."""
    return True


def _nav(which: str) -> Getter:
    def get(_kiosk: Kiosk, screen: Any) -> BigButton:
        bar = next(w for w in screen.walk() if isinstance(w, NavBar))
        return bar.ids[which]  # type: ignore[no-any-return]

    return get


def _pager(which: str) -> Getter:
    def get(kiosk: Kiosk, screen: Any) -> BigButton:
        pager = next(w for w in screen.walk() if isinstance(w, Pager))
        if which == "prev":  # Prev acts from the second page: get there first
            kiosk.driver.tap(pager.ids["next"])
        return pager.ids[which]  # type: ignore[no-any-return]

    return get


def _id(name: str) -> Getter:
    return lambda _kiosk, screen: screen.ids[name]


def _icon(*icons: str) -> Getter:
    return lambda _kiosk, screen: next(
        w for w in screen.walk() if isinstance(w, BigButton) and w.icon in icons
    )


NAV = {"back": _nav("back"), "home": _nav("home")}
PAGER = {"next": _pager("next"), "prev": _pager("prev")}
# Screen -> its buttons that move on (another screen, page or day).
BUTTONS: dict[str, dict[str, Getter]] = {
    "home": {f"door_{door}": _id(f"door_{door}") for door in DOORS},
    "notices": NAV,
    "activities": {**NAV, **PAGER},
    "feedback": {**NAV, "category": lambda k, _s: button_on(k, "feedback", "property-repair")},
    "feedback_what": {**NAV, "next": _id("next")},
    "feedback_where": {**NAV, "next": _id("next")},
    "feedback_phone": {**NAV, "ok": lambda _k, s: s.ids["pad"].enter_key},
    "feedback_confirm": {**NAV, "change": _id("change"), "submit": _id("submit")},
    "feedback_done": NAV,
    "echo_wall": {**NAV, **PAGER},
    "red_post": NAV,
    "lookup": NAV,
    "lookup_result": {**NAV, "check_another": _icon("check-another")},
    "lookup_rate": NAV,
    "staff_pin": NAV,
    "staff_panel": {"close": _id("close")},
}


def _enter(kiosk: Kiosk, name: str) -> Any:
    """`name` as a resident reaches it: the form filled for the feedback steps, a ticket for
    the look-up's answer, the PIN given for the panel."""
    app = kiosk.app
    form = app.services.form
    if name.startswith("feedback_") or name == "lookup_result":
        form.choose_category("property-repair")
        form.toggle_phrase(0)
        for digit in "13912345678":
            form.press_digit(digit)
    if name == "feedback_done":
        ticket = app.services.desk.submit(form.to_draft())
        kiosk.screen("feedback_done").show(ticket)
    if name == "lookup_result":
        ticket = app.services.desk.submit(form.to_draft())
        answer = app.services.lookup.local(ticket.code)
        assert answer is not None
        kiosk.screen("lookup").show(answer)
    elif name == "staff_panel":
        app.open_staff_panel()
    elif name != "home":
        app.go(name)
    kiosk.driver.frames(2)
    assert kiosk.current == name
    return kiosk.screen(name)


def _state(kiosk: Kiosk) -> tuple[Any, ...]:
    """What a tap could change: screen, language, way back, form, page, day, chosen items."""
    app = kiosk.app
    screen = app.current_screen
    form = app.services.form
    return (
        kiosk.current,
        app.lang,
        tuple(app.history),
        form.category,
        tuple(form.phrases),
        form.place,
        form.phone,
        *(getattr(screen, attr, None) for attr in ("page", "day_index", "kind", "offering")),
        # Next first reads a long page row by row (kiosk.ui.scroll_steps) before turning it
        tuple(round(w.scroll_y, 3) for w in screen.walk() if isinstance(w, ScrollView)),
    )


def _buttons_at(x: float, y: float) -> list[BigButton]:
    """The enabled buttons under a window point, on the screen or the idle warning."""
    found = []
    for top in Window.children:
        for widget in top.walk():
            if (
                isinstance(widget, BigButton)
                and not widget.disabled
                and widget.get_root_window() is not None
                and widget.collide_point(*widget.to_widget(x, y))
            ):
                found.append(widget)
    return found


def _releases(buttons: list[BigButton]) -> list[BigButton]:
    released: list[BigButton] = []
    for button in buttons:
        button.bind(on_release=released.append)
    return released


def _double_tap(kiosk: Kiosk, button: BigButton, where: str) -> None:
    driver = kiosk.driver
    assert not button.disabled, f"{where}: the button to double-tap is disabled"
    x, y = button.to_window(*button.center)
    driver.let_guard_pass()
    before = _state(kiosk)
    driver.touch_at(x, y)
    after_first = _state(kiosk)
    assert after_first != before, f"{where}: the first tap did nothing"

    under = _buttons_at(x, y)
    released = _releases(under)
    kiosk.clock.advance(SOON)
    driver.touch_at(x, y)
    assert _state(kiosk) == after_first, f"{where}: the second tap 0.15 s later acted"
    assert released == [], f"{where}: the second tap pressed {released[0].text!r}"

    kiosk.clock.advance(LATER - SOON)
    driver.touch_at(x, y)
    if under:  # something lies under the finger: now it acts
        assert released, f"{where}: a tap 0.35 s after the change did not act"


@pytest.mark.parametrize("name", list(BUTTONS))
def test_a_second_tap_within_a_moment_of_a_change_does_nothing_on_every_nav_button(
    kiosk: Kiosk, name: str
):
    for display in (LANDSCAPE, PORTRAIT):
        kiosk.driver.set_display(display)
        for lang in kiosk.app.languages.available:
            for label, get in BUTTONS[name].items():
                kiosk.app.reset_session()
                kiosk.app.set_language(lang)
                screen = _enter(kiosk, name)
                button = get(kiosk, screen)
                _double_tap(
                    kiosk, button, f"{name}/{label} {lang} {display.width}x{display.height}"
                )


def test_the_idle_warning_does_not_take_a_tap_meant_for_the_screen(kiosk: Kiosk):
    app = kiosk.app
    screen = _enter(kiosk, "feedback")
    category = button_on(kiosk, "feedback", "property-repair")
    x, y = category.to_window(*category.center)
    kiosk.clock.advance(app.kiosk_config.idle.timeout_seconds + 1)
    assert app.idle is not None
    app.idle.tick()
    assert app.idle_warning_open
    warning = app._idle_warning
    assert warning is not None
    kept: list[object] = []
    warning.bind(on_keep_going=lambda *_a: kept.append(1))
    keep_x, keep_y = warning.ids["keep_going"].to_window(*warning.ids["keep_going"].center)

    kiosk.clock.advance(SOON)
    kiosk.driver.touch_at(keep_x, keep_y)
    assert kept == [], "the button pressed the instant the warning appeared"
    assert kiosk.current == "feedback"
    assert screen.services.form.category is None
    assert not app.idle_warning_open, "the touch still tells the kiosk someone is there"

    kiosk.clock.advance(SOON)
    kiosk.driver.touch_at(x, y)
    assert kiosk.current == "feedback", "the screen took a tap the instant the warning closed"
    kiosk.clock.advance(LATER)
    kiosk.driver.touch_at(x, y)
    assert kiosk.current == "feedback_what"


def test_the_screen_does_not_take_a_tap_meant_for_keep_going(kiosk: Kiosk):
    app = kiosk.app
    _enter(kiosk, "feedback")
    kiosk.clock.advance(app.kiosk_config.idle.timeout_seconds + 1)
    assert app.idle is not None
    app.idle.tick()
    warning = app._idle_warning
    assert warning is not None
    keep = warning.ids["keep_going"]
    x, y = keep.to_window(*keep.center)
    beneath = [b for b in _buttons_at(x, y) if b is not keep.__self__]
    assert beneath, "a button of the screen lies under Keep going"
    kiosk.driver.tap(keep)
    assert not app.idle_warning_open
    kiosk.clock.advance(SOON)
    kiosk.driver.touch_at(x, y)
    assert kiosk.current == "feedback"
    assert app.services.form.category is None


def test_a_tap_after_the_language_changes_waits_for_the_mirrored_rows(kiosk: Kiosk):
    app = kiosk.app
    screen = _enter(kiosk, "feedback_where")
    kiosk.driver.let_guard_pass()
    app.set_language("ug")
    first = screen.ids["next"]
    kiosk.clock.advance(SOON)
    kiosk.driver.touch_at(*first.to_window(*first.center))
    assert kiosk.current == "feedback_where"
    kiosk.driver.tap(first)
    assert kiosk.current == "feedback_phone"
