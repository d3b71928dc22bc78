"""Categories, clock and drafts shared by the store tests (the sample config's repair category)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.domain.content import Category
from kiosk.domain.text import Text
from kiosk.domain.tickets import Draft
from kiosk.store.remote import RemoteStore

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The day the seed article was published, mid-afternoon.
ARTICLE_DAY = datetime(2024, 12, 4, 15, 15, tzinfo=SHANGHAI)

REPAIR = Category(
    code="property-repair",
    name=Text({"zh": "物业维修", "ug": "مۈلۈك رېمونتى"}),
    icon="wrench",
    responsible=Text({"zh": "物业公司维修部", "ug": "مۈلۈك شىركىتى رېمونت بۆلۈمى"}),
    deadline_days=3,
    phrases=(
        Text({"zh": "充电桩不能充电", "ug": "توكلاش ئۈسكۈنىسى توك قاچىلىمايدۇ"}),
        Text({"zh": "路灯不亮", "ug": "يول چىرىغى يانمايدۇ"}),
        Text({"zh": "水管漏水", "ug": "سۇ تۇرۇبىسى سۇ ئۆتكۈزىدۇ"}),
    ),
)
SANITATION = Category(
    code="sanitation",
    name=Text({"zh": "环境卫生", "ug": "مۇھىت تازىلىقى"}),
    icon="broom",
    responsible=Text({"zh": "社区环卫组"}),
    deadline_days=2,
    phrases=(Text({"zh": "垃圾没有清运"}), Text({"zh": "路面有积水"})),
)


def draft(
    category: Category = REPAIR,
    *,
    phrases: tuple[int, ...] = (0,),
    place: str | None = "compound-2",
    free_text: str = "",
    phone: str = "",
    draft_id: str | None = None,
) -> Draft:
    return Draft(
        draft_id=draft_id or str(uuid.uuid4()),
        category=category.code,
        phrases=phrases,
        free_text=free_text,
        place=place,
        phone=phone,
    )


def later(days: float = 0, *, hours: float = 0, minutes: float = 0) -> datetime:
    return ARTICLE_DAY + timedelta(days=days, hours=hours, minutes=minutes)


def floor_learned(db_path: Path, *kiosks: int, floor: int = 0) -> None:
    """As after the first heartbeat: the centre told each kiosk number its floor."""
    remote = RemoteStore.open(db_path)
    try:
        for kiosk in kiosks:
            remote.raise_sequence_floor(kiosk, floor)
    finally:
        remote.close()
