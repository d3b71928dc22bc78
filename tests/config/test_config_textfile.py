"""Staff's file however it is broken on disk: each way ends as a line to fix, not a hang."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from kiosk.config.errors import ConfigInvalid, ConfigUnreadable
from kiosk.config.loader import load_config
from kiosk.config.textfile import MAX_BYTES
from tests.config.helpers import ConfigFolder, line_of


def invalid(path: Path) -> list[str]:
    with pytest.raises(ConfigInvalid) as caught:
        load_config(path)
    return [str(e) for e in caught.value.errors]


def unreadable(path: Path) -> str:
    with pytest.raises(ConfigUnreadable) as caught:
        load_config(path)
    return str(caught.value)


def test_nul_byte_is_reported_at_its_line_and_column(config: ConfigFolder) -> None:
    config.path.write_bytes(config.sample.replace("community:", "commu\0nity:", 1).encode())
    line = line_of(config.sample, "community:", exact=True)
    [error] = invalid(config.path)
    assert error.startswith(f"{config.path}:{line}:6: a NUL character is here")


def test_latin1_resave_is_reported_at_the_first_garbled_character(config: ConfigFolder) -> None:
    garbled = config.sample.encode("utf-8").decode("latin-1")  # what an editor shows and saves
    config.path.write_text(garbled, encoding="utf-8")
    first = next(i for i, c in enumerate(garbled) if 0x80 <= ord(c) <= 0x9F)
    line = garbled.count("\n", 0, first) + 1
    [error] = invalid(config.path)
    assert f"{config.path}:{line}:" in error
    assert "Latin-1" in error


def test_lone_surrogate_escape_is_refused_at_its_line(config: ConfigFolder) -> None:
    text = config.edited(("short_name: {zh: 胜利社区,", 'short_name: {zh: "胜利\\ud800社区",'))
    [error] = invalid(config.path)
    assert error.startswith(f"{config.path}:{line_of(text, 'short_name:')}:")
    assert "half a character" in error


def test_whole_surrogate_pair_escape_is_refused_too(config: ConfigFolder) -> None:
    config.edited(("short_name: {zh: 胜利社区,", 'short_name: {zh: "\\ud83d\\ude00",'))
    assert "half a character" in invalid(config.path)[0]


def test_deep_nesting_is_reported_with_a_line_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text("community:\n  name: " + "[" * 10_000 + "]" * 10_000 + "\n")
    [error] = invalid(path)
    assert error.startswith(f"{path}:2:")
    assert "nested more than" in error


def test_deep_block_nesting_is_reported_too(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text("".join(f"{' ' * i}k{i}:\n" for i in range(200)))
    assert "nested more than" in invalid(path)[0]


def test_aliases_that_expand_a_billion_times_are_refused_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    path.write_text("\n".join(lines) + "\n")
    [error] = invalid(path)  # 9**9 entries: it would never finish, let alone report a line
    assert error.startswith(f"{path}:7:")
    assert "more than 1,000,000 entries" in error


def test_an_alias_inside_its_own_anchor_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text("community:\n  name: &loop [1, *loop]\n")
    [error] = invalid(path)
    assert error.startswith(f"{path}:2:")
    assert "refers to the entry it stands in" in error


def test_byte_order_marks_are_accepted(config: ConfigFolder) -> None:
    config.path.write_bytes(b"\xef\xbb\xbf" + config.sample.encode("utf-8"))
    assert load_config(config.path).content.community.kiosk_number == 1
    config.path.write_bytes(config.sample.encode("utf-16"))  # with its BOM
    assert load_config(config.path).content.community.kiosk_number == 1


def test_utf16_without_a_byte_order_mark_is_reported_at_line_1(config: ConfigFolder) -> None:
    config.path.write_bytes(config.sample.encode("utf-16-le"))
    assert invalid(config.path)[0].startswith(f"{config.path}:1:")


def test_truncated_file_is_reported_with_a_line(config: ConfigFolder) -> None:
    # cut inside a { group } past the middle: a blind cut at half the length can land after a
    # complete section and leave a shorter config that is valid, whatever the sample's wording
    data = config.sample.encode()
    config.path.write_bytes(data[: data.index(b"{zh: ", len(data) // 2) + len(b"{zh: ")])
    assert all(e.startswith(f"{config.path}:") for e in invalid(config.path))
    config.path.write_bytes(b"")
    assert invalid(config.path) == [
        f"{config.path}:1: the file is empty (a save may have been cut short); go back to a "
        "good copy"
    ]


def test_file_over_the_size_cap_is_refused_before_it_is_read(config: ConfigFolder) -> None:
    with config.path.open("wb") as file:
        file.truncate(10 * MAX_BYTES)  # a sparse 10 MiB file: reading it all would be slow
    message = unreadable(config.path)
    assert message.startswith(f"{config.path}:1: cannot read the file: the file is 10.0 MiB")


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "kiosk.yaml"
    os.mkfifo(fifo)
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(unreadable(fifo)), daemon=True)
    reader.start()
    reader.join(30)
    if reader.is_alive():  # unblock the stuck reader so the test run can end, then fail
        with fifo.open("wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert result == [f"{fifo}:1: cannot read the file: this is not an ordinary file "
                      "(a pipe, socket or device); give the YAML file itself"]  # fmt: skip


def test_device_and_folder_are_refused(tmp_path: Path) -> None:
    assert "not an ordinary file" in unreadable(Path("/dev/zero"))
    assert unreadable(tmp_path).endswith("this is a folder, not a file")


def test_path_through_a_file_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "etc").write_text("not a folder")
    assert unreadable(tmp_path / "etc" / "kiosk.yaml").endswith(
        "a part of the path is a file, not a folder"
    )
