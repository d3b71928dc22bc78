"""The few things python-escpos's connection classes need around them to be safe in a kiosk:
a typed view of them, status replies read without waiting out the time-out, the paper width
per connection, and no close that waits for ever on unsent serial data."""

from __future__ import annotations

import copy
from contextlib import suppress
from typing import Any, Protocol

from PIL import Image


class EscposConnection(Protocol):
    """The part of python-escpos's `Escpos` used here (python-escpos has no type hints)."""

    profile: Any
    device: Any  # the socket, serial port, USB device, file or CUPS connection once open

    def open(self) -> None: ...
    def close(self) -> None: ...
    def hw(self, hw: str) -> None: ...
    def image(self, img_source: Image.Image, *, impl: str, center: bool) -> None: ...
    def cut(self) -> None: ...
    def _raw(self, msg: bytes) -> None: ...
    def _read(self) -> bytes: ...


class CupsConnection(EscposConnection, Protocol):
    printers: dict[str, dict[str, object]]

    def send(self) -> None: ...


def read_socket(device: EscposConnection) -> bytes:
    reply = bytes(device.device.recv(16))  # socket time-out: TimeoutError
    if not reply:
        raise ConnectionAbortedError("the printer closed the connection")
    return reply


def read_serial(device: EscposConnection) -> bytes:
    reply = bytes(device.device.read(1))  # one byte, so an answer never waits for the time-out
    if not reply:
        raise TimeoutError("no answer to a status request")
    return reply


def set_paper_width(device: EscposConnection, dots: int) -> None:
    """Give this connection a profile with the paper's width (python-escpos shares profile data
    between printers): images wider than the paper fail clearly, and no warning goes to stdout."""
    data = copy.deepcopy(device.profile.profile_data)
    data.setdefault("media", {}).setdefault("width", {})["pixels"] = dots
    device.profile.profile_data = data


def discard_unsent(device: EscposConnection) -> None:
    """After a failure, drop what a serial port still holds: closing would wait to send it."""
    link = getattr(device, "_device", None)
    reset = getattr(link, "reset_output_buffer", None)
    if callable(reset):
        with suppress(Exception):
            reset()
