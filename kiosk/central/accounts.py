"""Who may talk to the server: staff accounts (name and password) and kiosks (device id and key).

A kiosk's API key is shown once, when it is made, and only its hash is kept: a lost key is
replaced (`rotate=True`), never recovered. Nothing here prints; the CLI decides what to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    and_,
    bindparam,
    insert,
    select,
    update,
)

from kiosk.central import db, times
from kiosk.central.errors import Open311Error
from kiosk.central.passwords import (
    hash_password,
    new_secret,
    secret_hash,
    verify_password,
    waste_a_check,
)
from kiosk.domain.ticket_code import KIOSK_DIGITS
from kiosk.wire.device import device_id as wire_device_id

MAX_NAME = 100
NOT_VALID = "api_key is missing or not valid"  # posting_kiosk's 403


class AccountError(ValueError):
    """An account cannot be made or changed as asked; the message says why, in plain words."""


@dataclass(frozen=True)
class Kiosk:
    id: int
    device_id: str  # "001", as in Open311's device_id and the first digits of its ticket codes
    name: str


def device_id(number: int | str) -> str:
    """'1', 1 or '001' -> '001'; AccountError for anything that is not a kiosk number."""
    text = str(number).strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) < 10**KIOSK_DIGITS:
        raise AccountError(f"a kiosk number is 1 to {10**KIOSK_DIGITS - 1}, got {number!r}")
    return wire_device_id(int(text))


def add_staff(
    engine: Engine, name: str, password: str, *, now: datetime, reset: bool = False
) -> None:
    """Make a staff account, or with `reset` give an existing one a new password."""
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise AccountError(f"a staff name is 1 to {MAX_NAME} characters")
    try:
        hashed = hash_password(password)
    except ValueError as error:
        raise AccountError(str(error)) from None
    with db.writing(engine) as conn:
        exists = conn.execute(select(db.staff.c.id).where(db.staff.c.name == name)).scalar()
        if exists is not None and not reset:
            raise AccountError(f"staff {name!r} exists already; use --reset for a new password")
        if exists is None and reset:
            raise AccountError(f"there is no staff {name!r} to reset")
        if exists is None:
            conn.execute(
                insert(db.staff).values(name=name, password_hash=hashed, created=times.to_db(now))
            )
        else:
            conn.execute(
                update(db.staff)
                .where(db.staff.c.id == exists)
                .values(password_hash=hashed, active=True)
            )
            conn.execute(db.sessions.delete().where(db.sessions.c.staff_id == exists))


def check_staff(conn: Connection, name: str, password: str) -> int | None:
    """The staff id when name and password match an active account, else None."""
    row = conn.execute(
        select(db.staff.c.id, db.staff.c.password_hash).where(
            db.staff.c.name == name.strip(), db.staff.c.active
        )
    ).first()
    if row is None:
        waste_a_check(password)
        return None
    return int(row.id) if verify_password(password, row.password_hash) else None


def add_kiosk(
    engine: Engine, number: int | str, *, now: datetime, name: str = "", rotate: bool = False
) -> str:
    """Register kiosk `number` (or with `rotate` replace its key); returns the new API key."""
    device = device_id(number)
    key = new_secret()
    with db.writing(engine) as conn:
        exists = conn.execute(
            select(db.kiosks.c.id).where(db.kiosks.c.device_id == device)
        ).scalar()
        if exists is not None and not rotate:
            raise AccountError(f"kiosk {device} exists already; use --rotate for a new key")
        if exists is None and rotate:
            raise AccountError(f"there is no kiosk {device} to give a new key")
        if exists is None:
            conn.execute(
                insert(db.kiosks).values(
                    device_id=device, name=name, key_hash=secret_hash(key), created=times.to_db(now)
                )
            )
        else:
            values: dict[str, object] = {"key_hash": secret_hash(key), "active": True}
            if name:
                values["name"] = name
            conn.execute(update(db.kiosks).where(db.kiosks.c.id == exists).values(**values))
    return key


def posting_kiosk(conn: Connection, api_key: str) -> Kiosk:
    """The active kiosk whose key a kiosk POST carries, or Open311Error 403."""
    kiosk = kiosk_for_key(conn, api_key)
    if kiosk is None:
        raise Open311Error(403, NOT_VALID)
    return kiosk


KIOSK_COLUMNS = (db.kiosks.c.id, db.kiosks.c.device_id, db.kiosks.c.name)  # read by kiosk_from


# Where the active kiosk whose key hashes to the parameter `key_hash` (key_params): the one rule
# a kiosk POST is let in by. Written once with a parameter, so the statements that use it are
# built once too (building a statement a POST was ~0.1 ms of its CPU, issue 18).
HOLDS_KEY: ColumnElement[bool] = and_(
    db.kiosks.c.key_hash == bindparam("key_hash"), db.kiosks.c.active
)


def key_params(api_key: str) -> dict[str, str]:
    """HOLDS_KEY's parameter for the key a kiosk POST carries."""
    return {"key_hash": secret_hash(api_key)}


def kiosk_from(row: Row[*tuple[Any, ...]]) -> Kiosk:
    """The kiosk in a row that selected KIOSK_COLUMNS."""
    return Kiosk(id=row.id, device_id=row.device_id, name=row.name)


_KIOSK_FOR_KEY = select(*KIOSK_COLUMNS).where(HOLDS_KEY)


def kiosk_for_key(conn: Connection, api_key: str) -> Kiosk | None:
    if not api_key:
        return None
    row = conn.execute(_KIOSK_FOR_KEY, key_params(api_key)).first()
    return None if row is None else kiosk_from(row)
