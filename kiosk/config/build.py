"""Turn the validated YAML models into the frozen `KioskConfig` the rest of the kiosk uses."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from kiosk.config.model import (
    Central,
    Display,
    Idle,
    KioskConfig,
    Printer,
    Speech,
    Staff,
    Sync,
)
from kiosk.config.schema import ConfigDoc, EventIn, RedPostIn
from kiosk.config.settings import PrinterIn
from kiosk.domain.content import (
    Amenity,
    AmenityStatus,
    Category,
    Community,
    Content,
    Event,
    Notice,
    OpeningHours,
    Place,
    RedPost,
    Room,
)
from kiosk.domain.text import EMPTY, Languages, Text


class _Texts:
    """Makes `Text` values that all fall back to the configured default language."""

    def __init__(self, default_lang: str) -> None:
        self.default_lang = default_lang

    def __call__(self, values: Mapping[str, str] | None) -> Text:
        if values is None:
            return EMPTY
        return Text({k: v for k, v in values.items() if v.strip()}, self.default_lang)


def _event(e: EventIn, text: _Texts) -> Event:
    return Event(
        id=e.id,
        title=text(e.title),
        room=e.room,
        starts=e.starts,
        ends=e.ends,
        organiser=text(e.organiser),
        rrule=e.repeat.rule_text() if e.repeat is not None else None,
        exdates=tuple(dict.fromkeys(e.except_)),
    )


def _red_post(r: RedPostIn, text: _Texts) -> RedPost:
    return RedPost(
        room=r.room,
        amenities=tuple(
            Amenity(a.code, text(a.name), a.icon, AmenityStatus(a.status), text(a.note))
            for a in r.amenities
        ),
        opening_hours=tuple(
            OpeningHours(frozenset(h.days), h.open, h.close) for h in r.opening_hours
        ),
        notes=text(r.notes),
    )


def _printer(p: PrinterIn) -> Printer:
    return Printer(
        type=p.type,
        paper_width_mm=p.paper_width_mm,
        usb_vendor_id=p.usb.vendor_id if p.usb else None,
        usb_product_id=p.usb.product_id if p.usb else None,
        serial_device=p.serial.device if p.serial else None,
        serial_baudrate=p.serial.baudrate if p.serial else 9600,
        network_host=p.network.host if p.network else None,
        network_port=p.network.port if p.network else 9100,
        cups_name=p.cups.name if p.cups else None,
        file_path=p.file.path if p.file else None,
    )


def build_config(doc: ConfigDoc, *, ics_events: tuple[Event, ...], source: Path) -> KioskConfig:
    """The `KioskConfig` for a document that passed every check."""
    langs = doc.languages
    languages = Languages(
        available=tuple(langs.available),
        default=langs.default,
        labels=MappingProxyType({**Languages().labels, **langs.labels}),
    )
    text = _Texts(langs.default)
    c = doc.community
    community = Community(
        name=text(c.name),
        short_name=text(c.short_name if c.short_name is not None else c.name),
        address=text(c.address),
        timezone=c.timezone,
        kiosk_number=c.kiosk_number,
        phone=c.phone or "",
    )
    content = Content(
        community=community,
        notices=tuple(
            Notice(
                n.id, text(n.title), text(n.body), n.publish, n.expires, n.pinned, n.urgent, n.image
            )
            for n in doc.notices
        ),
        rooms=tuple(Room(r.id, text(r.name), text(r.location)) for r in doc.rooms),
        events=tuple(_event(e, text) for e in doc.schedule.events) + ics_events,
        red_post=_red_post(doc.red_post, text) if doc.red_post is not None else None,
        places=tuple(Place(p.code, text(p.name)) for p in doc.places),
        categories=tuple(
            Category(
                k.code,
                text(k.name),
                k.icon,
                text(k.responsible),
                k.deadline_days,
                tuple(text(p) for p in k.phrases),
                response_hours=k.response_hours,
            )
            for k in doc.categories
        ),
    )
    d, i, s, sp = doc.display, doc.idle, doc.sync, doc.speech
    return KioskConfig(
        content=content,
        languages=languages,
        display=Display(d.width, d.height, d.dpi, d.show_cursor, d.max_picture_px),
        idle=Idle(i.timeout_seconds, i.warning_seconds, i.attract_seconds, i.attract_slide_seconds),
        printer=_printer(doc.printer),
        central=Central(
            url=doc.central.url,
            public_url=doc.central.public_url,
            jurisdiction_id=doc.central.jurisdiction_id,
            api_key_env=doc.central.api_key_env,
            api_key_file=doc.central.api_key_file,
            ca_bundle=doc.central.ca_bundle,
        ),
        sync=Sync(
            s.interval_seconds,
            s.connect_timeout_seconds,
            s.request_deadline_seconds,
            s.heartbeat_minutes,
        ),
        speech=Speech(
            enabled=sp.enabled,
            rate=sp.rate,
            volume=sp.volume,
            rates=dict(sp.rates),
            recorded={
                name: Text({lang: str(path) for lang, path in files.items()}, langs.default)
                for name, files in sp.recorded.items()
            },
        ),
        staff=Staff(pin_hash=doc.staff.pin_hash),
        source=source,
    )
