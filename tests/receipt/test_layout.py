from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFont, features

from kiosk.domain.messages import MESSAGES
from kiosk.domain.text import Text
from kiosk.receipt.layout import (
    MARGIN,
    find_font,
    is_rtl_text,
    load_font,
    render_receipt,
    text_width,
    wrap_text,
)
from tests.fixtures.qr_decode import qr_rows, qr_texts
from tests.fixtures.store_samples import REPAIR
from tests.receipt.samples import TICKET, TICKET_URL, receipt_data, with_personal_data


def _font(size: int, engine: ImageFont.Layout = ImageFont.Layout.RAQM) -> ImageFont.FreeTypeFont:
    return load_font(find_font(), size, engine)


@pytest.mark.parametrize("lang", ["zh", "ug"])
@pytest.mark.parametrize("dots", [384, 576])
def test_a_phone_reads_the_status_url_from_the_saved_receipt(lang, dots, tmp_path: Path):
    path = tmp_path / f"receipt-{lang}-{dots}.png"
    render_receipt(receipt_data(lang), dots=dots).save(path)

    with Image.open(path) as saved:
        assert saved.width == dots
        assert saved.mode == "1"
        assert qr_texts(saved) == [TICKET_URL]


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_phone_number_and_the_residents_words_never_reach_the_paper(lang):
    plain = render_receipt(receipt_data(lang, TICKET), dots=384)
    personal = render_receipt(receipt_data(lang, with_personal_data(TICKET)), dots=384)

    assert plain.size == personal.size
    assert plain.tobytes() == personal.tobytes()


def test_the_receipt_follows_the_residents_language():
    zh = render_receipt(receipt_data("zh"), dots=384)
    ug = render_receipt(receipt_data("ug"), dots=384)

    assert zh.tobytes() != ug.tobytes()
    assert receipt_data("ug").community[0] == "چاقىلىق بازىرى شېڭلى مەھەللىسى"
    assert receipt_data("ug").community[1] == "若羌镇胜利社区"  # both names, as a nice touch


def test_uyghur_is_shaped_not_drawn_as_isolated_letters():
    assert features.check("raqm"), "Pillow needs libraqm (and libfribidi) to shape Uyghur"
    word = "مەھەللە"
    shaped = _font(40, ImageFont.Layout.RAQM)
    isolated = _font(40, ImageFont.Layout.BASIC)

    assert text_width(word, shaped) < isolated.getlength(word)  # joined letters are narrower
    assert bytes(shaped.getmask(word, direction="rtl")) != bytes(isolated.getmask(word))


def _ink_columns(image: Image.Image, rows: tuple[int, int]) -> tuple[int, int]:
    band = image.crop((0, rows[0], image.width, rows[1]))
    box = ImageChops.invert(band.convert("L")).getbbox()
    assert box is not None
    return box[0], box[2]


def _changed_rows(a: Image.Image, b: Image.Image) -> tuple[int, int]:
    box = ImageChops.difference(a.convert("L"), b.convert("L")).getbbox()
    assert box is not None
    return box[1], box[3]


@pytest.mark.parametrize(("lang", "side"), [("ug", "right"), ("zh", "left")])
def test_body_lines_start_on_the_readers_side(lang, side):
    """Uyghur reads right to left, so its lines hug the right edge; Chinese the left."""
    short = dataclasses.replace(REPAIR, name=Text({"zh": "水电", "ug": "سۇ"}))
    long = dataclasses.replace(REPAIR, name=Text({"zh": "物业维修保养", "ug": "مۈلۈك رېمونتى"}))
    a = render_receipt(receipt_data(lang, category=short), dots=384)
    b = render_receipt(receipt_data(lang, category=long), dots=384)

    rows = _changed_rows(a, b)  # only the category line differs
    (a_left, a_right), (b_left, b_right) = _ink_columns(a, rows), _ink_columns(b, rows)
    if side == "right":
        assert abs(a_right - b_right) <= 2
        assert a_right > 384 - MARGIN - 8
        assert a_left != b_left
    else:
        assert abs(a_left - b_left) <= 2
        assert a_left < MARGIN + 8
        assert a_right != b_right


def test_chinese_wraps_between_characters_and_never_starts_a_line_with_a_comma():
    font = _font(28)
    text = "用手机扫描二维码，或在本机“查询回音”中输入编号，查看办理进度。" * 2
    lines = wrap_text(text, font, 200)

    assert len(lines) > 3
    assert "".join(lines) == text
    assert all(text_width(line, font) <= 200 for line in lines)
    assert not any(line[0] in "，。”" for line in lines)
    assert not any(line[-1] == "“" for line in lines)


def test_uyghur_wraps_only_between_words():
    font = _font(28)
    text = "ئەھۋالىنى كۆرۈش ئۈچۈن QR كودنى سكانىرلاڭ ياكى بۇ ماشىنىدا نومۇرنى كىرگۈزۈڭ."
    lines = wrap_text(text, font, 200)

    assert len(lines) > 1
    assert " ".join(lines) == text  # every break replaced exactly one space
    assert all(text_width(line, font) <= 200 for line in lines)


def test_a_word_wider_than_the_paper_is_split_rather_than_cut_off():
    font = _font(28)
    lines = wrap_text("1234567890" * 6, font, 150)

    assert "".join(lines) == "1234567890" * 6
    assert all(text_width(line, font) <= 150 for line in lines)


def test_direction_follows_the_first_strong_character():
    assert is_rtl_text("3-ئاينىڭ 14-كۈنى")
    assert is_rtl_text("تۈرى: 物业维修")
    assert not is_rtl_text("类别：مۈلۈك")
    assert not is_rtl_text("001 000 427")


def _notdef_mask(font: ImageFont.FreeTypeFont) -> bytes:
    return bytes(font.getmask("\U000effff"))


def test_every_character_of_the_receipt_texts_is_in_the_font():
    font = _font(28, ImageFont.Layout.BASIC)  # per character: no shaping needed to find a glyph
    missing = {
        (key, ch)
        for key, text in MESSAGES.items()
        if key.startswith("receipt_")
        or key
        in ("date_format", "weekdays", "short_date", "date_time", "submitted_at", "office_phone")
        for value in text.values.values()
        for ch in value
        if not ch.isspace() and bytes(font.getmask(ch)) == _notdef_mask(font)
    }
    assert missing == set()


def test_the_code_digits_are_printed_large():
    receipt = render_receipt(receipt_data("zh"), dots=384)
    other_code = render_receipt(
        receipt_data("zh", dataclasses.replace(TICKET, code="001000435")), dots=384
    )
    top, bottom = _changed_rows(receipt, other_code)

    assert bottom - top >= 40  # at least 5 mm tall on 203 dpi paper


@pytest.mark.parametrize("lang", ["zh", "ug"])
@pytest.mark.parametrize("dots", [384, 576])
def test_the_time_it_was_reported_is_printed_above_the_qr_code(lang: str, dots: int):
    at_three = receipt_data(lang)
    at_five = receipt_data(
        lang, dataclasses.replace(TICKET, created=TICKET.created.replace(hour=17))
    )
    assert "15:15" in at_three.submitted
    assert "17:15" in at_five.submitted
    a, b = render_receipt(at_three, dots=dots), render_receipt(at_five, dots=dots)
    assert (a.width, b.width) == (dots, dots)
    top, bottom = _changed_rows(a, b)
    qr_top, _ = qr_rows(a)
    assert bottom <= qr_top, "only the time's line differs, and it is above the QR code"
    assert bottom - top >= 16  # a whole line of text, not a speck


@pytest.mark.parametrize("lang", ["zh", "ug"])
@pytest.mark.parametrize("dots", [384, 576])
def test_the_offices_phone_is_printed_under_the_qr_code_or_cleanly_left_out(lang: str, dots: int):
    without = receipt_data(lang)
    assert without.phone == ""  # the samples' community has none
    with_phone = dataclasses.replace(without, phone="0996-7102345")
    a, b = render_receipt(without, dots=dots), render_receipt(with_phone, dots=dots)
    assert b.width == dots
    assert b.height > a.height
    assert a.height - 40 - _last_ink_row(a) < 16, "no blank line where the phone would be"
    top, _bottom = _changed_rows(a, b)
    assert top > qr_rows(b)[1]
    assert qr_texts(b) == [TICKET_URL]


def _last_ink_row(receipt: Image.Image) -> int:
    box = ImageChops.invert(receipt.convert("L")).getbbox()
    assert box is not None
    return box[3]
