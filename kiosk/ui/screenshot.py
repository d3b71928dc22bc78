"""`kiosk screenshot`: every screen, in every language, at both display sizes, as PNG files.

Besides each screen's first page, the pages a README shows (STATES: the wall's chart, a solved
problem) are written as `<screen>-<state>-<lang>-<W>x<H>.png`. A kiosk that has never received
the centre's feed gets a sample feed for those, in a throwaway store, never in its own.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config.model import Display
from kiosk.core.samples import with_sample_feed
from kiosk.core.services import Services
from kiosk.domain.lookup import Answer
from kiosk.domain.tickets import TicketStatus
from kiosk.ui.env import WindowMode, prepare_kivy

if TYPE_CHECKING:  # imported for real only once prepare_kivy has run
    from kiosk.ui.app import KioskApp

PROFILES = (
    Display(width=800, height=480, dpi=132),  # Raspberry Pi 7" touch display, landscape
    Display(width=720, height=1280, dpi=210),  # Touch Display 2, portrait
)
# What staff and a resident would write (sample data, not the kiosk's own words)
SAMPLE_ANSWER = "已联系充电桩厂家更换模块，现已恢复充电。"
SAMPLE_SUMMARY = "充电桩不能充电"
# Pages past a screen's first, by name: the wall's page index for each.
STATES: dict[str, dict[str, int]] = {"echo_wall": {"figures": 0, "chart": 1, "solved": 2}}


def capture_all(services: Services, out_dir: Path) -> list[Path]:
    first = PROFILES[0]
    services = with_sample_feed(services, answer=SAMPLE_ANSWER, summary=SAMPLE_SUMMARY)
    prepare_kivy(
        WindowMode(width=first.width, height=first.height, fullscreen=False, lockdown=False),
        kivy_home=services.data_dir / "kivy",
    )
    from kiosk.ui.app import SCREENS, KioskApp
    from kiosk.ui.driver import Driver

    app = KioskApp(services)
    driver = Driver(app).start()
    written: list[Path] = []
    try:
        for display in PROFILES:
            driver.set_display(display)
            for lang in app.languages.available:
                app.set_language(lang)
                for name in SCREENS:
                    prepare_screen(app, services, name)
                    app.go(name)
                    driver.frames(3)
                    size = f"{display.width}x{display.height}"
                    written.append(driver.screenshot(out_dir / f"{name}-{lang}-{size}.png"))
                    for state in STATES.get(name, {}):
                        prepare_screen(app, services, name, state)
                        app.screen(name).refresh()
                        driver.frames(3)
                        out = out_dir / f"{name}-{state}-{lang}-{size}.png"
                        written.append(driver.screenshot(out))
                app.go_home()
    finally:
        driver.stop()
    return written


def prepare_screen(app: KioskApp, services: Services, screen: str, state: str = "") -> None:
    """Fill the feedback form as a resident would have, so each step shows real content; with
    `state` (one of STATES[screen]), turn to that page."""
    from kiosk.ui.screens.echo_wall import EchoWallScreen
    from kiosk.ui.screens.feedback_done import FeedbackDoneScreen
    from kiosk.ui.screens.lookup_result import LookupResultScreen

    content = services.config().content
    form = services.form
    steps = ("feedback", "feedback_what", "feedback_where", "feedback_phone", "feedback_confirm")
    if screen in steps and content.categories and (screen == "feedback" or form.is_empty):
        form.clear()
        form.choose_category(content.categories[0].code)
        form.toggle_phrase(0)
        form.place = content.places[0].code if content.places else None
        for digit in "13912345678":
            form.press_digit(digit)
    if screen == "staff_panel":
        app.staff_unlocked = True  # as after the right PIN
    if screen == "feedback_done" and content.categories:
        ticket = services.desk.sample_ticket()
        done = app.screen("feedback_done")
        assert isinstance(done, FeedbackDoneScreen)
        done.show(ticket)
    if screen == "echo_wall":
        wall = app.screen("echo_wall")
        assert isinstance(wall, EchoWallScreen)
        wall.page = STATES["echo_wall"].get(state, 0)
    if screen in ("lookup_result", "lookup_rate") and content.categories:
        result = app.screen("lookup_result")
        assert isinstance(result, LookupResultScreen)
        result.answer = sample_answer(services)


def sample_answer(services: Services) -> Answer:
    """The sample ticket as solved on time, with the kind of answer staff write (never stored)."""
    ticket = services.desk.sample_ticket()
    return Answer(
        code=ticket.code,
        status=TicketStatus.CLOSED,
        category=ticket.category,
        responsible=ticket.responsible,
        promised=ticket.promised,
        answer=SAMPLE_ANSWER,
        received=ticket.created,
        solved=ticket.created + timedelta(days=1),
        summary=SAMPLE_SUMMARY,
    )
