"""The validated configuration as the rest of the kiosk sees it: frozen values, no YAML left."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kiosk.domain.content import Content
from kiosk.domain.text import Languages, Text

PrinterType = Literal["none", "usb", "serial", "network", "cups", "file"]


@dataclass(frozen=True)
class Display:
    """The physical panel: sizes on screen are computed from `dpi`, so 20 mm stays 20 mm."""

    width: int = 800
    height: int = 480
    dpi: float = 132.0
    show_cursor: bool = False
    max_picture_px: int = 4096  # the longest picture side its graphics show

    @property
    def px_per_mm(self) -> float:
        return self.dpi / 25.4

    @property
    def portrait(self) -> bool:
        return self.height > self.width


@dataclass(frozen=True)
class Idle:
    timeout_seconds: float = 60.0
    warning_seconds: float = 20.0
    attract_seconds: float = 120.0  # 0: no signage loop
    attract_slide_seconds: float = 10.0


@dataclass(frozen=True)
class Printer:
    type: PrinterType = "none"
    paper_width_mm: Literal[58, 80] = 58
    usb_vendor_id: int | None = None
    usb_product_id: int | None = None
    serial_device: str | None = None
    serial_baudrate: int = 9600
    network_host: str | None = None
    network_port: int = 9100
    cups_name: str | None = None
    file_path: Path | None = None

    @property
    def dots(self) -> int:
        return 384 if self.paper_width_mm == 58 else 576


@dataclass(frozen=True)
class Central:
    url: str | None = None  # the Open311 endpoint the kiosk syncs with
    public_url: str | None = None  # the centre as residents' phones reach it: the receipt's QR
    jurisdiction_id: str | None = None
    api_key_env: str | None = None
    api_key_file: Path | None = None
    ca_bundle: Path | None = None


@dataclass(frozen=True)
class Sync:
    interval_seconds: float = 30.0
    connect_timeout_seconds: float = 5.0
    request_deadline_seconds: float = 20.0
    heartbeat_minutes: float = 5.0  # how often the kiosk tells the centre how it is


@dataclass(frozen=True)
class Speech:
    enabled: bool = True
    rate: int = 140
    volume: float = 0.9
    # Per-language rate overriding `rate` (kiosk.speech.api.rate_for gives the rest the same
    # pace in syllables per second as Chinese at `rate`).
    rates: dict[str, int] = field(default_factory=dict)
    recorded: dict[str, Text] = field(
        default_factory=dict
    )  # prompt name -> audio path per language


@dataclass(frozen=True)
class Staff:
    pin_hash: str | None = None


@dataclass(frozen=True)
class KioskConfig:
    """One whole, valid configuration; a reload replaces it atomically or not at all."""

    content: Content
    languages: Languages = field(default_factory=Languages)
    display: Display = Display()
    idle: Idle = Idle()
    printer: Printer = Printer()
    central: Central = Central()
    sync: Sync = Sync()
    speech: Speech = Speech()
    staff: Staff = Staff()
    source: Path | None = None
