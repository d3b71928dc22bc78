"""Receipt printers behind one small interface; every way they fail becomes a state staff can read.

A printer problem must never lose or block a ticket: the ticket is stored before printing, every
call here returns (within the time-out) instead of raising, and the caller shows the QR code on
screen when `PrintOutcome.ok` is false.

Where the connection can answer (network, serial, USB) the printer is asked for its real-time
status (ESC/POS DLE EOT 1, 2 and 4) before the job and again after it. The second answer proves
the printer took in the whole job. We parse the answers ourselves: python-escpos's
`paper_status()` says "plenty" when the printer says nothing. A network or serial printer that
stays silent is reported as TIMEOUT and nothing is printed into the void; a USB model without a
readable endpoint, a file or a CUPS queue gives UNKNOWN and prints anyway.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import Enum
from types import ModuleType
from typing import Protocol, TypeVar, cast

from PIL import Image

from kiosk.config.model import Printer
from kiosk.receipt.escpos_link import (
    CupsConnection,
    EscposConnection,
    discard_unsent,
    read_serial,
    read_socket,
    set_paper_width,
)
from kiosk.receipt.status import (
    PrinterFault,
    PrinterState,
    PrinterStatus,
    cups_state,
    error_detail,
    fault_for_error,
    state_from_status,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "EscposPrinter",
    "NoPrinter",
    "PrintOutcome",
    "PrinterFault",
    "PrinterState",
    "PrinterStatus",
    "ReceiptPrinter",
    "make_printer",
]

DEFAULT_TIMEOUT = 5.0  # seconds without progress before a printer counts as hung
_T = TypeVar("_T")
_STATUS_REQUESTS = (b"\x10\x04\x01", b"\x10\x04\x02", b"\x10\x04\x04")  # printer, offline, paper


@dataclass(frozen=True)
class PrintOutcome:
    """The result of one print job: `ok` only when the printer took the whole receipt."""

    ok: bool
    state: PrinterState

    @property
    def message(self) -> str:
        if not self.ok:
            return self.state.message
        ready = self.state.status is PrinterStatus.READY
        return "printed" if ready else f"printed; {self.state.message}"

    @property
    def no_printer(self) -> bool:
        return self.state.status is PrinterStatus.NOT_CONFIGURED

    @property
    def fault(self) -> PrinterFault | None:
        return self.state.fault


class ReceiptPrinter(Protocol):
    def print_image(self, image: Image.Image) -> PrintOutcome:
        """Print one receipt image and cut; never raises."""
        ...

    def state(self) -> PrinterState:
        """Ask the printer how it is now; never raises."""
        ...


NOT_CONFIGURED = PrinterState(PrinterStatus.NOT_CONFIGURED, "no printer configured")


class NoPrinter:
    """`type: none`: nothing to print on, so the kiosk shows the QR code on screen."""

    description = "no printer"

    def print_image(self, image: Image.Image) -> PrintOutcome:
        return PrintOutcome(ok=False, state=NOT_CONFIGURED)

    def state(self) -> PrinterState:
        return NOT_CONFIGURED


class StatusSupport(Enum):
    REQUIRED = "required"  # the link answers; silence means a hung or absent printer
    OPTIONAL = "optional"  # some models cannot answer (USB endpoints differ): silence is UNKNOWN
    NONE = "none"  # a file cannot answer at all
    CUPS = "cups"  # the queue's state stands in for the printer's


class EscposPrinter:
    """One python-escpos connection per job: opened, asked, printed on, asked again, closed.

    `connect` builds a python-escpos printer, `after_open` adjusts the opened link, and
    `read_reply` reads one status answer, raising TimeoutError when the printer stays silent.
    """

    def __init__(
        self,
        connect: Callable[[], EscposConnection],
        *,
        description: str,
        dots: int,
        timeout: float = DEFAULT_TIMEOUT,
        status: StatusSupport,
        read_reply: Callable[[EscposConnection], bytes] | None = None,
        after_open: Callable[[EscposConnection], None] | None = None,
        cups_name: str = "",
    ) -> None:
        self.description = description
        self.dots = dots
        self.timeout = timeout
        self._connect = connect
        self._status = status
        self._read_reply = read_reply
        self._after_open = after_open
        self._cups_name = cups_name

    def state(self) -> PrinterState:
        try:
            with self._session() as device:
                return self._ask(device)
        except Exception as error:
            return self._failed(error, "asking for its status")

    def print_image(self, image: Image.Image) -> PrintOutcome:
        phase = "connecting"
        try:
            with self._session() as device:
                phase = "asking for its status"
                before = self._ask(device)
                if not before.can_print:
                    return PrintOutcome(ok=False, state=before)
                phase = "printing"
                device.hw("INIT")
                device.image(image, impl="bitImageRaster", center=False)
                device.cut()
                if self._status is StatusSupport.CUPS:
                    cast(CupsConnection, device).send()
                phase = "printing (status after the job)"
                after = self._ask(device)
        except Exception as error:
            return PrintOutcome(ok=False, state=self._failed(error, phase))
        if not after.can_print:
            note = "; the receipt may be incomplete"
            return PrintOutcome(ok=False, state=after.with_message(after.message + note))
        return PrintOutcome(ok=True, state=after)

    @contextmanager
    def _session(self) -> Iterator[EscposConnection]:
        device = self._connect()
        device.open()
        if self._after_open is not None:
            self._after_open(device)
        set_paper_width(device, self.dots)
        try:
            yield device
        except BaseException:
            discard_unsent(device)
            raise
        finally:
            with suppress(Exception):
                device.close()

    def _ask(self, device: EscposConnection) -> PrinterState:
        if self._status is StatusSupport.NONE:
            return PrinterState(PrinterStatus.UNKNOWN, f"{self.description} cannot report paper")
        if self._status is StatusSupport.CUPS:
            queues = cast(CupsConnection, device).printers
            return cups_state(queues.get(self._cups_name) or {}, self._cups_name)
        assert self._read_reply is not None
        answers = []
        for request in _STATUS_REQUESTS:
            device._raw(request)  # a failed write is a fault on any link
            try:
                answers.append(self._read_reply(device))
            except Exception:
                if self._status is StatusSupport.REQUIRED:
                    raise
                return PrinterState(PrinterStatus.UNKNOWN, f"{self.description} gives no status")
        return state_from_status(answers, self.description)

    def _failed(self, error: Exception, phase: str) -> PrinterState:
        fault = fault_for_error(error)
        detail = error_detail(error)
        if fault is PrinterFault.TIMEOUT:
            text = f"did not answer within {self.timeout:g} s while {phase}: switch it off and on"
        elif fault is PrinterFault.NOT_CONNECTED:
            text = f"not connected ({detail}): check power, cable and the printer settings"
        else:
            text = f"failed while {phase}: {detail}"
        return PrinterState.failed(fault, f"{self.description} {text}")


def _escpos() -> ModuleType:
    """python-escpos's printer classes, imported on first use: its import loads the printer
    capability database, 0.2 s of kiosk start-up on a desktop core (benchmarks/RESULTS.md)."""
    return importlib.import_module("escpos.printer")


def make_printer(settings: Printer, *, timeout: float = DEFAULT_TIMEOUT) -> ReceiptPrinter:
    """The adapter for the configured printer; a missing setting shows up as its state."""
    dots = settings.dots
    if settings.type == "none":
        return NoPrinter()
    if settings.type == "network":
        host, port = settings.network_host or "", settings.network_port
        return EscposPrinter(
            lambda: _escpos().Network(_need(host, "network host"), port, timeout=timeout),
            description=f"network printer {host}:{port}",
            dots=dots,
            timeout=timeout,
            status=StatusSupport.REQUIRED,
            read_reply=read_socket,
        )
    if settings.type == "serial":
        dev, baud = settings.serial_device or "", settings.serial_baudrate
        return EscposPrinter(
            lambda: _escpos().Serial(
                _need(dev, "serial device", module="serial"), baud, timeout=timeout
            ),
            description=f"serial printer {dev}",
            dots=dots,
            timeout=timeout,
            status=StatusSupport.REQUIRED,
            read_reply=read_serial,
            # python-escpos sets no write time-out: a switched-off printer's flow control
            # would block a write for ever.
            after_open=lambda device: setattr(device.device, "write_timeout", timeout),
        )
    if settings.type == "usb":
        vid, pid = settings.usb_vendor_id, settings.usb_product_id
        return EscposPrinter(
            lambda: _escpos().Usb(
                _need(vid, "usb vendor_id", module="usb"),
                _need(pid, "usb product_id"),
                timeout=int(timeout * 1000),
            ),
            description=f"USB printer {vid or 0:04x}:{pid or 0:04x}",
            dots=dots,
            timeout=timeout,
            status=StatusSupport.OPTIONAL,
            read_reply=lambda device: bytes(device._read()),
        )
    if settings.type == "cups":
        name = settings.cups_name or ""
        return EscposPrinter(
            lambda: _escpos().CupsPrinter(_need(name, "cups name", module="cups")),
            description=f"CUPS printer {name}",
            dots=dots,
            timeout=timeout,
            status=StatusSupport.CUPS,
            cups_name=name,
        )
    path = settings.file_path
    return EscposPrinter(
        lambda: _escpos().File(str(_need(path, "file path"))),
        description=f"file printer {path}",
        dots=dots,
        timeout=timeout,
        status=StatusSupport.NONE,
    )


def _need(value: _T | None, what: str, *, module: str = "") -> _T:
    """The setting, checked when a job starts so a bad config is a printer state, not a crash."""
    if value is None or value == "":
        raise ValueError(f"the printer settings have no {what}")
    if module and importlib.util.find_spec(module) is None:
        raise RuntimeError(f"{module} is not installed: pip install 'python-escpos[{module}]'")
    return value
