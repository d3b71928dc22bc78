"""Fixed texts of the Echo Wall, the ticket look-up, the rating and the attract loop.

Part of `kiosk.domain.messages.MESSAGES`; kept apart only so each file stays readable.
Uyghur wording should be reviewed by a native speaker on site.
"""

from __future__ import annotations

from kiosk.domain.text import Text
from kiosk.domain.text import zh_ug as _t

ECHO_MESSAGES: dict[str, Text] = {
    # ticket states, as a resident would say them: the only wording of each state, on the kiosk,
    # the status page and the staff pages alike (copy review 2026-12-05, finding 1: one set, the
    # kiosk's plainer "بىر تەرەپ قىلىش / ھەل قىلىندى", and "open" says what it is waiting for)
    "state_open": _t("已受理，等待办理", "قوبۇل قىلىندى، بىر تەرەپ قىلىنىشنى كۈتۈۋاتىدۇ"),
    "state_in_progress": _t("正在办理", "بىر تەرەپ قىلىنىۋاتىدۇ"),
    "state_closed": _t("已办结", "ھەل قىلىندى"),
    "state_reopened": _t("重新办理中", "قايتا بىر تەرەپ قىلىنىۋاتىدۇ"),
    # the Echo Wall
    "wall_figures": _t("办理情况", "ئەھۋال"),
    "this_month": _t("本月", "بۇ ئاي"),
    "last_12_months": _t("近12个月", "يېقىنقى 12 ئاي"),
    "fig_received": _t("收到", "تاپشۇرۇۋېلىندى"),
    "fig_solved": _t("办结", "ھەل قىلىندى"),
    "fig_on_time": _t("按时办结", "ۋاقتىدا ھەل قىلىندى"),
    "fig_satisfied": _t("满意", "رازى"),
    "fig_rated": _t("{count} 人评价", "{count} كىشى باھالىدى"),
    "month_short": _t("{month}月", "{month}-ئاي"),
    "on_time": _t("按时办结", "ۋاقتىدا ھەل قىلىندى"),
    "late": _t("超时办结", "ۋاقتىدىن كېچىكىپ ھەل قىلىندى"),
    "received_solved": _t(
        "{received} 收到，{solved} 办结", "{received} تاپشۇرۇۋېلىندى، {solved} ھەل قىلىندى"
    ),
    "answer_is": _t("答复：{answer}", "جاۋاب: {answer}"),
    "residents_count": _t("{count} 位居民反映", "{count} ئاھالە ئىنكاس قىلغان"),
    "wall_empty": _t("还没有办结的事项。", "ھەل قىلىنغان ئىش تېخى يوق."),
    "wall_as_of": _t("数据更新到 {when}", "سانلىق مەلۇمات يېڭىلانغان ۋاقىت: {when}"),
    "wall_never": _t("还没有和中心同步过", "مەركەز بىلەن تېخى ماسلاشمىدى"),
    # look-up (查询回音)
    "lookup_hint": _t("请输入回执上的编号", "تالوندىكى نومۇرنى كىرگۈزۈڭ"),
    "lookup_key": _t("查询", "ئىزدە"),
    # the same notes, short enough for the portrait title bar (the full one is spoken)
    "lookup_short_title": _t("请输满 {digits} 位", "{digits} خانە كىرگۈزۈڭ"),
    "lookup_mistyped_title": _t("编号有误，请核对", "نومۇر خاتا، تەكشۈرۈڭ"),
    "lookup_asking_title": _t("正在查询……", "سوراۋاتىدۇ……"),
    "lookup_unknown_title": _t("没有这个编号", "بۇ نومۇر يوق"),
    "lookup_offline_title": _t("连不上中心", "مەركەزگە ئۇلانمىدى"),
    "lookup_short": _t(
        "编号有 {digits} 位数字，请输完整。", "نومۇر {digits} خانىلىق، تولۇق كىرگۈزۈڭ."
    ),
    "lookup_mistyped": _t(
        "这个编号好像输错了，请对照回执再输一次。",
        "بۇ نومۇر خاتا كىرگۈزۈلگەندەك، تالونغا قاراپ قايتا كىرگۈزۈڭ.",
    ),
    "lookup_asking": _t("正在向中心查询，请稍候……", "مەركەزدىن سوراۋاتىدۇ، سەل ساقلاڭ……"),
    "lookup_unknown": _t(
        "中心没有这个编号。请对照回执核对，或问工作人员。",
        "مەركەزدە بۇ نومۇر يوق. تالوننى تەكشۈرۈڭ ياكى خادىملاردىن سوراڭ.",
    ),
    "lookup_offline": _t(
        "现在连不上中心，查不到别处登记的编号。请稍后再查，或问工作人员。",
        "ھازىر مەركەزگە ئۇلانمىدى. كېيىن قايتا تەكشۈرۈڭ ياكى خادىملاردىن سوراڭ.",
    ),
    "code_is": _t("编号 {code}", "نومۇر {code}"),
    # staff wrote it only in the other language: shown (and spoken in that language's voice)
    # after this line
    "answer_in_other": _t("答复只有维吾尔文：", "جاۋاب پەقەت خەنزۇچە يېزىلغان:"),
    "summary_in_other": _t("反映内容只有维吾尔文：", "ئىنكاس پەقەت خەنزۇچە يېزىلغان:"),
    "no_answer_yet": _t("还没有答复。", "تېخى جاۋاب يوق."),
    "check_another": _t("查另一个", "باشقىسىنى تەكشۈر"),
    # rating (满意度)
    "rate_button": _t("评价", "باھا بېرىش"),
    "rate_ask": _t("对办理结果满意吗？", "نەتىجىدىن رازىمۇ؟"),
    "rating_satisfied": _t("满意", "رازى"),
    "rating_so_so": _t("基本满意", "ئاساسەن رازى"),
    "rating_not_satisfied": _t("不满意", "رازى ئەمەس"),
    "rated_thanks": _t("谢谢您的评价：{rating}。", "باھالىغىنىڭىزغا رەھمەت: {rating}."),
    "rated_reopen": _t(
        "已转给工作人员重新办理，会再给您答复。",
        "خادىملارغا قايتا بىر تەرەپ قىلىشقا يوللاندى، يەنە جاۋاب بېرىلىدۇ.",
    ),
    "rate_failed": _t(
        "评价没有保存成功，请再按一次，或请工作人员帮助。",
        "باھا ساقلانمىدى، يەنە بىر بېسىڭ ياكى خادىملاردىن ياردەم سوراڭ.",
    ),
    # attract loop (signage while nobody is at the screen)
    "touch_to_start": _t("请触摸屏幕开始", "باشلاش ئۈچۈن ئېكراننى چېكىڭ"),
    "attract_notice": _t("通知", "ئۇقتۇرۇش"),
    "attract_today": _t("今天的活动", "بۈگۈنكى پائالىيەتلەر"),
    "attract_solved": _t("最近办结", "يېقىندا ھەل قىلىنغان"),
    # spoken
    "say_wall_figures": _t(
        "回音壁。本月收到 {received} 件，办结 {solved} 件，其中按时办结 {on_time} 件，"
        "{satisfied} 位居民表示满意。近十二个月收到 {received12} 件，办结 {solved12} 件，"
        "按时办结 {on_time12} 件。按“下一页”看办结的事情。",
        "ئىنكاس تېمى. بۇ ئاي {received} ئىش تاپشۇرۇۋېلىندى، {solved} ئىش ھەل قىلىندى، "
        "{on_time} ئىش ۋاقتىدا ھەل قىلىندى، {satisfied} ئاھالە رازى بولدى. يېقىنقى 12 ئايدا "
        "{received12} ئىش تاپشۇرۇۋېلىندى، {solved12} ئىش ھەل قىلىندى، "
        "{on_time12} ئىش ۋاقتىدا ھەل قىلىندى. "
        "ھەل قىلىنغان ئىشلارنى كۆرۈش ئۈچۈن “كېيىنكى” نى بېسىڭ.",
    ),
    "say_wall_item": _t("第 {number} 件。", "{number}-ئىش."),
    "say_lookup": _t(
        "查询回音。请用数字键输入回执上的编号，再按“查询”。",
        "جاۋابنى تەكشۈرۈش. تالوندىكى نومۇرنى كىرگۈزۈپ، “ئىزدە” نى بېسىڭ.",
    ),
    "say_rate": _t(
        "对办理结果满意吗？请按“满意”、“基本满意”或“不满意”。",
        "نەتىجىدىن رازىمۇ؟ “رازى”، “ئاساسەن رازى” ياكى “رازى ئەمەس” نى بېسىڭ.",
    ),
}
