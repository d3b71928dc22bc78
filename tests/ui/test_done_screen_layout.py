"""The done screen shows the ticket code whole and large, clear of the nav bar and of the QR, on
both displays, in both languages, for ordinary (9-digit) and provisional (12-digit) codes, also
with a printer fault's longer note and with bigger text on: the lines under it give way first,
and only where they cannot all fit at body size (Uyghur, portrait) do they scroll."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.domain.ticket_code import PROVISIONAL_FIRST, make_code
from kiosk.receipt.status import PrintResult
from kiosk.ui.widgets import NavBar
from tests.ui.geometry import contains, inside_window, one_line_fits, overlap, window_box
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk

CODES = {"ordinary": make_code(1, 15), "provisional": make_code(1, PROVISIONAL_FIRST + 123_456)}


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["7inch", "portrait"])
@pytest.mark.parametrize("lang", ["zh", "ug"])
@pytest.mark.parametrize("kind", sorted(CODES))
@pytest.mark.parametrize("state", ["no printer", "printer failed", "bigger text"])
def test_code_is_whole_large_and_clear_of_nav_bar_qr_and_lines(
    kiosk: Kiosk, display, lang, kind, state
):
    assert len(CODES["ordinary"]) == 9
    assert len(CODES["provisional"]) == 12
    done = kiosk.screen("feedback_done")
    ticket = dataclasses.replace(kiosk.app.services.desk.sample_ticket(), code=CODES[kind])
    # laid out on the other display first: the screenshot run and a display change do that
    kiosk.driver.set_display(PORTRAIT if display == LANDSCAPE else LANDSCAPE)
    done.show(ticket)
    kiosk.app.go("feedback_done")
    assert kiosk.wait_for(lambda: done.show_qr), "no printer in tests: the QR stands in"
    kiosk.app.go_home()
    kiosk.driver.set_display(display)
    kiosk.app.set_language(lang)
    if state == "bigger text":
        kiosk.app.toggle_bigger_text()
    done.show(ticket)
    kiosk.app.go("feedback_done")
    assert kiosk.wait_for(lambda: done.show_qr)
    if state == "printer failed":
        done.result = PrintResult(printed=False, reason="paper out")
        done.refresh()
    kiosk.driver.frames(4)

    code = done.ids["code"]
    nav = next(w for w in done.walk() if isinstance(w, NavBar))
    box = window_box(code)
    assert inside_window(box)
    assert not overlap(box, window_box(nav)), f"code {box} over nav bar {window_box(nav)}"
    assert one_line_fits(code), f"{code.text!r} cut at {code.font_size}px in {code.width}px"
    assert code.font_size >= kiosk.app.theme.font_title, "the code stays the largest text"
    assert len(code._label._cached_lines or []) == 1, "the code on one line"
    shown = [done.ids[n] for n in ("qr", "qr_beside") if done.ids[n].opacity > 0]
    assert len(shown) == 1, "one QR, beside the words"
    qr = window_box(shown[0])
    assert qr[2] > 0
    assert qr[3] > 0
    assert inside_window(qr)
    side = min(qr[2], qr[3])
    assert side >= 18 * kiosk.app.theme.px_per_mm, "a QR a phone can read"
    names = ("code", "responsible", "promised", "receipt")
    # Uyghur on the portrait panel is taller than the screen at body size (the receipt's date,
    # time and phone number lines): only there the words under the code scroll, the code first.
    assert done.overflow == 0 or (lang == "ug" and display == PORTRAIT), "words scroll"
    view = window_box(done.ids["scroll"])
    top = {name: window_box(done.ids[name]) for name in names}
    bottom = dict(top)
    if done.overflow:
        done.ids["scroll"].scroll_y = 0
        kiosk.driver.frames(2)
        bottom = {name: window_box(done.ids[name]) for name in names}
        done.ids["scroll"].scroll_y = 1
        kiosk.driver.frames(2)
    for name in names:
        label = top[name]
        assert contains(view, label) or contains(view, bottom[name]), f"{name} never in view"
        if contains(view, label):
            assert inside_window(label), name
            assert not overlap(label, window_box(nav)), name
        assert not overlap(label, qr), f"{name} under the QR"
        for other in names[names.index(name) + 1 :]:
            assert not overlap(label, top[other]), f"{name} over {other}"
    body = kiosk.app.theme.font_body / kiosk.app.theme.text_scale
    assert all(done.ids[n].font_size >= body for n in names[1:]), "never below body size"
