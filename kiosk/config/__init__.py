"""The staff YAML: typed schema, loader reporting every error as FILE:LINE: key: message, and
live reload keeping the last good config.

May import: `kiosk.domain`, and itself.
"""
