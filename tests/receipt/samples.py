"""A ticket as the Echo Book stores it, with the sample config's community and category."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.domain.content import Category, Community
from kiosk.domain.text import Text
from kiosk.domain.tickets import Ticket
from kiosk.receipt.data import ReceiptData
from kiosk.receipt.qr import status_url
from tests.fixtures.store_samples import REPAIR  # the sample config's repair category

CENTRAL = "http://127.0.0.1:8311/"
COMMUNITY = Community(
    name=Text({"zh": "若羌镇胜利社区", "ug": "چاقىلىق بازىرى شېڭلى مەھەللىسى"}),
    short_name=Text({"zh": "胜利社区", "ug": "شېڭلى مەھەللىسى"}),
    address=Text({"zh": "若羌镇胜利社区党群服务中心"}),
)
TICKET = Ticket(
    code="001000427",
    key="5f0c6a52-2f4e-4a51-9d0b-7d7f3c0f6a11",
    category=REPAIR.code,
    responsible=REPAIR.responsible,
    created=datetime(2024, 12, 4, 15, 15, tzinfo=ZoneInfo("Asia/Shanghai")),
    promised=date(2024, 12, 7),
)
TICKET_URL = "http://127.0.0.1:8311/status/001000427"


def receipt_data(lang: str, ticket: Ticket = TICKET, category: Category = REPAIR) -> ReceiptData:
    return ReceiptData.for_ticket(
        ticket,
        category=category,
        community=COMMUNITY,
        status_url=status_url(CENTRAL, ticket.code),
        lang=lang,
    )


def with_personal_data(ticket: Ticket) -> Ticket:
    """The same ticket as a resident who typed words and left a phone number would leave it."""
    return dataclasses.replace(
        ticket,
        phone="13912345678",
        free_text="3号楼门口的充电桩不能充电，我的电话13912345678",
        place="building-3",
        phrases=(0, 2),
    )
