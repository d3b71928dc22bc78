"""The home screen's resident controls and the one calm line a resident may see there.

Part of `kiosk.domain.messages.MESSAGES` (its keys are its own). Button words are short on
purpose: five 20 mm controls share one row of the 800x480 panel, so a word has about 21 mm,
three Han characters at body size. Uyghur wording should be reviewed by a native speaker on site.
"""

from __future__ import annotations

from kiosk.domain.text import Text
from kiosk.domain.text import zh_ug as _t

HOME_MESSAGES: dict[str, Text] = {
    # words beside the home screen's control pictograms
    "ctl_say_again": _t("再听", "قايتا"),
    "ctl_speech_on": _t("有声", "ئاۋاز"),
    "ctl_speech_off": _t("静音", "ئۈنسىز"),
    "ctl_volume_normal": _t("正常", "نورمال"),
    "ctl_volume_loud": _t("大声", "يۇقىرى"),
    "ctl_volume_quiet": _t("小声", "تۆۋەن"),
    "ctl_bigger_text": _t("大字", "چوڭ خەت"),
    # said at the new loudness after a tap on the volume button
    "volume_normal": _t("音量正常。", "ئاۋاز نورمال."),
    "volume_loud": _t("音量调大了。", "ئاۋاز يۇقىرى."),
    "volume_quiet": _t("音量调小了。", "ئاۋاز تۆۋەن."),
    # the one calm line a resident sees when something affects them (technical detail: staff panel)
    "calm_no_receipts": _t("今天不打印回执", "بۈگۈن تالون بېسىلمايدۇ"),
    # the phone pad's read-back before confirming: the count and the last four digits only
    "say_phone_check": _t("共{count}位，尾号{last4}", "{count} خانە، ئاخىرى {last4}"),
}
