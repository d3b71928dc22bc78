"""`kiosk feedback add`, `kiosk receipt` and `kiosk print-test`: the Echo Book for staff at a desk.

Staff transcribe the paper Echo Book with `feedback add`; the same desk as the touch screen stores
it, so codes, deadlines and the outbox follow the same rules. Every failure is one plain line.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.domain.ticket_code import is_valid
from kiosk.domain.tickets import Draft

if TYPE_CHECKING:
    from kiosk.core.services import Services  # composed only when a command runs

Command = Callable[["Services", argparse.Namespace], int]
AddOption = Callable[[argparse.ArgumentParser], None]


def _fail(message: str) -> int:
    print(f"kiosk: {message}", file=sys.stderr)
    return 1


def _choices(wanted: str, known: list[str], what: str) -> str:
    close = difflib.get_close_matches(wanted, known, n=1)
    hint = f" — did you mean '{close[0]}'?" if close else ""
    return f"there is no {what} '{wanted}'{hint} (known: {', '.join(known)})"


def feedback_add(services: Services, args: argparse.Namespace) -> int:
    content = services.config().content
    categories = [c.code for c in content.categories]
    if args.category not in categories:
        return _fail(_choices(args.category, categories, "category"))
    places = [p.code for p in content.places]
    if args.place is not None and args.place not in places:
        return _fail(_choices(args.place, places, "place"))
    phone = "".join(ch for ch in args.phone or "" if ch.isdigit())
    if args.phone and not 5 <= len(phone) <= 15:
        return _fail(f"'{args.phone}' is not a phone number")
    if not args.text.strip():
        return _fail("--text must say what the problem is")
    draft = Draft(
        draft_id=str(uuid.uuid4()),
        category=args.category,
        free_text=args.text.strip(),
        place=args.place,
        phone=phone,
    )
    refused = services.desk.too_long(draft)
    if refused:
        return _fail(f"not stored, the centre would refuse it: {'; '.join(refused)}")
    ticket = services.desk.submit(draft)
    print(ticket.code)
    return 0


def receipt(services: Services, args: argparse.Namespace) -> int:
    code = args.code.replace(" ", "")
    if not is_valid(code):
        return _fail(f"'{args.code}' is not a ticket code: please check the number")
    ticket = services.book.get(code)
    if ticket is None:
        return _fail(f"no ticket {code} at this kiosk")
    lang = args.lang or services.config().languages.default
    args.out.parent.mkdir(parents=True, exist_ok=True)
    services.desk.receipt_image(ticket, lang).save(args.out)
    print(f"wrote {args.out}")
    return 0


def print_test(services: Services, args: argparse.Namespace) -> int:
    lang = args.lang or services.config().languages.default
    result = services.desk.print_receipt(services.desk.sample_ticket(), lang)
    if result.printed:
        print("printed a sample receipt")
        return 0
    return _fail(f"no receipt printed: {result.reason}")


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    *,
    add_config: AddOption,
    add_data_dir: AddOption,
    compose: Callable[[argparse.Namespace], Services],
) -> None:
    """Register the subcommands on the `kiosk` parser."""

    def handler(fn: Command) -> Callable[[argparse.Namespace], int]:
        return lambda args: fn(compose(args), args)

    feedback = sub.add_parser("feedback", help="the Echo Book from the command line")
    feedback_sub = feedback.add_subparsers(dest="feedback_command", required=True, metavar="ACTION")
    add = feedback_sub.add_parser("add", help="record a report from the paper Echo Book")
    add.add_argument("--category", required=True, help="category code from the config")
    add.add_argument("--text", required=True, help="what the problem is")
    add.add_argument("--place", default=None, help="place code from the config")
    add.add_argument("--phone", default=None, help="phone number for a call back")
    add_config(add)
    add_data_dir(add)
    add.set_defaults(handler=handler(feedback_add))

    rec = sub.add_parser("receipt", help="write a ticket's receipt as a PNG image")
    rec.add_argument("code", help="the ticket code")
    rec.add_argument("--out", type=Path, required=True, help="the PNG file to write")
    rec.add_argument("--lang", default=None, help="zh or ug (default: the config's default)")
    add_config(rec)
    add_data_dir(rec)
    rec.set_defaults(handler=handler(receipt))

    test = sub.add_parser("print-test", help="print a sample receipt on the configured printer")
    test.add_argument("--lang", default=None, help="zh or ug")
    add_config(test)
    add_data_dir(test)
    test.set_defaults(handler=handler(print_test))
