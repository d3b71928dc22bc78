"""Whether this kiosk can show a notice picture: decoded whole, and within its graphics' limit.

The centre checks that a published file is well formed; only the kiosk knows what its own
graphics can take (`display.max_picture_px`), so each kiosk checks its pictures before it uses
a published version, and refuses it alone, keeping its last good content.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # above this Pillow's own guard stops a decompression bomb


def picture_problem(path: Path, max_side: int) -> str:
    """'' when the picture at `path` can be shown, else why not, in words for staff."""
    try:
        with Image.open(path) as image:
            width, height = image.size
            if max(width, height) > max_side:
                return (
                    f"{path.name} is {width}x{height} pixels; this kiosk shows pictures up to "
                    f"{max_side} pixels a side (display.max_picture_px): make it smaller"
                )
            if width * height > MAX_PIXELS:
                return f"{path.name} is too large a picture ({width}x{height})"
            image.load()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError) as error:
        return f"{path.name} cannot be shown: {error}"
    return ""
