"""What the store says when it cannot do as asked, apart from the store itself: a command that
only reports these (`kiosk.cli.main`) need not import SQLite before the kiosk's first frame."""

from __future__ import annotations


class StoreError(Exception):
    """The ticket book or outbox cannot be used as asked."""


class StorageFullError(StoreError):
    """The disk holding the store is full, and no reserve is left to give back."""


class NewerSchemaError(StoreError):
    """The file was written by a newer version of Echo Kiosk; opening it could damage it."""
