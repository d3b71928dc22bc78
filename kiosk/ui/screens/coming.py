"""A plain word for a door whose service has not opened yet: where to go instead."""

from __future__ import annotations

from kivy.properties import StringProperty

from kiosk.ui.screens.base import KioskScreen


class ComingScreen(KioskScreen):
    icon = StringProperty("")
