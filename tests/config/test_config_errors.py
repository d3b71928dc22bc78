"""Each kind of mistake staff make is reported at its line, in plain words, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config.errors import ConfigInvalid, ConfigUnreadable
from kiosk.config.loader import load_config
from tests.config.helpers import ConfigFolder, line_of


def test_unknown_key_is_reported_at_the_key_with_a_suggestion(config: ConfigFolder) -> None:
    text = config.edited(("    pinned: true", "    pined: true"))
    error = config.only_error()
    assert (error.line, error.column) == (line_of(text, "pined:"), 5)
    assert error.key_path == "notices[0].pined"
    assert error.message == "unknown key 'pined' — did you mean 'pinned'?"
    assert str(error) == (
        f"{config.path}:{error.line}:5: notices[0].pined: unknown key 'pined' — did you mean "
        "'pinned'?"
    )


def test_wrong_type_says_what_was_expected_and_what_was_found(config: ConfigFolder) -> None:
    text = config.edited(("    deadline_days: 3\n", "    deadline_days: abc\n"))
    error = config.only_error()
    assert error.line == line_of(text, "deadline_days: abc")
    assert error.key_path == "categories[0].deadline_days"
    assert error.message == "expected a whole number, got 'abc'"


def test_impossible_date_is_reported_at_its_line(config: ConfigFolder) -> None:
    text = config.edited(("publish: 2024-12-02", "publish: 2024-02-30"))
    error = config.only_error()
    assert error.line == line_of(text, "publish: 2024-02-30")
    assert error.key_path == "notices[2].publish"
    assert error.message == "there is no such day as '2024-02-30'"


def test_text_instead_of_date_shows_the_expected_form(config: ConfigFolder) -> None:
    config.edited(("publish: 2024-12-02", "publish: next monday"))
    assert config.only_error().message == "expected a date like 2024-12-04, got 'next monday'"


def test_bad_rrule_is_reported_at_the_rule(config: ConfigFolder) -> None:
    text = config.edited(("BYDAY=2FR", "BYDAY=2FX"))
    error = config.only_error()
    assert error.line == line_of(text, "BYDAY=2FX")
    assert error.key_path == "schedule.events[5].repeat.rrule"
    assert error.message.startswith("this repeat rule cannot be used:")
    assert "FREQ=WEEKLY;BYDAY=MO,TH" in error.message


def test_missing_default_language_text_is_reported(config: ConfigFolder) -> None:
    text = config.edited(("title: {zh: 豫剧爱好者练唱, ug:", "title: {ug:"))
    error = config.only_error()
    assert error.line == line_of(text, "title: {ug: خېنەن")
    assert error.key_path == "schedule.events[1].title"
    assert error.message == (
        "the 中文 (zh) text is missing: the default language must always be filled in"
    )


def test_duplicate_category_code_points_at_the_second_and_names_the_first(
    config: ConfigFolder,
) -> None:
    text = config.edited(("  - code: sanitation", "  - code: property-repair"))
    error = config.only_error()
    first = text.splitlines().index("  - code: property-repair") + 1
    assert error.line == first + 1 + text.splitlines()[first:].index("  - code: property-repair")
    assert error.key_path == "categories[1].code"
    assert error.message == (
        f"'property-repair' is already used on line {first}; every code in categories must differ"
    )


def test_missing_responsible_person_points_at_the_category(config: ConfigFolder) -> None:
    text = config.edited(("    responsible: {zh: 社区环卫组, ug: مەھەللە تازىلىق گۇرۇپپىسى}\n", ""))
    error = config.only_error()
    assert (error.line, error.column) == (line_of(text, "code: sanitation"), 5)
    assert error.key_path == "categories[1].responsible"
    assert error.message == (
        "the key 'responsible' is missing: every category needs a fixed responsible person (定人)"
    )


def test_deadline_out_of_range_is_refused(config: ConfigFolder) -> None:
    config.edited(("    deadline_days: 7\n", "    deadline_days: 0\n"))
    assert config.only_error().message == "must be at least 1, got 0"


def test_yaml_syntax_error_is_one_error_with_its_position(config: ConfigFolder) -> None:
    text = config.edited(("  available: [zh, ug]", "  available: [zh, ug"))
    error = config.only_error()
    assert error.line == line_of(text, "[zh, ug")
    assert error.key_path == ""
    assert "not closed" in error.message


def test_bad_indentation_is_explained(config: ConfigFolder) -> None:
    text = config.edited(("  height: 480", "   height: 480"))
    error = config.only_error()
    assert error.line == line_of(text, "   height: 480")
    assert "indentation" in error.message


def test_unknown_room_suggests_the_close_one(config: ConfigFolder) -> None:
    text = config.edited(
        ("room: hall\n      starts: 2024-11-02T09:30", "room: hal\n      starts: 2024-11-02T09:30")
    )
    error = config.only_error()
    assert error.line == line_of(text, "room: hal", exact=True)
    assert error.key_path == "schedule.events[3].room"
    assert error.message == "there is no room 'hal' in rooms — did you mean 'hall'?"


def test_unknown_time_zone_suggests_the_close_one(config: ConfigFolder) -> None:
    text = config.edited(("timezone: Asia/Shanghai", "timezone: Asia/Shangai"))
    error = config.only_error()
    assert error.line == line_of(text, "timezone:")
    assert error.message == "unknown time zone 'Asia/Shangai' — did you mean 'Asia/Shanghai'?"


def test_api_key_in_the_file_is_refused_without_repeating_it(config: ConfigFolder) -> None:
    text = config.edited(("  api_key_env: ECHO_KIOSK_API_KEY", "  api_key: s3cret-value"))
    error = config.only_error()
    assert (error.line, error.column) == (line_of(text, "api_key:"), 3)
    assert error.key_path == "central.api_key"
    assert "api_key_file" in error.message
    assert "api_key_env" in error.message
    assert "s3cret" not in str(error)


def test_language_not_in_available_points_at_the_language_key(config: ConfigFolder) -> None:
    text = config.edited(("name: {zh: 口罩, ug: ماسكا}", "name: {zh: 口罩, kk: ماسكا}"))
    error = config.only_error()
    assert error.line == line_of(text, "kk: ")
    assert error.key_path == "red_post.amenities[2].name.kk"
    assert error.message == "'kk' is not one of the languages (languages.available: zh, ug)"


def test_every_error_is_reported_at_once_in_file_order(config: ConfigFolder) -> None:
    config.edited(
        ("kiosk_number: 1 ", "kiosk_number: one "),
        ("    pinned: true", "    pined: true"),
        ("room: hall\n      starts: 2024-11-02T09:30", "room: hal\n      starts: 2024-11-02T09:30"),
        ("icon: broom", "icon: brom"),
        ("type: none ", "type: usb "),
    )
    errors = config.errors()
    assert [e.key_path for e in errors] == [
        "community.kiosk_number",
        "notices[0].pined",
        "schedule.events[3].room",
        "categories[1].icon",
        "printer.type",
    ]
    assert errors == sorted(errors, key=lambda e: e.line or 0)
    assert errors[3].message == "there is no pictogram 'brom' — did you mean 'broom'?"
    assert "usb: {vendor_id: 0x0416, product_id: 0x5011}" in errors[4].message


def test_ends_before_starts_is_reported_at_ends(config: ConfigFolder) -> None:
    text = config.edited(("ends: 2024-11-05T17:30", "ends: 2024-11-05T15:30"))
    error = config.only_error()
    assert error.line == line_of(text, "ends: 2024-11-05T15:30")
    assert error.message == "ends (2024-11-05 15:30) must be after starts (2024-11-05 16:00)"


def test_weekday_typo_gets_a_suggestion(config: ConfigFolder) -> None:
    config.edited(("weekly: [tue, fri]", "weekly: [tue, fry]"))
    error = config.only_error()
    assert error.key_path == "schedule.events[1].repeat.weekly[1]"
    assert error.message.endswith("got 'fry' — did you mean 'fri'?")


def test_yes_no_read_as_booleans_get_a_hint_about_quotes(config: ConfigFolder) -> None:
    config.edited(("  available: [zh, ug]", "  available: [zh, no]"))
    errors = config.errors()
    assert errors[0].key_path == "languages.available[1]"
    assert "got false (YAML reads yes, no, on, off" in errors[0].message


def test_key_written_twice_is_reported(config: ConfigFolder) -> None:
    text = config.edited(("  dpi: 132\n", "  dpi: 132\n  dpi: 210\n"))
    error = config.only_error()
    assert error.line == line_of(text, "dpi: 210")
    first = line_of(text, "dpi: 132")
    assert (
        error.message
        == f"the key 'dpi' is written twice here (first on line {first}); keep only one"
    )


def test_missing_notice_image_is_reported_with_where_it_was_looked_for(
    config: ConfigFolder,
) -> None:
    config.edited(("    pinned: true", "    pinned: true\n    image: pictures/rules.png"))
    error = config.only_error()
    assert error.key_path == "notices[0].image"
    assert str(config.folder / "pictures" / "rules.png") in error.message


def test_idle_and_display_limits(config: ConfigFolder) -> None:
    config.edited(("timeout_seconds: 60", "timeout_seconds: 5"), ("  dpi: 132", "  dpi: -3"))
    assert [e.message for e in config.errors()] == [
        "must be at least 50, got -3",
        "must be at least 10, got 5",
    ]


def test_empty_file_is_invalid(config: ConfigFolder) -> None:
    config.write("# nothing yet\n")
    error = config.only_error()
    assert error.message.startswith("the file is empty")
    assert error.line == 1


def test_file_not_in_utf8_is_reported_at_the_bad_byte(config: ConfigFolder) -> None:
    config.path.write_bytes("community:\n  name: 胜利\n".encode("gb18030"))
    error = config.only_error()
    assert (error.line, error.message.split(";")[0]) == (2, "the file must be saved as UTF-8 text")


def test_missing_file_is_unreadable_not_invalid(tmp_path: Path) -> None:
    with pytest.raises(ConfigUnreadable) as caught:
        load_config(tmp_path / "nope.yaml")
    assert caught.value.reason == "the file does not exist"


def test_folder_instead_of_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(ConfigUnreadable):
        load_config(tmp_path)


def test_config_invalid_message_lists_every_error(config: ConfigFolder) -> None:
    config.edited(("icon: broom", "icon: brom"), ("icon: safety", "icon: safty"))
    with pytest.raises(ConfigInvalid) as caught:
        load_config(config.path)
    assert str(caught.value).count("\n") == 1
