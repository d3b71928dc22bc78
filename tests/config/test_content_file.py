"""The content file (issue 19): the community's part of the staff YAML, checked by the same
validator, device settings refused at their own line, merged with a kiosk's own file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config.content_file import attached_files, load_content, with_content
from kiosk.config.errors import ConfigInvalid
from kiosk.config.loader import load_config
from tests.config.helpers import SAMPLE
from tests.fixtures.content_files import png, sample_content, with_notice, write_content


def test_the_sample_files_content_part_loads_as_the_same_content(tmp_path: Path) -> None:
    own = load_config(SAMPLE)
    path = write_content(tmp_path, sample_content())
    content = load_content(path)
    assert content.content.notices == own.content.notices
    assert content.content.categories == own.content.categories
    assert content.content.red_post == own.content.red_post
    assert content.languages == own.languages


def test_the_extracted_part_keeps_the_staff_comments_and_leaves_every_device_line_out() -> None:
    text = sample_content()
    assert "# Staff: this one file sets everything" in text  # the file's opening comment
    assert "# Echo Book: each category has a fixed person" in text
    for device_line in ("display:", "printer:", "central:", "staff:", "kiosk_number:", "pin_hash"):
        assert device_line not in text


def test_device_settings_in_a_content_file_are_refused_at_their_own_lines(tmp_path: Path) -> None:
    text = sample_content().replace(
        "  timezone: Asia/Shanghai\n", "  timezone: Asia/Shanghai\n  kiosk_number: 4\n"
    )
    text += "printer:\n  type: file\n  file: {path: /tmp/receipts}\ncentral:\n  url: http://127.0.0.1:1/\n"
    path = write_content(tmp_path, text)
    with pytest.raises(ConfigInvalid) as raised:
        load_content(path)
    lines = text.splitlines()
    found = {(e.key_path, e.line) for e in raised.value.errors}
    assert found == {
        ("community.kiosk_number", lines.index("  kiosk_number: 4") + 1),
        ("printer", lines.index("printer:") + 1),
        ("central", lines.index("central:") + 1),
    }
    assert all("kiosk.yaml" in e.message for e in raised.value.errors)
    assert str(raised.value.errors[0]).startswith(f"{path}:")


def test_a_kiosk_shows_the_published_content_with_its_own_device_settings_and_number(
    tmp_path: Path,
) -> None:
    own = load_config(SAMPLE)
    path = write_content(tmp_path, with_notice(sample_content(), "water-cut", "周五停水"))
    merged = with_content(own, load_content(path))
    assert merged.content.notices[0].title.get("zh") == "周五停水"
    assert merged.content.community.kiosk_number == own.content.community.kiosk_number
    assert (merged.display, merged.central, merged.staff) == (own.display, own.central, own.staff)


def test_the_pictures_a_content_file_names_travel_with_it_by_their_plain_names(
    tmp_path: Path,
) -> None:
    text = with_notice(sample_content(), "poster", "海报", image="poster.png")
    path = write_content(tmp_path, text, {"poster.png": png(40, 30)})
    assert attached_files(load_content(path), path, text) == {"poster.png": tmp_path / "poster.png"}


def test_a_picture_outside_the_content_files_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "poster.png").write_bytes(png(40, 30))
    text = with_notice(sample_content(), "poster", "海报", image="../elsewhere/poster.png")
    path = write_content(tmp_path / "content", text)
    with pytest.raises(ConfigInvalid, match="plain file name beside the content file"):
        attached_files(load_content(path), path, text)
