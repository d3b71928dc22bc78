"""Network printers (port 9100) against real loopback servers that behave like printers do."""

from __future__ import annotations

import socket
import time

import pytest
from PIL import Image

from kiosk.config.model import Printer
from kiosk.receipt.layout import render_receipt
from kiosk.receipt.printers import PrinterFault, PrinterStatus, ReceiptPrinter, make_printer
from tests.fixtures import escpos_emulator as emu
from tests.fixtures.escpos_emulator import Emulator, TcpPrinter
from tests.fixtures.raster import raster_images
from tests.receipt.samples import receipt_data

TIMEOUT = 0.5


def _printer(port: int) -> ReceiptPrinter:
    settings = Printer(type="network", network_host="127.0.0.1", network_port=port)
    return make_printer(settings, timeout=TIMEOUT)


@pytest.fixture(scope="module")
def receipt() -> Image.Image:
    return render_receipt(receipt_data("zh"), dots=384)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # closed again: nothing listens there


def test_a_ready_printer_receives_the_raster_receipt_and_a_cut(receipt):
    with TcpPrinter() as server:
        outcome = _printer(server.port).print_image(receipt)

    assert outcome.ok
    assert outcome.state.status is PrinterStatus.READY
    assert outcome.message == "printed"
    images = raster_images(bytes(server.emulator.received))
    assert [img.size for img in images] == [(384, receipt.height)]
    assert images[0].tobytes() == receipt.tobytes()
    assert b"\x1dV\x00" in server.emulator.received  # full cut after the image


def test_nothing_listening_is_not_connected(receipt):
    printer = _printer(_free_port())

    outcome = printer.print_image(receipt)

    assert not outcome.ok
    assert outcome.fault is PrinterFault.NOT_CONNECTED
    assert "127.0.0.1" in outcome.message
    assert printer.state().fault is PrinterFault.NOT_CONNECTED


def test_a_printer_that_accepts_but_never_answers_times_out_without_printing(receipt):
    with TcpPrinter(read=False) as server:
        printer = _printer(server.port)
        started = time.monotonic()
        outcome = printer.print_image(receipt)
        elapsed = time.monotonic() - started
        state = printer.state()

    assert not outcome.ok
    assert outcome.fault is PrinterFault.TIMEOUT
    assert "did not answer" in outcome.message
    assert elapsed < 3 * TIMEOUT + 1
    assert state.fault is PrinterFault.TIMEOUT


def test_a_printer_that_stops_answering_mid_print_times_out(receipt):
    stalls = Emulator(answer_limit=3)  # answers the status before the job, then hangs
    with TcpPrinter(stalls) as server:
        started = time.monotonic()
        outcome = _printer(server.port).print_image(receipt)
        elapsed = time.monotonic() - started

    assert not outcome.ok
    assert outcome.fault is PrinterFault.TIMEOUT
    assert "printing" in outcome.message
    assert elapsed < 3 * TIMEOUT + 1


@pytest.mark.parametrize(
    ("answers", "fault", "words"),
    [
        (emu.PAPER_OUT, PrinterFault.PAPER_OUT, "paper"),
        (emu.COVER_OPEN, PrinterFault.COVER_OPEN, "cover"),
        (emu.OFFLINE, PrinterFault.OFFLINE, "offline"),
    ],
)
def test_a_printer_in_trouble_says_what_and_nothing_is_printed(receipt, answers, fault, words):
    with TcpPrinter(Emulator(answers=dict(answers))) as server:
        printer = _printer(server.port)
        state = printer.state()
        outcome = printer.print_image(receipt)

    assert state.status is PrinterStatus.FAULT
    assert state.fault is fault
    assert words in state.message
    assert not outcome.ok
    assert outcome.fault is fault
    assert raster_images(bytes(server.emulator.received)) == []


def test_low_paper_still_prints_and_tells_staff(receipt):
    with TcpPrinter(Emulator(answers=dict(emu.PAPER_LOW))) as server:
        outcome = _printer(server.port).print_image(receipt)

    assert outcome.ok
    assert outcome.state.status is PrinterStatus.PAPER_LOW
    assert "running out" in outcome.message


def test_paper_running_out_during_the_job_is_reported_as_not_printed(receipt):
    runs_out = Emulator(after_image=dict(emu.PAPER_OUT))
    with TcpPrinter(runs_out) as server:
        outcome = _printer(server.port).print_image(receipt)

    assert not outcome.ok
    assert outcome.fault is PrinterFault.PAPER_OUT
    assert "incomplete" in outcome.message


def test_a_network_printer_without_a_host_reports_the_missing_setting(receipt):
    printer = make_printer(Printer(type="network"), timeout=TIMEOUT)

    outcome = printer.print_image(receipt)

    assert outcome.fault is PrinterFault.ERROR
    assert "network host" in outcome.message
