"""The kiosk's own settings in the staff YAML: display, idle, printer, central server, sync,
speech and staff sections. Content (what residents see) is in `schema`."""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, PlainValidator, model_validator

from kiosk.config.fields import (
    ExistingFile,
    FileInExistingFolder,
    Id,
    LangKey,
    NonEmptyStr,
    SectionModel,
    nonempty_text,
)
from kiosk.config.messages import describe, invalid
from kiosk.config.pin import parse_pin_hash

_ENV = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _usb_id(value: object) -> int:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        try:
            number = int(value.strip(), 16 if value.strip().lower().startswith("0x") else 10)
        except ValueError:
            number = None
    if number is None or not 0 <= number <= 0xFFFF:
        raise invalid(f"expected a USB id like 0x0416, got {describe(value)}")
    return number


UsbId = Annotated[int, PlainValidator(_usb_id)]


def _http_url(value: object) -> str:
    url = nonempty_text(value)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise invalid(
            f"expected a web address starting with http:// or https://, got {describe(url)}"
        )
    return url


HttpUrl = Annotated[str, PlainValidator(_http_url)]


def _env_name(value: object) -> str:
    name = nonempty_text(value)
    if not _ENV.fullmatch(name):
        raise invalid(
            f"expected the name of an environment variable like ECHO_KIOSK_API_KEY, got "
            f"{describe(name)} (the key itself never goes in this file)"
        )
    return name


EnvName = Annotated[str, PlainValidator(_env_name)]


def _pin_hash(value: object) -> str:
    text = nonempty_text(value)
    try:
        parse_pin_hash(text)
    except ValueError as exc:
        raise invalid(f"this is not a PIN hash: {exc}") from None
    return text


PinHash = Annotated[str, PlainValidator(_pin_hash)]


class DisplayIn(SectionModel):
    width: Annotated[int, Field(ge=240, le=7680)] = 800
    height: Annotated[int, Field(ge=240, le=7680)] = 480
    dpi: Annotated[float, Field(ge=50, le=600)] = 132.0
    show_cursor: bool = False
    # The longest picture side this kiosk's graphics can show (2048 on a Pi 3, 4096 on a Pi 4
    # or 5): a published notice picture over it is refused by this kiosk alone (issue 19).
    max_picture_px: Annotated[int, Field(ge=256, le=16384)] = 4096


class IdleIn(SectionModel):
    timeout_seconds: Annotated[float, Field(ge=10, le=3600)] = 60.0
    warning_seconds: Annotated[float, Field(ge=20, le=600)] = 20.0
    # 0 turns the signage loop off; it starts only on the home screen
    attract_seconds: Annotated[float, Field(ge=0, le=3600)] = 120.0
    attract_slide_seconds: Annotated[float, Field(ge=3, le=120)] = 10.0


class UsbIn(SectionModel):
    vendor_id: UsbId
    product_id: UsbId


class SerialIn(SectionModel):
    device: NonEmptyStr
    baudrate: Annotated[int, Field(ge=300, le=4_000_000)] = 9600


class NetworkIn(SectionModel):
    host: NonEmptyStr
    port: Annotated[int, Field(ge=1, le=65535)] = 9100


class CupsIn(SectionModel):
    name: NonEmptyStr


class FileOutIn(SectionModel):
    path: FileInExistingFolder


PrinterType = Literal["none", "usb", "serial", "network", "cups", "file"]
_PRINTER_NEEDS = {
    "usb": "usb: {vendor_id: 0x0416, product_id: 0x5011}",
    "serial": "serial: {device: /dev/ttyUSB0}",
    "network": "network: {host: 192.0.2.10}",
    "cups": "cups: {name: receipt}",
    "file": "file: {path: /tmp/receipt.bin}",
}


class PrinterIn(SectionModel):
    type: PrinterType = "none"
    paper_width_mm: Literal[58, 80] = 58
    usb: UsbIn | None = None
    serial: SerialIn | None = None
    network: NetworkIn | None = None
    cups: CupsIn | None = None
    file: FileOutIn | None = None

    @model_validator(mode="after")
    def _section_for_type(self) -> PrinterIn:
        if self.type != "none" and getattr(self, self.type) is None:
            raise invalid(
                f"type is {self.type}, so printer also needs a section like "
                f"{_PRINTER_NEEDS[self.type]}",
                at=("type",),
            )
        return self


class CentralIn(SectionModel):
    url: HttpUrl | None = None
    # Not checked here beyond text: a loopback or private address is a warning, not an error
    # (kiosk.config.public_url), so the sample kiosk runs next to the sample centre.
    public_url: NonEmptyStr | None = None
    jurisdiction_id: NonEmptyStr | None = None
    api_key_env: EnvName | None = None
    api_key_file: ExistingFile | None = None
    ca_bundle: ExistingFile | None = None

    @model_validator(mode="after")
    def _one_key_source(self) -> CentralIn:
        if self.api_key_env is not None and self.api_key_file is not None:
            raise invalid(
                "give the API key either by api_key_env or by api_key_file, not both",
                at=("api_key_file",),
            )
        return self


class SyncIn(SectionModel):
    interval_seconds: Annotated[float, Field(ge=5, le=86400)] = 30.0
    connect_timeout_seconds: Annotated[float, Field(ge=1, le=120)] = 5.0
    request_deadline_seconds: Annotated[float, Field(ge=1, le=600)] = 20.0
    heartbeat_minutes: Annotated[float, Field(ge=1, le=1440)] = 5.0

    @model_validator(mode="after")
    def _deadline_covers_connect(self) -> SyncIn:
        if self.request_deadline_seconds < self.connect_timeout_seconds:
            raise invalid(
                f"must be at least connect_timeout_seconds ({self.connect_timeout_seconds:g}), "
                f"got {describe(self.request_deadline_seconds)}",
                at=("request_deadline_seconds",),
            )
        return self


class SpeechIn(SectionModel):
    enabled: bool = True
    rate: Annotated[int, Field(ge=50, le=400)] = 140
    volume: Annotated[float, Field(ge=0.0, le=1.0)] = 0.9
    rates: dict[LangKey, Annotated[int, Field(ge=50, le=400)]] = Field(default_factory=dict)
    recorded: dict[Id, dict[LangKey, ExistingFile]] = Field(default_factory=dict)


class StaffIn(SectionModel):
    pin_hash: PinHash | None = None
