"""Policy notices (政策宣传): pinned first, then newest; pages of titles, one in large text."""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty

from kiosk.domain.content import Notice
from kiosk.domain.messages import message
from kiosk.domain.notices import visible_notices
from kiosk.domain.paging import Page, paginate
from kiosk.domain.prompts import notice_detail_prompt, notices_prompt
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import BigButton, ButtonPool

TITLE_LINES_LANDSCAPE = 2  # a row holds a title of this many lines of body text
TITLE_LINES_PORTRAIT = 3  # a Uyghur title takes three lines in a portrait row
LINE_EM = 1.33  # UKIJ's line height


def notice_icon(notice: Notice) -> str:
    if notice.urgent:
        return "safety"
    return "pinned" if notice.pinned else "notices"


class NoticesScreen(KioskScreen):
    prefill = True
    page = NumericProperty(0)
    page_label = StringProperty("")
    has_prev = BooleanProperty(False)
    has_next = BooleanProperty(False)
    showing_detail = BooleanProperty(False)
    detail: Notice | None = ObjectProperty(None, allownone=True)
    detail_title = StringProperty("")
    detail_meta = StringProperty("")
    detail_body = StringProperty("")
    detail_image = StringProperty("")
    empty_text = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool = ButtonPool(self._open_row, kind="plain")
        self._page: Page[Notice] | None = None

    def rows_per_page(self) -> int:
        """As many notices as rows tall enough for their titles fit in the list's height: the
        count follows the display instead of a fixed two."""
        theme = self.shell.theme
        lines = TITLE_LINES_PORTRAIT if theme.portrait else TITLE_LINES_LANDSCAPE
        row = max(theme.target, lines * theme.font_body * LINE_EM + 2 * theme.pad)
        height = self.ids.rows.height
        return max(1, int((height + theme.gap) // (row + theme.gap)))

    def on_kv_post(self, base_widget: Any) -> None:
        self.ids.rows.bind(height=self._list_resized)

    def _list_resized(self, *_args: Any) -> None:
        # a display change, or the first layout: the count per page may change with the height
        page = self._page
        if self.showing_detail or self.ids.rows.height <= 1 or page is None:
            return
        if len(page.items) != min(self.rows_per_page(), len(self.visible())):
            self.refresh()

    def reset(self) -> None:
        self.page = 0
        self.detail = None
        self.showing_detail = False

    def handle_back(self) -> bool:
        if self.showing_detail:
            self.detail = None
            self.showing_detail = False
            self.refresh()
            self.shell.speak_screen()
            return True
        return False

    def visible(self) -> list[Notice]:
        config = self.services.config()
        return visible_notices(config.content.notices, today=self.services.now().date())

    def refresh(self) -> None:
        shell = self.shell
        lang = shell.lang
        notices = self.visible()
        rows = self.rows_per_page()
        page = paginate(notices, rows, int(self.page))
        self._page = page
        self.page = page.index
        self.has_prev, self.has_next = page.has_prev, page.has_next
        self.page_label = f"{page.number}/{page.page_count}"  # compact: portrait has 2 cm for it
        self.empty_text = "" if notices else message("no_notices", lang)
        if self.detail is not None:
            self.ids.rows.clear_widgets()  # hidden rows must not take touches
            self._show(self.detail, lang)
        else:
            self._fill_rows(page.items, lang)

    def _fill_rows(self, items: tuple[Notice, ...], lang: str) -> None:
        rows = [(n, notice_icon(n), n.title.get(lang)) for n in items]
        self._pool.fill(self.ids.rows, rows)

    def _open_row(self, row: BigButton) -> None:
        self.open_notice(row.value)

    def open_notice(self, notice: Notice) -> None:
        self.detail = notice
        self.showing_detail = True
        self.refresh()
        self.ids.detail_scroll.scroll_y = 1
        self.shell.speak_screen()

    def prompt(self) -> str:
        lang = self.shell.lang
        if self.detail is not None:
            return notice_detail_prompt(self.detail, lang)
        if self._page is None:
            return ""
        return notices_prompt(
            self._page.items, lang, page=self._page.number, pages=self._page.page_count
        )

    def _show(self, notice: Notice, lang: str) -> None:
        self.detail_title = notice.title.get(lang)
        meta = message("published_on", lang, date=notice.publish.isoformat())
        if notice.urgent:
            meta = message("urgent", lang) + " · " + meta
        self.detail_meta = meta
        self.detail_body = notice.body.get(lang)
        self.detail_image = str(notice.image) if notice.image and notice.image.is_file() else ""

    def turn(self, step: int) -> None:
        if self.showing_detail:
            self.scroll(step)
            return
        self.page += step
        self.refresh()
        self.shell.speak_screen()

    def scroll(self, step: int) -> None:
        """Move the long text by most of a screen: a button press, not a swipe."""
        view = self.ids.detail_scroll
        overflow = view.children[0].height - view.height
        if overflow <= 0:
            return
        delta = view.height * 0.8 / overflow
        view.scroll_y = min(1.0, max(0.0, view.scroll_y - step * delta))
