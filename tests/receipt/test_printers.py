"""File, serial, USB, CUPS and no printer: what each does with a receipt and how it fails."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from kiosk.config.model import Printer
from kiosk.receipt.layout import render_receipt
from kiosk.receipt.printers import NoPrinter, PrinterFault, PrinterStatus, make_printer
from tests.fixtures import escpos_emulator as emu
from tests.fixtures.escpos_emulator import Emulator, PtyPrinter
from tests.fixtures.raster import raster_images
from tests.receipt.samples import receipt_data

TIMEOUT = 0.5


@pytest.fixture(scope="module")
def receipt() -> Image.Image:
    return render_receipt(receipt_data("ug"), dots=576)


def test_the_file_printer_writes_the_receipt_as_a_raster_image_then_cuts(tmp_path, receipt):
    out = tmp_path / "receipt.bin"
    printer = make_printer(Printer(type="file", paper_width_mm=80, file_path=out))

    outcome = printer.print_image(receipt)

    assert outcome.ok
    assert outcome.state.status is PrinterStatus.UNKNOWN  # a file cannot tell about paper
    stream = out.read_bytes()
    assert stream.startswith(b"\x1b@")  # ESC @: a clean printer state first
    at = stream.index(b"\x1dv0")
    assert stream[at + 4 : at + 6] == (576 // 8).to_bytes(2, "little")  # width in bytes
    assert stream[at + 6 : at + 8] == receipt.height.to_bytes(2, "little")
    assert [image.tobytes() for image in raster_images(stream)] == [receipt.tobytes()]
    assert stream.endswith(b"\x1dV\x00")  # full cut


def test_a_long_receipt_is_sent_in_fragments_that_add_up_to_the_image(tmp_path):
    tall = Image.new("1", (384, 2100), 1)
    ImageDraw.Draw(tall).line((0, 0, 383, 2099), fill=0, width=5)
    out = tmp_path / "receipt.bin"

    assert make_printer(Printer(type="file", file_path=out)).print_image(tall).ok

    stream = out.read_bytes()
    assert stream.count(b"\x1dv0") == 3
    assert [image.tobytes() for image in raster_images(stream)] == [tall.tobytes()]


def test_an_image_wider_than_the_paper_is_refused_with_a_reason(tmp_path, receipt):
    printer = make_printer(Printer(type="file", paper_width_mm=58, file_path=tmp_path / "r.bin"))

    outcome = printer.print_image(receipt)  # 576 dots on 58 mm paper

    assert not outcome.ok
    assert outcome.fault is PrinterFault.ERROR
    assert "576 > 384" in outcome.message


def test_a_file_printer_in_a_missing_directory_is_not_connected(tmp_path, receipt):
    missing = tmp_path / "no-such-dir" / "receipt.bin"
    printer = make_printer(Printer(type="file", paper_width_mm=80, file_path=missing))

    outcome = printer.print_image(receipt)

    assert not outcome.ok
    assert outcome.fault is PrinterFault.NOT_CONNECTED
    assert str(missing) in outcome.message
    assert printer.state().fault is PrinterFault.NOT_CONNECTED


def test_no_printer_configured_is_its_own_outcome_so_the_screen_shows_the_qr(receipt):
    printer = make_printer(Printer(type="none"))

    outcome = printer.print_image(receipt)

    assert isinstance(printer, NoPrinter)
    assert not outcome.ok
    assert outcome.no_printer
    assert outcome.fault is None
    assert printer.state().status is PrinterStatus.NOT_CONFIGURED


def _serial(device: str) -> Printer:
    return Printer(type="serial", paper_width_mm=80, serial_device=device)


def test_a_serial_printer_gets_the_receipt_after_saying_it_is_ready(receipt):
    pytest.importorskip("serial")
    with PtyPrinter() as pty:
        outcome = make_printer(_serial(pty.device), timeout=TIMEOUT).print_image(receipt)
        time.sleep(0.2)  # let the emulator read the last bytes from the terminal

    assert outcome.ok, outcome.message
    assert outcome.state.status is PrinterStatus.READY
    images = raster_images(bytes(pty.emulator.received))
    assert [image.tobytes() for image in images] == [receipt.tobytes()]


def test_a_serial_printer_with_its_cover_open_is_reported(receipt):
    pytest.importorskip("serial")
    with PtyPrinter(Emulator(answers=dict(emu.COVER_OPEN))) as pty:
        printer = make_printer(_serial(pty.device), timeout=TIMEOUT)
        assert printer.state().fault is PrinterFault.COVER_OPEN
        assert printer.print_image(receipt).fault is PrinterFault.COVER_OPEN


def test_a_silent_serial_printer_times_out_and_never_blocks_the_kiosk(receipt):
    pytest.importorskip("serial")
    for stalls_after in (None, 3):  # never answers; answers once, then stops reading
        with PtyPrinter(Emulator(answer_limit=stalls_after), read=stalls_after is not None) as pty:
            started = time.monotonic()
            outcome = make_printer(_serial(pty.device), timeout=TIMEOUT).print_image(receipt)
            elapsed = time.monotonic() - started

        assert outcome.fault is PrinterFault.TIMEOUT, outcome.message
        assert elapsed < 3 * TIMEOUT + 1


def test_a_missing_serial_port_is_not_connected(receipt):
    pytest.importorskip("serial")
    printer = make_printer(_serial("/dev/ttyUSB-echo-kiosk-missing"), timeout=TIMEOUT)

    outcome = printer.print_image(receipt)

    assert outcome.fault is PrinterFault.NOT_CONNECTED
    assert "/dev/ttyUSB-echo-kiosk-missing" in outcome.message


def test_a_usb_printer_that_is_not_there_fails_with_a_reason(receipt):
    """No USB printer on a test machine: NOT_CONNECTED with libusb, ERROR without libusb or
    pyusb; either way a message for staff, never an exception."""
    usb = Printer(type="usb", usb_vendor_id=0x0416, usb_product_id=0x5011)
    printer = make_printer(usb, timeout=TIMEOUT)

    outcome = printer.print_image(receipt)

    assert not outcome.ok
    assert outcome.fault in (PrinterFault.NOT_CONNECTED, PrinterFault.ERROR)
    assert outcome.message.startswith("USB printer 0416:5011")
    assert printer.state().fault in (PrinterFault.NOT_CONNECTED, PrinterFault.ERROR)


@pytest.mark.skipif(importlib.util.find_spec("cups") is not None, reason="pycups is installed")
def test_a_cups_printer_without_pycups_says_what_to_install(receipt):
    outcome = make_printer(Printer(type="cups", cups_name="receipt")).print_image(receipt)

    assert outcome.fault is PrinterFault.ERROR
    assert outcome.message.startswith("CUPS printer receipt")
    assert "python-escpos[cups]" in outcome.message


@pytest.mark.parametrize(
    ("settings", "missing"),
    [
        (Printer(type="usb"), "usb vendor_id"),
        (Printer(type="serial"), "serial device"),
        (Printer(type="cups"), "cups name"),
        (Printer(type="file"), "file path"),
    ],
)
def test_a_missing_printer_setting_is_named(settings, missing, receipt):
    outcome = make_printer(settings, timeout=TIMEOUT).print_image(receipt)

    assert outcome.fault is PrinterFault.ERROR
    assert missing in outcome.message


def test_printing_twice_on_one_adapter_opens_a_fresh_connection_each_time(tmp_path: Path):
    out = tmp_path / "receipt.bin"
    printer = make_printer(Printer(type="file", file_path=out))
    small = Image.new("1", (384, 40), 1)

    assert printer.print_image(small).ok
    assert printer.print_image(small).ok
    assert out.read_bytes().count(b"\x1dv0") == 1  # the file is rewritten per job, not appended
