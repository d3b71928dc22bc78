"""What the on-kiosk staff panel shows and does, without Kivy: facts gathered into plain data,
and the actions as plain calls, so both are tested without a window.

Nothing here may carry personal data: rejected items show their ticket code and the centre's
reason, never the payload (it holds phone numbers).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from kiosk.config.errors import ConfigError
from kiosk.config.public_url import public_url_warning
from kiosk.core.release import kiosk_version
from kiosk.core.services import Services
from kiosk.domain.bidi import isolate_ltr_runs
from kiosk.domain.messages import message
from kiosk.domain.text import is_rtl
from kiosk.receipt.status import PrinterState, PrinterStatus, PrintResult
from kiosk.speech.api import SpeechState
from kiosk.store.reserve import is_storage_full

if TYPE_CHECKING:  # the sync package is imported with the back office (kiosk.core.office)
    from kiosk.sync.results import SyncReport

# Exit codes the kiosk's service understands (deploy/: RestartPreventExitStatus=3).


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
    config_places: tuple[str, ...]  # where each error is: file:line key (no English message)
    speech: SpeechState
    version: str
    disk_free: int  # bytes free where the kiosk keeps its data
    disk_total: int
    storage_full: bool = False  # new reports may not fit (kiosk.store.reserve.is_storage_full)
    # Why residents' phones may not open the receipt's QR code (kiosk.config.public_url):
    # "missing", "local", "not_web"; "" when its address looks public.
    public_url_problem: str = ""


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
    config = services.config()
    qr_warning = public_url_warning(config.central)
    return PanelFacts(
        sync=services.sync.report(),
        rejected=rejected,
        printer=services.desk.printer_state,
        printer_type=config.printer.type,
        config_errors=tuple(str(error) for error in services.live.errors),
        config_places=tuple(_place(error) for error in services.live.errors),
        speech=services.speaker.state(),
        version=kiosk_version(),
        disk_free=free,
        disk_total=total,
        storage_full=full,
        public_url_problem=qr_warning.problem if qr_warning is not None else "",
    )


def _place(error: ConfigError) -> str:
    where = error.file.name + (f":{error.line}" if error.line is not None else "")
    return f"{where} {error.key_path}".strip()


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


def age_text(age: timedelta | None, lang: str) -> str:
    """A short age for staff, in their language: 3天4小时, 5小时12分, 7分钟."""
    if age is None:
        return "-"
    minutes = int(age.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return message("staff_age_days", lang, days=days, hours=hours)
    if hours:
        return message("staff_age_hours", lang, hours=hours, minutes=mins)
    return message("staff_age_minutes", lang, minutes=mins)


def size_text(count: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count // 1024} KB"


def printer_text(state: PrinterState | None, printer_type: str, lang: str) -> str:
    """The printer's state in staff's words; the printer's own message goes to the log."""
    if printer_type == "none":
        return message("staff_printer_none", lang)
    if state is None:
        return message("staff_printer_unknown", lang)
    if state.fault is not None:
        return message(f"staff_printer_{state.fault.value}", lang)
    key = {
        PrinterStatus.READY: "ready",
        PrinterStatus.PAPER_LOW: "paper_low",
        PrinterStatus.NOT_CONFIGURED: "none",
    }.get(state.status, "state_unknown")
    return message(f"staff_printer_{key}", lang)


def facts_lines(facts: PanelFacts, lang: str) -> list[str]:
    """The panel's text in the staff's language, problems first within each part.

    The machines' own English (a sync error, a server's reason, a config error's message, the
    printer's and speech engine's words) is not shown: `detail_lines` gives it to the journal.
    A config error keeps its file:line and key, which read the same in any language.
    """
    sync = facts.sync
    lines = [
        message(
            "staff_sync_line",
            lang,
            online=message("online" if sync.online else "offline", lang),
            waiting=sync.waiting,
            oldest=age_text(sync.oldest_waiting, lang),
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
        lines.append(message("staff_sync_problem", lang))
    if facts.rejected:
        lines.append(message("staff_rejected", lang, count=len(facts.rejected)))
        lines += [
            "  "
            + message(
                "staff_rejected_item",
                lang,
                code=item.ticket_code,
                kind=message(f"staff_kind_{item.kind}", lang),
            )
            for item in facts.rejected
        ]
        lines.append("  " + message("staff_see_log", lang))
    printer = printer_text(facts.printer, facts.printer_type, lang)
    lines.append(message("staff_printer", lang, type=facts.printer_type, state=printer))
    if facts.config_errors:
        lines.append(message("staff_config_errors", lang, count=len(facts.config_errors)))
        lines += [f"  {where}" for where in facts.config_places]
    else:
        lines.append(message("staff_config_ok", lang))
    lines.append(
        message("staff_speech", lang, state=message(f"staff_speech_{facts.speech.status}", lang))
    )
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
    if facts.public_url_problem:
        lines.append(message(f"staff_public_url_{facts.public_url_problem}", lang))
    # Sizes, dates and machine words keep their own order inside right-to-left lines.
    return [isolate_ltr_runs(line) for line in lines] if is_rtl(lang) else lines


def detail_lines(facts: PanelFacts) -> list[str]:
    """The English details the panel leaves out, for the journal (staff read them there)."""
    lines = [f"sync problem: {facts.sync.problem}"] if facts.sync.problem else []
    lines += [f"rejected {i.ticket_code} ({i.kind}): {i.reason}" for i in facts.rejected]
    if facts.printer is not None and facts.printer.message:
        lines.append(f"printer: {facts.printer.message}")
    lines += [f"config error: {error}" for error in facts.config_errors]
    if facts.speech.message:
        lines.append(f"speech: {facts.speech.status}: {facts.speech.message}")
    return lines
