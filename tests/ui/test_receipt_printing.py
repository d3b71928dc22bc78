"""Printer trouble never loses or blocks a ticket: the done screen falls back to an on-screen QR."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.receipt.status import PrinterFault
from tests.fixtures.escpos_emulator import COVER_OPEN, FINE, PAPER_OUT, Emulator, TcpPrinter
from tests.fixtures.residents import report_a_repair
from tests.ui.helpers import Kiosk

SCENARIOS = {
    "fine": (FINE, True),
    "paper_out": (PAPER_OUT, True),
    "cover_open": (COVER_OPEN, True),
    "hung": (FINE, False),  # accepts the connection, then neither reads nor answers
    "unplugged": (None, True),
}


@pytest.fixture
def printer(request: pytest.FixtureRequest) -> Iterator[tuple[str, TcpPrinter | None, int]]:
    name = request.param
    answers, reads = SCENARIOS[name]
    if answers is None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        yield name, None, port
        return
    with TcpPrinter(Emulator(answers=dict(answers)), read=reads) as server:
        yield name, server, server.port


@pytest.fixture
def config_path(config_path: Path, printer: tuple[str, TcpPrinter | None, int]) -> Path:
    text = config_path.read_text(encoding="utf-8")
    start, end = text.index("printer:\n"), text.index("\ncentral:")
    network = f"printer:\n  type: network\n  network: {{host: 127.0.0.1, port: {printer[2]}}}\n"
    config_path.write_text(text[:start] + network + text[end:], encoding="utf-8")
    return config_path


def _wait_for_print(kiosk: Kiosk, timeout: float = 20.0):
    done = kiosk.screen("feedback_done")
    end = time.monotonic() + timeout
    while done.result is None and time.monotonic() < end:
        kiosk.driver.frames(1)
    return done.result


@pytest.mark.parametrize("printer", ["fine"], indirect=True)
def test_a_working_printer_prints_the_receipt(kiosk: Kiosk, printer):
    report_a_repair(kiosk)
    kiosk.driver.tap(kiosk.screen("feedback_confirm").ids["submit"])
    result = _wait_for_print(kiosk)
    assert result is not None
    assert result.printed
    done = kiosk.screen("feedback_done")
    assert not done.show_qr
    assert done.receipt_text == "已记录。请取走回执。"
    assert b"\x1dv0" in printer[1].emulator.received


@pytest.mark.parametrize(
    ("printer", "fault"),
    [
        ("paper_out", PrinterFault.PAPER_OUT),
        ("cover_open", PrinterFault.COVER_OPEN),
        ("unplugged", PrinterFault.NOT_CONNECTED),
        ("hung", PrinterFault.TIMEOUT),
    ],
    indirect=["printer"],
)
def test_printer_trouble_keeps_the_ticket_and_shows_the_qr_on_screen(kiosk: Kiosk, printer, fault):
    report_a_repair(kiosk)
    kiosk.driver.tap(kiosk.screen("feedback_confirm").ids["submit"])
    done = kiosk.screen("feedback_done")
    ticket = done.ticket
    assert ticket is not None
    assert kiosk.app.services.book.get(ticket.code) is not None, "stored before printing"
    # The screen stays responsive while the printer is being tried.
    assert done.receipt_text.startswith("已记录")
    result = _wait_for_print(kiosk)
    assert result is not None
    assert not result.printed
    assert done.show_qr
    assert "回执没有打印出来" in done.receipt_text
    state = kiosk.app.services.desk.printer_state
    assert state is not None
    assert state.fault is fault, state.message
    # The next resident is told calmly what changes for them; the fault itself is staff's.
    kiosk.app.go_home()
    kiosk.driver.frames(2)
    assert kiosk.screen("home").headline == "今天不打印回执"
