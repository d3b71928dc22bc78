"""The sync worker: a background thread that runs rounds, never touching the UI thread.

A round: read the services list (it doubles as a probe: if the centre cannot even answer that,
no item is touched and the round backs off), send the heartbeat when it is due (heartbeat.py: its
answer is the floor of the ticket numbers, so a fresh card counts ordinarily from its next ticket
on), drain the outbox, pull the changes feed, then follow the published content (content.py; a
new version is reported in a heartbeat at once). Between
rounds the thread waits `sync.interval_seconds`, or after a failed round an exponential back-off
with full jitter (at least the server's Retry-After, capped). `wake()` starts a round at once (call
it after a ticket is stored); `stop()` cuts a request in flight and joins the thread.

The worker owns its own connections to the store file, so the UI's ticket book is never locked by
a slow network. `status()` and `report()` are cheap and safe from any thread (the UI's clock).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config.model import KioskConfig
from kiosk.domain.status import SyncStatus
from kiosk.domain.ticket_code import is_valid
from kiosk.store.outbox import Outbox, OutboxItem
from kiosk.store.remote import RemoteRequest, RemoteStore
from kiosk.sync.backoff import Backoff
from kiosk.sync.classify import Outcome, Verdict
from kiosk.sync.content import ContentSink, pull_content
from kiosk.sync.drain import drain
from kiosk.sync.errors import BadAnswerError, NotConfiguredError, SyncError
from kiosk.sync.heartbeat import Health, Heartbeat
from kiosk.sync.pulls import MAX_PAGES, MAX_PAGES_ONCE, look_up, pull_changes, pull_services
from kiosk.sync.results import RoundResult, SyncReport
from kiosk.sync.settings import SyncSettings, settings_from_config

if TYPE_CHECKING:  # the client brings `requests`: see kiosk.sync.reply
    from kiosk.sync.client import Open311Client

log = logging.getLogger("kiosk.sync")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SyncWorker:
    """Construct, `start()`, `wake()` after each stored ticket, `stop()` at exit."""

    def __init__(
        self,
        *,
        outbox: Outbox,
        remote: RemoteStore,
        config: Callable[[], KioskConfig],
        now: Callable[[], datetime] = _utc_now,
        backoff: Backoff | None = None,
        environ: Mapping[str, str] | None = None,
        owns_store: bool = False,
        health: Callable[[], Health] = Health,
        monotonic: Callable[[], float] = time.monotonic,
        content: ContentSink | None = None,
    ) -> None:
        self._outbox = outbox
        self._content = content
        self._remote = remote
        self._config = config
        self._now = now
        self._backoff = backoff or Backoff()
        self._environ = environ
        self._owns_store = owns_store
        self._heartbeat = Heartbeat(
            every_minutes=lambda: config().sync.heartbeat_minutes,
            health=health,
            monotonic=monotonic,
        )
        self._lock = threading.Lock()
        self._online = False
        self._problem = ""
        self._last_contact: datetime | None = None
        self._client: Open311Client | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def open(
        cls,
        db_path: Path,
        *,
        config: Callable[[], KioskConfig],
        now: Callable[[], datetime] = _utc_now,
        backoff: Backoff | None = None,
        environ: Mapping[str, str] | None = None,
        health: Callable[[], Health] = Health,
        monotonic: Callable[[], float] = time.monotonic,
        content: ContentSink | None = None,
    ) -> SyncWorker:
        """A worker with connections of its own to the kiosk's store file (closed by close())."""
        outbox = Outbox.open(db_path)
        try:
            remote = RemoteStore.open(db_path)
        except BaseException:
            outbox.close()
            raise
        return cls(
            outbox=outbox,
            remote=remote,
            config=config,
            now=now,
            backoff=backoff,
            environ=environ,
            owns_store=True,
            health=health,
            monotonic=monotonic,
            content=content,
        )

    # --- what the UI reads -------------------------------------------------------------------

    def status(self) -> SyncStatus:
        """The home screen's status line: online, items waiting, age of the oldest."""
        report = self.report()
        return SyncStatus(
            online=report.online,
            waiting=report.waiting,
            oldest_waiting=report.oldest_waiting,
            problem=report.problem,
        )

    def report(self) -> SyncReport:
        counts = self._outbox.counts()
        oldest = counts.oldest_waiting
        with self._lock:
            online, problem, contact = self._online, self._problem, self._last_contact
        return SyncReport(
            online=online,
            waiting=counts.waiting,
            oldest_waiting=max(self._now() - oldest, timedelta(0)) if oldest else None,
            rejected=counts.rejected,
            problem=problem,
            last_contact=contact,
        )

    def look_up(self, code: str) -> RemoteRequest | None:
        """Ask the centre for ticket `code` now (any kiosk's), keep the answer for offline use and
        return it; None when the centre does not know the code. Raises SyncError when it cannot
        be asked (TransportError: offline; NotConfiguredError; BadAnswerError). Safe from any
        thread: it uses a client of its own, with the normal deadline."""
        if not is_valid(code):
            return None  # a typo the check digit catches (ticket_code.check_typed) is no one's
        settings = settings_from_config(self._config(), environ=self._environ)
        client = _new_client(settings)
        try:
            found = look_up(client, code)
        finally:
            client.close()
        if found is not None:
            self._remote.remember(found)
        return found

    def rejected_items(self) -> list[OutboxItem]:
        """What the centre refused, newest first, with its reasons (the staff panel)."""
        return self._outbox.rejected()

    def retry_rejected(self) -> int:
        """Send the refused items again (staff fixed the cause) and start a round now."""
        moved = self._outbox.retry_rejected()
        if moved:
            log.info("staff put %d rejected item(s) back in the outbox", moved)
            self.wake()
        return moved

    # --- the thread ----------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the sync worker is already started")
        self._thread = threading.Thread(target=self._run, name="kiosk-sync", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Start a round now (a ticket was just stored)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """End the thread: the wait is cut short and so is a request in flight."""
        self._stop.set()
        self._wake.set()
        client = self._client
        if client is not None:
            client.cancel()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("the sync worker did not stop within %.0f s", timeout)

    def close(self) -> None:
        self.stop()
        if self._client is not None:
            self._client.close()
        if self._owns_store:
            self._outbox.close()
            self._remote.close()

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                result = self.run_round()
            except Exception:  # a bug or a broken store file: log it, keep the thread alive
                log.exception("sync round failed")
                result = RoundResult(ok=False, problem="internal error (see the log)")
            if result.ok:
                failures = 0
                wait = self._interval() if result.current else 0.0  # more of the feed waits
            else:
                wait = self._backoff.delay(failures, retry_after=result.retry_after)
                failures += 1
            self._wake.wait(wait)
            self._wake.clear()

    def _interval(self) -> float:
        try:
            return max(self._config().sync.interval_seconds, 0.1)
        except Exception:
            return 30.0

    # --- one round -------------------------------------------------------------------------------

    def run_round(self, *, everything: bool = False) -> RoundResult:
        """Probe with the services list, heartbeat, drain the outbox, pull the changes feed.
        `everything`: also send items still in their back-off (a manual `kiosk sync --once`)."""
        try:
            settings = settings_from_config(self._config(), environ=self._environ)
        except NotConfiguredError as error:
            self._note(online=False, problem=str(error))
            return RoundResult(ok=False, problem=str(error))
        client = self._client_for(settings)
        try:
            services = pull_services(client, self._remote)
        except SyncError as error:
            return self._failed(error)
        self._note(online=True)
        beat_problem = self._beat(client, settings)
        result = drain(
            self._outbox,
            client,
            now=self._now,
            backoff=self._backoff,
            services=services,
            everything=everything,
            stopping=self._stop.is_set,
            on_verdict=self._seen,
        )
        stop = result.stopped_by
        trouble = stop or result.held
        problem, retry_after = (trouble.detail, trouble.retry_after) if trouble else ("", None)
        problem = problem or beat_problem
        pulled, current = 0, False
        reachable = stop is None or stop.online  # then the centre's public feed is worth reading
        if reachable and not self._stop.is_set():
            try:
                pages = MAX_PAGES_ONCE if everything else MAX_PAGES
                pull = pull_changes(client, self._remote, max_pages=pages)
                pulled, current = pull.changed, pull.current
            except SyncError as error:
                if problem:  # a refused key fails the read too: staff need the first reason only
                    log.debug("sync: the changes feed failed as well: %s", error)
                else:
                    failed = self._failed(error)
                    problem, retry_after = failed.problem, failed.retry_after
        if reachable and self._follow_content(client):
            self._beat(client, settings)  # staff see the version it runs, or why not, at once
        if not problem:
            self._note(online=True, problem="")
        return RoundResult(
            ok=not problem,
            sent=result.sent,
            rejected=result.rejected,
            problem=problem,
            retry_after=retry_after,
            pulled=pulled,
            current=current,
        )

    def _client_for(self, settings: SyncSettings) -> Open311Client:
        """One client (one keep-alive connection) while the settings stay the same."""
        old = self._client
        if old is not None and old.settings == settings:
            return old
        self._client = _new_client(settings)
        if old is not None:
            old.close()
        return self._client

    def _follow_content(self, client: Open311Client) -> bool:
        """The published content (issue 19), when this kiosk follows one; True when a new
        version was offered (the heartbeat is then due at once). It comes after the residents'
        tickets and the Echo Wall, so pictures on a slow line hold none of them back; a failure
        is logged and asked again next round."""
        if self._content is None or self._stop.is_set():
            return False
        try:
            offered = pull_content(client, self._content)
        except SyncError as error:
            log.info("sync: the content was not fetched this round: %s", error)
            return False
        if offered:
            self._heartbeat.soon()
        return offered

    def _beat(self, client: Open311Client, settings: SyncSettings) -> str:
        """The heartbeat when it is due; its floor goes to the ticket book. '' or a problem."""
        if not self._heartbeat.due():
            return ""
        report = self.report()
        outcome = self._heartbeat.send(client, waiting=report.waiting, oldest=report.oldest_waiting)
        if outcome.floor is not None:
            self._remote.raise_sequence_floor(int(settings.device_id), outcome.floor)
        if outcome.problem:
            self._note(online=True, problem=outcome.problem)
        return outcome.problem

    def _seen(self, verdict: Verdict) -> None:
        if verdict.outcome is Outcome.CONFIG:
            self._note(online=True, problem=verdict.detail)
        elif verdict.outcome is Outcome.RETRY:
            self._note(online=verdict.online, problem=verdict.detail)
        else:
            self._note(online=True)

    def _failed(self, error: SyncError) -> RoundResult:
        online = isinstance(error, BadAnswerError) and error.status < 500 and error.status != 429
        retry_after = error.retry_after if isinstance(error, BadAnswerError) else None
        self._note(online=online, problem=str(error))
        return RoundResult(ok=False, problem=str(error), retry_after=retry_after)

    def _note(self, *, online: bool, problem: str | None = None) -> None:
        with self._lock:
            if online:
                self._last_contact = self._now()
            self._online = online
            if problem is not None:
                if problem and problem != self._problem:
                    log.warning("sync: %s", problem)
                self._problem = problem


def _new_client(settings: SyncSettings) -> Open311Client:
    """A client for `settings`. `requests` (~50 ms of imports) comes in with the first one, in
    the sync thread or a look-up, not with the kiosk's start (issue 18)."""
    from kiosk.sync.client import Open311Client

    return Open311Client(settings)
