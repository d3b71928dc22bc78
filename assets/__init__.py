"""Echo Kiosk's own files, installed as the package `kiosk.assets` (see README.md here).

No code: `kiosk.config.files` finds these files through `importlib.resources`.
"""
