"""The sample file loads into the values the kiosk uses, and staff's natural spellings work."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from kiosk.config.loader import load_config
from kiosk.config.pin import verify_pin
from kiosk.domain.content import AmenityStatus
from tests.config.helpers import SAMPLE, ConfigFolder, line_of


def test_sample_file_loads_with_the_expected_counts() -> None:
    config = load_config(SAMPLE)
    content = config.content
    assert (len(content.notices), len(content.rooms), len(content.events)) == (4, 3, 6)
    assert (len(content.categories), len(content.places)) == (6, 4)
    assert content.red_post is not None
    assert len(content.red_post.amenities) == 6
    assert config.source == SAMPLE


def test_sample_values_arrive_as_domain_values() -> None:
    config = load_config(SAMPLE)
    c = config.content
    assert c.community.timezone == "Asia/Shanghai"
    assert c.community.name.get("ug") == "چاقىلىق بازىرى شېڭلى مەھەللىسى"
    assert c.notices[1].expires == date(2025, 3, 31)
    assert c.notices[0].pinned
    assert c.notices[1].urgent
    assert config.languages.available == ("zh", "ug")
    assert c.categories[0].responsible.get("zh") == "物业公司维修部"
    assert c.categories[0].deadline_days == 3
    assert len(c.categories[0].phrases) == 4
    assert c.red_post is not None
    assert c.red_post.amenities[4].status is AmenityStatus.BROKEN
    assert c.red_post.opening_hours[0].days == frozenset(range(5))
    assert c.red_post.opening_hours[0].open == time(8, 30)
    assert config.printer.type == "none"
    assert config.printer.dots == 384
    assert config.central.api_key_env == "ECHO_KIOSK_API_KEY"
    assert config.staff.pin_hash is not None
    assert verify_pin("2468", config.staff.pin_hash)


def test_weekly_repeats_become_rrules_and_except_becomes_exdates() -> None:
    events = {e.id: e for e in load_config(SAMPLE).content.events}
    fan = events["fan-dance"]
    assert fan.starts == datetime(2024, 11, 4, 10, 0)
    assert fan.ends == datetime(2024, 11, 4, 11, 30)
    assert fan.rrule == "FREQ=WEEKLY;BYDAY=MO,TH"
    assert events["policy-lecture"].exdates == (date(2025, 1, 1),)
    assert events["residents-meeting"].rrule == "FREQ=MONTHLY;BYDAY=2FR"


def test_unquoted_times_and_plain_text_work(config: ConfigFolder) -> None:
    config.edited(
        ('open: "08:30", close: "20:00"', "open: 8:30, close: 20:00"),
        ("name: {zh: 一楼大厅, ug: بىرىنچى قەۋەت زالى}", "name: 一楼大厅"),
        ("starts: 2024-11-04T10:00", "starts: 2024-11-04 10:00:00"),
    )
    config_ = load_config(config.path)
    red_post = config_.content.red_post
    assert red_post is not None
    assert (red_post.opening_hours[0].open, red_post.opening_hours[0].close) == (
        time(8, 30),
        time(20, 0),
    )
    hall = config_.content.rooms[0].name
    assert dict(hall.values) == {"zh": "一楼大厅"}
    assert hall.get("ug") == "一楼大厅"
    assert config_.content.events[0].starts == datetime(2024, 11, 4, 10, 0)


def test_time_zone_offsets_are_converted_to_community_time(config: ConfigFolder) -> None:
    config.edited(("starts: 2024-11-04T10:00", "starts: 2024-11-04T02:00:00Z"))
    assert load_config(config.path).content.events[0].starts == datetime(2024, 11, 4, 10, 0)


def test_impossible_time_is_refused(config: ConfigFolder) -> None:
    text = config.edited(('close: "18:00"', 'close: "25:00"'))
    error = config.only_error()
    assert error.line == line_of(text, '"25:00"')
    assert error.message.startswith("there is no such time as '25:00'")


def test_relative_paths_resolve_against_the_config_folder(config: ConfigFolder) -> None:
    (config.folder / "pictures").mkdir()
    (config.folder / "pictures" / "rules.png").write_bytes(b"png")
    (config.folder / "prompts").mkdir()
    (config.folder / "prompts" / "home-zh.wav").write_bytes(b"wav")
    config.edited(
        ("    pinned: true", "    pinned: true\n    image: pictures/rules.png"),
        ("  type: none ", "  type: file\n  file: {path: out/receipt.bin}\n  # "),
        ("  # recorded:", "  recorded:\n    home: {zh: prompts/home-zh.wav}\n  # "),
    )
    (config.folder / "out").mkdir()
    loaded = load_config(config.path)
    assert loaded.content.notices[0].image == config.folder / "pictures" / "rules.png"
    assert loaded.printer.file_path == config.folder / "out" / "receipt.bin"
    assert loaded.speech.recorded["home"].get("zh") == str(config.folder / "prompts/home-zh.wav")


def test_printer_file_needs_only_its_folder(config: ConfigFolder) -> None:
    config.edited(("  type: none ", "  type: file\n  file: {path: nowhere/receipt.bin}\n  # "))
    error = config.only_error()
    assert error.key_path == "printer.file.path"
    assert error.message == f"the folder {config.folder / 'nowhere'} does not exist"


@pytest.mark.parametrize(
    ("usb", "vendor"),
    [("{vendor_id: 0x0416, product_id: 0x5011}", 0x0416),
     ('{vendor_id: "0x0416", product_id: 20497}', 0x0416)],
)  # fmt: skip
def test_usb_ids_may_be_hex_or_whole_numbers(config: ConfigFolder, usb: str, vendor: int) -> None:
    config.edited(("  type: none ", f"  type: usb\n  usb: {usb}\n  # "))
    printer = load_config(config.path).printer
    assert (printer.usb_vendor_id, printer.usb_product_id) == (vendor, 0x5011)


def test_empty_list_sections_mean_no_items(config: ConfigFolder, sample_text: str) -> None:
    start = sample_text.index("places:")
    end = sample_text.index("categories:")
    config.write(sample_text[:start] + "places:\n\n" + sample_text[end:])
    assert load_config(config.path).content.places == ()


ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
    "UID:knitting@shengli\r\nSUMMARY:编织小组\r\nLOCATION:hall\r\n"
    "DTSTART:20241107T140000\r\nDTEND:20241107T153000\r\nRRULE:FREQ=WEEKLY;BYDAY=TH\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_calendar_file_events_are_added_to_the_schedule(config: ConfigFolder) -> None:
    (config.folder / "activities.ics").write_text(ICS, encoding="utf-8")
    config.edited(("  # ics_file: activities.ics", "  ics_file: activities.ics  #"))
    events = load_config(config.path).content.events
    assert len(events) == 7
    assert events[-1].title.get("zh") == "编织小组"
    assert events[-1].rrule == "FREQ=WEEKLY;BYDAY=TH"


def test_broken_calendar_file_is_reported_at_ics_file(config: ConfigFolder) -> None:
    broken = ICS.replace("END:VEVENT\r\n", "")
    (config.folder / "activities.ics").write_text(broken, encoding="utf-8")
    text = config.edited(("  # ics_file: activities.ics", "  ics_file: activities.ics  #"))
    error = config.only_error()
    assert error.line == line_of(text, "  ics_file:")
    assert error.key_path == "schedule.ics_file"
    assert error.message.startswith("the calendar file cannot be used: activities.ics line ")


def test_missing_calendar_file_is_reported(config: ConfigFolder) -> None:
    config.edited(("  # ics_file: activities.ics", "  ics_file: activities.ics  #"))
    error = config.only_error()
    assert error.message == (
        f"the file 'activities.ics' does not exist (looked for {config.folder / 'activities.ics'})"
    )


def test_loader_accepts_text_read_elsewhere(sample_text: str, tmp_path: Path) -> None:
    config = load_config(tmp_path / "kiosk.yaml", text=sample_text)
    assert config.source == tmp_path / "kiosk.yaml"
    assert len(config.content.events) == 6
