"""Finding a ticket (查询回音) and the Echo Wall's solved tickets, wherever they are known.

This kiosk's own tickets are in its ticket book, with the person and the date it promised; once
synced, the centre's answer is merged into them. Another kiosk's ticket is in the local copy of
the centre's feed if it was pulled, else only the centre knows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import tzinfo

from kiosk.domain.answer_texts import written_in
from kiosk.domain.content import Category
from kiosk.domain.lookup import Answer, CentreUnreachableError
from kiosk.domain.text import Text
from kiosk.domain.tickets import Ticket
from kiosk.store.remote import RemoteRequest, RemoteStore
from kiosk.store.ticket_book import TicketBook
from kiosk.sync.errors import SyncError


class TicketLookUp:
    """Reads the ticket book and the feed copy; asks the centre through `ask_centre`, which
    stores what it learns (SyncWorker.look_up) and raises SyncError when it cannot."""

    def __init__(
        self,
        *,
        book: TicketBook,
        remote: RemoteStore,
        categories: Callable[[], Sequence[Category]],
        zone: Callable[[], tzinfo],
        ask_centre: Callable[[str], RemoteRequest | None] | None = None,
    ) -> None:
        self._book = book
        self._remote = remote
        self._categories = categories
        self._zone = zone
        self._ask_centre = ask_centre

    def local(self, code: str) -> Answer | None:
        """From this kiosk's own copies only: instant, works offline."""
        ticket = self._book.get(code)
        remote = self._remote.request(code)
        if ticket is not None:
            return self._from_ticket(ticket, remote)
        return None if remote is None else self._from_remote(remote)

    def ask(self, code: str) -> Answer | None:
        """From the centre (blocking: call it off the UI thread). None: the centre has no such
        ticket."""
        if self._ask_centre is None:
            raise CentreUnreachableError("no central endpoint is configured")
        try:
            remote = self._ask_centre(code)
        except SyncError as error:
            raise CentreUnreachableError(str(error)) from error
        if remote is None:
            return None
        return self.local(code) or self._from_remote(remote)

    def solved(self, limit: int) -> list[Answer]:
        """The Echo Wall: the most recently solved tickets of the whole community."""
        return [self._from_remote(r) for r in self._remote.wall(limit)]

    def _answers(self, answers: Mapping[str, str], status_notes: str) -> dict[str, str]:
        """The centre's answers per language; an older centre sends only `status_notes`, in
        whichever language staff wrote it (told by its script)."""
        if answers:
            return dict(answers)
        return {written_in(status_notes): status_notes} if status_notes.strip() else {}

    def _from_ticket(self, ticket: Ticket, remote: RemoteRequest | None) -> Answer:
        solved = remote.closed_at if remote is not None else None
        answer = (remote.status_notes if remote is not None else "") or ticket.answer
        return Answer(
            code=ticket.code,
            status=remote.status if remote is not None else ticket.status,
            category=ticket.category,
            responsible=ticket.responsible,
            promised=ticket.promised,
            answer=answer,
            received=ticket.created,
            solved=solved.astimezone(self._zone()) if solved is not None else None,
            residents=max(ticket.residents, remote.residents if remote is not None else 1),
            summary=remote.description if remote is not None else "",
            answers=self._answers(remote.answers if remote is not None else {}, answer),
            summaries=dict(remote.summaries) if remote is not None else {},
        )

    def _from_remote(self, remote: RemoteRequest) -> Answer:
        category = next((c for c in self._categories() if c.code == remote.service_code), None)
        agency = remote.agency_responsible
        if category is not None and agency in ("", category.responsible.get("zh")):
            responsible = category.responsible  # the config's own, in every language
        else:
            responsible = Text({"zh": agency})
        zone = self._zone()
        return Answer(
            code=remote.code,
            status=remote.status,
            category=remote.service_code,
            responsible=responsible,
            promised=remote.expected.astimezone(zone).date() if remote.expected else None,
            answer=remote.status_notes,
            received=remote.requested.astimezone(zone),
            solved=solved.astimezone(zone) if (solved := remote.closed_at) else None,
            residents=remote.residents,
            category_name=remote.service_name,
            summary=remote.description,
            answers=self._answers(remote.answers, remote.status_notes),
            summaries=dict(remote.summaries),
        )
