"""The staff commands, run as staff run them: `python -m kiosk ...` in a subprocess."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.domain.ticket_code import is_valid
from kiosk.store.ticket_book import TicketBook
from tests.fixtures.qr_decode import qr_texts
from tests.fixtures.raster import raster_images

SAMPLE = Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml"


def kiosk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.yaml"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def with_printer(config: Path, printer_yaml: str) -> Path:
    text = config.read_text(encoding="utf-8")
    start = text.index("printer:\n")
    end = text.index("\ncentral:")
    config.write_text(text[:start] + printer_yaml + text[end:], encoding="utf-8")
    return config


def test_feedback_add_stores_a_ticket_and_prints_its_code(tmp_path: Path, config: Path):
    data = tmp_path / "data"
    result = kiosk(
        "feedback", "add", "--category", "property-repair", "--text", "充电桩不能充电",
        "--place", "compound-2", "--phone", "139 1234 5678",
        "--config", config, "--data-dir", data,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip()
    assert is_valid(code)
    book = TicketBook.open(data / "tickets.sqlite3")
    try:
        ticket = book.get(code)
    finally:
        book.close()
    assert ticket is not None
    assert (ticket.category, ticket.place, ticket.free_text) == (
        "property-repair",
        "compound-2",
        "充电桩不能充电",
    )
    assert ticket.phone == "13912345678"
    assert ticket.responsible.get("zh") == "物业公司维修部"


def test_feedback_add_with_a_misspelt_category_says_what_was_meant(tmp_path: Path, config: Path):
    result = kiosk(
        "feedback", "add", "--category", "sanitaton", "--text", "垃圾没有清运",
        "--config", config, "--data-dir", tmp_path / "data",
    )  # fmt: skip
    assert result.returncode == 1
    assert "did you mean 'sanitation'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_receipt_command_writes_a_png_whose_qr_is_the_status_url(tmp_path: Path, config: Path):
    data = tmp_path / "data"
    added = kiosk("feedback", "add", "--category", "safety", "--text", "井盖缺失",
                  "--config", config, "--data-dir", data)  # fmt: skip
    code = added.stdout.strip()
    out = tmp_path / "receipt.png"
    result = kiosk("receipt", code, "--out", out, "--config", config, "--data-dir", data)
    assert result.returncode == 0, result.stderr
    book = TicketBook.open(data / "tickets.sqlite3")
    try:
        ticket = book.get(code)
    finally:
        book.close()
    assert ticket is not None
    # the sample's public_url, the receipt's language and the ticket's own secret
    assert qr_texts(out) == [f"http://127.0.0.1:8311/status/{code}?lang=zh&k={ticket.secret}"]


def test_receipt_for_a_mistyped_code_asks_to_check_the_number(tmp_path: Path, config: Path):
    result = kiosk("receipt", "001000016", "--out", tmp_path / "r.png",
                   "--config", config, "--data-dir", tmp_path / "data")  # fmt: skip
    assert result.returncode == 1
    assert "please check the number" in result.stderr


def test_print_test_sends_a_raster_receipt_to_a_file_printer(tmp_path: Path, config: Path):
    stream = tmp_path / "printer.bin"
    printer = f"printer:\n  type: file\n  paper_width_mm: 58\n  file: {{path: {stream}}}\n"
    with_printer(config, printer)
    result = kiosk("print-test", "--config", config, "--data-dir", tmp_path / "data")
    assert result.returncode == 0, result.stderr
    images = raster_images(stream.read_bytes())
    assert images
    assert images[0].width == 384


def test_print_test_against_an_unplugged_network_printer_says_so(tmp_path: Path, config: Path):
    with socket.socket() as probe:  # a loopback port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with_printer(
        config, f"printer:\n  type: network\n  network: {{host: 127.0.0.1, port: {port}}}\n"
    )
    result = kiosk("print-test", "--config", config, "--data-dir", tmp_path / "data")
    assert result.returncode == 1
    assert "not connected" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_store_that_cannot_be_opened_is_said_in_one_line(config: Path, tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "tickets.sqlite3").write_bytes(b"not a database, a card's garbage " * 64)
    done = kiosk(
        "feedback", "add", "--category", "sanitation", "--text", "bins",
        "--config", config, "--data-dir", data,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == f"kiosk: {data / 'tickets.sqlite3'}: file is not a database"
