"""One visitor's session: speech on or off, the idle warning, and the reset that clears it all.

A mixin of the app, kept apart so the app module stays about screens, navigation and config.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kivy.properties import OptionProperty

from kiosk.config.files import asset
from kiosk.config.model import KioskConfig
from kiosk.core.services import Services
from kiosk.domain.messages import message
from kiosk.domain.prompts import idle_warning_prompt
from kiosk.domain.spoken import as_spoken
from kiosk.domain.text import Languages
from kiosk.ui.idle import IdleTimer, IdleWarning
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.tap_guard import TapGuard
from kiosk.ui.theme import Theme

# Played through the speaker, so they follow the resident's volume, the speech-off button and
# the touch that stops speech, exactly like the words.
CHIME = asset("sounds", "chime.wav")  # before the idle warning: for someone who turned away
CLICK = asset("sounds", "click.wav")  # a number-pad key was taken

# The home screen's volume button steps through these, starting at the configured volume; each
# visit starts again at "normal" (Section 508 402.3.2: reset to the default after every use).
# "loud" is full scale: staff set speech.volume below 1.0 to leave a resident room to go louder.
VOLUME_STEPS = ("normal", "loud", "quiet")
QUIET = 0.6  # of the configured volume


def volume_for(level: str, configured: float) -> float:
    """The speaker volume (0..1) of a volume step, from the configured (default) volume."""
    if level == "loud":
        return 1.0
    if level == "quiet":
        return configured * QUIET
    return configured


class SessionMixin:
    """Needs from the app what the annotations below name (KioskApp has them all)."""

    # This visit's volume step (a Kivy property: the home screen's button shows it).
    volume_level = OptionProperty("normal", options=list(VOLUME_STEPS))

    services: Services
    kiosk_config: KioskConfig
    screens: Any  # Kivy's ScreenManager, None until build()
    lang: str
    theme: Theme
    languages: Languages
    speech_on: bool
    idle: IdleTimer | None
    _idle_warning: IdleWarning | None
    _hushed: bool
    _last_touch: float  # monotonic time of the last touch or key (for the signage loop)
    tap_guard: TapGuard  # the warning opening or closing changes what is under the finger

    if TYPE_CHECKING:  # the app's own; declared for the checker only, so nothing shadows them

        @property
        def current_screen(self) -> KioskScreen: ...

        def go(self, name: str) -> None: ...

        def go_home(self) -> None: ...

        def set_language(self, lang: str) -> None: ...

    # --- speech ---------------------------------------------------------------------------------
    def speak_screen(self) -> None:
        """Say the current screen's prompt; a new prompt replaces whatever was playing."""
        if not self.speech_on or self._hushed or self.screens is None:
            return
        screen = self.current_screen
        spoken = as_spoken(screen.prompt(), self.lang)
        if len(spoken.parts) > 1:  # a staff text in the other language: each part in its voice
            self.services.speaker.say_parts(spoken.parts)
        elif spoken.parts:
            ((text, lang),) = spoken.parts
            self.services.speaker.say_prompt(screen.name, text, lang=lang)

    def repeat_prompt(self) -> None:
        if not self.speech_on:
            self.speech_on = True
        self.speak_screen()

    def toggle_speech(self) -> None:
        self.speech_on = not self.speech_on
        if self.speech_on:
            self.speak_screen()
        else:
            self.services.speaker.stop()

    def step_volume(self) -> None:
        """The next volume step, said at its new loudness so the resident hears the difference;
        asking for a volume means wanting sound, so it turns speech on too."""
        steps = VOLUME_STEPS
        self.volume_level = steps[(steps.index(self.volume_level) + 1) % len(steps)]
        configured = self.kiosk_config.speech.volume
        self.services.speaker.set_volume(volume_for(self.volume_level, configured))
        self.speech_on = True
        self._hushed = False
        self._say(message(f"volume_{self.volume_level}", self.lang))

    def toggle_bigger_text(self) -> None:
        """Bigger words on every screen for this visit; targets keep their size (theme.py)."""
        self.theme.set_bigger_text(not self.theme.bigger_text)
        if self.screens is not None:
            self.current_screen.refresh()

    def say(self, text: str) -> None:
        """Something short that is not a screen's prompt (a digit count, a warning)."""
        self._say(text)

    def key_click(self, then_say: str = "") -> None:
        """A number-pad key was taken: a short click, then `then_say` (a digit count, never
        the digits). Like speech it waits for nothing, and the next touch cuts it."""
        self._say(then_say, lead_in=CLICK)

    def _say(self, text: str, *, lead_in: Path | None = None) -> None:
        # Speech off for this visit means silence: no chime or click either.
        if self.speech_on and (text or lead_in is not None):
            self.services.speaker.say(text, lang=self.lang, lead_in=lead_in)

    def activity(self) -> None:
        self._last_touch = self.services.monotonic()
        self._hushed = False
        self.services.speaker.stop()  # any touch cuts speech off at once (Section 508 402)
        if self.idle is not None:
            self.idle.poke()

    def _tick(self, _dt: float) -> None:
        if self.idle is not None:
            self.idle.tick()
        self.attract_tick()

    def attract_tick(self) -> None:
        """Signage after `idle.attract_seconds` untouched at home; the next slide when due."""
        if self.screens is None:
            return
        idle = self.kiosk_config.idle
        now = self.services.monotonic()
        if self.screens.current == "attract":
            self.current_screen.advance(now, idle.attract_slide_seconds)
        elif (
            self.screens.current == "home"
            and idle.attract_seconds > 0
            and not self.idle_warning_open
            and now - self._last_touch >= idle.attract_seconds
        ):
            self.go("attract")

    def _on_key_down(self, *_args: Any) -> None:
        self.activity()

    def anything_to_clear(self) -> bool:
        assert self.screens is not None
        return (
            self.screens.current not in ("home", "attract")
            or self.lang != self.languages.default
            or not self.services.form.is_empty
            or self.volume_level != "normal"
            or self.theme.bigger_text
        )

    def reset_session(self) -> None:
        """Clear what the last person entered, restore the default language, volume and text
        size (Section 508 402.3.2: volume back to the default after each use), go home."""
        self._hide_idle_warning()
        assert self.screens is not None
        for screen in self.screens.screens:
            screen.reset()
        self.services.speaker.stop()
        self.services.speaker.reset_volume()
        self.volume_level = "normal"
        self.theme.set_bigger_text(False)
        self.speech_on = True
        self._hushed = True  # nobody is there: the home screen waits quietly for the next touch
        self.go_home()
        self.set_language(self.languages.default)

    def keep_going(self) -> None:
        self.activity()

    def _show_idle_warning(self, seconds: int) -> None:
        if self._idle_warning is None:
            self._idle_warning = IdleWarning(tap_guard=self.tap_guard)
            self._idle_warning.bind(
                on_touch_down=lambda *_a: self.activity(),
                on_keep_going=lambda *_a: self.keep_going(),
            )
        self._idle_warning.seconds = seconds
        self._idle_warning.open(animation=False)
        self.tap_guard.changed()
        self._say(idle_warning_prompt(seconds, self.lang), lead_in=CHIME)

    def _update_idle_warning(self, seconds: int) -> None:
        if self._idle_warning is not None:
            self._idle_warning.seconds = seconds

    def _hide_idle_warning(self) -> None:
        if self._idle_warning is not None and self._idle_warning.parent is not None:
            self._idle_warning.dismiss(animation=False)
            self.tap_guard.changed()  # the screen is under the finger again

    @property
    def idle_warning_open(self) -> bool:
        return self._idle_warning is not None and self._idle_warning.parent is not None
