"""The kiosk's own drawings on screen: drawn from their PNG where the glyph stood, in the colour of
the words beside them (so the 7:1 of tests/ui/test_accessibility.py holds for them too), and
placed on their widget after every layout change; scaled once and kept for the next start."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from kivy.graphics.context import get_context
from PIL import Image

from kiosk.config.files import asset
from kiosk.ui import palette, pictogram_textures
from kiosk.ui.app import SCREENS
from kiosk.ui.icons import DRAWN
from kiosk.ui.screenshot import prepare_screen
from kiosk.ui.widgets import BigButton, Pictogram
from tests.ui.helpers import Kiosk


def _drawn(kiosk: Kiosk, screen: str) -> list[Pictogram]:
    return [w for w in kiosk.screen(screen).walk() if isinstance(w, Pictogram) and w.source]


def _rgb(rgba: list[float] | tuple[float, ...]) -> tuple[float, ...]:
    return tuple(round(c, 3) for c in rgba[:3])


_PAIRS = {(_rgb(palette.hex_rgb(f)), _rgb(palette.hex_rgb(b))) for f, b, _ in palette.TEXT_PAIRS}


@pytest.mark.parametrize("name", ["say-again", "speech-on"])
def test_the_home_screens_speech_buttons_draw_the_kiosks_own_pictures(kiosk: Kiosk, name: str):
    kiosk.driver.frames(3)
    (picture,) = [p for p in _drawn(kiosk, "home") if p.icon == name]
    assert picture.source.endswith(f"pictograms/{DRAWN[name]}.png")
    assert picture.text == "", "no Font Awesome glyph under the drawing"


def test_seat_and_mask_are_a_chair_and_a_mask_not_a_house_and_a_doctor(kiosk: Kiosk):
    prepare_screen(kiosk.app, kiosk.app.services, "red_post")
    kiosk.app.go("red_post")
    kiosk.driver.frames(3)
    drawn = {p.icon: p.source for p in _drawn(kiosk, "red_post")}
    assert drawn["seat"].endswith("pictograms/seat.png")
    assert drawn["mask"].endswith("pictograms/mask.png")


def test_the_title_bars_say_it_again_is_the_speaking_head_not_a_reload_arrow(kiosk: Kiosk):
    kiosk.app.go("notices")
    kiosk.driver.frames(3)
    repeat = [p for p in _drawn(kiosk, "notices") if p.icon == "repeat"]
    assert repeat
    assert repeat[0].source.endswith("pictograms/say-again.png")


@pytest.mark.parametrize("screen", [s for s in SCREENS if s != "attract"])
def test_each_drawing_sits_on_its_widget_in_the_colour_of_its_buttons_words(
    kiosk: Kiosk, screen: str
):
    prepare_screen(kiosk.app, kiosk.app.services, screen)
    kiosk.app.go(screen)
    kiosk.driver.frames(3)
    for picture in _drawn(kiosk, screen):
        where = f"{screen}: {picture.icon}"
        rect, side = picture._picture, min(picture.size)
        assert rect.texture is not None, where
        assert rect.size == pytest.approx((side, side)), where
        centre = (rect.pos[0] + side / 2, rect.pos[1] + side / 2)
        assert centre == pytest.approx(picture.center, abs=0.5), f"{where} drawn off its widget"
        tint = picture._tint.rgba
        button = picture.parent
        if isinstance(button, BigButton) and not picture.disabled:
            assert _rgb(tint) == _rgb(button.ids.text.color), where
            assert (_rgb(tint), _rgb(button.bg)) in _PAIRS, f"{where}: not a 7:1 text pair"
        else:
            assert list(tint) == list(picture.color), where


@pytest.mark.parametrize("screen", ["home", "red_post", "feedback"])
def test_each_drawing_is_drawn_from_a_texture_shrunk_by_less_than_half(kiosk: Kiosk, screen: str):
    """Linear filtering alone keeps a drawing smooth only down to half its texture's size; with
    no mipmaps (pictogram_textures.py) the texture must be the halving that fits."""
    prepare_screen(kiosk.app, kiosk.app.services, screen)
    kiosk.app.go(screen)
    kiosk.driver.frames(3)
    for picture in _drawn(kiosk, screen):
        side = min(picture.size)
        texture = picture._picture.texture
        assert not texture.mipmap
        shortest = min(texture.size)
        assert side <= shortest < 2 * side or shortest == 256, f"{screen}: {picture.icon}"


def test_a_drawing_is_made_once_per_size_and_its_pixels_are_the_box_filtered_drawing() -> None:
    path = str(asset("pictograms", "book.png"))
    small = pictogram_textures.texture(path, 50)
    assert small.size == (64, 64)
    assert pictogram_textures.texture(path, 40) is small  # 64 is still the halving that fits
    assert pictogram_textures.texture(path, 70).size == (128, 128)
    with Image.open(path) as drawing:
        expected = drawing.convert("RGBA").resize((64, 64), Image.Resampling.BOX)
    # Stored as uploaded, top row first; the texture's coordinates are flipped for OpenGL.
    assert small.pixels == expected.tobytes()
    assert small.tex_coords[1] == 1.0


def test_a_drawing_is_drawn_again_after_the_gl_context_is_lost() -> None:
    """A texture made from bytes has no file for Kivy to reload from; its own observer refills
    it, or every pictogram would come back blank after a lost context."""
    path = str(asset("pictograms", "broom.png"))
    made = pictogram_textures.texture(path, 30)
    before = made.pixels
    assert any(before[3::4]), "the drawing has opaque pixels"
    get_context().reload()
    assert made.pixels == before


def test_a_drawing_with_no_room_yet_reads_no_file_and_appears_once_laid_out(kiosk: Kiosk) -> None:
    """A widget starts at size 0 until its row lays it out: a texture for that size read and
    scaled the whole PNG for a 1 px drawing, for half the home screen's pictograms before its
    first frame (issue 18, start-up)."""
    kiosk.driver.frames(3)
    tiny = [key for key in pictogram_textures._textures if min(key[1:]) < 2]
    assert tiny == [], "drawings made for widgets with no room yet"
    for picture in _drawn(kiosk, "home"):
        side = min(picture.size)
        assert picture._picture.texture is pictogram_textures.texture(picture.source, side)


def _new_start(folder: Path) -> None:
    """What a new start of the kiosk knows: no drawing in memory, `folder` to keep them in."""
    pictogram_textures._sides.clear()
    pictogram_textures._textures.clear()
    pictogram_textures.keep_in(folder)


@pytest.fixture
def drawing(tmp_path: Path) -> Iterator[Path]:
    """A drawing of the kiosk's own, copied where a test may change it; memory emptied after."""
    copy = tmp_path / "drawings" / "book.png"
    copy.parent.mkdir()
    shutil.copyfile(asset("pictograms", "book.png"), copy)
    yield copy
    _new_start(tmp_path / "unused")


def _kept_once(drawing: Path, kept: Path) -> Path:
    """A start that draws `drawing` at 50 px and keeps it in `kept`: the file it kept."""
    _new_start(kept)
    pictogram_textures.texture(str(drawing), 50)
    (made,) = kept.iterdir()
    return made


def _box_filtered(path: Path, side: int) -> bytes:
    with Image.open(path) as opened:
        return opened.convert("RGBA").resize((side, side), Image.Resampling.BOX).tobytes()


def test_a_drawing_scaled_at_one_start_is_read_at_the_next_instead_of_scaled_again(
    drawing: Path, tmp_path: Path
) -> None:
    kept = tmp_path / "kept"
    made = _kept_once(drawing, kept)
    assert made.read_bytes() == _box_filtered(drawing, 64)
    made.write_bytes(bytes(64 * 64 * 4))  # the next start must take these, not the PNG's
    _new_start(kept)
    assert pictogram_textures.texture(str(drawing), 50).pixels == bytes(64 * 64 * 4)


def test_a_kept_drawing_cut_short_by_a_power_cut_is_scaled_again_and_kept_whole(
    drawing: Path, tmp_path: Path
) -> None:
    kept = tmp_path / "kept"
    made = _kept_once(drawing, kept)
    made.write_bytes(made.read_bytes()[:1000])
    _new_start(kept)
    assert pictogram_textures.texture(str(drawing), 50).pixels == _box_filtered(drawing, 64)
    assert [p.stat().st_size for p in kept.iterdir()] == [64 * 64 * 4]


def test_a_drawing_changed_on_disk_is_drawn_new_and_its_old_version_no_longer_kept(
    drawing: Path, tmp_path: Path
) -> None:
    kept = tmp_path / "kept"
    old = _kept_once(drawing, kept)
    with Image.open(drawing) as opened:
        opened.convert("RGBA").rotate(90).save(drawing)  # a new drawing under the same name
    _new_start(kept)
    assert pictogram_textures.texture(str(drawing), 50).pixels == _box_filtered(drawing, 64)
    (new,) = kept.iterdir()
    assert new != old


def test_a_drawing_is_still_drawn_where_nothing_can_be_kept(drawing: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    _new_start(blocked / "kept")
    made = pictogram_textures.texture(str(drawing), 50)
    assert made.pixels == _box_filtered(drawing, 64)
    assert blocked.read_text() == ""


def test_a_drawing_from_a_new_releases_folder_replaces_what_was_kept_for_the_old_one(
    drawing: Path, tmp_path: Path
) -> None:
    """Each update installs the drawings in a folder of its own: five years of updates must
    not leave a kept copy of every drawing for each of them on the card."""
    kept = tmp_path / "kept"
    old = _kept_once(drawing, kept)
    release = tmp_path / "release-2" / drawing.name
    release.parent.mkdir()
    shutil.copyfile(drawing, release)
    new = _kept_once(release, kept)
    assert new != old
    assert new.read_bytes() == _box_filtered(release, 64)
