"""The paper receipt: laid out as an image (Pillow, qrcode) and sent to a printer (python-escpos).

Nothing here imports Kivy; the screen shows the same QR code when printing fails.

May import: `kiosk.domain`, `kiosk.wire`, `kiosk.config`, and itself.
"""

from __future__ import annotations

from kiosk.receipt.data import ReceiptData
from kiosk.receipt.layout import render_receipt
from kiosk.receipt.printers import (
    NoPrinter,
    PrinterFault,
    PrinterState,
    PrinterStatus,
    PrintOutcome,
    ReceiptPrinter,
    make_printer,
)
from kiosk.receipt.qr import qr_image, status_url

__all__ = [
    "NoPrinter",
    "PrintOutcome",
    "PrinterFault",
    "PrinterState",
    "PrinterStatus",
    "ReceiptData",
    "ReceiptPrinter",
    "make_printer",
    "qr_image",
    "render_receipt",
    "status_url",
]
