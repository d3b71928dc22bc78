"""The staff panel's texts (the PIN pad and the panel), in Chinese and Uyghur like the rest.

Kept apart from `messages` so the residents' texts stay easy to review; merged into
`messages.MESSAGES`, so `message(key, lang)` finds both.
"""

from __future__ import annotations

from kiosk.domain.text import Text
from kiosk.domain.text import zh_ug as _t

STAFF_MESSAGES: dict[str, Text] = {
    # the PIN pad
    "staff_pin_title": _t("工作人员密码", "خىزمەتچى مەخپىي نومۇرى"),
    "staff_pin_hint": _t("请输入密码", "مەخپىي نومۇرنى كىرگۈزۈڭ"),
    "staff_pin_checking": _t("正在核对…", "تەكشۈرۈۋاتىدۇ…"),
    "staff_pin_wrong": _t(
        "密码不对，还可以试 {tries} 次", "مەخپىي نومۇر خاتا، يەنە {tries} قېتىم سىناشقا بولىدۇ"
    ),
    "staff_pin_locked": _t(
        "错误太多，已锁定，请 {minutes} 分钟后再试",
        "خاتا كۆپ بولدى، {minutes} مىنۇتتىن كېيىن قايتا سىناڭ",
    ),
    # the panel's buttons
    "staff_title": _t("工作人员面板", "خىزمەتچى بېتى"),
    "staff_close": _t("关闭", "تاقاش"),
    "staff_print_test": _t("测试打印", "سىناق بېسىش"),
    "staff_sync_now": _t("立即上传", "ھازىر يوللا"),
    "staff_reload": _t("重读设置", "تەڭشەكنى ئوقۇ"),
    "staff_retry": _t("重传被拒收的", "رەت قىلىنغانلارنى قايتا يوللا"),
    "staff_leave": _t("退出全屏", "كىئوسكتىن چىقىش"),
    "staff_restart": _t("重启", "قايتا قوزغىتىش"),
    # the panel's facts
    "staff_sync_line": _t(
        "上传：{online}，待上传 {waiting} 条，最早已等 {oldest}",
        "يوللاش: {online}، ساقلاۋاتقىنى {waiting}، ئەڭ ئۇزۇنى {oldest}",
    ),
    "staff_last_contact": _t("上次联系中心：{when}", "مەركەز بىلەن ئاخىرقى ئالاقە: {when}"),
    "staff_never": _t("从未", "تېخى يوق"),
    "staff_sync_problem": _t(
        "上传有问题，详情见系统日志", "يوللاشتا مەسىلە بار، تەپسىلاتى سىستېما خاتىرىسىدە"
    ),
    "staff_rejected": _t("被中心拒收 {count} 条：", "مەركەز رەت قىلغىنى {count}:"),
    "staff_rejected_item": _t("{code}（{kind}）", "{code} ({kind})"),
    "staff_kind_request": _t("反映", "ئىنكاس"),
    "staff_kind_join": _t("附议", "قوشۇلۇش"),
    "staff_see_log": _t("原因见系统日志", "سەۋەبى سىستېما خاتىرىسىدە"),
    "staff_printer": _t("打印机（{type}）：{state}", "پرىنتېر ({type}): {state}"),
    "staff_printer_ready": _t("正常", "نورمال"),
    "staff_printer_paper_low": _t("纸快用完了", "قەغەز ئاز قالدى"),
    "staff_printer_state_unknown": _t("状态不明", "ھالىتى نامەلۇم"),
    "staff_printer_none": _t("没有设置打印机", "پرىنتېر تەڭشەلمىگەن"),
    "staff_printer_not_connected": _t("没有连接", "ئۇلانمىغان"),
    "staff_printer_offline": _t("离线", "تورسىز"),
    "staff_printer_paper_out": _t("没纸了", "قەغەز تۈگىدى"),
    "staff_printer_cover_open": _t("盖子开着", "قاپقىقى ئوچۇق"),
    "staff_printer_timeout": _t("没有回应", "جاۋاب يوق"),
    "staff_printer_error": _t("出错", "خاتالىق"),
    "staff_age_days": _t("{days}天{hours}小时", "{days} كۈن {hours} سائەت"),
    "staff_age_hours": _t("{hours}小时{minutes}分", "{hours} سائەت {minutes} مىنۇت"),
    "staff_age_minutes": _t("{minutes}分钟", "{minutes} مىنۇت"),
    "staff_page": _t("{page}/{pages}", "{page}/{pages}"),
    "staff_prev_page": _t("上一页", "ئالدىنقى"),
    "staff_next_page": _t("下一页", "كېيىنكى"),
    "staff_confirm_again": _t("再按一次确认", "جەزملەش ئۈچۈن يەنە بېسىڭ"),
    "staff_printer_unknown": _t("开机后还没有打印过", "قوزغالغاندىن بېرى باسمىدى"),
    "staff_config_ok": _t("设置文件：正常", "تەڭشەك ھۆججىتى: نورمال"),
    "staff_config_errors": _t(
        "设置文件有 {count} 处错误（未生效）：", "تەڭشەك ھۆججىتىدە {count} خاتالىق بار:"
    ),
    "staff_speech": _t("语音：{state}", "ئاۋاز: {state}"),
    "staff_speech_ok": _t("正常", "نورمال"),
    "staff_speech_degraded": _t("有问题", "مەسىلە بار"),
    "staff_speech_off": _t("关闭", "تاقاق"),
    "staff_version": _t(
        "版本 {version}，磁盘剩余 {free} / {total}",
        "نەشرى {version}، دىسكا بوش ئورنى {free} / {total}",
    ),
    "staff_storage_full": _t(
        "存储已满：新的反映存不下。请清理SD卡空间（待上传的仍会发出）",
        "ساقلاش ئورنى تولدى: يېڭى ئىنكاس ساقلانمايدۇ. SD كارتىدىن ئورۇن بوشىتىڭ "
        "(ساقلاۋاتقانلار يەنىلا يوللىنىدۇ)",
    ),
    # the receipt's QR code (config central.public_url, kiosk.config.public_url): a warning
    "staff_public_url_missing": _t(
        "二维码地址没有设置，居民手机可能打不开回执上的二维码。"
        "请在设置文件的 central.public_url 填写居民手机能打开的中心网址",
        "QR ئادرېسى تەڭشەلمىگەن، ئاھالىلەرنىڭ تېلېفونى تالوندىكى QR كودنى ئاچالماسلىقى مۇمكىن. "
        "تەڭشەك ھۆججىتىدىكى central.public_url غا تېلېفوندا ئېچىلىدىغان مەركەز ئادرېسىنى يېزىڭ",
    ),
    "staff_public_url_local": _t(
        "二维码地址（central.public_url）是本机或内网地址，居民手机打不开。"
        "请在设置文件里改成居民手机能打开的中心网址",
        "QR ئادرېسى (central.public_url) بۇ ماشىنا ياكى ئىچكى تورنىڭ ئادرېسى، ئاھالىلەرنىڭ "
        "تېلېفونى ئاچالمايدۇ. تەڭشەك ھۆججىتىدە تېلېفوندا ئېچىلىدىغان مەركەز ئادرېسىغا ئۆزگەرتىڭ",
    ),
    "staff_public_url_not_web": _t(
        "二维码地址（central.public_url）不是以 http:// 或 https:// 开头的网址，请在设置文件里改正",
        "QR ئادرېسى (central.public_url) http:// ياكى https:// بىلەن باشلانمىغان، "
        "تەڭشەك ھۆججىتىدە توغرىلاڭ",
    ),
    # what an action did
    "staff_printing": _t("正在打印…", "بېسىۋاتىدۇ…"),
    "staff_printed": _t("测试回执已打印", "سىناق تالونى بېسىلدى"),
    "staff_not_printed": _t("没有打印：{reason}", "بېسىلمىدى: {reason}"),
    "staff_failed": _t("没有做成，详情见系统日志", "ئەمەلگە ئاشمىدى، تەپسىلاتى سىستېما خاتىرىسىدە"),
    "staff_syncing": _t("已开始上传", "يوللاش باشلاندى"),
    "staff_reloading": _t("正在读取设置…", "تەڭشەك ئوقۇلۇۋاتىدۇ…"),
    "staff_reloaded": _t("设置已读取，没有错误", "تەڭشەك ئوقۇلدى، خاتالىق يوق"),
    "staff_reload_failed": _t(
        "设置有 {count} 处错误，仍用上一次的设置",
        "تەڭشەكتە {count} خاتالىق بار، ئالدىنقىسى ئىشلىتىلىۋاتىدۇ",
    ),
    "staff_retried": _t("{count} 条已放回待上传", "{count} تۈر قايتا يوللىنىدۇ"),
    # content from a USB stick (issue 19): shown and spoken in both languages at once, for
    # whichever staff member stands at the kiosk
    "stick_used": _t(
        "U盘内容已换上：{count} 条通知。可以拔下U盘了。",
        "USB دىسكىدىكى مەزمۇن ئىشلىتىلدى: {count} ئۇقتۇرۇش. USB دىسكىنى چىقىرىۋالسىڭىز بولىدۇ.",
    ),
    "stick_refused": _t(
        "U盘内容没有换上，仍用原来的内容。按下面的原因改好，再插一次U盘。",
        "USB دىسكىدىكى مەزمۇن ئىشلىتىلمىدى، ئەسلىدىكىسى قالدى. خاتالىقنى توغرىلاپ قايتا سېلىڭ.",
    ),
}
