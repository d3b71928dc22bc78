"""The public status page's words (the page a receipt's QR code opens) and the centre's promises.

Part of `kiosk.domain.messages.MESSAGES`, so the kiosk and the centre read one catalogue: the page
names the look-up, the ticket states and "no answer yet" with the kiosk's own keys, and only
what the kiosk never says is here. Uyghur wording should be reviewed by a native speaker on site.
"""

from __future__ import annotations

from kiosk.domain.text import Text
from kiosk.domain.text import zh_ug as _t

STATUS_MESSAGES: dict[str, Text] = {
    # labels of the facts, on the status page and the staff pages
    "code_label": _t("编号", "نومۇر"),
    "category_label": _t("类别", "تۈرى"),
    "state_label": _t("办理状态", "ئەھۋالى"),
    "reported_label": _t("反映时间", "ئىنكاس قىلىنغان ۋاقتى"),
    "responsible_label": _t("负责", "مەسئۇل"),
    "promised_label": _t("答复期限", "جاۋاب بېرىش مۇددىتى"),
    "answer_label": _t("答复", "جاۋاب"),
    # the status page's sentences; "promised_on" attaches no suffix to the date (copy review
    # 2026-12-05, i18n.py:31-32: "{date} دىن" after "…كۈنى" was wrong) and has no space before 前
    "promised_on": _t("{date}前", "ئەڭ كېچىككەندە {date}"),
    "overdue_note": _t(
        "已超过答复期限，我们正在督办。", "جاۋاب بېرىش مۇددىتى ئۆتۈپ كەتتى، تېزلىتىۋاتىمىز."
    ),
    "residents_reported": _t(
        "{count} 位居民反映了这个问题", "بۇ مەسىلىنى {count} ئاھالە ئىنكاس قىلدى"
    ),
    "status_not_found": _t(
        "没有找到这个编号。请核对回执上的编号。",
        "بۇ نومۇر تېپىلمىدى. تالوندىكى نومۇرنى تەكشۈرۈڭ.",
    ),
    "status_not_synced": _t(
        "如果刚刚提交，可能还没有传到社区，请稍后再查。",
        "يېڭىلا يوللىغان بولسىڭىز، بىر ئازدىن كېيىن قايتا سۈرۈشتۈرۈڭ.",
    ),
    "status_check_digits": _t(
        "这个编号不对，请再核对一遍。", "بۇ نومۇر توغرا ئەمەس، قايتا تەكشۈرۈڭ."
    ),
    # a status link without its secret opens nothing: the same page as an unknown code
    "status_at_kiosk": _t(
        "您也可以在社区的回音簿终端上输入编号查询。",
        "ئىنكاس دەپتىرى ئۈسكۈنىسىدە نومۇرنى كىرگۈزۈپمۇ تەكشۈرەلەيسىز.",
    ),
    # the staff's words in the other language only: one line saying so, in the page's language
    "summary_label": _t("反映的问题", "ئىنكاس قىلىنغان مەسىلە"),
    "status_answer_other_lang": _t("答复只有维吾尔文。", "جاۋاب پەقەت خەنزۇچە يېزىلغان."),
    "status_summary_other_lang": _t(
        "问题说明只有维吾尔文。", "مەسىلە چۈشەندۈرۈلۈشى پەقەت خەنزۇچە يېزىلغان."
    ),
    "long_date": _t("{year}年{month}月{day}日", "{year}-يىلى {month}-ئاينىڭ {day}-كۈنى"),
    # the promise in words, in Open311 answers (service_notice, a service's description)
    "request_notice": _t(
        "{who}负责，{date}前答复", "{who} مەسئۇل، ئەڭ كېچىككەندە {date} جاۋاب بېرىلىدۇ"
    ),
    "service_promise": _t(
        "{who}负责，{days} 天内答复", "{who} مەسئۇل، {days} كۈن ئىچىدە جاۋاب بېرىلىدۇ"
    ),
}
