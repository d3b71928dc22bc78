"""The paper receipt as one black-and-white image, the printer's full width.

Printers cannot print Uyghur (and many not Chinese) as text, so the receipt is drawn with Pillow:
raqm shapes Uyghur right to left; UKIJ CJK covers Simplified Chinese and Uyghur in one font.
The receipt carries the ticket code, never the resident's phone number or words
(DESIGN.md section 6): `ReceiptData` (kiosk.receipt.data) simply has no field for them.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw, ImageFont, features

from kiosk.config.files import text_font
from kiosk.domain.messages import message, weekday_name
from kiosk.domain.text import is_rtl
from kiosk.domain.ticket_code import display_code
from kiosk.receipt.data import ReceiptData
from kiosk.receipt.qr import qr_for_width

MARGIN = 8  # 1 mm at 203 dpi
_BLACK_BELOW = 160  # anti-aliased edges darker than this print: strokes stay solid on thermal paper
_HAN = "\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_OPEN = "“‘（《「『【〈〔"
_PUNCT = "、。，．：；！？）》」』】〉〕”’…·～—"  # closing punctuation
# A token is a run of spaces, one Han character, or a word of any other script. Opening
# punctuation sticks to what follows it, closing punctuation to what it follows, so no line
# starts with "，" or ends with "“".
_TOKEN = re.compile(
    rf"\s+|[{_OPEN}]*[{_HAN}][{_PUNCT}]*|[{_OPEN}]*[^\s{_HAN}{_PUNCT}{_OPEN}]+[{_PUNCT}]*"
    rf"|[{_OPEN}{_PUNCT}]+"
)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_STRONG_LTR = re.compile(rf"[A-Za-z{_HAN}]")
_RENDER_LOCK = threading.Lock()  # FreeType faces are shared through the font cache

Align = Literal["start", "center"]


def find_font() -> Path:
    """The UKIJ CJK font (apt package fonts-ukij-uyghur): Simplified Chinese and Uyghur in one.

    The same search as the screen's (kiosk.config.files), so paper and screen never differ in font.
    """
    return text_font()


def is_rtl_text(text: str) -> bool:
    """Whether the first strong character is Arabic script (Unicode bidi rule P2)."""
    arabic = _ARABIC.search(text)
    if arabic is None:
        return False
    ltr = _STRONG_LTR.search(text)
    return ltr is None or arabic.start() < ltr.start()


def layout_engine() -> ImageFont.Layout:
    """Raqm when Pillow has it (needed to shape Uyghur); basic layout is enough for Chinese."""
    return ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


@functools.lru_cache(maxsize=32)
def load_font(path: Path, size: int, engine: ImageFont.Layout) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=engine)


def text_width(text: str, font: ImageFont.FreeTypeFont) -> float:
    """Advance width of `text` as drawn: shaped and in its own direction when raqm is in use."""
    direction, language = _shaping(text, font)
    return font.getlength(text, direction=direction, language=language)


def wrap_text(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines no wider than `width`: breaks at spaces and between Han characters, never inside
    a Uyghur or Latin word unless the word alone is wider than the paper."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _TOKEN.findall(paragraph):
            if token.isspace():
                line = line + " " if line else line
                continue
            if line and text_width(line + token, font) > width:
                lines.append(line.rstrip())
                line = ""
            if text_width(line + token, font) <= width:
                line += token
                continue
            pieces = _split_chars(token, font, width)  # only a word wider than the paper
            lines.extend(pieces[:-1])
            line = pieces[-1]
        lines.append(line.rstrip())
    return lines


def render_receipt(data: ReceiptData, *, dots: int, font_path: Path | None = None) -> Image.Image:
    """The whole receipt as a 1-bit image `dots` wide (384 for 58 mm paper, 576 for 80 mm)."""
    if dots < 200:
        raise ValueError(f"paper too narrow for a receipt: {dots} dots")
    path = font_path or find_font()
    engine = layout_engine()
    lang = data.lang
    width = dots - 2 * MARGIN
    promised = message(
        "date_format",
        lang,
        month=data.promised.month,
        day=data.promised.day,
        weekday=weekday_name(data.promised.weekday(), lang),
    )
    code = display_code(data.code)
    with _RENDER_LOCK:
        font = functools.partial(load_font, path, engine=engine)
        blocks: list[Image.Image] = [_gap(dots, 8)]
        blocks += _text(data.community[:1], font(size=30), dots, "center", lang)
        blocks += _text(data.community[1:], font(size=22), dots, "center", lang)
        blocks += [_gap(dots, 6)]
        blocks += _text([message("receipt_title", lang)], font(size=26), dots, "center", lang)
        blocks += [_rule(dots)]
        blocks += _text([message("receipt_code", lang)], font(size=24), dots, "center", lang)
        blocks += _text(
            [code], font(size=_fit_size(code, path, engine, 64, width)), dots, "center", lang
        )
        blocks += [_gap(dots, 6)]
        body = [
            message("receipt_category", lang, value=data.category),
            message("receipt_responsible", lang, value=data.responsible),
            message("receipt_promised", lang, date=promised),
        ]
        blocks += _text(body, font(size=28), dots, "start", lang)
        blocks += _text([data.submitted_line()], font(size=24), dots, "start", lang)
        blocks += [_rule(dots)]
        blocks += [_centred(qr_for_width(data.status_url, width), dots)]
        blocks += _text([message("receipt_how_to_check", lang)], font(size=24), dots, "start", lang)
        blocks += _text([data.phone_line()], font(size=28), dots, "start", lang)
        blocks += [_gap(dots, 40)]  # room between the last line and the cutter
    return _stack(blocks, dots)


def _shaping(text: str, font: ImageFont.FreeTypeFont) -> tuple[str | None, str | None]:
    """Direction and language for raqm; basic layout takes neither and cannot shape Uyghur."""
    if font.layout_engine != ImageFont.Layout.RAQM:
        if _ARABIC.search(text):
            raise RuntimeError("Uyghur needs Pillow built with libraqm (apt: libraqm0 libfribidi0)")
        return None, None
    return ("rtl", "ug") if is_rtl_text(text) else ("ltr", "zh-Hans")


def _split_chars(token: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    pieces = [""]
    for ch in token:
        if pieces[-1] and text_width(pieces[-1] + ch, font) > width:
            pieces.append("")
        pieces[-1] += ch
    return pieces


def _fit_size(text: str, path: Path, engine: ImageFont.Layout, largest: int, width: int) -> int:
    """The largest size up to `largest` at which `text` fits on one line."""
    size = largest
    while size > 16 and text_width(text, load_font(path, size, engine)) > width:
        size -= 2
    return size


def _text(
    texts: Iterable[str], font: ImageFont.FreeTypeFont, dots: int, align: Align, lang: str
) -> list[Image.Image]:
    ascent, descent = font.getmetrics()
    leading = max(2, int(font.size) // 6)
    images = []
    for text in texts:
        if not text:  # a fact the receipt does not have (no office phone): no empty line
            continue
        for line in wrap_text(text, font, dots - 2 * MARGIN):
            image = Image.new("L", (dots, ascent + descent + leading), 255)
            length = text_width(line, font)
            if align == "center":
                x = (dots - length) / 2
            elif is_rtl(lang):
                x = dots - MARGIN - length
            else:
                x = MARGIN
            draw = ImageDraw.Draw(image)
            direction, language = _shaping(line, font)
            draw.text(
                (x, leading // 2), line, font=font, fill=0, direction=direction, language=language
            )
            images.append(image)
    return images


def _centred(image: Image.Image, dots: int) -> Image.Image:
    canvas = Image.new("L", (dots, image.height + 8), 255)
    canvas.paste(image.convert("L"), ((dots - image.width) // 2, 4))
    return canvas


def _rule(dots: int) -> Image.Image:
    image = Image.new("L", (dots, 14), 255)
    ImageDraw.Draw(image).rectangle((MARGIN, 6, dots - MARGIN - 1, 7), fill=0)
    return image


def _gap(dots: int, height: int) -> Image.Image:
    return Image.new("L", (dots, height), 255)


def _stack(blocks: list[Image.Image], dots: int) -> Image.Image:
    receipt = Image.new("L", (dots, sum(b.height for b in blocks)), 255)
    y = 0
    for block in blocks:
        receipt.paste(block, (0, y))
        y += block.height
    table = [0 if value < _BLACK_BELOW else 255 for value in range(256)]
    return receipt.point(table, "1")
