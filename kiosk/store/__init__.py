"""SQLite storage: the kiosk's ticket book and the outbox the sync worker drains.

Import the modules themselves (db, errors, outbox, ticket_book, remote, ratings, reserve): this
package imports none of them, and `StoreError` lives in `errors`, so a command that only reports it
imports neither SQLite nor the rest.

May import: `kiosk.domain`, `kiosk.wire`, `kiosk.config`, and itself.
"""
