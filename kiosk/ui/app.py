"""The Kivy application: screens, navigation, language, idle reset and config reloads.

Everything outside the UI arrives as `Services` (kiosk.core, composed by kiosk.cli), so the same
app runs on the kiosk, in tests and in the screenshot tool.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from dataclasses import replace
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.properties import BooleanProperty, ListProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import NoTransition

from kiosk.config.errors import ConfigError
from kiosk.config.model import KioskConfig
from kiosk.core.office import OfficeUnavailableError
from kiosk.core.services import Services
from kiosk.core.stick import StickWatcher
from kiosk.core.stop import EXIT_NO_STORE
from kiosk.domain.messages import message
from kiosk.domain.text import is_rtl
from kiosk.ui import crash_guard, lockdown, pictogram_textures
from kiosk.ui.first_frame import AfterFirstFrame
from kiosk.ui.idle import IdleTimer
from kiosk.ui.kv_rules import KV_SHARED, kv_file, load_kv
from kiosk.ui.prewarm import Prewarm
from kiosk.ui.root import KioskRoot
from kiosk.ui.screen_manager import KioskScreens
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.session import SessionMixin
from kiosk.ui.staff import StaffMixin
from kiosk.ui.stick_notice import watch_sticks
from kiosk.ui.tap_guard import TapGuard
from kiosk.ui.theme import Theme, register_fonts

log = logging.getLogger("kiosk.ui")
UI_SWITCH_INTERVAL = 0.001  # seconds; see _after_first_frame
# Screen name -> title message key, in home-screen order. Screen `name` is the class
# kiosk.ui.screens.<name>.<Name>Screen (feedback_what: FeedbackWhatScreen), beside its .kv file.
SCREENS: dict[str, str] = {
    "home": "home",
    "notices": "notices",
    "activities": "activities",
    "feedback": "feedback",
    "feedback_what": "feedback",
    "feedback_where": "feedback",
    "feedback_phone": "feedback",
    "feedback_confirm": "feedback",
    "feedback_done": "feedback",
    "echo_wall": "echo_wall",
    "red_post": "red_post",
    "lookup": "lookup",
    "lookup_result": "lookup",
    "lookup_rate": "lookup",
    "attract": "home",
    "staff_pin": "staff_pin_title",
    "staff_panel": "staff_title",
}


def screen_class(name: str) -> type[KioskScreen]:
    """The class of screen `name`, its module imported now: a cold start imports the home
    screen's only, and each other screen's module as the screen is made after the first frame
    (issue 18: the 16 others and what only they use were ~10 ms of the start)."""
    module = importlib.import_module(f"kiosk.ui.screens.{name}")
    cls = getattr(module, "".join(part.title() for part in name.split("_")) + "Screen", None)
    if not (isinstance(cls, type) and issubclass(cls, KioskScreen)):
        raise TypeError(f"{module.__name__} holds no KioskScreen named for {name!r}")
    return cls


class KioskApp(StaffMixin, SessionMixin, App):
    lang = StringProperty("zh")
    rtl = BooleanProperty(False)
    theme = ObjectProperty(None)
    languages = ObjectProperty(None)
    config_errors = ListProperty([])
    speech_on = BooleanProperty(True)  # per session: the home screen's speaker button

    def __init__(self, services: Services, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services
        self.kiosk_config: KioskConfig = services.config()
        self.theme = Theme()
        self.theme.apply(self.kiosk_config.display)
        self.languages = self.kiosk_config.languages
        self.lang = self.languages.default
        self.rtl = is_rtl(self.lang)
        self.use_kivy_settings = False
        self.title = "Echo Kiosk"
        self.screens: KioskScreens | None = None
        self.prewarm: Prewarm | None = None
        self.history: list[str] = []
        self.idle: IdleTimer | None = None
        self.sticks: StickWatcher | None = None
        self._idle_warning = None
        self._guard: crash_guard.CrashGuard | None = None
        self._events: list[Any] = []
        self._switch_interval: float | None = None  # Python's, while this app runs with its own
        self.stopped = False
        self._hushed = False
        self._last_touch = services.monotonic()
        self.tap_guard = TapGuard(services.monotonic)
        self.init_staff()

    # --- building -----------------------------------------------------------------------------
    def build(self) -> KioskRoot:
        register_fonts()
        pictogram_textures.keep_in(self.services.data_dir / "pictogram-cache")
        load_kv(*KV_SHARED)
        Window.clearcolor = self.theme.background
        # The screens see the config this app has applied (apply_config), not the file's newest.
        self._screen_services = replace(self.services, config=lambda: self.kiosk_config)
        self.screens = KioskScreens(transition=NoTransition())
        self.prewarm = Prewarm(self.screens) if self.services.warm_screens else None
        self.screen("home")  # the rest after the first frame (on_start): a faster cold start
        self.screens.bind(current=lambda *_a: self.tap_guard.changed())
        root = KioskRoot(on_activity=self.activity, tap_guard=self.tap_guard, staff=self)
        root.add_widget(self.screens)
        return root

    def on_start(self) -> None:
        if self.services.lockdown:
            lockdown.lock(Window)
        self._guard = crash_guard.install(self.recover)
        idle = self.kiosk_config.idle
        self.idle = IdleTimer(
            timeout=idle.timeout_seconds,
            warning=idle.warning_seconds,
            on_warn=self._show_idle_warning,
            on_countdown=self._update_idle_warning,
            on_continue=self._hide_idle_warning,
            on_reset=self.reset_session,
            anything_to_clear=self.anything_to_clear,
            now=self.services.monotonic,
        )
        Window.bind(on_key_down=self._on_key_down)
        self._events.append(Clock.schedule_interval(self._tick, 0.5))
        self._events.append(Clock.schedule_interval(lambda _dt: self.staff_tick(), 0.25))
        self._events.append(AfterFirstFrame(Clock, Window, self._after_first_frame))

    def _after_first_frame(self, _dt: float) -> None:
        """What start-up need not wait for: the back office (the store, the sync thread: a store
        that cannot be opened stops the kiosk here), the other screens and the config watcher
        (it reads the file again). Before the first frame is on the window they would share
        the CPU with it, which a resident at a dark screen after a power cut waits for."""
        if self.stopped:
            return
        try:
            self.services.office.get()
        except OfficeUnavailableError as error:
            # As when the store was opened before the first frame: one line, and systemd
            # starts the kiosk again (a card freed, a release rolled forward).
            log.error("kiosk: %s", error)
            self.exit_with(EXIT_NO_STORE)
            return
        self._events.append(Clock.schedule_interval(self._make_next_screen, 0))
        # The watcher and the sync thread share the GIL with this one: a frame waits at most
        # UI_SWITCH_INTERVAL for it, not Python's 5 ms a time (issue 18: frames during a reload).
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(UI_SWITCH_INTERVAL)
        self.services.live.start(on_change=self.config_changed, on_error=self.config_failed)
        self.services.sync.start()
        self.sticks = watch_sticks(self, self.services.stick_root)

    def on_stop(self) -> None:
        self.stopped = True
        if self.prewarm is not None:
            self.prewarm.stop()
        if self.services.office.made:  # a kiosk stopped before its first frame never made it
            self.services.sync.close()
        if self.sticks is not None:
            self.sticks.stop()
        if self.screens is not None:
            self.screens.transition.stop()  # a screen still switching must not enter later
            self.screens.current_screen.dispatch("on_leave")  # stops the home screen's clock
        self.services.live.stop()
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)
        for event in self._events:
            event.cancel()
        Window.unbind(on_key_down=self._on_key_down)
        if self.services.lockdown:
            lockdown.unlock(Window)
        if self._guard is not None:
            crash_guard.uninstall(self._guard)
        if self._idle_warning is not None:
            self._idle_warning.dismiss(animation=False)

    def open_settings(self, *_args: Any) -> bool:
        return False  # F1 must not open Kivy's settings panel on a public kiosk

    # --- texts for kv ---------------------------------------------------------------------------
    def t(self, key: str, lang: str, **values: Any) -> str:
        return message(key, lang, **values)

    # --- screens, made on demand ------------------------------------------------------------------
    def screen(self, name: str) -> KioskScreen:
        """Screen `name`, made now if it was not yet. Start-up makes only home; the others follow
        one per frame once the home screen has been drawn, so a power cut is back to a usable kiosk
        sooner, and a touch before they are all made just makes its own screen first."""
        assert self.screens is not None
        if not self.screens.has_screen(name):
            cls = screen_class(name)
            load_kv(kv_file(cls))
            self.screens.add_laid_out(
                cls(name=name, title_key=SCREENS[name], services=self._screen_services, shell=self),
                Window.size,
            )
        return self.screens.get_screen(name)  # type: ignore[no-any-return]  # Kivy is untyped

    def missing_screens(self) -> list[str]:
        """Screens not made yet: one is made a frame once the first frame is drawn, or at once
        when a tap opens it."""
        assert self.screens is not None
        return [name for name in SCREENS if not self.screens.has_screen(name)]

    def started(self) -> bool:
        """Every screen made and each drawn once off the window: kiosk.ui.run keeps what start-up
        made out of the collector's full passes then (systemd hears READY once they are made)."""
        warming = self.prewarm is not None and self.prewarm.busy
        return not self.missing_screens() and not warming

    def _make_next_screen(self, _dt: float) -> bool:
        missing = self.missing_screens()
        if missing:
            self.screen(missing[0])
        if len(missing) > 1:
            return True
        # All made: each drawn once off the window, and what the first ticket needs made ready
        # off this thread.
        self._prewarm_others()
        threading.Thread(target=self.services.desk.warm_up, name="warm-up", daemon=True).start()
        return False  # the interval stops

    def _prewarm_others(self) -> None:
        assert self.screens is not None
        if self.prewarm is None:
            return
        current = self.screens.current
        self.prewarm.start(s for s in self.screens.screens if s.name != current)

    # --- navigation -----------------------------------------------------------------------------
    @property
    def current_screen(self) -> KioskScreen:
        assert self.screens is not None
        return self.screens.current_screen  # type: ignore[no-any-return]  # Kivy is untyped

    def go(self, name: str) -> None:
        assert self.screens is not None
        if name == self.screens.current:
            return
        self.screen(name)
        self.history.append(self.screens.current)
        self.screens.current = name

    def back(self) -> None:
        assert self.screens is not None
        if self.current_screen.handle_back():
            return
        self.screens.current = self.history.pop() if self.history else "home"

    def go_home(self) -> None:
        assert self.screens is not None
        self.history.clear()
        self.screens.current = "home"

    def set_language(self, lang: str) -> None:
        if lang not in self.languages.available:
            return
        self.lang = lang
        self.rtl = is_rtl(lang)
        self.tap_guard.changed()  # mirrored rows put other buttons under the finger
        self.current_screen.refresh()
        self.speak_screen()
        if not self.missing_screens():  # else start-up warms them once they are made
            self._prewarm_others()

    # --- recovery and config --------------------------------------------------------------------
    def recover(self) -> None:
        self._hide_idle_warning()
        self.go_home()

    def config_changed(self, config: KioskConfig) -> None:
        Clock.schedule_once(lambda _dt: self.apply_config(config))

    def config_failed(self, errors: list[ConfigError]) -> None:
        Clock.schedule_once(lambda _dt: self.show_config_errors(errors))

    def apply_config(self, config: KioskConfig) -> None:
        if self.stopped:
            return
        self.kiosk_config = config
        self.languages = config.languages
        self.services.speaker.configure(config.speech)
        self.config_errors = []
        if self.lang not in config.languages.available:
            self.set_language(config.languages.default)
        if self.idle is not None:
            self.idle.timeout = config.idle.timeout_seconds
            self.idle.warning = config.idle.warning_seconds
        self.current_screen.refresh()
        log.info("config reloaded from %s", config.source)

    def show_config_errors(self, errors: list[ConfigError]) -> None:
        if self.stopped:
            return
        self.config_errors = [str(e) for e in errors]
        for error in errors:
            log.warning("config not reloaded: %s", error)
        self.current_screen.refresh()
