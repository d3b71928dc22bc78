"""`kiosk central ...`: serve, add a staff account, register a kiosk, write the OpenAPI file.

`add_subcommands(sub)` adds the whole `central` command group to the `kiosk` parser; each handler
takes the parsed arguments and returns an exit code, like the kiosk's own. FastAPI and uvicorn
are imported only when a command runs, so `kiosk` starts light and says what to install when the
`central` extra is missing. The serve loop is here, not in kiosk.central, because it tells
systemd READY and WATCHDOG (kiosk.core.sdnotify), which the server itself need not know.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.central.settings import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    Settings,
    default_config_path,
    default_db_url,
)
from kiosk.cli.central_content import add_content_commands
from kiosk.cli.central_db import add_db, engine_of, friendly
from kiosk.core.sdnotify import keep_alive

if TYPE_CHECKING:
    import uvicorn

log = logging.getLogger("kiosk.central")


def serve(
    *,
    db_url: str | None = None,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    config: Path | None = None,
    base_url: str | None = None,
    workers: int = 1,
) -> int:
    """Run the server in the foreground until Ctrl+C or SIGTERM; returns the exit code.

    `workers` > 1: that many server processes on the port, each listening on its own socket
    (kiosk.cli.central_workers; uvicorn's supervisor restarts one that dies or stops
    answering); for PostgreSQL, where the writes of several
    processes run side by side. SQLite writes one at a time whatever the number."""
    import uvicorn

    from kiosk.central import access_log
    from kiosk.central.app import create_app

    settings = Settings(
        db_url=db_url or default_db_url(),
        config_path=config or default_config_path(),
        base_url=base_url,
    )
    log.info(
        "Echo Kiosk central server on http://%s:%d/ (config %s, %d worker process%s)",
        host,
        port,
        settings.config_path,
        workers,
        "" if workers == 1 else "es",
    )
    if workers > 1:
        from kiosk.cli.central_workers import serve_workers

        return serve_workers(settings, host=host, port=port, workers=workers)
    app = create_app(settings)
    server = uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, proxy_headers=True, server_header=False)
    )
    access_log.install()  # after uvicorn.Config set up its loggers
    asyncio.run(_serve_under_systemd(server))
    return 0


async def _serve_under_systemd(server: uvicorn.Server) -> None:
    """`server.serve()`, telling systemd READY once it listens and WATCHDOG from the same loop."""
    pings = asyncio.create_task(keep_alive(lambda: server.started))
    try:
        await server.serve()
    finally:
        pings.cancel()


def _read_password(name: str) -> str | None:
    """Twice on a terminal; one line when piped (scripts), never from the command line."""
    if sys.stdin.isatty():
        password = getpass.getpass(f"New password for {name}: ")
        if getpass.getpass("Again: ") != password:
            print("kiosk: the two passwords differ; nothing changed", file=sys.stderr)
            return None
        return password
    return sys.stdin.readline().rstrip("\r\n")


@friendly
def cmd_central_serve(args: argparse.Namespace) -> int:
    return serve(
        db_url=args.db,
        host=args.host,
        port=args.port,
        config=args.config,
        base_url=args.base_url,
        workers=args.workers,
    )


@friendly
def cmd_central_add_staff(args: argparse.Namespace) -> int:
    from kiosk.central.accounts import AccountError, add_staff

    password = _read_password(args.name)
    if password is None:
        return 1
    try:
        add_staff(engine_of(args), args.name, password, now=datetime.now(UTC), reset=args.reset)
    except AccountError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    print(f"staff {args.name.strip()}: {'password changed' if args.reset else 'account made'}")
    return 0


@friendly
def cmd_central_add_kiosk(args: argparse.Namespace) -> int:
    """Prints the key once, alone on stdout (for scripts); how to use it goes to stderr."""
    from kiosk.central.accounts import AccountError, add_kiosk

    try:
        key = add_kiosk(
            engine_of(args), args.number, now=datetime.now(UTC), name=args.name, rotate=args.rotate
        )
    except AccountError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    print(key)
    print(
        "kiosk: this key is shown only now. Put it on the kiosk in the file named by "
        "central.api_key_file or the variable named by central.api_key_env.",
        file=sys.stderr,
    )
    return 0


@friendly
def cmd_central_openapi(args: argparse.Namespace) -> int:
    from kiosk.central.openapi_file import DOCUMENT, write

    print(f"wrote {write(args.out or DOCUMENT)}")
    return 0


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"--workers takes a number from 1 to 64, not {text!r}")
    return value


def add_subcommands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `central serve|add-staff|add-kiosk|openapi` to the `kiosk` subparsers `sub`."""
    central = sub.add_parser("central", help="the reference central server")
    commands = central.add_subparsers(dest="central_command", required=True, metavar="COMMAND")

    run = commands.add_parser("serve", help="run the central server")
    add_db(run)
    run.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on ({DEFAULT_HOST})")
    run.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port ({DEFAULT_PORT})")
    run.add_argument("--config", type=Path, default=None, help="the staff YAML (categories)")
    run.add_argument("--base-url", default=None, help="public address, e.g. https://echo.example/")
    run.add_argument(
        "--workers",
        type=_workers,
        default=1,
        help="server processes sharing the port (1); more only helps on PostgreSQL",
    )
    run.set_defaults(handler=cmd_central_serve)

    staff = commands.add_parser("add-staff", help="make a staff account (password from stdin)")
    staff.add_argument("name")
    staff.add_argument("--reset", action="store_true", help="give an existing account a new one")
    add_db(staff)
    staff.set_defaults(handler=cmd_central_add_staff)

    kiosk = commands.add_parser("add-kiosk", help="register a kiosk and print its API key once")
    kiosk.add_argument("number", help="the kiosk's number, community.kiosk_number (1-999)")
    kiosk.add_argument("--name", default="", help="where it stands, e.g. 'hall'")
    kiosk.add_argument("--rotate", action="store_true", help="replace the key of a known kiosk")
    add_db(kiosk)
    kiosk.set_defaults(handler=cmd_central_add_kiosk)

    add_content_commands(commands)

    spec = commands.add_parser("openapi", help="write the OpenAPI document")
    spec.add_argument("--out", type=Path, default=None, help="default: kiosk/central/openapi.json")
    spec.set_defaults(handler=cmd_central_openapi)
