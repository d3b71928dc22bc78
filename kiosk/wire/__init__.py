"""The Open311 wire shared by the kiosk and the centre: field names, payloads, `device_id` and the
printer's states, so both sides spell each of them once.

fields (the GeoReport v2 names and our extensions), device (a kiosk's `device_id`), printer (the
heartbeat's words for the printer).

May import: `kiosk.domain`, and itself; no framework.
"""
