"""Reading GS v 0 raster images back out of an ESC/POS byte stream, as a printer would."""

from __future__ import annotations

from PIL import Image, ImageChops

RASTER = b"\x1dv0"


def raster_images(stream: bytes) -> list[Image.Image]:
    """Each GS v 0 fragment as a 1-bit image; consecutive fragments of one image are joined."""
    at = stream.find(RASTER)
    joined_until = -1
    images: list[Image.Image] = []
    while at >= 0:
        width_bytes = stream[at + 4] + 256 * stream[at + 5]
        height = stream[at + 6] + 256 * stream[at + 7]
        start, end = at + 8, at + 8 + width_bytes * height
        # raster data: 1 = dot printed, most significant bit leftmost; Pillow's "1" is 1 = white
        fragment = Image.frombytes("1", (width_bytes * 8, height), stream[start:end])
        fragment = ImageChops.invert(fragment)
        if at == joined_until and images:
            images[-1] = _below(images[-1], fragment)
        else:
            images.append(fragment)
        joined_until = end
        at = stream.find(RASTER, end)
    return images


def _below(top: Image.Image, bottom: Image.Image) -> Image.Image:
    both = Image.new("1", (top.width, top.height + bottom.height), 1)
    both.paste(top, (0, 0))
    both.paste(bottom, (0, top.height))
    return both
