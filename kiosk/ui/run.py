"""`kiosk run`: the full-screen kiosk (or a window for development)."""

from __future__ import annotations

from kiosk.bootstrap import Wiring
from kiosk.ui.env import WindowMode, prepare_kivy


def run_kiosk(wiring: Wiring, *, windowed: bool) -> int:
    display = wiring.config.current.display
    prepare_kivy(
        WindowMode(
            width=display.width,
            height=display.height,
            fullscreen=not windowed,
            lockdown=wiring.lockdown,
            show_cursor=display.show_cursor or windowed,
        ),
        kivy_home=wiring.data_dir / "kivy",
    )
    from kiosk.ui.app import KioskApp

    app = KioskApp(wiring)
    try:
        app.run()
    finally:
        wiring.speaker.close()
    return app.exit_code or 0  # the staff panel's restart or leave (kiosk.ui.staff)
