from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from kiosk.ui.app import SCREENS
from kiosk.ui.screenshot import STATES
from tests.ui.helpers import SAMPLE


def test_screenshot_command_renders_every_screen_language_and_size(tmp_path: Path):
    out = tmp_path / "shots"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "screenshot", "--out", str(out), "--config", str(SAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    expected = {
        f"{screen}-{lang}-{size}.png"
        for screen in SCREENS
        for lang in ("zh", "ug")
        for size in ("800x480", "720x1280")
    }
    # and the pages the README shows: the wall's chart, a solved problem (issue 15)
    expected |= {
        f"{screen}-{state}-{lang}-{size}.png"
        for screen, states in STATES.items()
        for state in states
        for lang in ("zh", "ug")
        for size in ("800x480", "720x1280")
    }
    assert "echo_wall-solved-ug-800x480.png" in expected
    assert {p.name for p in out.iterdir()} == expected
    for name in expected:
        with Image.open(out / name) as image:
            width, height = (int(v) for v in name.rsplit("-", 1)[1][:-4].split("x"))
            assert image.size == (width, height)
            # Not a black first frame: the warm background shows and black does not dominate.
            counts = {rgb: n for n, rgb in image.convert("RGB").getcolors(maxcolors=1 << 22) or []}
            pixels = width * height
            assert counts.get((0xFB, 0xF7, 0xF0), 0) > pixels * 0.1, f"{name}: no background"
            assert counts.get((0, 0, 0), 0) < pixels * 0.2, f"{name} is mostly black"

    for size in ("800x480", "720x1280"):
        with Image.open(out / f"echo_wall-solved-ug-{size}.png") as image:
            counts = {rgb: n for n, rgb in image.convert("RGB").getcolors(maxcolors=1 << 22) or []}
            card = counts.get((0xFF, 0xFF, 0xFF), 0)
            assert card > image.size[0] * image.size[1] * 0.15, f"solved page {size}: no card"
