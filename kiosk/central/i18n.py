"""The server's own texts for residents, in Chinese and Uyghur, and choosing which to show.

The kiosk's shared texts (kiosk.domain.messages) are reused where they say the same thing, so the
status page words a promise exactly as the printed receipt does. Uyghur wording should be reviewed
by a native speaker on site, as on the kiosk.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from kiosk.domain.messages import message
from kiosk.domain.text import Text, is_rtl


def _t(zh: str, ug: str) -> Text:
    return Text({"zh": zh, "ug": ug}, "zh")


TEXTS: dict[str, Text] = {
    "page_title": _t("回音查询", "ئىنكاس سۈرۈشتۈرۈش"),
    "ticket": _t("编号", "نومۇرى"),
    "category": _t("类别", "تۈرى"),
    "status": _t("办理状态", "ئەھۋالى"),
    "open": _t("已受理，等待办理", "قوبۇل قىلىندى، بېجىرىلىشنى كۈتۈۋاتىدۇ"),
    "in_progress": _t("正在办理", "بېجىرىلىۋاتىدۇ"),
    "closed": _t("已办结", "بېجىرىلدى"),
    "reported": _t("反映日期", "ئىنكاس قىلىنغان ۋاقتى"),
    "responsible": _t("负责", "مەسئۇل"),
    "promised": _t("答复期限", "جاۋاب ۋاقتى"),
    "promised_on": _t("{date} 前", "{date} دىن بۇرۇن"),
    "overdue": _t("已超过答复期限，我们正在督办。", "جاۋاب ۋاقتى ئۆتۈپ كەتتى، تېزلىتىۋاتىمىز."),
    "answer": _t("答复", "جاۋاب"),
    "no_answer_yet": _t("还没有答复。", "تېخى جاۋاب يوق."),
    "residents": _t("{count} 位居民反映了这个问题", "بۇ مەسىلىنى {count} ئاھالە ئىنكاس قىلدى"),
    "not_found": _t(
        "没有找到这个编号。请核对回执上的编号。",
        "بۇ نومۇر تېپىلمىدى. تالوندىكى نومۇرنى تەكشۈرۈڭ.",
    ),
    "not_synced": _t(
        "如果刚刚提交，可能还没有传到社区，请稍后再查。",
        "يېڭىلا يوللىغان بولسىڭىز، بىر ئازدىن كېيىن قايتا سۈرۈشتۈرۈڭ.",
    ),
    "check_digits": _t("这个编号不对，请再核对一遍。", "بۇ نومۇر توغرا ئەمەس، قايتا تەكشۈرۈڭ."),
    "date": _t("{year}年{month}月{day}日", "{year}-يىلى {month}-ئاينىڭ {day}-كۈنى"),
    "other_lang": _t("ئۇيغۇرچە", "中文"),
    "request_notice": _t(
        "{who}负责，{date} 前答复", "{who} مەسئۇل، {date} دىن بۇرۇن جاۋاب بېرىلىدۇ"
    ),
    "service_promise": _t(
        "{who}负责，{days} 天内答复", "{who} مەسئۇل، {days} كۈن ئىچىدە جاۋاب بېرىلىدۇ"
    ),
}


def text(key: str, lang: str, **values: object) -> str:
    template = TEXTS[key].get(lang)
    return template.format(**values) if values else template


def date(value: datetime, lang: str) -> str:
    return text("date", lang, year=value.year, month=value.month, day=value.day)


def shared(key: str, lang: str, **values: object) -> str:
    """A text the kiosk screen and the receipt use too."""
    return message(key, lang, **values)


def direction(lang: str) -> str:
    return "rtl" if is_rtl(lang) else "ltr"


def negotiate(
    wanted: str | None, accept_language: str | None, available: Sequence[str], default: str
) -> str:
    """`?lang=` first, then the browser's Accept-Language (by q-value), then the default."""
    if wanted in available:
        return str(wanted)
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in available and quality > 0:
            ranked.append((-quality, index, primary))
    return min(ranked)[2] if ranked else default
