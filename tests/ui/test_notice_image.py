"""A notice may carry a picture (a poster, a map); the detail view shows it above the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.ui.helpers import Kiosk


@pytest.fixture
def config_path(config_path: Path) -> Path:
    Image.new("RGB", (320, 200), (143, 29, 29)).save(config_path.parent / "poster.png")
    text = config_path.read_text(encoding="utf-8")
    text = text.replace(
        "    pinned: true\n    publish: 2024-12-01",
        "    pinned: true\n    publish: 2024-12-01\n    image: poster.png",
    )
    config_path.write_text(text, encoding="utf-8")
    return config_path


def test_the_notice_picture_is_shown_in_the_detail_view(kiosk: Kiosk, config_path: Path):
    kiosk.app.go("notices")
    kiosk.driver.frames(2)
    screen = kiosk.screen("notices")
    rows = list(reversed(screen.ids["rows"].children))
    kiosk.driver.tap(rows[0])
    assert screen.detail_image == str(config_path.parent / "poster.png")
    image = next(w for w in screen.walk() if type(w).__name__ == "Image" and w.source)
    assert image.texture is not None
    assert image.height > 0
