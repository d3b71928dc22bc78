"""Live reload: good edits are taken, bad ones reported while the last good config stays."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.config.built import digests_of
from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config
from kiosk.config.model import KioskConfig
from kiosk.config.reload import ConfigWatcher
from tests.config.helpers import ConfigFolder


class Recorder:
    """Collects what the watcher reports."""

    def __init__(self) -> None:
        self.changes: list[KioskConfig] = []
        self.failures: list[list[ConfigError]] = []

    def change(self, config: KioskConfig) -> None:
        self.changes.append(config)

    def error(self, errors: list[ConfigError]) -> None:
        self.failures.append(errors)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def watcher(config: ConfigFolder, recorder: Recorder) -> Iterator[ConfigWatcher]:
    config.write(config.sample)
    w = ConfigWatcher(config.path, recorder.change, recorder.error, interval=0.05)
    w.settle_seconds = 0.01
    yield w
    w.stop()


def kiosk_number(config: KioskConfig | None) -> int:
    assert config is not None
    return config.content.community.kiosk_number


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_first_poll_loads_the_file(watcher: ConfigWatcher, recorder: Recorder) -> None:
    assert watcher.check_now() is True
    assert kiosk_number(watcher.current) == 1
    assert recorder.changes == [watcher.current]
    assert watcher.errors == []
    assert watcher.check_now() is False


def test_good_edit_is_applied(
    watcher: ConfigWatcher, recorder: Recorder, config: ConfigFolder
) -> None:
    watcher.check_now()
    config.edited(("kiosk_number: 1 ", "kiosk_number: 7 "))
    assert watcher.check_now() is True
    assert kiosk_number(watcher.current) == 7
    assert [kiosk_number(c) for c in recorder.changes] == [1, 7]


def test_same_second_same_size_edit_is_still_seen(
    watcher: ConfigWatcher, config: ConfigFolder
) -> None:
    watcher.check_now()
    stat = config.path.stat()
    config.edited(("kiosk_number: 1 ", "kiosk_number: 2 "))
    os.utime(config.path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert config.path.stat().st_size == stat.st_size
    watcher.check_now()
    assert kiosk_number(watcher.current) == 2


def test_bad_edit_keeps_the_old_config_and_records_errors(
    watcher: ConfigWatcher, recorder: Recorder, config: ConfigFolder
) -> None:
    watcher.check_now()
    good = watcher.current
    config.edited(("icon: broom", "icon: brom"))
    watcher.check_now()
    assert watcher.current is good
    assert [e.key_path for e in watcher.errors] == ["categories[1].icon"]
    assert recorder.failures == [watcher.errors]
    config.write(config.sample)
    watcher.check_now()
    assert watcher.errors == []
    assert len(recorder.changes) == 2


def test_deleted_file_keeps_the_old_config_and_is_reported(
    watcher: ConfigWatcher, recorder: Recorder, config: ConfigFolder
) -> None:
    watcher.check_now()
    good = watcher.current
    config.path.unlink()
    watcher.check_now()
    assert watcher.current is good
    assert [str(e) for e in watcher.errors] == [
        f"{config.path}:1: cannot read the file: the file does not exist"
    ]
    config.write(config.sample)
    watcher.check_now()
    assert watcher.errors == []
    assert recorder.changes[-1] == good


def test_rename_and_replace_save_is_picked_up(watcher: ConfigWatcher, config: ConfigFolder) -> None:
    watcher.check_now()
    temp = config.folder / ".kiosk.yaml.swp"
    temp.write_text(config.sample.replace("kiosk_number: 1 ", "kiosk_number: 3 "), "utf-8")
    os.replace(temp, config.path)
    watcher.check_now()
    assert kiosk_number(watcher.current) == 3


def test_broken_half_written_file_is_replaced_by_the_complete_one(
    watcher: ConfigWatcher, recorder: Recorder, config: ConfigFolder
) -> None:
    watcher.check_now()
    config.write(config.sample[: config.sample.index("ug: چاقىلىق")])
    watcher.check_now()
    assert watcher.errors
    assert kiosk_number(watcher.current) == 1
    config.edited(("kiosk_number: 1 ", "kiosk_number: 4 "))
    watcher.check_now()
    assert watcher.errors == []
    assert kiosk_number(watcher.current) == 4


def test_save_in_progress_is_never_reported_half_way(
    watcher: ConfigWatcher,
    recorder: Recorder,
    config: ConfigFolder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    watcher.check_now()
    full = config.sample.replace("kiosk_number: 1 ", "kiosk_number: 5 ")
    config.write(full[: full.index("rooms:")])  # valid YAML, but only part of the file
    pending = [full]

    def rest_of_the_save_lands(_: float) -> None:
        if pending:
            config.write(pending.pop())

    monkeypatch.setattr("kiosk.config.reload.time.sleep", rest_of_the_save_lands)
    assert watcher.check_now() is True
    assert [kiosk_number(c) for c in recorder.changes] == [1, 5]
    assert recorder.failures == []
    assert watcher.current is not None
    assert len(watcher.current.content.rooms) == 3


def test_comment_only_edit_does_not_announce_a_change(
    watcher: ConfigWatcher, recorder: Recorder, config: ConfigFolder
) -> None:
    watcher.check_now()
    config.write(config.sample + "# a note\n")
    assert watcher.check_now() is True
    assert len(recorder.changes) == 1


def test_calendar_file_change_is_picked_up(watcher: ConfigWatcher, config: ConfigFolder) -> None:
    ics = config.folder / "activities.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "utf-8")
    config.edited(("  # ics_file: activities.ics", "  ics_file: activities.ics  #"))
    watcher.check_now()
    assert watcher.current is not None
    assert len(watcher.current.content.events) == 6
    ics.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:x\r\nDTSTART:20241107T140000\r\n"
        "DTEND:20241107T150000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "utf-8",
    )
    watcher.check_now()
    assert len(watcher.current.content.events) == 7


def test_a_file_as_the_kiosk_runs_on_it_is_not_loaded_again_at_the_first_poll(
    watcher: ConfigWatcher, recorder: Recorder, config: ConfigFolder
) -> None:
    running = load_config(config.path)
    watcher.assume(running, config.path.read_bytes())
    assert watcher.check_now() is False
    assert (recorder.changes, recorder.failures) == ([], [])
    assert watcher.current is running
    config.edited(("kiosk_number: 1 ", "kiosk_number: 5 "))
    assert watcher.check_now() is True
    assert [kiosk_number(c) for c in recorder.changes] == [5]


def test_a_file_edited_since_the_kiosk_built_its_config_is_loaded_at_the_first_poll(
    watcher: ConfigWatcher, recorder: Recorder, config: ConfigFolder
) -> None:
    running = load_config(config.path)
    built_from = config.path.read_bytes()
    config.edited(("kiosk_number: 1 ", "kiosk_number: 6 "))
    watcher.assume(running, built_from)
    assert watcher.check_now() is True
    assert [kiosk_number(c) for c in recorder.changes] == [6]


def _with_calendar(config: ConfigFolder) -> Path:
    ics = config.folder / "activities.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "utf-8")
    config.edited(("  # ics_file: activities.ics", "  ics_file: activities.ics  #"))
    return ics


def test_a_calendar_as_the_kiosk_built_its_config_is_not_loaded_again_at_the_first_poll(
    watcher: ConfigWatcher, recorder: Recorder, config: ConfigFolder
) -> None:
    ics = _with_calendar(config)
    watcher.assume(load_config(config.path), config.path.read_bytes(), digests_of([ics]))
    assert watcher.check_now() is False
    assert (recorder.changes, recorder.failures) == ([], [])


@pytest.mark.parametrize("told", ["the calendar's old digest", "nothing of the calendar"])
def test_a_calendar_changed_since_the_kiosk_built_its_config_is_loaded_at_the_first_poll(
    watcher: ConfigWatcher, recorder: Recorder, config: ConfigFolder, told: str
) -> None:
    ics = _with_calendar(config)
    running, built_from = load_config(config.path), config.path.read_bytes()
    deps = digests_of([ics]) if told == "the calendar's old digest" else ()
    ics.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:x\r\nDTSTART:20241107T140000\r\n"
        "DTEND:20241107T150000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "utf-8",
    )
    watcher.assume(running, built_from, deps)
    assert watcher.check_now() is True
    assert [len(c.content.events) for c in recorder.changes] == [len(running.content.events) + 1]


def test_a_stop_right_after_the_start_still_waits_for_the_first_look(
    watcher: ConfigWatcher, recorder: Recorder
) -> None:
    watcher.start()
    watcher.stop()
    assert [kiosk_number(c) for c in recorder.changes] == [1]


def test_callback_exception_does_not_stop_the_watcher(config: ConfigFolder) -> None:
    config.write(config.sample)

    def explode(_: KioskConfig) -> None:
        raise RuntimeError("UI bug")

    watcher = ConfigWatcher(config.path, explode, lambda errors: None)
    watcher.check_now()
    assert kiosk_number(watcher.current) == 1


def test_thread_picks_up_a_change_within_five_seconds(
    watcher: ConfigWatcher, recorder: Recorder, config: ConfigFolder
) -> None:
    watcher.start()
    assert wait_for(lambda: watcher.current is not None)
    config.edited(("kiosk_number: 1 ", "kiosk_number: 9 "))
    assert wait_for(lambda: kiosk_number(watcher.current) == 9)
    config.path.unlink()
    assert wait_for(lambda: bool(watcher.errors))
    watcher.stop()
    assert kiosk_number(watcher.current) == 9


def test_stop_ends_the_thread(watcher: ConfigWatcher) -> None:
    watcher.start()
    thread = watcher._thread
    watcher.stop()
    assert thread is not None
    assert not thread.is_alive()


def test_watcher_works_on_a_path_it_was_given(tmp_path: Path, recorder: Recorder) -> None:
    watcher = ConfigWatcher(tmp_path / "missing.yaml", recorder.change, recorder.error)
    watcher.check_now()
    assert watcher.current is None
    assert len(recorder.failures) == 1


@pytest.mark.parametrize(
    "broken",
    [b"community:\0\n", "community:\n  name: 胜利\n".encode().decode("latin-1").encode()],
    ids=["nul", "latin1-resave"],
)
def test_control_character_edit_is_reported_once_with_its_line_not_every_poll(
    watcher: ConfigWatcher,
    recorder: Recorder,
    config: ConfigFolder,
    caplog: pytest.LogCaptureFixture,
    broken: bytes,
) -> None:
    watcher.check_now()
    good = watcher.current
    config.path.write_bytes(broken)
    with caplog.at_level(logging.DEBUG, logger="kiosk.config"):
        polls = [watcher.check_now() for _ in range(3)]
    assert polls == [True, False, False]
    assert watcher.current is good
    assert len(recorder.failures) == 1
    [error] = recorder.failures[0]
    assert str(error).startswith(f"{config.path}:")
    assert error.line is not None
    assert not [r for r in caplog.records if r.exc_info]
