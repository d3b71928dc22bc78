"""What a printer's state means for staff: ESC/POS status bytes, CUPS queue states and the
exceptions of python-escpos, pyusb, pyserial and sockets, each reduced to one `PrinterFault`.

Exceptions are recognised by class name along the MRO so that this module imports none of the
optional printer libraries: a kiosk without pyusb or pyserial still maps every other error.
"""

from __future__ import annotations

import dataclasses
import errno
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from kiosk.wire.printer import PrinterWord


class PrinterFault(Enum):
    """Its values are the heartbeat's words (kiosk.wire.printer), sent as they are."""

    NOT_CONNECTED = PrinterWord.NOT_CONNECTED.value
    OFFLINE = PrinterWord.OFFLINE.value
    PAPER_OUT = PrinterWord.PAPER_OUT.value
    COVER_OPEN = PrinterWord.COVER_OPEN.value
    TIMEOUT = PrinterWord.TIMEOUT.value
    ERROR = PrinterWord.ERROR.value


class PrinterStatus(Enum):
    READY = "ready"  # the printer answered and reports nothing wrong
    PAPER_LOW = "paper_low"  # prints, but the roll is near its end
    UNKNOWN = "unknown"  # the connection cannot tell (file, CUPS, a USB model that never answers)
    FAULT = "fault"  # see `PrinterState.fault`
    NOT_CONFIGURED = "not_configured"  # `type: none`


@dataclass(frozen=True)
class PrinterState:
    """The printer as staff should see it: a status, a fault when there is one, plain words."""

    status: PrinterStatus
    message: str
    fault: PrinterFault | None = None

    def __post_init__(self) -> None:
        if (self.fault is None) == (self.status is PrinterStatus.FAULT):
            raise ValueError("a PrinterState has a fault exactly when its status is FAULT")

    @classmethod
    def failed(cls, fault: PrinterFault, message: str) -> PrinterState:
        return cls(PrinterStatus.FAULT, message, fault)

    @property
    def can_print(self) -> bool:
        return self.status in (PrinterStatus.READY, PrinterStatus.PAPER_LOW, PrinterStatus.UNKNOWN)

    def with_message(self, message: str) -> PrinterState:
        return dataclasses.replace(self, message=message)


# ESC/POS real-time status (DLE EOT n): bits 1 and 4 are always set, bits 0 and 7 always clear.
_FIXED_MASK, _FIXED_BITS = 0x93, 0x12
_OFFLINE = 0x08  # n=1
_COVER_OPEN, _STOPPED_PAPER_END, _ERROR = 0x04, 0x20, 0x40  # n=2
_NEAR_END, _PAPER_END = 0x0C, 0x60  # n=4


def state_from_status(replies: Sequence[bytes], who: str = "the printer") -> PrinterState:
    """The state from the answers to DLE EOT 1 (printer), 2 (offline cause) and 4 (paper).

    Anything that is not a status byte is UNKNOWN: never assume paper is there.
    """
    values = [reply[-1] if reply else None for reply in replies]
    if len(values) != 3 or any(v is None or v & _FIXED_MASK != _FIXED_BITS for v in values):
        return PrinterState(PrinterStatus.UNKNOWN, f"{who} gave an answer that is not a status")
    printer, offline, paper = (v or 0 for v in values)
    if offline & _COVER_OPEN:
        return PrinterState.failed(PrinterFault.COVER_OPEN, f"{who}: the cover is open, close it")
    if paper & _PAPER_END or offline & _STOPPED_PAPER_END:
        return PrinterState.failed(PrinterFault.PAPER_OUT, f"{who}: out of paper, put in a roll")
    if offline & _ERROR:
        return PrinterState.failed(
            PrinterFault.ERROR,
            f"{who} reports an error (cutter jammed or head too hot): switch it off and on",
        )
    if printer & _OFFLINE:
        return PrinterState.failed(
            PrinterFault.OFFLINE, f"{who} is offline: check it (feed button held, error light?)"
        )
    if paper & _NEAR_END:
        return PrinterState(PrinterStatus.PAPER_LOW, f"{who}: paper is running out")
    return PrinterState(PrinterStatus.READY, f"{who} is ready")


def cups_state(attributes: Mapping[str, object], name: str) -> PrinterState:
    """The state of a CUPS queue from its `printer-state` and `printer-state-reasons`."""
    who = f"CUPS printer {name}"
    if not attributes:
        return PrinterState.failed(PrinterFault.NOT_CONNECTED, f"CUPS has no printer named {name}")
    raw = attributes.get("printer-state-reasons")
    reasons = (
        [raw]
        if isinstance(raw, str)
        else [str(r) for r in raw or ()]
        if isinstance(raw, (list, tuple))
        else []
    )

    def has(*words: str) -> bool:
        return any(word in reason for reason in reasons for word in words)

    if has("cover-open", "door-open", "interlock-open"):
        return PrinterState.failed(PrinterFault.COVER_OPEN, f"{who}: the cover is open, close it")
    if has("media-empty", "media-needed"):
        return PrinterState.failed(PrinterFault.PAPER_OUT, f"{who}: out of paper, put in a roll")
    if has("offline", "shutdown", "connecting-to-device"):
        return PrinterState.failed(PrinterFault.OFFLINE, f"{who} is offline")
    if attributes.get("printer-state") == 5:
        return PrinterState.failed(
            PrinterFault.OFFLINE, f"{who}: the CUPS queue is stopped (resume it with cupsenable)"
        )
    if has("media-low"):
        return PrinterState(PrinterStatus.PAPER_LOW, f"{who}: paper is running out")
    return PrinterState(PrinterStatus.UNKNOWN, f"{who}: CUPS accepts jobs, paper is not known")


_BY_NAME = {
    "USBTimeoutError": PrinterFault.TIMEOUT,  # pyusb
    "SerialTimeoutException": PrinterFault.TIMEOUT,  # pyserial write time-out
    "NoBackendError": PrinterFault.ERROR,  # pyusb without libusb
    "DeviceNotFoundError": PrinterFault.NOT_CONNECTED,  # python-escpos, any connection type
    "SerialException": PrinterFault.NOT_CONNECTED,  # port gone or busy
    "ImageWidthError": PrinterFault.ERROR,
    "TimeoutError": PrinterFault.TIMEOUT,  # socket.timeout is TimeoutError since 3.10
    "ConnectionError": PrinterFault.NOT_CONNECTED,  # refused, reset, aborted, broken pipe
}
_NOT_CONNECTED_ERRNOS = {
    errno.ENOENT,
    errno.ENODEV,
    errno.ENXIO,
    errno.EIO,
    errno.EPIPE,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
    errno.EHOSTDOWN,
}


def fault_for_error(error: BaseException) -> PrinterFault:
    """The fault an exception from a printer connection stands for; ERROR when in doubt."""
    for cls in type(error).__mro__:
        if cls.__name__ in _BY_NAME:
            return _BY_NAME[cls.__name__]
        if cls is OSError:
            code = getattr(error, "errno", None)
            if code == errno.ETIMEDOUT:
                return PrinterFault.TIMEOUT
            if code in _NOT_CONNECTED_ERRNOS:
                return PrinterFault.NOT_CONNECTED
    return PrinterFault.ERROR


_HINTS = {
    "NoBackendError": "libusb is missing (apt install libusb-1.0-0)",
    "ImageWidthError": "the receipt is wider than the paper: check paper_width_mm",
}


def error_detail(error: BaseException) -> str:
    """The root cause in a few words: python-escpos wraps the OS error in its own message."""
    root, inner = error, error.__cause__ or error.__context__
    while inner is not None:
        root, inner = inner, inner.__cause__ or inner.__context__
    if isinstance(root, OSError) and root.strerror:
        detail = root.strerror
        if root.errno == errno.EACCES:
            detail += ": give the kiosk user access to the printer (udev rule or group)"
    else:
        detail = str(root).strip().replace("\n", " ") or type(root).__name__
    for cls in type(error).__mro__:
        if cls.__name__ in _HINTS:
            return f"{detail}; {_HINTS[cls.__name__]}"
    return detail


@dataclass(frozen=True)
class PrintResult:
    """What became of one receipt, for the done screen and staff's test print."""

    printed: bool
    no_printer: bool = False
    reason: str = ""  # for staff: what the printer said
