"""The way to the staff panel: the hidden corner press, the PIN lock, and the exits.

A mixin of the app, like the session. Only a right PIN sets `staff_unlocked`; leaving the panel
by any route (Close, Home, Back, the idle reset) clears it again, so the panel is never reachable
without the PIN. Without `staff.pin_hash` in the config the gesture only writes to the log:
residents see nothing.

Exits (decided here, documented in deploy/): "restart" ends the app with EXIT_RESTART (75), which
the service's Restart=always starts again; "leave kiosk mode" drops the lock-down and ends with
EXIT_LEAVE_KIOSK (3), which the service must list in RestartPreventExitStatus= so it stays down
until the next boot or `systemctl start`. Tests replace `exit_with`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kivy.core.window import Window

from kiosk.config.model import KioskConfig
from kiosk.core.services import Services
from kiosk.core.stop import EXIT_LEAVE_KIOSK, EXIT_RESTART
from kiosk.domain.corner_hold import CornerHold
from kiosk.domain.pin_lock import PinLock
from kiosk.ui import lockdown
from kiosk.ui.theme import Theme

log = logging.getLogger("kiosk.ui.staff")
CORNER_MM = 15.0  # the corner square: smaller than a button, so it is never hit by chance
SLOP_MM = 4.0  # a finger resting still still wobbles this much


class StaffMixin:
    """Needs from the app what the annotations below name (KioskApp has them all)."""

    services: Services
    kiosk_config: KioskConfig
    screens: Any  # Kivy's ScreenManager, None until build()
    theme: Theme
    rtl: bool
    staff_unlocked: bool = False
    exit_code: int | None = None

    if TYPE_CHECKING:  # the app's own; declared for the checker only, so nothing shadows them

        def screen(self, name: str) -> Any: ...

        def go(self, name: str) -> None: ...

        def go_home(self) -> None: ...

        def stop(self) -> None: ...

    def init_staff(self) -> None:
        clock = self.services.monotonic
        self.pin_lock = PinLock(clock)
        self.corner_hold = CornerHold(clock, self.staff_gesture)
        self.exit_with: Callable[[int], None] = self._exit_app

    # --- the gesture ----------------------------------------------------------------------------
    def staff_touch_down(self, touch: Any, taken: bool) -> None:
        """`taken`: a widget (a button) took the touch, so it is a normal tap, not the gesture."""
        mm = self.theme.px_per_mm
        corner = not taken and CornerHold.in_corner(
            touch.x,
            touch.y,
            width=Window.width,
            height=Window.height,
            size=CORNER_MM * mm,
            rtl=self.rtl,
        )
        self.corner_hold.down(touch.uid, touch.x, touch.y, in_corner=bool(corner))

    def staff_touch_move(self, touch: Any) -> None:
        self.corner_hold.move(touch.uid, touch.x, touch.y, slop=SLOP_MM * self.theme.px_per_mm)

    def staff_touch_up(self, touch: Any) -> None:
        self.corner_hold.up(touch.uid)

    def staff_tick(self) -> None:
        self.corner_hold.tick()

    def staff_gesture(self) -> None:
        if not self.kiosk_config.staff.pin_hash:
            log.warning("staff panel asked for, but the config has no staff.pin_hash")
            return
        log.info("staff panel: PIN asked for")
        self.go("staff_pin")

    # --- the panel ------------------------------------------------------------------------------
    def open_staff_panel(self) -> None:
        """Only the PIN screen calls this, after a right PIN; Back from the panel skips the pad."""
        self.staff_unlocked = True
        self.screen("staff_panel")
        self.screens.current = "staff_panel"

    def close_staff_panel(self) -> None:
        self.staff_unlocked = False
        self.go_home()

    def leave_kiosk_mode(self) -> None:
        log.warning("staff left kiosk mode (exit %d)", EXIT_LEAVE_KIOSK)
        lockdown.unlock(Window)
        self.exit_with(EXIT_LEAVE_KIOSK)

    def restart_kiosk(self) -> None:
        log.warning("staff restarted the kiosk (exit %d)", EXIT_RESTART)
        self.exit_with(EXIT_RESTART)

    def _exit_app(self, code: int) -> None:
        self.exit_code = code
        self.stop()
