"""`kiosk central content publish|list`: staff publish a content file to the kiosks (issue 19).

`publish FILE` checks the file and the images it names exactly as a kiosk would and prints every
error as FILE:LINE, publishing nothing until it is clean; `--kiosks 1,3` publishes to those
kiosks only; `publish --again N` puts version N in force again (a rollback). `list` shows the
versions with who published them and when, and which one each kiosk is sent.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime
from pathlib import Path

from kiosk.cli.central_db import add_db, engine_of, friendly


def _kiosks(text: str) -> list[str]:
    from kiosk.central.accounts import AccountError, device_id

    try:
        return [device_id(part) for part in text.split(",") if part.strip()]
    except AccountError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _read_upload(path: Path) -> tuple[str, dict[str, bytes]]:
    """The file's text and the files it names, read from beside it."""
    from kiosk.config.content_file import attached_files, load_content
    from kiosk.config.textfile import read_config_text

    text = read_config_text(path)
    config = load_content(path, text=text)
    return text, {
        name: file.read_bytes() for name, file in attached_files(config, path, text).items()
    }


@friendly
def cmd_content_publish(args: argparse.Namespace) -> int:
    from kiosk.central import content
    from kiosk.config.errors import ConfigInvalid, ConfigUnreadable, errors_of

    by = args.by or getpass.getuser()
    now = datetime.now(UTC)
    kiosks = args.kiosks or []
    try:
        if args.again is not None:
            done = content.publish_again(engine_of(args), args.again, by=by, now=now, kiosks=kiosks)
        else:
            if args.file is None:
                print("kiosk: name the content file, or --again N", file=sys.stderr)
                return 2
            text, files = _read_upload(args.file)
            done = content.publish(
                engine_of(args),
                text=text,
                file_name=str(args.file),
                files=files,
                by=by,
                now=now,
                kiosks=kiosks,
            )
    except (ConfigInvalid, ConfigUnreadable) as failure:
        for error in errors_of(failure):
            print(error, file=sys.stderr)
        print("kiosk: nothing was published", file=sys.stderr)
        return 1
    except content.ContentRefused as refused:
        for line in refused.errors:
            print(line, file=sys.stderr)
        print("kiosk: nothing was published", file=sys.stderr)
        return 1
    whom = "kiosks " + ", ".join(done.kiosks) if done.kiosks else "every kiosk"
    print(
        f"content version {done.version_id} published to {whom}; kiosks take it at their next sync"
    )
    return 0


@friendly
def cmd_content_list(args: argparse.Namespace) -> int:
    from kiosk.central import content, db

    with db.reading(engine_of(args)) as conn:
        for p in content.publications(conn, limit=args.last):
            whom = ", ".join(p.kiosks) or "all kiosks"
            when = p.published.strftime("%Y-%m-%d %H:%M UTC")
            print(f"{when}  version {p.version_id} ({p.file_name})  to {whom}  by {p.published_by}")
    return 0


def add_content_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("content", help="publish the content file to the kiosks")
    sub = group.add_subparsers(dest="content_command", required=True, metavar="COMMAND")

    publish = sub.add_parser("publish", help="check FILE and publish it (or --again N)")
    publish.add_argument("file", type=Path, nargs="?", help="the content file (content.yaml)")
    publish.add_argument("--again", type=int, metavar="N", help="publish version N again")
    publish.add_argument(
        "--kiosks", type=_kiosks, metavar="1,3", help="only these kiosks (default: every kiosk)"
    )
    publish.add_argument("--by", default="", help="who publishes (default: your user name)")
    add_db(publish)
    publish.set_defaults(handler=cmd_content_publish)

    listing = sub.add_parser("list", help="what was published, when, by whom, to which kiosks")
    listing.add_argument("--last", type=int, default=20, help="how many (20)")
    add_db(listing)
    listing.set_defaults(handler=cmd_content_list)
