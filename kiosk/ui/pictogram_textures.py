"""The pictograms' textures: each drawing made once per size it is drawn at, at most twice that.

A pictogram (256 px, assets/pictograms) is drawn smaller than that on every display. Drawn from
the full size, linear filtering skips texels and the strokes turn ragged; Kivy's `mipmap=True`
fixes that, but on Mesa's software renderer, where the benchmarks and the tests run, the first
mipmapped texture cost ~75 ms of the home screen's first frame (issue 18). So each drawing is
halved by Pillow (a 2×2 box filter, as a GPU's mipmaps are made) down to the smallest size still
at least the size it is drawn at, and that texture is drawn shrunk by less than half: as smooth,
on every renderer, with no mipmaps. Each size of each drawing is made once for the whole app (a
screen change must not reload files).

Once `keep_in(folder)` is called, the scaled pixels are kept there too, so the next start reads
them instead of decoding and filtering the PNGs again (~15 ms of the home screen's build, and
Pillow's image plugins need not be imported before the first frame). A kept file is named for
the drawing and the size scaled to, with a digest of its path, size and modification time on
disk: a drawing changed on disk, or drawn from a new release's folder, is scaled anew, and what
was kept for it before is removed then (one file for each drawing and size, however many
updates). A kept file of the wrong length (a power cut while it was written) is made again; a
folder that cannot be written only means the next start scales again.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import logging
import os
import struct
from pathlib import Path
from typing import Any

from kivy.graphics.texture import Texture
from PIL import Image

log = logging.getLogger("kiosk.ui")
_PNG_HEAD = b"\x89PNG\r\n\x1a\n"

_sides: dict[str, tuple[int, int]] = {}  # each drawing's own size, read from its file once
_textures: dict[tuple[str, int, int], Any] = {}
_kept: list[Path] = []  # the folder the scaled pixels are kept in, if any


def keep_in(folder: Path) -> None:
    """Keep the scaled drawings in `folder` from now on (the kiosk's data folder)."""
    _kept[:] = [folder]


def texture(path: str, side: float) -> Any:
    """The drawing at `path` for drawing `side` pixels wide and high."""
    if path not in _sides:
        _sides[path] = _size_on_disk(path)
    width, height = _sides[path]
    while width > 1 and height > 1 and min(width, height) // 2 >= side:
        width, height = width // 2, height // 2
    key = (path, width, height)
    if key not in _textures:
        made = Texture.create(size=(width, height), colorfmt="rgba")
        made.flip_vertical()  # Pillow's rows run top down, OpenGL's bottom up

        def fill(texture: Any, path: str = path) -> None:
            pixels = _pixels(path, texture.size)
            texture.blit_buffer(pixels, colorfmt="rgba", bufferfmt="ubyte")

        fill(made)
        made.add_reload_observer(fill)  # a lost GL context is filled again
        _textures[key] = made
    return _textures[key]


def _size_on_disk(path: str) -> tuple[int, int]:
    """Width and height from a PNG's header, without Pillow's plugins; Pillow for anything else."""
    with open(path, "rb") as drawing:
        head = drawing.read(24)
    if head[:8] == _PNG_HEAD and head[12:16] == b"IHDR":
        width, height = struct.unpack(">II", head[16:24])
        return int(width), int(height)
    with Image.open(path) as opened:
        return opened.size


def _pixels(path: str, size: tuple[int, int]) -> bytes:
    """The drawing's RGBA bytes at `size`: kept from an earlier start, or scaled (and kept)."""
    kept = _kept_file(path, size)
    if kept is not None:
        try:
            pixels = kept.read_bytes()
        except OSError:
            pixels = b""
        if len(pixels) == size[0] * size[1] * 4:
            return pixels
    with Image.open(path) as opened:
        pixels = _scaled(opened, size).tobytes()
    if kept is not None:
        _keep(kept, pixels)
    return pixels


def _kept_file(path: str, size: tuple[int, int]) -> Path | None:
    if not _kept:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    version = f"{os.path.abspath(path)} {stat.st_size} {stat.st_mtime_ns}"
    digest = hashlib.sha1(version.encode(), usedforsecurity=False).hexdigest()[:16]
    return _kept[0] / f"{_drawing_and_size(path, size)}{digest}.rgba"


def _drawing_and_size(path: str, size: tuple[int, int]) -> str:
    """What a kept file's name begins with: one file for each drawing's name and size, whichever
    release folder or version of it was drawn last (updates must not pile files up)."""
    return f"{Path(path).stem}-{size[0]}x{size[1]}-"


def _keep(kept: Path, pixels: bytes) -> None:
    """Write `kept` whole or not at all, and drop what was kept for the drawing before it."""
    partial = kept.with_suffix(".partial")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        begins = kept.name.rsplit("-", 1)[0] + "-"  # _drawing_and_size
        for older in kept.parent.glob(glob.escape(begins) + "*.rgba"):
            if older != kept:
                older.unlink(missing_ok=True)
        partial.write_bytes(pixels)
        os.replace(partial, kept)
    except OSError as error:  # a full or read-only card: the next start scales again
        log.info("pictogram not kept (%s): %s", kept.parent, error)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _scaled(drawing: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The drawing box-filtered to `size` (Pillow premultiplies alpha for it, so edges keep
    their colour; `Image.reduce` does not, and darkened them), converted only when it is not
    RGBA already (a third of a fill's time, issue 18)."""
    rgba = drawing if drawing.mode == "RGBA" else drawing.convert("RGBA")
    return rgba.resize(size, Image.Resampling.BOX)
