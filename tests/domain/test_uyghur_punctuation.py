"""Uyghur text uses Uyghur punctuation and attached suffixes (copy review 2026-12-05, highs).

Two faults a careful review found in many places at once, so they are guarded everywhere at once:
Chinese punctuation inside Uyghur (the full-width colon "：", the enumeration comma "、", which
draw as wide gaps in right-to-left text), and a case suffix typed as its own word after a number,
time or date placeholder ("{time} دە", "{start} دىن {end} گىچە", "{date} دىن بۇرۇن"). Uyghur
attaches the suffix to the word, and its vowel and consonant depend on the spoken number
(توققۇزدا, بەشتىن, ئوتتۇزغىچە), so a fixed one is wrong for most values: reword without a suffix.

Read here: every Uyghur text of the one catalogue (kiosk screens, voice, receipt, the centre's
status page and staff words) and every Uyghur text of the sample config.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config.loader import load_config
from kiosk.domain.messages import MESSAGES
from kiosk.domain.text import Text

SAMPLE = Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml"

# CJK Symbols and Punctuation (、。「」…) and the full-width forms (：，（）！？)
CJK_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff00-\uffef]")
# a case suffix standing alone right after a placeholder or a digit: locative, ablative,
# terminative and dative, in every vowel and voicing variant
CASE_SUFFIXES = (
    *("دە", "دا", "تە", "تا"),
    *("دىن", "تىن"),
    *("غىچە", "گىچە", "قىچە", "كىچە"),
    *("غا", "گە", "قا", "كە"),
)
DETACHED_SUFFIX = re.compile(r"(?:\}|\d)\s+(" + "|".join(CASE_SUFFIXES) + r")(?=[\s.,:;!?،؛؟]|$)")


def detached_suffixes(text: str) -> list[str]:
    """The suffixes in `text` that stand alone after a placeholder or a number."""
    return [match.group(1) for match in DETACHED_SUFFIX.finditer(text)]


def catalogue_uyghur() -> Iterator[tuple[str, str]]:
    for key, text in sorted(MESSAGES.items()):
        if "ug" in text.values:
            yield key, text.values["ug"]


def _texts_in(value: object, where: str) -> Iterator[tuple[str, Text]]:
    """Every `Text` inside a loaded config, with the path to it (content.notices[0].title)."""
    if isinstance(value, Text):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts_in(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from _texts_in(item, f"{where}[{index}]")
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _texts_in(item, f"{where}[{name!r}]")


def sample_config_uyghur() -> list[tuple[str, str]]:
    config = load_config(SAMPLE)
    return [
        (where, text.values["ug"])
        for where, text in _texts_in(config, "config")
        if text.values.get("ug")
    ]


def test_the_catalogue_and_the_sample_config_have_uyghur_texts_to_check() -> None:
    """The scans below read something: a renamed field would make them pass on nothing."""
    assert len(list(catalogue_uyghur())) > 100
    config_texts = dict(sample_config_uyghur())
    assert len(config_texts) > 50
    assert any("notices" in where for where in config_texts)
    assert any("red_post" in where for where in config_texts)


@pytest.mark.parametrize(
    "source", [catalogue_uyghur, sample_config_uyghur], ids=["catalogue", "sample-config"]
)
def test_uyghur_text_has_no_chinese_punctuation(source) -> None:
    found = [
        f"{where}: {CJK_PUNCTUATION.findall(text)} in {text!r}"
        for where, text in source()
        if CJK_PUNCTUATION.search(text)
    ]
    assert not found, "use ': ', '، ', '؛ ', '(' in Uyghur:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source", [catalogue_uyghur, sample_config_uyghur], ids=["catalogue", "sample-config"]
)
def test_no_uyghur_case_suffix_stands_alone_after_a_number_or_placeholder(source) -> None:
    found = [
        f"{where}: {detached_suffixes(text)} in {text!r}"
        for where, text in source()
        if detached_suffixes(text)
    ]
    assert not found, "reword without the suffix (e.g. 'تاقىلىش ۋاقتى: {time}'):\n" + "\n".join(
        found
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("{time} دە تاقىلىدۇ", ["دە"]),
        ("{start} دىن {end} گىچە", ["دىن", "گىچە"]),
        ("{date} دىن بۇرۇن جاۋاب بېرىلىدۇ", ["دىن"]),
        ("سائەت 9 دا", ["دا"]),
        ("سانلىق مەلۇمات {when} غىچە", ["غىچە"]),
        ("تاقىلىش ۋاقتى: {time}", []),
        ("{seconds} سېكۇنتتىن كېيىن", []),  # attached to its word: right
        ("{days} كۈن ئىچىدە", []),
        ("2-ئولتۇراق رايونى", []),
    ],
)
def test_the_suffix_guard_tells_a_detached_suffix_from_an_attached_one(
    text: str, found: list[str]
) -> None:
    assert detached_suffixes(text) == found
