"""`kiosk sync --once`: one full round now, for staff and scripts; the exit code says if all went.

Its heartbeat also brings the centre's ticket sequence, so run it on a fresh SD card before the
first ticket.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from kiosk.config.content_store import ContentReport
from kiosk.core.health import health_source
from kiosk.store.db import TICKETS
from kiosk.sync import sync_once

if TYPE_CHECKING:
    from kiosk.core.services import Services  # composed only when a command runs


def cmd_sync(services: Services, _args: argparse.Namespace) -> int:
    keeper = services.content
    code, line = sync_once(
        config=services.config(),
        db_path=services.data_dir / TICKETS,
        now=services.now,
        health=health_source(
            services.live,
            lambda: services.desk.printer_state,
            services.data_dir,
            keeper.report if keeper is not None else ContentReport,
        ),
        content=keeper,
    )
    if code == 0:
        print(line)
    else:
        for each in line.splitlines():
            print(f"kiosk: {each}", file=sys.stderr)
    if keeper is not None:
        _say_content(keeper.report())
    return code


def _say_content(report: ContentReport) -> None:
    """What the published content now is on this kiosk, for the staff member at the terminal."""
    if report.refused is not None:
        print(
            f"kiosk: content version {report.refused} not used: {report.problem}", file=sys.stderr
        )
    elif report.version is not None:
        print(f"content: version {report.version} in use")
