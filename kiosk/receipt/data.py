"""What goes on a resident's receipt, already in their language: the paper and the done screen
show the same facts from this one value.

Never the resident's phone number or words (DESIGN.md section 6): `ReceiptData` simply has no
field for them. The phone it carries is the community office's, from the config.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.domain.content import Category, Community
from kiosk.domain.messages import message
from kiosk.domain.prompts import submitted_text
from kiosk.domain.text import ltr_run
from kiosk.domain.tickets import Ticket


def _in_zone(when: datetime, zone: str) -> datetime:
    try:
        return when.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):  # the config checks the zone; keep the stored one
        return when


@dataclass(frozen=True)
class ReceiptData:
    """Exactly what goes on paper, already in the resident's language."""

    lang: str
    community: tuple[str, ...]  # the name in the resident's language first, then the others
    code: str
    category: str
    responsible: str
    promised: date
    status_url: str
    submitted: str = ""  # when it was reported, in the resident's words (submitted_text)
    phone: str = ""  # the community office's number as configured; "" when there is none

    @classmethod
    def for_ticket(
        cls,
        ticket: Ticket,
        *,
        category: Category,
        community: Community,
        status_url: str,
        lang: str,
    ) -> ReceiptData:
        names = [community.name.get(lang)]
        names += [n for n in community.name.values.values() if n and n not in names]
        return cls(
            lang=lang,
            community=tuple(n for n in names if n),
            code=ticket.code,
            category=category.name.get(lang),
            responsible=ticket.responsible.get(lang),
            promised=ticket.promised,
            status_url=status_url,
            submitted=submitted_text(_in_zone(ticket.created, community.timezone), lang),
            phone=community.phone.strip(),
        )

    def submitted_line(self) -> str:
        """'反映时间：2024年12月4日 15:15', or "" without a time."""
        return message("submitted_at", self.lang, when=self.submitted) if self.submitted else ""

    def phone_line(self) -> str:
        """'社区电话：0996-7102345' (the number left to right in Uyghur), or "" without one."""
        if not self.phone:
            return ""
        return message("office_phone", self.lang, phone=ltr_run(self.phone, self.lang))
