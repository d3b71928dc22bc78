"""assets/: the pictograms (SVG source + the PNG Kivy draws), the sounds, the prompt folder's
README, and that all of it travels as package data; one font search list for screen and receipt."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import wave
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from kiosk.config import files
from kiosk.domain.pictograms import PICTOGRAMS
from kiosk.receipt import layout
from kiosk.speech import wavfile
from kiosk.ui.icons import DRAWN, GLYPHS

REPO = Path(__file__).resolve().parents[1]
ASSETS = REPO / "assets"
PICTURES = ASSETS / "pictograms"
MAKE = REPO / "scripts" / "make_assets.py"
# The Font Awesome stand-ins that told a resident the wrong thing (a house for a seat, a doctor
# for a mask, the repair wrench for "broken", a reload arrow for "say it again", an unlabelled
# loudspeaker): each must have a drawing of its own.
MISLEADING = {"seat", "mask", "broken", "say-again", "repeat", "speech-on", "speech-off"}


def _need(tool: str, package: str) -> None:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: apt-get install {package} (scripts/setup.sh test does)")


def test_every_svg_has_its_png_and_every_png_its_svg():
    svgs = {p.stem for p in PICTURES.glob("*.svg")}
    pngs = {p.stem for p in PICTURES.glob("*.png")}
    assert svgs, "no pictograms"
    assert svgs - pngs == set(), "SVG without PNG: run python3 scripts/make_assets.py"
    assert pngs - svgs == set(), "PNG without its SVG source"


def test_every_config_pictogram_and_every_misleading_stand_in_is_drawn():
    assert set(DRAWN) >= PICTOGRAMS | MISLEADING
    for name, drawing in DRAWN.items():
        assert (PICTURES / f"{drawing}.png").is_file(), name
        assert name in GLYPHS, f"{name}: a drawn name keeps a glyph for a copy without assets"


@pytest.mark.parametrize("png", sorted(PICTURES.glob("*.png")), ids=lambda p: p.stem)
def test_pngs_are_white_256px_with_the_drawing_in_alpha_so_the_tint_is_exact(png: Path):
    image = Image.open(png)
    assert image.mode == "RGBA"
    assert image.size == (256, 256)
    for channel in "RGB":
        assert image.getchannel(channel).getextrema() == (255, 255), channel
    alpha = image.getchannel("A")
    assert alpha.getextrema() == (0, 255), "a drawing, solid somewhere, clear somewhere"
    covered = sum(alpha.histogram()[128:]) / (256 * 256)
    assert 0.08 < covered < 0.6, f"{covered:.0%} of the square: bold, but not a blob"


def test_pngs_and_sounds_are_what_the_script_makes_of_the_sources():
    _need("rsvg-convert", "librsvg2-bin")
    done = subprocess.run(
        [sys.executable, str(MAKE), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("name", "longest"), [("chime.wav", 2.0), ("click.wav", 0.1)])
def test_sounds_are_short_16_bit_mono_wavs_the_player_takes(name: str, longest: float):
    path = ASSETS / "sounds" / name
    wavfile.check_playable(path)
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
    assert 0 < wavfile.duration(path) <= longest
    assert path.stat().st_size < 100_000


def test_the_readmes_name_every_file_and_its_licence():
    readme = (ASSETS / "README.md").read_text()
    for path in ("pictograms/*.svg", "pictograms/*.png", "sounds/chime.wav", "sounds/click.wav"):
        assert f"`{path}`" in readme, path
    assert "CC0-1.0" in readme
    assert "fonts-ukij-uyghur" in readme
    assert "fonts-font-awesome" in readme
    prompts = (ASSETS / "prompts" / "README.md").read_text()
    for needed in ("mono", "16-bit", "-zh.wav", "/etc/echo-kiosk/prompts", "theirs"):
        assert needed in prompts, needed


def test_the_code_finds_the_assets_through_the_installed_package():
    assert files.asset("pictograms", "seat.png").is_file()
    assert files.asset("sounds", "chime.wav").is_file()
    assert files.asset("prompts", "README.md").is_file()


def test_the_wheel_carries_the_assets(tmp_path: Path):
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("kiosk", "assets"):
        shutil.copytree(REPO / folder, source / folder, ignore=ignore)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "-w", str(tmp_path), "--no-deps", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("echo_kiosk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in ASSETS.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            assert f"kiosk/assets/{path.relative_to(ASSETS).as_posix()}" in names, path
    assert "kiosk/ui/widgets.kv" in names  # the other package data still travels
    assert not any(n.startswith("assets/") for n in names), "no top-level 'assets' package"
    png = zipfile.ZipFile(wheel).read("kiosk/assets/pictograms/seat.png")
    assert Image.open(io.BytesIO(png)).size == (256, 256)


def test_screen_and_receipt_look_for_the_text_font_in_one_list():
    assert layout.find_font() == files.text_font()
    everywhere = files.TEXT_FONTS + files.ICON_FONTS
    assert not any("assets" in path.parts for path in everywhere), "fonts are not shipped"


def test_a_missing_font_names_the_debian_package(tmp_path: Path):
    with pytest.raises(files.FontMissingError, match="install the package fonts-x"):
        files.find_font((tmp_path / "X.ttf",), "fonts-x")
