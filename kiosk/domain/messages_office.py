"""The centre's staff pages' words (tickets, one ticket, kiosks, figures, log-in), Chinese only.

The staff pages are Chinese only today, so these are `zh_only` texts; they still live here, in
the one catalogue (`kiosk.domain.messages.MESSAGES`), so a state, a rating or a printer fault is
worded the same for staff as for residents: the pages use the kiosk's own keys for those
(`state_*`, `rating_*`, `printer_*`, `fig_*`, `code_label`, ...) and only what residents never
see is here. Keys start with `office_` (the community office's pages).
"""

from __future__ import annotations

from kiosk.domain.text import Text, zh_ug
from kiosk.domain.text import zh_only as _z

OFFICE_MESSAGES: dict[str, Text] = {
    # the product's name, in every page's title; the same in both languages as on the receipt
    "echo_book": zh_ug("回音簿", "ئىنكاس دەپتىرى"),
    # the bar on every staff page, and log-in
    "office_tickets": _z("工单"),
    "office_figures": _z("数据"),
    "office_kiosks": _z("终端"),
    "office_log_out": _z("退出"),
    "office_log_in_title": _z("工作人员登录"),
    "office_user_name": _z("用户名"),
    "office_password": _z("密码"),
    "office_log_in": _z("登录"),
    "office_too_many_tries": _z("尝试次数太多，请稍后再试。"),
    "office_busy": _z("服务器正忙，请一分钟后再试。"),
    "office_wrong_password": _z("用户名或密码不对。"),
    # punctuation between the parts of a staff line
    "office_colon": _z("："),
    "office_pause": _z("，"),
    "office_items": _z("；"),
    "office_quote_open": _z("“"),
    "office_quote_close": _z("”"),
    # the ticket list
    "office_all": _z("全部"),
    "office_only_overdue": _z("只看超期"),
    "office_only_unsatisfied": _z("只看居民不满意"),
    "office_filter": _z("筛选"),
    "office_count": _z("{count} 件"),
    "office_only_newest": _z("（只显示最新 {limit} 件）"),
    "office_reported": _z("反映"),
    "office_residents": _z("{count} 人"),
    "office_not_satisfied": _z("居民不满意"),
    "office_overdue": _z("已超期"),
    "office_no_tickets": _z("没有符合条件的工单。"),
    # one ticket
    "office_ticket": _z("工单 {code}"),
    "office_saved": _z("已保存。"),
    "office_follow_up": _z("居民不满意，已重新打开，请跟进"),
    "office_rating": _z("居民评价"),
    "office_no_rating": _z("无"),
    "office_at_kiosk": _z("（终端 {device}）"),
    "office_centre": _z("中心"),
    "office_resident_count": _z("反映人数"),
    "office_place": _z("地点"),
    "office_what": _z("情况"),
    "office_call_back": _z("回电"),
    "office_phone_private": _z("（仅供回电，不得公开）"),
    "office_no_phone": _z("未留电话"),
    "office_handling": _z("办理"),
    "office_status": _z("状态"),
    "office_responsible": _z("负责人"),
    "office_answer_hint": _z("答复（会公布在回音壁和查询页上，请勿写居民姓名、电话）"),
    "office_save": _z("保存"),
    "office_resident_view": _z("居民看到的查询页"),
    "office_history": _z("记录"),
    "office_rated_at_kiosk": _z("居民（终端评价）"),
    "office_choose_status": _z("请选择办理状态。"),
    "office_need_responsible": _z("请填写负责人（不超过 {most} 字）。"),
    "office_answer_too_long": _z("答复不能超过 {most} 字。"),
    "office_closing_needs_answer": zh_ug(
        "办结时必须至少填写一种语言的答复：答复会公布在回音壁上。",
        "تاماملاشتا كەم دېگەندە بىر تىلدا جاۋاب يېزىش كېرەك: جاۋاب ئىنكاس تامىدا ئېلان قىلىنىدۇ.",
    ),
    # answers and the Echo Wall's summary per language (issue 17)
    "office_answer_zh": zh_ug("中文答复", "خەنزۇچە جاۋاب"),
    "office_answer_ug": zh_ug("维吾尔文答复", "ئۇيغۇرچە جاۋاب"),
    "office_summary_zh": zh_ug(
        "中文回音壁摘要（可以不填）", "ئىنكاس تامى قىسقىچە مەزمۇنى (خەنزۇچە، ئىختىيارىي)"
    ),
    "office_summary_ug": zh_ug(
        "维吾尔文回音壁摘要（可以不填）", "ئىنكاس تامى قىسقىچە مەزمۇنى (ئۇيغۇرچە، ئىختىيارىي)"
    ),
    "office_summary_hint": zh_ug(
        "摘要代替居民选的短语公布在回音壁上；不填就公布短语。",
        "قىسقىچە مەزمۇن ئاھالە تاللىغان جۈملىنىڭ ئورنىدا ئېلان قىلىنىدۇ؛ "
        "يېزىلمىسا جۈملە ئېلان قىلىنىدۇ.",
    ),
    "office_summary_too_long": zh_ug(
        "回音壁摘要不能超过 {most} 字。", "قىسقىچە مەزمۇن {most} ھەرپتىن ئاشمىسۇن."
    ),
    "office_resident_lang": zh_ug("居民语言", "ئاھالىنىڭ تىلى"),
    "office_lang_zh": zh_ug("中文", "خەنزۇچە"),
    "office_lang_ug": zh_ug("维吾尔文", "ئۇيغۇرچە"),
    "office_lang_unknown": zh_ug("未记录", "خاتىرىلەنمىگەن"),
    "office_needs_answer_zh": zh_ug("待写中文答复", "خەنزۇچە جاۋاب يېزىلمىدى"),
    "office_needs_answer_ug": zh_ug("待写维吾尔文答复", "ئۇيغۇرچە جاۋاب يېزىلمىدى"),
    "office_only_needs_answer_zh": zh_ug("只看待写中文答复", "خەنزۇچە جاۋابى يوقلىرىنىلا كۆرسىتىش"),
    "office_only_needs_answer_ug": zh_ug(
        "只看待写维吾尔文答复", "ئۇيغۇرچە جاۋابى يوقلىرىنىلا كۆرسىتىش"
    ),
    # kiosks
    "office_kiosk_count": _z("{count} 台终端"),
    "office_troubled": _z("{count} 台需要处理"),
    "office_heartbeat_rule": _z("。终端每几分钟发一次心跳；超过 {minutes} 分钟没有心跳即为离线。"),
    "office_last_heartbeat": _z("最后心跳"),
    "office_warnings": _z("提醒"),
    "office_waiting": _z("待上传"),
    "office_printer": _z("打印机"),
    "office_disk_free": _z("剩余空间"),
    "office_version_uptime": _z("版本 · 运行"),
    "office_config": _z("配置"),
    "office_ok": _z("正常"),
    "office_oldest": _z("最早 {oldest}"),
    "office_running_for": _z("已运行 {uptime}"),
    "office_no_kiosks": _z("还没有登记终端（kiosk central add-kiosk）。"),
    "office_printer_paper_low": _z("纸快用完"),
    "office_printer_none": _z("未配置打印机"),
    "office_printer_unknown": _z("未知"),
    "office_never_seen": _z("从未收到心跳：终端未开机、未联网或 API 密钥不对"),
    "office_silent": _z("离线：已 {duration} 没有心跳"),
    "office_paper_out": _z("打印机缺纸：居民拿不到回执"),
    "office_paper_low": _z("打印纸快用完"),
    "office_unsent": _z("{count} 件未上传，最早的已等 {duration}"),
    "office_config_errors": _z("配置有 {count} 处错误，仍在用上次正确的配置"),
    "office_low_disk": _z("存储空间不足：只剩 {size}"),
    "office_days_hours": _z("{days} 天 {hours} 小时"),
    "office_days": _z("{days} 天"),
    "office_hours_minutes": _z("{hours} 小时 {minutes} 分钟"),
    "office_hours": _z("{hours} 小时"),
    "office_minutes": _z("{minutes} 分钟"),
    "office_just_now": _z("刚刚"),
    "office_ago": _z("{duration}前"),
    # figures
    "office_figures_title": _z("回音壁数据"),
    "office_month": _z("月份"),
    "office_responded": _z("按时响应"),
    "office_rated": _z("评价"),
    "office_response_rate": _z("响应率"),
    "office_solve_rate": _z("办结率"),
    "office_on_time_rate": _z("按时率"),
    "office_satisfaction_rate": _z("满意率"),
    "office_figures_rule": _z(
        "按反映月份统计（社区时间）。响应：类别响应时限内有工作人员首次办理；办结：现在已办结；"
        "按时：在答复期限前办结；满意：最近一次评价为“满意”（“基本满意”不计入）。"
        "与 /figures.json 和各终端回音壁同一算法。"
    ),
    "office_all_categories": _z("全部类别"),
    # content for the kiosks (issue 19)
    "office_content": _z("内容"),
    "office_content_title": _z("终端内容"),
    "office_content_rule": _z(
        "通知、活动、红色驿站、类别（负责人和期限）都在内容文件里。上传后先检查，有错误就一条也不发布；"
        "发布后各终端在下一次同步（约半分钟）时换上；要撤回，在发布记录里按“退回到此版”。屏幕、打印机、声音、中心地址和密钥、"
        "工作人员密码、终端编号留在每台终端自己的 kiosk.yaml 里，内容文件不能改。"
    ),
    "office_content_upload": _z("上传并发布"),
    "office_content_file": _z("内容文件（content.yaml）"),
    "office_content_pictures": _z("文件里提到的图片、日历文件"),
    "office_content_kiosks": _z("只发给这些终端（如 1,3；空着表示全部终端）"),
    "office_content_refused": _z("没有发布，内容文件有以下问题："),
    "office_content_published": _z("已发布第 {version} 版；终端将在下一次同步时换上。"),
    "office_content_history": _z("发布记录"),
    "office_content_version": _z("版本"),
    "office_content_when": _z("时间"),
    "office_content_by": _z("发布人"),
    "office_content_to": _z("发给"),
    "office_content_all_kiosks": _z("全部终端"),
    "office_content_again": _z("退回到此版"),
    "office_content_download": _z("下载"),
    "office_content_none": _z("还没有发布过内容：各终端使用自己的配置文件。"),
    "office_content_running": _z("内容"),
    "office_content_waiting": _z("待换上第 {version} 版"),
    "office_content_cannot": _z("第 {version} 版用不了：{problem}"),
    "office_content_own": _z("本机文件"),
    "office_content_refused_warning": _z(
        "用不了内容第 {version} 版，仍显示原来的（原因见“内容”一栏）"
    ),
}
