"""Status bytes, CUPS queue states and library exceptions, each read as one clear state."""

from __future__ import annotations

import errno

import pytest
from escpos.exceptions import DeviceNotFoundError, ImageWidthError

from kiosk.receipt.status import (
    PrinterFault,
    PrinterState,
    PrinterStatus,
    cups_state,
    error_detail,
    fault_for_error,
    state_from_status,
)


@pytest.mark.parametrize(
    ("printer", "offline", "paper", "status", "fault"),
    [
        (0x12, 0x12, 0x12, PrinterStatus.READY, None),
        (0x16, 0x12, 0x12, PrinterStatus.READY, None),  # drawer pin high: not our concern
        (0x12, 0x12, 0x1E, PrinterStatus.PAPER_LOW, None),
        (0x1A, 0x32, 0x72, PrinterStatus.FAULT, PrinterFault.PAPER_OUT),
        (0x1A, 0x16, 0x12, PrinterStatus.FAULT, PrinterFault.COVER_OPEN),
        (0x1A, 0x36, 0x72, PrinterStatus.FAULT, PrinterFault.COVER_OPEN),  # first things first
        (0x1A, 0x52, 0x12, PrinterStatus.FAULT, PrinterFault.ERROR),
        (0x1A, 0x12, 0x12, PrinterStatus.FAULT, PrinterFault.OFFLINE),
    ],
)
def test_status_bytes_are_read_as_the_escpos_manual_defines_them(
    printer, offline, paper, status, fault
):
    state = state_from_status([bytes([printer]), bytes([offline]), bytes([paper])])

    assert state.status is status
    assert state.fault is fault


@pytest.mark.parametrize(
    "replies",
    [
        [b"", b"", b""],  # python-escpos's paper_status() calls this "plenty"
        [b"\x12", b"\x12"],
        [b"\x00", b"\x12", b"\x12"],  # not a status byte: fixed bits wrong
        [b"\x12", b"\xff", b"\x12"],
    ],
)
def test_silence_or_garbage_is_unknown_never_plenty_of_paper(replies):
    assert state_from_status(replies).status is PrinterStatus.UNKNOWN


@pytest.mark.parametrize(
    ("attributes", "status", "fault"),
    [
        ({"printer-state": 3, "printer-state-reasons": ["none"]}, "unknown", None),
        ({"printer-state": 3, "printer-state-reasons": ["media-low-report"]}, "paper_low", None),
        ({"printer-state": 5, "printer-state-reasons": ["media-empty-error"]}, "fault", "paper"),
        ({"printer-state": 5, "printer-state-reasons": ["cover-open-error"]}, "fault", "cover"),
        ({"printer-state": 3, "printer-state-reasons": ["offline-report"]}, "fault", "offline"),
        ({"printer-state": 5, "printer-state-reasons": ["paused"]}, "fault", "offline"),
        ({}, "fault", "not_connected"),
    ],
)
def test_a_cups_queue_state_is_read_from_its_reasons(attributes, status, fault):
    faults = {
        "paper": PrinterFault.PAPER_OUT,
        "cover": PrinterFault.COVER_OPEN,
        "offline": PrinterFault.OFFLINE,
        "not_connected": PrinterFault.NOT_CONNECTED,
    }
    state = cups_state(attributes, "receipt")

    assert state.status is PrinterStatus(status)
    assert state.fault is (faults[fault] if fault else None)


def _wrapped(cause: OSError) -> DeviceNotFoundError:
    """How python-escpos reports a failed open: its own error raised while handling the OS's."""
    try:
        try:
            raise cause
        except OSError as error:
            raise DeviceNotFoundError(f"Could not open socket for 127.0.0.1:\n{error}")  # noqa: B904
    except DeviceNotFoundError as wrapper:
        return wrapper


@pytest.mark.parametrize(
    ("error", "fault"),
    [
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "not_connected"),
        (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), "not_connected"),
        (BrokenPipeError(errno.EPIPE, "Broken pipe"), "not_connected"),
        (TimeoutError("no answer"), "timeout"),
        (OSError(errno.EHOSTUNREACH, "No route to host"), "not_connected"),
        (OSError(errno.EACCES, "Permission denied"), "error"),
        (DeviceNotFoundError("Device not found"), "not_connected"),
        (ImageWidthError("576 > 384"), "error"),
        (RuntimeError("usb is not installed"), "error"),
        (ValueError("the printer settings have no file path"), "error"),
    ],
)
def test_every_connection_error_becomes_a_fault(error, fault):
    assert fault_for_error(error) is PrinterFault(fault)


def test_pyserial_errors_become_faults():
    serial = pytest.importorskip("serial")

    assert fault_for_error(serial.SerialTimeoutException("Write timeout")) is PrinterFault.TIMEOUT
    assert fault_for_error(serial.SerialException("port gone")) is PrinterFault.NOT_CONNECTED


def test_pyusb_errors_become_faults():
    usb_core = pytest.importorskip("usb.core")

    unplugged = usb_core.USBError("No such device", errno=errno.ENODEV)
    denied = usb_core.USBError("Access denied", errno=errno.EACCES)
    assert fault_for_error(usb_core.USBTimeoutError("timed out")) is PrinterFault.TIMEOUT
    assert fault_for_error(unplugged) is PrinterFault.NOT_CONNECTED
    assert fault_for_error(denied) is PrinterFault.ERROR
    assert fault_for_error(usb_core.NoBackendError("No backend")) is PrinterFault.ERROR
    assert "libusb" in error_detail(usb_core.NoBackendError("No backend available"))
    assert "udev" in error_detail(denied)


def test_the_detail_for_staff_is_the_root_cause_not_the_wrapper():
    wrapped = _wrapped(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"))

    assert fault_for_error(wrapped) is PrinterFault.NOT_CONNECTED
    assert error_detail(wrapped) == "Connection refused"


def test_a_state_has_a_fault_exactly_when_it_is_a_fault():
    with pytest.raises(ValueError, match="fault"):
        PrinterState(PrinterStatus.READY, "", PrinterFault.OFFLINE)
    with pytest.raises(ValueError, match="fault"):
        PrinterState(PrinterStatus.FAULT, "broken")
    assert not PrinterState.failed(PrinterFault.OFFLINE, "offline").can_print
    assert PrinterState(PrinterStatus.UNKNOWN, "file").can_print
