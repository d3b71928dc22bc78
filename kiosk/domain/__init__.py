"""Pure domain: what the kiosk knows, with no Kivy, SQLite or HTTP in sight.

May import: nothing of ours but itself, and no framework (no kivy, pydantic, sqlalchemy, fastapi,
requests, yaml): the standard library and small pure helpers only. Everything else imports it.
"""
