"""The reference central server: receives the kiosks' Echo Book tickets, lets staff answer them.

It speaks Open311 GeoReport v2 (JSON) with an `Idempotency-Key` on every POST (DESIGN.md §3),
serves the staff page and the public status page the receipt's QR code points to, and feeds the
Echo Wall through `GET /requests.json?status=closed`. Install with the `central` extra.

May import: `kiosk.domain`, `kiosk.wire` (the Open311 fields it shares with the kiosk) and
`kiosk.config`, and itself; never the kiosk's store, sync, UI or commands (kiosk.cli runs it).

Modules, each one idea: settings (what a server is started with), db (tables, engine,
migrations), times (instants in and out), services (categories as Open311 services), intake
(reading a kiosk's POST), tickets (the ticket table's queries), idempotency (run a POST once),
errors (Open311's error format), passwords, accounts (staff and kiosk keys), sessions (staff log-in,
CSRF, rate limit), open311 / staff / status_page (routes), i18n, openapi, app (the factory),
openapi_file (the committed document). Its commands are kiosk.cli.central's.
"""
