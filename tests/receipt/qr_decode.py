"""Reading QR codes back the way a phone does: zbar on the image."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pyzbar.pyzbar import decode


def qr_texts(source: Image.Image | Path) -> list[str]:
    image = Image.open(source) if isinstance(source, Path) else source
    return [symbol.data.decode("utf-8") for symbol in decode(image.convert("L"))]
