"""Texts added for issue 15's content-screen layout: the wall before its first sync and the cue
that a list goes on. A block of its own so the copy review of the other parts merges cleanly.

Part of `kiosk.domain.messages.MESSAGES`. Uyghur wording should be reviewed on site.
"""

from __future__ import annotations

from kiosk.domain.text import Text
from kiosk.domain.text import zh_ug as _t

LAYOUT_MESSAGES: dict[str, Text] = {
    # the Echo Wall before the kiosk has ever heard from the centre: not "0 received"
    "wall_not_received": _t(
        "回音壁的数字还没有收到。联网后会自动更新。",
        "ئىنكاس تېمىنىڭ سانلىرى تېخى كەلمىدى. تورغا ئۇلانغاندىن كېيىن ئۆزلۈكىدىن يېڭىلىنىدۇ.",
    ),
    # under a list that goes on past the screen: a plain word, not only a thin scrollbar
    # {button}: the words on the button that moves on ("下一页", "下一天", "向下")
    "more_below": _t("下面还有，请按“{button}”", "داۋامى بار، “{button}” نى بېسىڭ"),
    # the same, where only a few words fit: between the page buttons
    "more_below_short": _t("下面还有", "داۋامى بار"),
}
