"""The screen audit: every screen × language × display × state, checked from what is drawn.

tests/ui/audit.py holds the checks, tests/ui/audit_states.py the states. Each test walks one
language on one display through every state and reports every finding at once, so one run shows
the whole picture. The audit's own checks are tested on purpose-made bad widgets below: a check
that cannot fail would let a whole class of defect through unnoticed.
"""

from __future__ import annotations

import pytest
from kivy.graphics import Color, Rectangle
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label

from kiosk.config.model import Display
from kiosk.ui.widgets import KLabel
from tests.ui import audit
from tests.ui.audit_states import states
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk

DISPLAYS = [LANDSCAPE, PORTRAIT]
DISPLAY_IDS = ["800x480", "720x1280"]


def _audit_all(kiosk: Kiosk, display: Display, lang: str) -> tuple[list[audit.Finding], int]:
    findings: list[audit.Finding] = []
    frames = 0
    kiosk.driver.set_display(display)
    for screen, state, enter in states():
        kiosk.app.reset_session()
        kiosk.app.set_language(lang)
        enter(kiosk)
        kiosk.driver.settle()
        kiosk.driver.frames(2)
        where = f"{screen} [{state}] {lang} {display.width}x{display.height}"
        findings += audit.check_frame(where, rtl=kiosk.app.rtl, px_per_mm=kiosk.app.theme.px_per_mm)
        frames += 1
    return findings, frames


@pytest.mark.parametrize("display", DISPLAYS, ids=DISPLAY_IDS)
@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_every_screen_state_is_drawn_whole_readable_and_in_reading_order(
    kiosk: Kiosk, display: Display, lang: str
):
    findings, frames = _audit_all(kiosk, display, lang)
    assert frames == len(states())
    report = "\n".join(str(f) for f in findings)
    assert not findings, f"{len(findings)} findings in {frames} frames:\n{report}"


# --- the audit finds what it is meant to find --------------------------------------------------


def _stage(kiosk: Kiosk, *widgets: Label) -> BoxLayout:
    """Widgets of the test's own, on the home screen, drawn for one frame."""
    kiosk.app.go_home()
    box = BoxLayout(orientation="vertical", size_hint=(0.9, 0.5), pos_hint={"x": 0.05, "y": 0.1})
    with box.canvas.before:  # a plain cream stage over the doors, so only the test's widgets count
        Color(*kiosk.app.theme.background)
        stage = Rectangle()
    box.bind(pos=lambda *_a: setattr(stage, "pos", box.pos))
    box.bind(size=lambda *_a: setattr(stage, "size", box.size))
    for widget in widgets:
        box.add_widget(widget)
    kiosk.screen("home").add_widget(box)
    kiosk.driver.frames(3)
    return box


def _checks(kiosk: Kiosk) -> list[audit.Finding]:
    return audit.check_frame("stage", rtl=kiosk.app.rtl, px_per_mm=kiosk.app.theme.px_per_mm)


def test_the_audit_measures_the_contrast_really_drawn(kiosk: Kiosk):
    faint = KLabel(text="请触摸屏幕开始")
    _stage(kiosk, faint)
    faint.color = (0.6, 0.6, 0.6, 1)  # grey on the cream background: about 2.6:1
    kiosk.driver.frames(2)
    found = [f for f in _checks(kiosk) if f.check == "contrast" and "请触摸" in f.what]
    assert found, "a grey text on cream must be reported"
    ratio = float(found[0].what.rsplit(" ", 1)[1].split(":")[0])
    assert 2.0 < ratio < 3.2


def test_the_audit_reports_text_drawn_over_other_text(kiosk: Kiosk):
    first, second = Label(text="胜利社区"), Label(text="回音簿")
    box = _stage(kiosk, first, second)
    second.font_name = first.font_name = kiosk.app.theme.text_font
    second.font_size = first.font_size = 40
    box.spacing = -60  # the second row drawn into the first
    kiosk.driver.frames(3)
    assert any(f.check == "overlap" for f in _checks(kiosk))


def test_the_audit_reports_a_cut_line_and_a_split_word(kiosk: Kiosk):
    kiosk.app.set_language("ug")

    def narrow(height: int) -> Label:
        label = Label(
            text="ئۆزگەرتىش باشقىسىنى ئويۇن",
            font_name=kiosk.app.theme.text_font,
            font_size=40,
            color=(0, 0, 0, 1),
            size_hint=(None, None),
            size=(120, height),
        )
        label.text_size = label.size  # Kivy splits long words and drops lines that do not fit
        return label

    tall, short = narrow(500), narrow(60)
    _stage(kiosk, tall, short)
    found = _checks(kiosk)
    assert any(f.check == "line-break" and "split" in f.what for f in found)
    assert any(f.check == "cut" and "not drawn" in f.what for f in found)


def test_the_audit_reports_chinese_lines_that_break_the_rules(kiosk: Kiosk):
    label = Label(
        text="胜利花园小区、党群服务中心",
        font_name=kiosk.app.theme.text_font,
        font_size=40,
        size_hint=(None, None),
        size=(240, 200),
    )
    label.text_size = (240, None)
    _stage(kiosk, label)
    lines = audit.laid_out_lines(label)
    assert lines[1].startswith("、") or len(lines[-1].strip()) == 1, lines
    assert any(f.check == "line-break" for f in _checks(kiosk))
