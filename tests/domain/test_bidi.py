"""Left-to-right runs inside Uyghur lines are isolated, so sizes and dates keep their order."""

from __future__ import annotations

from kiosk.domain.bidi import LRI, PDI, isolate_ltr_runs


def test_the_disk_sizes_are_one_isolated_run_in_reading_order() -> None:
    line = "نەشرى 0.1.0، دىسكا بوش ئورنى 79.3 GB / 252.0 GB"
    assert isolate_ltr_runs(line).endswith(f"{LRI}79.3 GB / 252.0 GB{PDI}")


def test_brackets_stay_outside_the_isolate_so_they_mirror_with_the_line() -> None:
    assert isolate_ltr_runs("ئاۋاز: تاقاق (espeak-ng)") == f"ئاۋاز: تاقاق ({LRI}espeak-ng{PDI})"


def test_text_without_latin_or_digits_is_unchanged() -> None:
    assert isolate_ltr_runs("ساقلاش ئورنى تولدى") == "ساقلاش ئورنى تولدى"
