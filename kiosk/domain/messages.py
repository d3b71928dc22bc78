"""Every user-visible word of the kiosk and the centre, in every language: the one catalogue.

Kept outside the UI so speech and printed receipts say exactly what the screen says, and read by
the central server too (status page, staff pages), so a word is defined once for both. The
catalogue is split into modules only so each stays readable; their keys never overlap
(tests/domain/test_one_translation.py).
Uyghur wording should be reviewed by a native speaker on site.
"""

from __future__ import annotations

from kiosk.domain.messages_echo import ECHO_MESSAGES
from kiosk.domain.messages_home import HOME_MESSAGES
from kiosk.domain.messages_layout import LAYOUT_MESSAGES
from kiosk.domain.messages_office import OFFICE_MESSAGES
from kiosk.domain.messages_status import STATUS_MESSAGES
from kiosk.domain.staff_messages import STAFF_MESSAGES
from kiosk.domain.text import Text
from kiosk.domain.text import zh_ug as _t

KIOSK_MESSAGES: dict[str, Text] = {
    # navigation
    "back": _t("返回", "قايتىش"),
    "home": _t("首页", "باش بەت"),
    "prev_page": _t("上一页", "ئالدىنقى"),
    "next_page": _t("下一页", "كېيىنكى"),
    "page_of": _t("第 {page} / {pages} 页", "{page} / {pages} بەت"),
    # home screen
    "notices": _t("政策宣传", "سىياسەت تەشۋىقاتى"),
    "activities": _t("活动安排", "پائالىيەتلەر"),
    "feedback": _t("我要反映\n回音簿", "پىكىر قالدۇرۇش"),
    "echo_wall": _t("回音壁", "ئىنكاس تېمى"),
    "red_post": _t("红色驿站", "قىزىل پونكىت"),
    "lookup": _t("查询回音", "جاۋابنى تەكشۈرۈش"),
    "online": _t("在线", "تور بار"),
    "offline": _t("离线", "تور يوق"),
    "waiting": _t("待上传 {count} 条", "يوللىنىدىغىنى {count}"),
    "config_marker": _t("设置有误，请工作人员查看", "تەڭشەكتە خاتالىق بار"),
    "sync_marker": _t("上传有问题，请工作人员查看", "يوللاشتا مەسىلە بار"),
    "oldest_hours": _t("最早一条已等 {hours} 小时", "ئەڭ بۇرۇنقىسى {hours} سائەت ساقلىدى"),
    "oldest_days": _t("最早一条已等 {days} 天", "ئەڭ بۇرۇنقىسى {days} كۈن ساقلىدى"),
    # printer trouble, shown small on the home status line for staff passing by
    "printer_not_connected": _t("打印机未连接", "پرىنتېر ئۇلانمىغان"),
    "printer_offline": _t("打印机离线", "پرىنتېر تورسىز"),
    "printer_paper_out": _t("打印机缺纸", "پرىنتېردا قەغەز يوق"),
    "printer_cover_open": _t("打印机盖没关", "پرىنتېر قاپقىقى ئوچۇق"),
    "printer_timeout": _t("打印机没有响应", "پرىنتېر جاۋاب بەرمىدى"),
    "printer_error": _t("打印机故障", "پرىنتېر كاشىلىسى"),
    # notices
    "pinned": _t("置顶", "مۇقىم"),
    "urgent": _t("紧急", "جىددىي"),
    "no_notices": _t("现在没有通知。", "ھازىر ئۇقتۇرۇش يوق."),
    "published_on": _t("发布于 {date}", "ئېلان قىلىنغان ۋاقتى {date}"),
    "scroll_up": _t("向上", "يۇقىرى"),
    "scroll_down": _t("向下", "تۆۋەن"),
    # activities
    "today": _t("今天", "بۈگۈن"),
    "tomorrow": _t("明天", "ئەتە"),
    "prev_day": _t("前一天", "ئالدىنقى"),
    "next_day": _t("后一天", "كېيىنكى"),
    "now_on": _t("正在进行", "ھازىر داۋاملىشىۋاتىدۇ"),
    "next_on": _t("下一个", "كېيىنكىسى"),
    "no_events": _t("这一天没有活动。", "بۇ كۈنى پائالىيەت يوق."),
    # Red Post
    "open_now": _t("现在开放", "ھازىر ئوچۇق"),
    "closed_now": _t("现在关闭", "ھازىر تاقاق"),
    "closes_at": _t("{time} 关门", "تاقىلىش ۋاقتى: {time}"),
    "opens_at": _t("{day} {time} 开门", "كېيىنكى ئېچىلىشى: {day} {time}"),
    "opening_hours": _t("开放时间", "ئېچىلىش ۋاقتى"),
    "status_available": _t("有", "بار"),
    "status_out": _t("暂时没有", "ۋاقتىنچە يوق"),
    "status_broken": _t("维修中", "رېمونت قىلىنىۋاتىدۇ"),
    "amenities": _t("驿站提供", "پونكىتتا بار"),
    # feedback steps
    "fb_category": _t("1/5 什么问题？", "1/5 قانداق مەسىلە؟"),
    "fb_what": _t("2/5 什么情况？", "2/5 قانداق ئەھۋال؟"),
    "fb_where": _t("3/5 在哪里？", "3/5 قەيەردە؟"),
    "fb_phone": _t("4/5 手机号", "4/5 تېلېفون نومۇرى"),
    "fb_phone_hint": _t(
        "可不填。留下号码，工作人员会回电话。",
        "يازمىسىڭىزمۇ بولىدۇ. نومۇرىڭىزنى قالدۇرسىڭىز، خادىملار سىزگە تېلېفون قىلىدۇ.",
    ),
    "fb_confirm": _t("5/5 请确认", "5/5 جەزملەشتۈرۈڭ"),
    "next": _t("下一步", "كېيىنكى"),
    "skip": _t("跳过", "ئاتلاش"),
    "delete": _t("删除", "ئۆچۈرۈش"),
    "delete_key": _t("删除", "ئۆچۈر"),
    "ok_key": _t("确定", "بولدى"),
    "skip_key": _t("跳过", "ئاتلا"),
    "submit": _t("提交", "يوللاش"),
    "change": _t("修改", "ئۆزگەرتىش"),
    "type_here": _t("也可以在这里打字（可不填）", "بۇ يەرگە يازسىڭىزمۇ بولىدۇ"),
    "sum_category": _t("类别：{value}", "تۈرى: {value}"),
    "sum_what": _t("情况：{value}", "ئەھۋالى: {value}"),
    "sum_where": _t("地点：{value}", "ئورنى: {value}"),
    "sum_phone": _t("电话：{value}", "تېلېفون: {value}"),
    "not_given": _t("未填", "يوق"),
    "same_problem": _t(
        "这个问题已经有人反映过了：编号 {code}，已有 {count} 位居民反映。",
        "بۇ مەسىلىنى باشقىلارمۇ ئىنكاس قىلغان. نومۇرى: {code}، {count} ئاھالە ئىنكاس قىلغان.",
    ),
    "join_it": _t("加上我的一票", "مېنىڭ ئاۋازىمنى قوشۇش"),
    "new_one": _t("这是另一个问题", "بۇ باشقا مەسىلە"),
    "saving": _t("正在保存……", "ساقلىنىۋاتىدۇ……"),
    "save_failed": _t(
        "没有保存成功，请再按一次“提交”，或请工作人员帮助。",
        "ساقلانمىدى، “يوللاش” نى يەنە بىر بېسىڭ ياكى خادىملاردىن ياردەم سوراڭ.",
    ),
    # done
    "done_title": _t("您的编号", "نومۇرىڭىز"),
    "your_code": _t("您的编号", "نومۇرىڭىز"),
    "responsible_is": _t("负责：{who}", "مەسئۇل: {who}"),
    "promised_by": _t("{date}前答复", "ئەڭ كېچىككەندە {date} جاۋاب بېرىلىدۇ"),
    # the done screen and the paper receipt say these alike (kiosk/receipt)
    "submitted_at": _t("提交时间：{when}", "يوللانغان: {when}"),
    "office_phone": _t("社区电话：{phone}", "تېلېفون: {phone}"),
    "date_time": _t("{date} {time}", "{date} {time}"),
    "printing": _t("已记录。正在打印回执……", "خاتىرىلەندى. تالون بېسىلىۋاتىدۇ……"),
    "printed": _t("已记录。请取走回执。", "خاتىرىلەندى. تالوننى ئېلىۋېلىڭ."),
    "print_failed": _t(
        "已记录，但回执没有打印出来。请扫描二维码，或记下编号。",
        "خاتىرىلەندى، تالون بېسىلمىدى. QR كودنى سكانىرلاڭ ياكى نومۇرنى خاتىرىلىۋېلىڭ.",
    ),
    "no_printer": _t(
        "已记录。请扫描二维码，或记下编号。",
        "خاتىرىلەندى. QR كودنى سكانىرلاڭ ياكى نومۇرنى خاتىرىلىۋېلىڭ.",
    ),
    "finish": _t("完成", "تامام"),
    # the printed receipt (kiosk/receipt): code, 定人, 定时, how to check; no personal data
    "receipt_title": _t("回音簿 · 回执", "ئىنكاس دەپتىرى · تالون"),
    "receipt_code": _t("您的编号", "نومۇرىڭىز"),
    "receipt_category": _t("类别：{value}", "تۈرى: {value}"),
    "receipt_responsible": _t("负责：{value}", "مەسئۇل: {value}"),
    "receipt_promised": _t("答复期限：{date}前", "جاۋاب بېرىش مۇددىتى: {date}"),
    "receipt_how_to_check": _t(
        "用手机扫描二维码，或在本机“查询回音”中输入编号，查看办理进度。",
        "ئەھۋالىنى كۆرۈش ئۈچۈن QR كودنى سكانىرلاڭ ياكى بۇ ماشىنىدا نومۇرنى كىرگۈزۈڭ.",
    ),
    # idle warning
    "idle_question": _t("您还在使用吗？", "داۋاملاشتۇرامسىز؟"),
    "idle_countdown": _t("{seconds} 秒后回到首页", "{seconds} سېكۇنتتىن كېيىن باش بەتكە قايتىدۇ"),
    "idle_continue": _t("继续使用", "داۋاملاشتۇرۇش"),
    # errors a resident may see: never technical
    "sorry": _t("抱歉，出了点问题，已回到首页。", "كەچۈرۈڭ، مەسىلە كۆرۈلدى، باش بەتكە قايتتى."),
    # spoken prompts (kiosk/domain/prompts.py): said aloud, so no "1/5", no symbols to spell out
    "say_home": _t(
        "欢迎来到{community}。请点屏幕上的大按钮：{doors}。",
        "خۇش كەپسىز! بۇ يەر {community}. ئېكراندىكى كۇنۇپكىلاردىن بىرىنى بېسىڭ: {doors}.",
    ),
    "say_notices": _t(
        "政策宣传：{titles}。点一条通知，可以看全文。",
        "سىياسەت تەشۋىقاتى: {titles}. تولۇق كۆرۈش ئۈچۈن ئۇقتۇرۇشنى بېسىڭ.",
    ),
    "say_page": _t("第{page}页，共{pages}页。", "جەمئىي {pages} بەت، بۇ {page}-بەت."),
    "say_event": _t("{span}，{room}：{title}", "{span}، {room}: {title}"),
    "say_span": _t("{start}到{end}", "{start} بىلەن {end} ئارىلىقىدا"),
    "say_hour": _t("{hour}点", "سائەت {hour}"),
    "say_hour_minute": _t("{hour}点{minute}分", "سائەت {hour}:{minute}"),
    "say_day_range": _t("{first}到{last}", "{first} بىلەن {last} ئارىلىقىدا"),
    "say_category": _t(
        "第一步：什么问题？请选一类：{names}。",
        "بىرىنچى قەدەم: قانداق مەسىلە؟ بىر تۈرنى تاللاڭ: {names}.",
    ),
    "say_what": _t(
        "第二步：{category}。具体是什么情况？可以选几个：{phrases}。",
        "ئىككىنچى قەدەم: {category}. ئەھۋالى قانداق؟ بىر قانچىنى تاللىسىڭىز بولىدۇ: {phrases}.",
    ),
    "say_where": _t(
        "第三步：在哪里？可以不选：{places}。",
        "ئۈچىنچى قەدەم: قەيەردە؟ تاللىمىسىڭىزمۇ بولىدۇ: {places}.",
    ),
    "say_phone": _t("第四步：手机号。", "تۆتىنچى قەدەم: تېلېفون نومۇرى."),
    "say_phone_private": _t("号码不会读出来。", "نومۇر ئوقۇلمايدۇ."),
    "say_phone_digits": _t("已输入{count}位数字。", "{count} خانە سان كىرگۈزۈلدى."),
    "say_phone_given": _t("已填写", "يېزىلدى"),
    "say_confirm": _t(
        "第五步：请确认。{summary}没问题请按“提交”，要改请按“修改”。",
        "بەشىنچى قەدەم: جەزملەشتۈرۈڭ. {summary} توغرا بولسا “يوللاش” نى بېسىڭ، "
        "ئۆزگەرتمەكچى بولسىڭىز “ئۆزگەرتىش” نى بېسىڭ.",
    ),
    "say_done": _t("已记录，谢谢您！", "خاتىرىلەندى، رەھمەت!"),
    "say_code": _t("您的编号是：{code}。", "نومۇرىڭىز: {code}."),
    "say_code_again": _t("再说一遍：{code}。", "يەنە بىر قېتىم: {code}."),
    "say_idle_continue": _t(
        "要继续，请按“继续使用”。", "داۋاملاشتۇرماقچى بولسىڭىز “داۋاملاشتۇرۇش” نى بېسىڭ."
    ),
    # weekdays, Monday first as date.weekday()
    "weekdays": _t(
        "周一,周二,周三,周四,周五,周六,周日",
        "دۈشەنبە,سەيشەنبە,چارشەنبە,پەيشەنبە,جۈمە,شەنبە,يەكشەنبە",
    ),
    "short_date": _t("{month}月{day}日", "{month}-ئاينىڭ {day}-كۈنى"),
    "date_format": _t("{month}月{day}日 {weekday}", "{month}-ئاينىڭ {day}-كۈنى {weekday}"),
    # punctuation a screen puts between words it builds (the Chinese 、 is no Uyghur comma)
    "list_sep": _t("、", "، "),
    "aside": _t("{text}（{note}）", "{text} ({note})"),
}

# every part's keys are its own (tests/domain/test_one_translation.py), so none replaces another
PARTS: tuple[dict[str, Text], ...] = (
    KIOSK_MESSAGES,
    ECHO_MESSAGES,
    STAFF_MESSAGES,
    STATUS_MESSAGES,
    OFFICE_MESSAGES,
    HOME_MESSAGES,
    LAYOUT_MESSAGES,
)
MESSAGES: dict[str, Text] = {key: text for part in PARTS for key, text in part.items()}


def message(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, with `{placeholders}` filled in."""
    text = MESSAGES[key].get(lang)
    return text.format(**values) if values else text


def weekday_name(weekday: int, lang: str) -> str:
    return message("weekdays", lang).split(",")[weekday]
