"""The Echo Book flow tapped through on the real window into a real SQLite ticket book."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from kivy.core.text import Label as CoreLabel

from kiosk.config.model import Display
from kiosk.domain.messages import message
from kiosk.domain.ticket_code import is_valid, typed_code
from tests.fixtures.residents import report_a_repair
from tests.fixtures.small_disk import fill, small_disk_at
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk


def test_a_resident_reports_the_charging_pile_and_gets_a_ticket(kiosk: Kiosk):
    report_a_repair(kiosk)
    confirm = kiosk.screen("feedback_confirm")
    assert "物业维修" in confirm.summary
    assert "充电桩不能充电" in confirm.summary
    assert "二号小区" in confirm.summary
    assert "*******5678" in confirm.summary
    kiosk.driver.tap(confirm.ids["submit"])
    assert kiosk.current == "feedback_done"

    done = kiosk.screen("feedback_done")
    assert done.ticket is not None
    code = done.ticket.code
    assert is_valid(code)
    assert typed_code(done.code_text) == code
    assert "物业公司维修部" in done.responsible_text
    assert done.promised_text == "答复期限：12月7日前"  # 3 days after 4 December, in words

    stored = kiosk.app.services.book.get(code)
    assert stored is not None
    assert (stored.category, stored.place, stored.phrases) == (
        "property-repair",
        "compound-2",
        (0,),
    )
    assert stored.phone == "13912345678"
    assert kiosk.app.services.form.is_empty, "the form is cleared for the next resident"
    kiosk.app.go_home()
    kiosk.driver.frames(2)
    assert kiosk.app.services.sync_status().waiting == 1, "the outbox holds it for the centre"


def test_the_same_problem_again_offers_to_add_a_voice_instead_of_a_second_ticket(kiosk: Kiosk):
    report_a_repair(kiosk)
    kiosk.driver.tap(kiosk.screen("feedback_confirm").ids["submit"])
    first = kiosk.screen("feedback_done").ticket
    assert first is not None
    kiosk.app.go_home()
    kiosk.driver.frames(2)

    report_a_repair(kiosk, phone="")
    confirm = kiosk.screen("feedback_confirm")
    kiosk.driver.tap(confirm.ids["submit"])
    assert confirm.offering
    assert first.code in confirm.offer_text
    kiosk.driver.tap(confirm.ids["submit"])  # now labelled "add my voice"
    assert kiosk.current == "feedback_done"
    joined = kiosk.screen("feedback_done").ticket
    assert joined is not None
    assert joined.code == first.code
    stored = kiosk.app.services.book.get(first.code)
    assert stored is not None
    assert stored.residents == 2


def test_a_double_tap_on_submit_stores_one_ticket(kiosk: Kiosk):
    report_a_repair(kiosk)
    confirm = kiosk.screen("feedback_confirm")
    draft = kiosk.app.services.form.to_draft()
    ticket = kiosk.app.services.desk.submit(draft)  # the first tap's submit, already stored
    kiosk.driver.tap(confirm.ids["submit"])  # the second tap, same draft
    shown = kiosk.screen("feedback_done").ticket
    assert shown is not None
    assert shown.code == ticket.code
    assert len(kiosk.app.services.book.recent(10)) == 1


def test_back_works_on_every_step_and_idle_reset_clears_a_half_finished_report(kiosk: Kiosk):
    report_a_repair(kiosk)
    for expected in ("feedback_phone", "feedback_where", "feedback_what", "feedback"):
        kiosk.app.back()
        kiosk.driver.frames(2)
        assert kiosk.current == expected
    assert not kiosk.app.services.form.is_empty
    kiosk.clock.advance(61)
    assert kiosk.app.idle is not None
    kiosk.app.idle.tick()
    kiosk.clock.advance(21)
    kiosk.app.idle.tick()
    kiosk.driver.frames(2)
    assert kiosk.current == "home"
    assert kiosk.app.services.form.is_empty
    assert kiosk.app.services.book.recent(10) == []


def test_without_a_printer_the_done_screen_shows_the_qr_code(kiosk: Kiosk):
    report_a_repair(kiosk)
    kiosk.driver.tap(kiosk.screen("feedback_confirm").ids["submit"])
    done = kiosk.screen("feedback_done")
    for _ in range(50):
        kiosk.driver.frames(1)
        if done.result is not None:
            break
    assert done.result is not None
    assert not done.result.printed
    assert done.show_qr
    assert done.qr_texture is not None
    assert "二维码" in done.receipt_text


class TestOnAFullDisk:
    """The SD card fills up under a resident's report: whichever button stores it, the screen
    says plainly it was not saved and stays put (no crash, no code promised)."""

    @pytest.fixture
    def data_dir(self, tmp_path: Path) -> Iterator[Path]:
        with small_disk_at(tmp_path) as disk:
            yield disk / "data"

    @pytest.mark.parametrize("button", ["submit", "new one"])
    def test_a_full_disk_shows_not_saved_and_stays_on_the_confirm_screen(
        self, kiosk: Kiosk, data_dir: Path, button: str
    ):
        if button == "new one":  # an open ticket like it first, so the offer comes
            report_a_repair(kiosk)
            kiosk.driver.tap(kiosk.screen("feedback_confirm").ids["submit"])
            assert kiosk.current == "feedback_done"
            kiosk.app.go_home()
            kiosk.driver.frames(2)
        report_a_repair(kiosk)
        confirm = kiosk.screen("feedback_confirm")
        if button == "new one":
            kiosk.driver.tap(confirm.ids["submit"])
            assert confirm.offering
        stored = len(kiosk.app.services.book.recent(10))
        fill(data_dir.parent)

        kiosk.driver.tap(confirm.ids["change" if button == "new one" else "submit"])
        kiosk.driver.frames(2)

        assert kiosk.current == "feedback_confirm"
        assert confirm.error_text == message("save_failed", kiosk.app.lang)
        assert len(kiosk.app.services.book.recent(10)) == stored
        assert not kiosk.app.services.form.is_empty, "kept, to press again once there is room"


@pytest.mark.parametrize("lang", ["zh", "ug"])
@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["800x480", "720x1280"])
def test_a_new_cards_long_code_is_drawn_whole_on_the_done_screen(
    kiosk: Kiosk, display: Display, lang: str
):
    kiosk.driver.set_display(display)
    kiosk.app.set_language(lang)
    kiosk.driver.frames(2)  # the mirrored layout is laid out before the first tap
    report_a_repair(kiosk)
    kiosk.driver.tap(kiosk.screen("feedback_confirm").ids["submit"])
    assert kiosk.current == "feedback_done"
    kiosk.driver.frames(2)
    done = kiosk.screen("feedback_done")
    label = done.ids["code"]
    # this kiosk has never reached the centre: its codes come from the provisional 12-digit block
    assert len(typed_code(done.code_text)) == 12
    drawn = CoreLabel(font_name=label.font_name, font_size=label.font_size)
    assert drawn.get_extents(label.text)[0] <= label.width, "the code would be cut"
