"""The `kiosk` command: the parser and `main`. Each subcommand composes only what it needs; none
shows staff a traceback."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import central, speak, tickets
from kiosk.config.errors import ConfigInvalid, ConfigUnreadable
from kiosk.core.office import OfficeUnavailableError
from kiosk.store.errors import StoreError

if TYPE_CHECKING:
    from kiosk.core.services import Services  # composed only when a command runs

log = logging.getLogger("kiosk")
Handler = Callable[[argparse.Namespace], int]


def _add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=None, help="the staff YAML file")


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None, help="where tickets are kept")


def _compose(
    args: argparse.Namespace, *, lockdown: bool = True, speaking: bool = False
) -> Services:
    # Imported here so that commands needing no ticket book or printer start light.
    from kiosk.cli import compose
    from kiosk.speech import SilentSpeaker

    return compose.compose(
        config_path=args.config or compose.default_config_path(),
        data_dir=args.data_dir or compose.default_data_dir(),
        lockdown=lockdown,
        speaker=None if speaking else SilentSpeaker("not the kiosk screen"),
    )


def _cmd_sync(args: argparse.Namespace) -> int:
    from kiosk.cli.sync import cmd_sync  # here: the sync package is not `kiosk run`'s to import

    return cmd_sync(_compose(args), args)


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.config.check import log_start_warnings
    from kiosk.ui.run import run_kiosk

    services = _compose(args, lockdown=not args.windowed, speaking=True)
    log_start_warnings(services.config())
    return run_kiosk(services, windowed=args.windowed)


def cmd_screenshot(args: argparse.Namespace) -> int:
    if (
        not os.environ.get("DISPLAY")
        and shutil.which("xvfb-run")
        and not os.environ.get("KIOSK_XVFB")
    ):
        # No screen here (CI, SSH): draw on a virtual one rather than fail.
        os.environ["KIOSK_XVFB"] = "1"
        argv = ["xvfb-run", "-a", "-s", "-screen 0 1280x1280x24", sys.executable, "-m", "kiosk"]
        os.execvp("xvfb-run", argv + sys.argv[1:])
    from kiosk.ui.screenshot import capture_all

    written = capture_all(_compose(args, lockdown=False), args.out)
    print(f"wrote {len(written)} screenshots to {args.out}")
    return 0


def cmd_check_config(args: argparse.Namespace) -> int:
    from kiosk.config.check import check_config

    return check_config(args.file, sys.stdout, sys.stderr)


def cmd_extract_content(args: argparse.Namespace) -> int:
    """The content part of a kiosk.yaml, comments kept, on stdout: the start of content.yaml."""
    from kiosk.config.content_split import content_text
    from kiosk.config.textfile import read_config_text

    sys.stdout.write(content_text(read_config_text(args.file)))
    return 0


def cmd_hash_pin(_args: argparse.Namespace) -> int:
    """Asks twice on a terminal, reads one line when piped; never from argv (shell history)."""
    import getpass

    from kiosk.config.pin import hash_pin

    if sys.stdin.isatty():
        pin = getpass.getpass("New staff PIN (4-12 digits): ")
        if getpass.getpass("Again: ") != pin:
            print("kiosk: the two PINs differ; nothing changed", file=sys.stderr)
            return 1
    else:
        pin = sys.stdin.readline().strip()
    try:
        hashed = hash_pin(pin)
    except ValueError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    print(f'pin_hash: "{hashed}"')
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Echo Kiosk: the community service kiosk and its tools."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debugging detail")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="start the kiosk (full screen, locked down)")
    _add_config(run)
    _add_data_dir(run)
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.set_defaults(handler=cmd_run)

    shot = sub.add_parser("screenshot", help="render every screen to PNG files")
    shot.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    _add_config(shot)
    _add_data_dir(shot)
    shot.set_defaults(handler=cmd_screenshot)

    check = sub.add_parser("check-config", help="check a config file and list every error")
    check.add_argument("file", type=Path)
    check.set_defaults(handler=cmd_check_config)

    extract = sub.add_parser(
        "extract-content", help="print the content part of a kiosk.yaml (to publish it)"
    )
    extract.add_argument("file", type=Path)
    extract.set_defaults(handler=cmd_extract_content)

    tickets.add_commands(
        sub, add_config=_add_config, add_data_dir=_add_data_dir, compose=lambda a: _compose(a)
    )

    sync = sub.add_parser("sync", help="send waiting tickets to the centre and pull its answers")
    sync.add_argument("--once", action="store_true", required=True, help="one round, then exit")
    _add_config(sync)
    _add_data_dir(sync)
    sync.set_defaults(handler=_cmd_sync)

    central.add_subcommands(sub)

    say = sub.add_parser("speak", help="write what the kiosk would say to a WAV file")
    speak.add_speak_arguments(say)
    say.set_defaults(handler=speak.cmd_speak)

    pin = sub.add_parser("hash-pin", help="make the staff.pin_hash line for a new staff PIN")
    pin.set_defaults(handler=cmd_hash_pin)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler: Handler = args.handler
    try:
        return handler(args)
    except ConfigUnreadable as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    except ConfigInvalid as error:
        for item in error.errors:
            print(item, file=sys.stderr)
        return 1
    except (StoreError, OfficeUnavailableError) as error:  # a full disk, a newer file: one line
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
