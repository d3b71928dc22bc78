"""What the on-kiosk staff panel shows and does, without Kivy: facts gathered into plain data,
and the actions as plain calls, so both are tested without a window.

Nothing here may carry personal data: rejected items show their ticket code and the centre's
reason, never the payload (it holds phone numbers).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.config.errors import ConfigError
from kiosk.core.desk import PrintResult
from kiosk.core.health import is_storage_full, kiosk_version
from kiosk.core.services import Services
from kiosk.domain.bidi import isolate_ltr_runs
from kiosk.domain.messages import message
from kiosk.domain.text import is_rtl
from kiosk.receipt.status import PrinterState
from kiosk.speech.api import SpeechState
from kiosk.sync.results import SyncReport

# Exit codes the kiosk's service understands (deploy/: RestartPreventExitStatus=3).
EXIT_RESTART = 75  # EX_TEMPFAIL: "start me again"; Restart=always does
EXIT_LEAVE_KIOSK = 3  # staff left kiosk mode: the service must NOT start the kiosk again


@dataclass(frozen=True)
class RejectedItem:
    ticket_code: str
    kind: str  # "request" or "join"
    reason: str  # the centre's words
    when: datetime | None


@dataclass(frozen=True)
class PanelFacts:
    sync: SyncReport
    rejected: tuple[RejectedItem, ...]
    printer: PrinterState | None  # None: nothing printed since the start
    printer_type: str
    config_errors: tuple[str, ...]  # from the last reload; () when the file is good
    speech: SpeechState
    version: str
    disk_free: int  # bytes free where the kiosk keeps its data
    disk_total: int
    storage_full: bool = False  # new reports may not fit (kiosk.core.health.is_storage_full)


def gather(services: Services) -> PanelFacts:
    """Cheap reads only (SQLite counts, a statvfs): safe to call on the UI thread."""
    rejected = tuple(
        RejectedItem(
            ticket_code=item.ticket_code,
            kind=item.kind.value,
            reason=item.reason,
            when=item.finished,
        )
        for item in services.sync.rejected_items()
    )
    try:
        usage = shutil.disk_usage(services.data_dir)
        free, total = usage.free, usage.total
    except OSError:
        free = total = 0
    full = total > 0 and is_storage_full(services.data_dir, free)
    return PanelFacts(
        sync=services.sync.report(),
        rejected=rejected,
        printer=services.desk.printer_state,
        printer_type=services.config().printer.type,
        config_errors=tuple(str(error) for error in services.live.errors),
        speech=services.speaker.state(),
        version=kiosk_version(),
        disk_free=free,
        disk_total=total,
        storage_full=full,
    )


def print_test_receipt(services: Services, lang: str) -> PrintResult:
    """A sample receipt through the same desk as residents' receipts (never stored)."""
    return services.desk.print_receipt(services.desk.sample_ticket(), lang)


def sync_now(services: Services) -> None:
    """Start a sync round at once; the worker's own thread runs it, so this returns at once."""
    services.sync.wake()


def retry_rejected(services: Services) -> int:
    """Send what the centre refused again (staff fixed the cause) and sync now; how many."""
    return services.sync.retry_rejected()


def reload_config(services: Services) -> list[ConfigError]:
    """Read the staff YAML again now; its errors, [] when it is good. Blocks: not on the UI
    thread."""
    return services.live.reload_now()


def age_text(age: timedelta | None) -> str:
    """A short age for staff: 3 d 4 h, 5 h 12 min, 7 min."""
    if age is None:
        return "-"
    minutes = int(age.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins} min"
    return f"{mins} min"


def size_text(count: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count // 1024} KB"


def facts_lines(facts: PanelFacts, lang: str) -> list[str]:
    """The panel's text, problems first within each part; the machines' own words stay as they
    are (a server's reason, a config error's file:line), since staff pass them on verbatim."""
    sync = facts.sync
    lines = [
        message(
            "staff_sync_line",
            lang,
            online=message("online" if sync.online else "offline", lang),
            waiting=sync.waiting,
            oldest=age_text(sync.oldest_waiting),
        ),
        message(
            "staff_last_contact",
            lang,
            when=f"{sync.last_contact:%Y-%m-%d %H:%M}"
            if sync.last_contact
            else message("staff_never", lang),
        ),
    ]
    if sync.problem:
        lines.append(message("staff_sync_problem", lang, problem=sync.problem))
    if facts.rejected:
        lines.append(message("staff_rejected", lang, count=len(facts.rejected)))
        lines += [f"  {item.ticket_code} ({item.kind}): {item.reason}" for item in facts.rejected]
    printer = facts.printer.message if facts.printer else message("staff_printer_unknown", lang)
    lines.append(message("staff_printer", lang, type=facts.printer_type, state=printer))
    if facts.config_errors:
        lines.append(message("staff_config_errors", lang, count=len(facts.config_errors)))
        lines += [f"  {error}" for error in facts.config_errors]
    else:
        lines.append(message("staff_config_ok", lang))
    speech = message(f"staff_speech_{facts.speech.status}", lang)
    lines.append(message("staff_speech", lang, state=f"{speech} ({facts.speech.message})"))
    lines.append(
        message(
            "staff_version",
            lang,
            version=facts.version,
            free=size_text(facts.disk_free),
            total=size_text(facts.disk_total),
        )
    )
    if facts.storage_full:
        lines.append(message("staff_storage_full", lang))
    # Sizes, dates and machine words keep their own order inside right-to-left lines.
    return [isolate_ltr_runs(line) for line in lines] if is_rtl(lang) else lines
