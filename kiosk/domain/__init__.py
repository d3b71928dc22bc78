"""Pure domain: what the kiosk knows, with no Kivy, SQLite or HTTP in sight."""
