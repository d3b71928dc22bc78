"""A running kiosk takes published content like a local edit, and a USB stick's content with a
card that tells and says the result in both languages (issue 19). The stick's mount point is a
directory stand-in at the edge the system mounts it to."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from kiosk.config.model import Display
from kiosk.core.services import Services
from kiosk.core.stick import STICK_FOLDER
from kiosk.ui.stick_notice import StickNotice
from tests.fixtures.content_files import offer, png, sample_content, with_notice, write_content
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk


@pytest.fixture
def sticks(tmp_path: Path) -> Path:
    """Where the system would mount sticks (/run/echo-kiosk/usb); one folder per stick."""
    root = tmp_path / "usb"
    root.mkdir()
    return root


@pytest.fixture
def wiring(wiring: Services, sticks: Path) -> Services:
    return dataclasses.replace(wiring, stick_root=sticks)


def _notices(kiosk: Kiosk) -> list[str]:
    """The notices list's rows as a resident sees them."""
    kiosk.app.go("notices")
    kiosk.driver.frames(2)
    return [str(row.text) for row in reversed(kiosk.screen("notices").ids["rows"].children)]


def _card(kiosk: Kiosk) -> StickNotice | None:
    from kivy.core.window import Window

    return next((w for w in Window.children if isinstance(w, StickNotice)), None)


def test_content_from_the_centre_is_on_the_screen_without_a_restart(kiosk: Kiosk) -> None:
    keeper = kiosk.app.services.content
    assert keeper is not None
    text = with_notice(sample_content(), "water", "周五上午停水")
    problems: list[str] = []

    def sync_thread() -> None:  # the keeper runs where the sync worker runs: off the UI thread
        problems.append(offer(keeper, 5, text))

    worker = threading.Thread(target=sync_thread)
    worker.start()
    worker.join()
    assert problems == [""]
    assert kiosk.wait_for(lambda: kiosk.app.kiosk_config.content.notices[0].id == "water")
    assert any("周五上午停水" in row for row in _notices(kiosk))


def test_a_stick_with_good_content_is_shown_told_and_said_in_both_languages(
    kiosk: Kiosk, sticks: Path
) -> None:
    text = with_notice(sample_content(), "stick", "U盘来的通知", image="poster.png")
    write_content(sticks / "sda1" / STICK_FOLDER, text, {"poster.png": png(320, 200)})
    assert kiosk.wait_for(lambda: _card(kiosk) is not None)
    card = _card(kiosk)
    assert card is not None
    assert card.zh.startswith("U盘内容已换上：5 条通知")
    assert card.ug.startswith("USB دىسكىدىكى مەزمۇن ئىشلىتىلدى: 5 ئۇقتۇرۇش")
    assert card.reason == ""
    assert kiosk.speaker.utterances[-1] == ((card.zh, "zh"), (card.ug, "ug"))
    assert any("U盘来的通知" in row for row in _notices(kiosk))


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["800x480", "720x1280"])
def test_a_stick_with_a_broken_file_changes_nothing_and_shows_the_line_to_fix(
    kiosk: Kiosk, sticks: Path, display: Display
) -> None:
    kiosk.driver.set_display(display)
    kiosk.driver.frames(2)
    before = _notices(kiosk)
    text = sample_content().replace("deadline_days: 3", "deadline_days: soon", 1)
    write_content(sticks / "sdb1" / STICK_FOLDER, text)
    assert kiosk.wait_for(lambda: _card(kiosk) is not None)
    card = _card(kiosk)
    assert card is not None
    line = text.splitlines().index(next(x for x in text.splitlines() if "soon" in x)) + 1
    assert card.reason.startswith(f"ECHO-KIOSK/content.yaml:{line}:")
    assert card.zh.startswith("U盘内容没有换上")
    kiosk.driver.frames(3)
    for part in ("zh", "ug", "reason"):  # every word of it on the card, none cut to "…"
        shown = card.ids[part].shown_lines
        assert shown, part
        assert "…" not in "".join(shown), (part, shown)
    assert _notices(kiosk) == before
