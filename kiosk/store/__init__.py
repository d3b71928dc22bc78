"""SQLite storage: the kiosk's ticket book and the outbox the sync worker drains.

Import the modules themselves (db, outbox, ticket_book, remote, ratings, reserve): this package
imports none of them, so a command that only needs `StoreError` does not open the rest.

May import: `kiosk.domain`, `kiosk.wire`, `kiosk.config`, and itself.
"""
