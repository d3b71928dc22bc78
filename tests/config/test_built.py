"""A start on the file the kiosk last ran on takes the config it built then, without validating
again or importing pydantic or PyYAML (issue 18); anything it was built from that changed, and it
is built anew; a damaged copy costs only the speed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.config import built
from kiosk.config.built import BUILT, BuiltCopy
from kiosk.config.live import LiveConfig
from kiosk.config.loader import load_config
from kiosk.core.content import ContentKeeper
from tests.config.helpers import ConfigFolder
from tests.fixtures.content_files import offer, sample_content, with_notice
from tests.fixtures.fresh_python import output_lines

# A fresh process: what a cold start finds in sys.modules afterwards, and what it runs on.
START = """
import json, sys
from pathlib import Path
from kiosk.config.live import LiveConfig
live = LiveConfig.open(Path(sys.argv[1]), data_dir=Path(sys.argv[2]))
community = live.current.content.community
print(json.dumps({"pydantic": "pydantic" in sys.modules, "yaml": "yaml" in sys.modules,
                  "kiosk_number": community.kiosk_number,
                  "events": len(live.current.content.events), "errors": len(live.errors)}))
"""

# ... then the watcher's first look (a stop waits for it), and what that imported and reported.
WATCHED = """
told = []
live.start(on_change=lambda c: told.append("change"), on_error=lambda e: told.append("error"))
live.stop()
print(json.dumps({"pydantic": "pydantic" in sys.modules, "yaml": "yaml" in sys.modules,
                  "changes": told.count("change"), "errors": told.count("error")}))
"""


def _start(config: Path, data: Path) -> dict[str, object]:
    return dict(json.loads(output_lines(START, config, data)[-1]))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def test_a_start_on_the_file_it_ran_on_skips_validation(config: ConfigFolder, data: Path):
    config.write(config.sample)
    first = _start(config.path, data)
    again = _start(config.path, data)
    assert first["pydantic"] is True
    assert first["yaml"] is True
    assert again == {**first, "pydantic": False, "yaml": False}


def test_an_edit_the_watcher_applied_is_what_the_next_start_takes(config: ConfigFolder, data: Path):
    config.write(config.sample)
    live = LiveConfig.open(config.path, data_dir=data)
    seen: list[int] = []
    live.start(on_change=lambda c: seen.append(c.content.community.kiosk_number), on_error=print)
    try:
        config.edited(("kiosk_number: 1 ", "kiosk_number: 4 "))
        assert live.reload_now() == []
    finally:
        live.stop()
    assert seen == [4]
    assert _start(config.path, data) == {
        "pydantic": False,
        "yaml": False,
        "kiosk_number": 4,
        "events": 6,
        "errors": 0,
    }


@pytest.mark.parametrize("calendar", [False, True], ids=["sample", "with-calendar"])
def test_a_kiosk_whose_file_nobody_edits_never_imports_the_validator_watcher_included(
    config: ConfigFolder, data: Path, calendar: bool
):
    """The watcher, told what the kiosk runs on, does not load the unedited file (or calendar)
    again at its first look (~11 MB resident for good and ~0.15 s after the first frame,
    issue 18)."""
    config.write(config.sample)
    if calendar:
        (config.folder / "activities.ics").write_text(
            "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "utf-8"
        )
        config.edited(("  # ics_file: activities.ics", "  ics_file: activities.ics  #"))
    _start(config.path, data)
    watched = output_lines(START + WATCHED, config.path, data)[-1]
    # PyYAML, not the validator, finds which calendar a file names
    expected = {"pydantic": False, "yaml": calendar, "changes": 0, "errors": 0}
    assert json.loads(watched) == expected


def test_what_changed_since_is_built_anew(config: ConfigFolder, data: Path, tmp_path: Path):
    calendar = config.folder / "activities.ics"
    calendar.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "utf-8")
    config.edited(("  # ics_file: activities.ics", "  ics_file: activities.ics  #"))
    kept = BuiltCopy(data)
    kept.keep(config.path, config.path.read_bytes(), load_config(config.path))
    assert kept.recall(config.path, config.path.read_bytes()) == load_config(config.path)
    # The same bytes elsewhere: relative paths (the calendar, pictures) resolve elsewhere.
    assert kept.recall(tmp_path / "elsewhere.yaml", config.path.read_bytes()) is None
    assert kept.recall(config.path, config.path.read_bytes() + b"\n# edited\n") is None
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:x\r\nDTSTART:20241107T140000\r\n"
        "DTEND:20241107T150000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "utf-8",
    )
    assert kept.recall(config.path, config.path.read_bytes()) is None
    assert _start(config.path, data)["events"] == 7


def test_other_code_builds_anew(config: ConfigFolder, data: Path, monkeypatch):
    config.write(config.sample)
    kept = BuiltCopy(data)
    kept.keep(config.path, config.path.read_bytes(), load_config(config.path))
    monkeypatch.setattr(built, "code_stamp", lambda: "an update since")
    assert kept.recall(config.path, config.path.read_bytes()) is None


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle", b"\x80\x04\x95\xff\xff\xff", None],
    ids=["empty", "garbage", "cut-short", "folder"],
)
def test_a_damaged_copy_only_costs_the_speed(config: ConfigFolder, data: Path, damage):
    config.write(config.sample)
    if damage is None:
        (data / BUILT).mkdir()
    else:
        (data / BUILT).write_bytes(damage)
    assert BuiltCopy(data).recall(config.path, config.path.read_bytes()) is None
    assert _start(config.path, data) == {
        "pydantic": True,
        "yaml": True,
        "kiosk_number": 1,
        "events": 6,
        "errors": 0,
    }


def test_a_start_on_the_published_content_it_ran_on_skips_validation_too(
    config: ConfigFolder, data: Path
) -> None:
    config.write(config.sample)
    _start(config.path, data)  # the file's own config kept
    text = with_notice(sample_content(), "kept", "已保存的版本")
    keeper = ContentKeeper(
        LiveConfig.open(config.path, data_dir=data), data, now=lambda: datetime.now(UTC)
    )
    assert offer(keeper, 1, text) == ""
    first = _start(config.path, data)  # builds the content's copy once
    again = _start(config.path, data)
    assert first["events"] == again["events"]
    assert again["pydantic"] is False
