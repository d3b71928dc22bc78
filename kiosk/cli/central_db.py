"""What every `kiosk central` command that opens the database shares: its --db option, the
engine (migrated), and the wrapper that turns expected failures into one line for staff."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.central.settings import DB_URL_ENV, default_db_url

if TYPE_CHECKING:
    from sqlalchemy import Engine

NEED_EXTRA = (
    "kiosk: the central server needs the 'central' extra: pip install 'echo-kiosk[central]'"
)


Handler = Callable[[argparse.Namespace], int]


def friendly(handler: Handler) -> Handler:
    """Expected failures become one line and an exit code, never a traceback."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            from sqlalchemy.exc import SQLAlchemyError

            from kiosk.central.db import NewerSchemaError
        except ModuleNotFoundError as error:
            print(f"{NEED_EXTRA} ({error.name} is missing)", file=sys.stderr)
            return 2
        try:
            return handler(args)
        except ModuleNotFoundError as error:  # e.g. psycopg for a PostgreSQL URL
            print(f"{NEED_EXTRA} ({error.name} is missing)", file=sys.stderr)
            return 2
        except (NewerSchemaError, SQLAlchemyError) as error:
            print(f"kiosk: database: {error}", file=sys.stderr)
            return 1
        except OSError as error:  # e.g. the database's folder cannot be made
            print(f"kiosk: {error}", file=sys.stderr)
            return 1

    return run


def engine_of(args: argparse.Namespace) -> Engine:
    from kiosk.central import db

    engine = db.open_engine(args.db or default_db_url())
    db.migrate(engine)
    return engine


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help=f"sqlite:///FILE or postgresql+psycopg://USER@HOST/DB (default: ${DB_URL_ENV}, "
        "else central.sqlite3 in the data folder)",
    )
