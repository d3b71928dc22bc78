#!/usr/bin/env python3
"""Make what Kivy and aplay use from the sources in assets/, or check it is up to date.

    python3 scripts/make_assets.py          # writes assets/pictograms/*.png, assets/sounds/*.wav
    python3 scripts/make_assets.py --check  # exit 1 naming every file that is missing or stale

Pictograms: Kivy 2.3 cannot draw SVG, so each assets/pictograms/NAME.svg is rendered with
rsvg-convert (Debian librsvg2-bin) to a 256 px NAME.png, then made pure white with the drawing in
the alpha channel only: the UI tints it with the button's text colour (Image `color`), and white
edge pixels keep that colour exact where the mipmaps blend. Sounds are computed here (standard
library only), so the same script always writes the same bytes.

A different librsvg may anti-alias a few edge pixels differently: the check allows that, but not
a changed drawing.
"""

from __future__ import annotations

import argparse
import io
import math
import shutil
import struct
import subprocess
import sys
import wave
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[1] / "assets"
PICTOGRAMS = ASSETS / "pictograms"
SOUNDS = ASSETS / "sounds"
SIZE = 256
RATE = 22050  # Hz: plenty for a chime and a click, and small files


def render_pictogram(svg: Path) -> bytes:
    """The PNG for one SVG: white, the drawing in the alpha channel. Needs rsvg-convert."""
    from PIL import Image  # Pillow is a dependency of the kiosk itself

    raw = subprocess.run(
        ["rsvg-convert", "--width", str(SIZE), "--height", str(SIZE), str(svg)],
        check=True,
        capture_output=True,
    ).stdout
    alpha = Image.open(io.BytesIO(raw)).convert("RGBA").getchannel("A")
    white = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
    white.putalpha(alpha)
    out = io.BytesIO()
    white.save(out, format="PNG", optimize=True)
    return out.getvalue()


def same_drawing(png_a: bytes, png_b: bytes) -> bool:
    """Equal but for anti-aliasing: under 0.5 % of the pixels differ by more than 1/8 in alpha."""
    from PIL import Image, ImageChops

    a, b = (Image.open(io.BytesIO(p)).convert("RGBA") for p in (png_a, png_b))
    if a.size != b.size:
        return False
    for image in (a, b):
        if any(image.getchannel(c).getextrema() != (255, 255) for c in "RGB"):
            return False  # not pure white: the tint would come out wrong
    diff = ImageChops.difference(a.getchannel("A"), b.getchannel("A"))
    histogram = diff.histogram()
    return sum(histogram[32:]) < 0.005 * a.size[0] * a.size[1]


def _tone(
    notes: list[tuple[float, float, float, float]], seconds: float, peak: float
) -> list[float]:
    """Sum of decaying sine notes (start s, frequency Hz, decay time s, level); 5 ms fade-in each
    so nothing clicks, and a 20 ms fade-out at the end."""
    samples = [0.0] * int(seconds * RATE)
    for start, freq, decay, level in notes:
        for i in range(int(start * RATE), len(samples)):
            t = i / RATE - start
            envelope = min(1.0, t / 0.005) * math.exp(-t / decay)
            wave_ = math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(4 * math.pi * freq * t)
            samples[i] += level * envelope * wave_
    top = max(abs(s) for s in samples) or 1.0
    fade = int(0.02 * RATE)
    for k in range(fade):
        samples[-1 - k] *= k / fade
    return [s * peak / top for s in samples]


def _wav(samples: list[float]) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(struct.pack("<h", round(s * 32767)) for s in samples))
    return out.getvalue()


def chime() -> bytes:
    """A soft two-note chime (E5 then C5, falling like a doorbell) at -8 dBFS, 1.2 s: it asks for
    attention before the idle warning is spoken without startling anyone."""
    return _wav(_tone([(0.0, 659.25, 0.35, 1.0), (0.28, 523.25, 0.45, 1.0)], 1.2, 0.4))


def click() -> bytes:
    """A short, dull key click (1.2 kHz, 30 ms) at -10 dBFS, so a press is heard as well as seen."""
    return _wav(_tone([(0.0, 1200.0, 0.006, 1.0)], 0.03, 0.32))


SOUND_MAKERS = {"chime.wav": chime, "click.wav": click}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    stale: list[str] = []
    if shutil.which("rsvg-convert") is None:
        print("make_assets: rsvg-convert not found (apt-get install librsvg2-bin)", file=sys.stderr)
        return 2
    wanted: list[tuple[Path, bytes]] = [
        (svg.with_suffix(".png"), render_pictogram(svg)) for svg in sorted(PICTOGRAMS.glob("*.svg"))
    ]
    wanted += [(SOUNDS / name, make()) for name, make in SOUND_MAKERS.items()]
    for path, data in wanted:
        have = path.read_bytes() if path.is_file() else None
        if path.suffix == ".png":
            fresh = have is not None and same_drawing(have, data)
        else:
            fresh = have == data
        if fresh:
            continue
        stale.append(str(path.relative_to(ASSETS.parent)))
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    verb = "stale or missing" if args.check else "written"
    for name in stale:
        print(f"{verb}: {name}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
