"""The pictograms' textures: each drawing made once per size it is drawn at, at most twice that.

A pictogram (256 px, assets/pictograms) is drawn smaller than that on every display. Drawn from
the full size, linear filtering skips texels and the strokes turn ragged; Kivy's `mipmap=True`
fixes that, but on Mesa's software renderer, where the benchmarks and the tests run, the first
mipmapped texture cost ~75 ms of the home screen's first frame (issue 18). So each drawing is
halved by Pillow (a 2×2 box filter, as a GPU's mipmaps are made) down to the smallest size still
at least the size it is drawn at, and that texture is drawn shrunk by less than half: as smooth,
on every renderer, with no mipmaps. Each size of each drawing is made once for the whole app (a
screen change must not reload files).
"""

from __future__ import annotations

from typing import Any

from kivy.graphics.texture import Texture
from PIL import Image

_sides: dict[str, tuple[int, int]] = {}  # each drawing's own size, read from its file once
_textures: dict[tuple[str, int, int], Any] = {}


def texture(path: str, side: float) -> Any:
    """The drawing at `path` for drawing `side` pixels wide and high."""
    if path not in _sides:
        with Image.open(path) as opened:
            _sides[path] = opened.size
    width, height = _sides[path]
    while width > 1 and height > 1 and min(width, height) // 2 >= side:
        width, height = width // 2, height // 2
    key = (path, width, height)
    if key not in _textures:
        made = Texture.create(size=(width, height), colorfmt="rgba")
        made.flip_vertical()  # Pillow's rows run top down, OpenGL's bottom up

        def fill(texture: Any, path: str = path) -> None:
            with Image.open(path) as opened:
                image = _scaled(opened, texture.size)
            texture.blit_buffer(image.tobytes(), colorfmt="rgba", bufferfmt="ubyte")

        fill(made)
        made.add_reload_observer(fill)  # a lost GL context is filled again from the file
        _textures[key] = made
    return _textures[key]


def _scaled(drawing: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The drawing box-filtered to `size` (Pillow premultiplies alpha for it, so edges keep
    their colour; `Image.reduce` does not, and darkened them), converted only when it is not
    RGBA already (a third of a fill's time, issue 18)."""
    rgba = drawing if drawing.mode == "RGBA" else drawing.convert("RGBA")
    return rgba.resize(size, Image.Resampling.BOX)
