"""The only package that imports Kivy. Call `kiosk.ui.env.prepare_kivy` before the rest.

May import: `kiosk.core` (its `Services` carry everything a screen uses), `kiosk.domain`,
`kiosk.config`, `kiosk.receipt`, `kiosk.speech`, and itself; never `kiosk.cli`, which hands it
already composed services.
"""
