"""The only package that imports Kivy. Call `kiosk.ui.env.prepare_kivy` before the rest."""
