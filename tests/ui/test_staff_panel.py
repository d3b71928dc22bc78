"""The staff panel on the real window: the corner press, the PIN and its lock-out, the facts and
every action tapped, down to its real effect (a receipt on the ESC/POS emulator, an outbox row
moved, a config file read again, the exit code the service sees)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch

from kiosk.config.model import Display
from kiosk.core.stop import EXIT_LEAVE_KIOSK, EXIT_RESTART
from kiosk.store.outbox import Outbox, OutboxItem
from kiosk.ui.widgets import BigButton
from tests.fixtures.escpos_emulator import FINE, Emulator, TcpPrinter
from tests.fixtures.residents import report_a_repair
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk

PIN = "2468"  # the sample config's PIN (config/kiosk.yaml)


@pytest.fixture
def printer() -> Iterator[TcpPrinter]:
    with TcpPrinter(Emulator(answers=dict(FINE))) as server:
        yield server


@pytest.fixture
def config_path(config_path: Path, printer: TcpPrinter) -> Path:
    text = config_path.read_text(encoding="utf-8")
    start, end = text.index("printer:\n"), text.index("\ncentral:")
    network = f"printer:\n  type: network\n  network: {{host: 127.0.0.1, port: {printer.port}}}\n"
    config_path.write_text(text[:start] + network + text[end:], encoding="utf-8")
    return config_path


def _hold_corner(kiosk: Kiosk, *, right: bool = False, seconds: float = 5.0) -> UnitTestTouch:
    kiosk.driver.let_guard_pass()  # a press that starts as a screen appears is no gesture
    x = Window.width - 10 if right else 10
    touch = UnitTestTouch(x, Window.height - 10)
    touch.touch_down()
    kiosk.driver.frames(1)
    kiosk.clock.advance(seconds)
    kiosk.app.staff_tick()
    kiosk.driver.frames(2)
    return touch


def _key(kiosk: Kiosk, value: str) -> BigButton:
    for widget in kiosk.screen("staff_pin").ids["pad"].children:
        if isinstance(widget, BigButton) and widget.value == value:
            return widget
    raise AssertionError(f"no key {value!r}")


def _enter(kiosk: Kiosk, pin: str) -> str:
    """Type `pin` and OK; the note the pad shows after the check."""
    pad = kiosk.screen("staff_pin")
    for digit in pin:
        kiosk.driver.tap(_key(kiosk, digit))
    assert pad.dots == "●" * len(pin)
    kiosk.driver.tap(_key(kiosk, "next"))
    assert kiosk.wait_for(lambda: not pad.checking)
    return str(pad.note)


def _open_panel(kiosk: Kiosk) -> None:
    _hold_corner(kiosk).touch_up()
    assert kiosk.current == "staff_pin"
    _enter(kiosk, PIN)
    assert kiosk.current == "staff_panel"


def test_a_five_second_press_on_the_top_start_corner_asks_for_the_pin(kiosk: Kiosk):
    touch = _hold_corner(kiosk, seconds=4.5)
    assert kiosk.current == "home", "4.5 s is not yet the gesture"
    kiosk.clock.advance(0.5)
    kiosk.app.staff_tick()
    kiosk.driver.frames(2)
    assert kiosk.current == "staff_pin"
    touch.touch_up()
    kiosk.driver.frames(2)
    assert kiosk.current == "staff_pin", "lifting the finger taps nothing on the pad"
    assert ("staff_pin", "请输入密码", "zh") in kiosk.speaker.said


def test_no_digit_of_the_pin_is_ever_spoken(kiosk: Kiosk):
    _open_panel(kiosk)
    said = " ".join(text for _, text, _ in kiosk.speaker.said)
    assert not any(digit in said for digit in "0123456789"), said
    assert str(len(PIN)) not in said


def test_every_pin_key_gives_the_same_click_and_no_words(kiosk: Kiosk):
    _hold_corner(kiosk).touch_up()
    for digit in PIN:
        kiosk.driver.tap(_key(kiosk, digit))
    assert kiosk.speaker.sounds == [("click.wav", "")] * len(PIN)


def test_the_corner_follows_the_reading_direction_to_the_right_in_uyghur(kiosk: Kiosk):
    _hold_corner(kiosk, right=True).touch_up()  # Chinese: the staff corner is the left one
    kiosk.driver.frames(3)
    assert kiosk.current == "home", "the top-right corner is not the staff door in Chinese"
    kiosk.app.set_language("ug")
    _hold_corner(kiosk, right=True).touch_up()
    assert kiosk.current == "staff_pin"


def test_a_press_that_starts_on_a_button_stays_a_normal_tap(kiosk: Kiosk):
    kiosk.app.go("notices")  # the Back button sits in the top-start corner here
    kiosk.driver.frames(2)
    _hold_corner(kiosk).touch_up()
    kiosk.driver.frames(2)
    assert kiosk.current == "home", "Back did its job; no PIN pad"


def test_without_a_pin_hash_the_gesture_shows_residents_nothing(
    kiosk: Kiosk, caplog: pytest.LogCaptureFixture
):
    kiosk.app.kiosk_config = _without_pin(kiosk)
    _hold_corner(kiosk).touch_up()
    assert kiosk.current == "home"
    assert "no staff.pin_hash" in caplog.text


def _without_pin(kiosk: Kiosk):
    import dataclasses

    from kiosk.config.model import Staff

    return dataclasses.replace(kiosk.app.kiosk_config, staff=Staff(pin_hash=None))


def test_five_wrong_pins_lock_the_pad_for_five_minutes_then_the_right_one_opens(kiosk: Kiosk):
    _hold_corner(kiosk).touch_up()
    for tries_left in (4, 3, 2, 1):
        assert _enter(kiosk, "1111") == f"密码不对，还可以试 {tries_left} 次"
    assert _enter(kiosk, "1111") == "错误太多，已锁定，请 5 分钟后再试"
    # Locked: even the right PIN is not looked at.
    kiosk.clock.advance(4 * 60)
    kiosk.driver.tap(_key(kiosk, "2"))
    assert kiosk.screen("staff_pin").note == "错误太多，已锁定，请 1 分钟后再试"
    assert kiosk.screen("staff_pin").dots == ""
    kiosk.clock.advance(61)
    assert _enter(kiosk, PIN) == ""
    assert kiosk.current == "staff_panel"
    assert kiosk.app.staff_unlocked


def test_the_panel_is_never_shown_without_the_pin(kiosk: Kiosk):
    kiosk.app.go("staff_panel")
    assert kiosk.wait_for(lambda: kiosk.current == "home")
    assert kiosk.screen("staff_panel").facts_text == ""
    _open_panel(kiosk)
    kiosk.app.back()  # back skips the pad and locks the panel again
    kiosk.driver.frames(2)
    assert kiosk.current == "home"
    assert not kiosk.app.staff_unlocked


def _refused_report(kiosk: Kiosk, outbox: Outbox, reason: str) -> OutboxItem:
    """A resident's report, stored and then refused by the centre with `reason`."""
    report_a_repair(kiosk)
    kiosk.driver.tap(kiosk.screen("feedback_confirm").ids["submit"])
    kiosk.app.go_home()
    [item] = outbox.due(kiosk.app.services.now(), 10)
    outbox.mark_rejected(item.id, reason)
    return item


def test_the_panel_shows_a_rejected_item_the_printer_and_a_config_error_in_staff_words(
    kiosk: Kiosk, caplog: pytest.LogCaptureFixture
):
    outbox = Outbox.open(kiosk.app.services.data_dir / "tickets.sqlite3")
    try:
        item = _refused_report(kiosk, outbox, "service_code 'property-repair' is not known here")
    finally:
        outbox.close()
    kiosk.config_path.write_text(
        kiosk.config_path.read_text("utf-8").replace("  timezone:", "  timezon:"), "utf-8"
    )
    assert kiosk.wait_for(lambda: bool(kiosk.app.config_errors))
    _open_panel(kiosk)
    facts = kiosk.screen("staff_panel").facts_text
    assert "被中心拒收 1 条" in facts
    assert f"{item.ticket_code}（反映）" in facts
    assert "打印机（network）" in facts
    assert "kiosk.yaml:" in facts, "the error says where in the file"
    assert "版本 " in facts
    # The machines' English is for the journal, not the panel.
    assert "is not known here" not in facts
    assert "did you mean" not in facts
    assert "API key" not in facts
    assert "not the kiosk screen" not in facts
    journal = caplog.text
    assert "service_code 'property-repair' is not known here" in journal
    assert "did you mean 'timezone'" in journal


def test_print_test_prints_a_receipt_on_the_printer(kiosk: Kiosk, printer: TcpPrinter):
    _open_panel(kiosk)
    panel = kiosk.screen("staff_panel")
    kiosk.driver.tap(panel.ids["print_test"])
    assert kiosk.wait_for(lambda: not panel.busy)
    assert panel.result_text == "测试回执已打印"
    assert b"\x1dv0" in printer.emulator.received, "a raster image reached the printer"
    assert kiosk.app.services.book.recent(10) == [], "the sample receipt is not a ticket"


def test_retry_puts_rejected_items_back_in_the_outbox_with_their_key(kiosk: Kiosk):
    outbox = Outbox.open(kiosk.app.services.data_dir / "tickets.sqlite3")
    try:
        item = _refused_report(kiosk, outbox, "unknown service")
        _open_panel(kiosk)
        panel = kiosk.screen("staff_panel")
        assert "被中心拒收 1 条" in panel.facts_text
        kiosk.driver.tap(panel.ids["retry"])
        assert panel.result_text == "1 条已放回待上传"
        counts = outbox.counts()
        assert (counts.waiting, counts.rejected) == (1, 0)
        again = outbox.get(item.id)
        assert again is not None
        assert again.key == item.key
        assert "被中心拒收" not in panel.facts_text
        assert "待上传 1 条" in panel.facts_text
    finally:
        outbox.close()


def test_reload_reads_a_changed_config_file_at_once(kiosk: Kiosk):
    live = kiosk.app.services.live
    assert live._watcher is not None
    live._watcher.stop()  # no polling: only the button can pick the edit up
    _open_panel(kiosk)
    text = kiosk.config_path.read_text(encoding="utf-8")
    kiosk.config_path.write_text(text.replace("{zh: 胜利社区,", "{zh: 胜利社区服务中心,"), "utf-8")
    panel = kiosk.screen("staff_panel")
    kiosk.driver.tap(panel.ids["reload"])
    assert kiosk.wait_for(lambda: not panel.busy)
    assert panel.result_text == "设置已读取，没有错误"
    assert kiosk.wait_for(
        lambda: kiosk.app.kiosk_config.content.community.short_name.get("zh") == "胜利社区服务中心",
    )
    kiosk.config_path.write_text(text.replace("  timezone:", "  timezon:"), "utf-8")
    kiosk.driver.tap(panel.ids["reload"])
    assert kiosk.wait_for(lambda: not panel.busy)
    assert panel.result_text == "设置有 1 处错误，仍用上一次的设置"
    assert "设置文件有 1 处错误" in panel.facts_text


def test_sync_now_wakes_the_worker(kiosk: Kiosk):
    _open_panel(kiosk)
    panel = kiosk.screen("staff_panel")
    worker = kiosk.app.services.sync
    worker.stop()  # its thread would take the wake-up at once; here it stays to be seen
    worker._wake.clear()
    kiosk.driver.tap(panel.ids["sync_now"])
    assert worker._wake.is_set(), "the worker was told to start a round now"
    assert panel.result_text == "已开始上传"


@pytest.mark.parametrize(
    ("button", "code"), [("restart", EXIT_RESTART), ("leave", EXIT_LEAVE_KIOSK)]
)
def test_restart_and_leave_end_the_app_with_the_code_the_service_reads(
    kiosk: Kiosk, button: str, code: int
):
    codes: list[int] = []
    kiosk.app.exit_with = codes.append
    _open_panel(kiosk)
    panel = kiosk.screen("staff_panel")
    kiosk.driver.tap(panel.ids[button])
    assert codes == [], "one tap only asks for a second"
    assert panel.ids[button].text == "再按一次确认"
    kiosk.clock.advance(1)
    kiosk.driver.tap(panel.ids[button])
    assert codes == [code]
    if button == "leave":
        assert Window.dispatch("on_request_close") is not True, "the window may be closed now"


def test_the_panel_closes_itself_when_left_alone(kiosk: Kiosk):
    _open_panel(kiosk)
    kiosk.clock.advance(61)
    assert kiosk.app.idle is not None
    kiosk.app.idle.tick()
    kiosk.clock.advance(21)
    kiosk.app.idle.tick()
    kiosk.driver.frames(2)
    assert kiosk.current == "home"
    assert not kiosk.app.staff_unlocked
    kiosk.app.go("staff_panel")
    assert kiosk.wait_for(lambda: kiosk.current == "home"), "and needs the PIN again"


@pytest.mark.parametrize("button", ["restart", "leave"])
def test_a_slip_on_restart_or_leave_does_nothing_after_a_few_seconds(kiosk: Kiosk, button: str):
    codes: list[int] = []
    kiosk.app.exit_with = codes.append
    _open_panel(kiosk)
    panel = kiosk.screen("staff_panel")
    kiosk.driver.tap(panel.ids[button])
    kiosk.clock.advance(5)
    panel.refresh()
    assert panel.ids[button].text != "再按一次确认", "the question lapses"
    kiosk.driver.tap(panel.ids[button])
    assert codes == [], "a tap long after the first only asks again"
    other = "leave" if button == "restart" else "restart"
    kiosk.driver.tap(panel.ids[other])
    assert codes == [], "the other button does not confirm this one"


@pytest.mark.parametrize("display", ["landscape", "portrait"])
@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_the_facts_are_body_size_paged_and_every_line_can_be_reached(
    kiosk: Kiosk, display: str, lang: str
):
    from kiosk.ui.theme import BODY_MM
    from tests.ui.helpers import LANDSCAPE, PORTRAIT

    kiosk.driver.set_display(LANDSCAPE if display == "landscape" else PORTRAIT)
    kiosk.app.set_language(lang)
    kiosk.app.open_staff_panel()  # as a right PIN does
    panel = kiosk.screen("staff_panel")
    kiosk.driver.frames(3)
    mm = kiosk.app.theme.px_per_mm
    assert panel.ids["facts"].font_size >= BODY_MM * mm - 1
    assert panel.ids["title"].font_size >= BODY_MM * mm - 1
    title = panel.ids["title"]
    assert title.texture_size[0] <= title.width, "the title is not cut"
    view = panel.ids["facts_view"]
    assert panel.pages >= 2, "the long list is paged"
    for page in range(int(panel.pages)):
        assert panel.page == page
        if page < panel.pages - 1:
            kiosk.driver.tap(panel.ids["next"])
    assert view.scroll_y == pytest.approx(0), "the last page shows the list's end"
    assert panel.ids["next"].disabled
    kiosk.driver.tap(panel.ids["prev"])
    assert panel.page == panel.pages - 2


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["800x480", "720x1280"])
@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_every_page_of_the_facts_shows_whole_lines(kiosk: Kiosk, display: Display, lang: str):
    _open_panel(kiosk)
    kiosk.driver.set_display(display)
    kiosk.app.set_language(lang)
    panel = kiosk.screen("staff_panel")
    view, box, facts = (panel.ids[name] for name in ("facts_view", "facts_box", "facts"))
    kiosk.driver.frames(2)
    pitch = facts.height / len(facts.shown_lines)
    assert panel.pages > 1, "the sample's facts need more than one page here"
    for page in range(int(panel.pages)):
        if page:
            kiosk.driver.tap(panel.ids["next"])
        assert panel.page == page
        shown = view.height / pitch
        above = (1 - view.scroll_y) * (box.height - view.height) / pitch
        assert shown == pytest.approx(round(shown), abs=0.02), f"page {page}: {shown} lines"
        assert above == pytest.approx(round(above), abs=0.02), f"page {page} starts mid-line"
