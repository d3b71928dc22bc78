"""What a USB stick did, told to the staff member standing at the kiosk (issue 19).

A card over the screen in both languages at once (whoever plugged the stick in reads one of
them), spoken in both, with the reason for a refusal as the validator wrote it (FILE:LINE), so
the file can be fixed and the stick plugged in again. It closes itself after a while or at a
tap anywhere. The stick watcher itself (kiosk.core.stick) knows nothing of Kivy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kivy.clock import Clock
from kivy.properties import StringProperty
from kivy.uix.modalview import ModalView

from kiosk.core.stick import StickResult, StickWatcher
from kiosk.domain.messages import message
from kiosk.ui.kv_rules import UI_DIR, load_kv

SHOWN_SECONDS = 30.0


class StickNotice(ModalView):
    """The card: a tap anywhere closes it (no button takes the room its words need)."""

    zh = StringProperty("")
    ug = StringProperty("")
    reason = StringProperty("")

    def on_touch_down(self, touch: Any) -> bool:
        self.dismiss(animation=False)
        return True


def texts(result: StickResult) -> dict[str, str]:
    """The card's line in each language."""
    key = "stick_refused" if result.problem else "stick_used"
    return {lang: message(key, lang, count=result.notices) for lang in ("zh", "ug")}


def show(app: Any, result: StickResult) -> StickNotice:
    """Open the card on `app` (the UI thread) and say it in both languages."""
    load_kv(UI_DIR / "stick_notice.kv")
    said = texts(result)
    card = StickNotice(zh=said["zh"], ug=said["ug"], reason=result.problem)
    card.open(animation=False)
    Clock.schedule_once(lambda _dt: card.dismiss(animation=False), SHOWN_SECONDS)
    app.services.speaker.say_parts([(said["zh"], "zh"), (said["ug"], "ug")])
    return card


def watch_sticks(app: Any, root: Path) -> StickWatcher | None:
    """Start watching `root` for sticks when this kiosk keeps content; results go to `show`."""
    keeper = app.services.content
    if keeper is None:
        return None

    def told(result: StickResult) -> None:
        Clock.schedule_once(lambda _dt: None if app.stopped else show(app, result))

    watcher = StickWatcher(keeper, on_result=told, root=root)
    watcher.start()
    return watcher
