"""The Echo Book's categories as Open311 services, from the same staff YAML the kiosks read.

One category is one `service_code`; its preset phrases are the service's one attribute,
`phrases` (a multivaluelist whose keys are the phrase numbers the kiosk sends). The file is
watched (kiosk.config.reload): a good edit shows at once, a bad one is logged and the last good
version stays in use, as on the kiosk.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.central import i18n
from kiosk.central.errors import Open311Error
from kiosk.config.content_file import with_content
from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config
from kiosk.config.model import KioskConfig
from kiosk.config.reload import ConfigWatcher
from kiosk.domain.content import Category
from kiosk.wire import fields

log = logging.getLogger(__name__)
PHRASES = fields.PHRASES  # the attribute code


@dataclass(frozen=True)
class Catalog:
    """One good config, seen as the server needs it."""

    config: KioskConfig

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.config.content.community.timezone)

    @property
    def default_lang(self) -> str:
        return self.config.languages.default

    @property
    def languages(self) -> tuple[str, ...]:
        return self.config.languages.available

    @property
    def jurisdiction_id(self) -> str | None:
        return self.config.central.jurisdiction_id

    def check_jurisdiction(self, given: str | None) -> None:
        """404 for another jurisdiction's id; none given is fine (one community per server)."""
        if given and self.jurisdiction_id and given != self.jurisdiction_id:
            raise Open311Error(404, f"jurisdiction_id {given!r} not found")

    def lang(self, wanted: str | None) -> str:
        return wanted if wanted in self.languages else self.default_lang

    def categories(self) -> tuple[Category, ...]:
        return self.config.content.categories

    def category(self, code: str) -> Category | None:
        return next((c for c in self.config.content.categories if c.code == code), None)

    def category_name(self, code: str, lang: str, fallback: str) -> str:
        category = self.category(code)
        return category.name.get(lang) if category is not None else fallback

    def responsible_name(self, code: str, stored: str, lang: str) -> str:
        """The person in `lang` when staff kept the category's own, else what staff wrote."""
        category = self.category(code)
        if category is not None and stored == category.responsible.get(
            category.responsible.default_lang
        ):
            return category.responsible.get(lang)
        return stored

    def place_name(self, code: str | None, lang: str) -> str | None:
        place = next((p for p in self.config.content.places if p.code == code), None)
        return None if place is None else place.name.get(lang)

    def phrase_texts(self, category: Category, numbers: list[str]) -> list[str]:
        """The preset phrases chosen, in the default language; unknown numbers are skipped."""
        texts = []
        for number in numbers:
            if number.isascii() and number.isdigit() and int(number) < len(category.phrases):
                phrase = category.phrases[int(number)]
                texts.append(phrase.get(phrase.default_lang))
        return texts

    def service(self, category: Category, lang: str) -> dict[str, object]:
        """GET /services.json item; the description states the promise (定人、定时)."""
        return {
            "service_code": category.code,
            "service_name": category.name.get(lang),
            "description": i18n.text(
                "service_promise",
                lang,
                who=category.responsible.get(lang),
                days=category.deadline_days,
            ),
            "metadata": bool(category.phrases),
            "type": "realtime",
            "keywords": ",".join(p.get(lang) for p in category.phrases),
            "group": "echo-book",
        }

    def definition(self, category: Category, lang: str) -> dict[str, object]:
        """GET /services/{code}.json: the preset phrases a resident picks from."""
        return {
            "service_code": category.code,
            "attributes": [
                {
                    "variable": True,
                    "code": PHRASES,
                    "datatype": "multivaluelist",
                    "required": False,
                    "datatype_description": "attribute[phrases][]=NUMBER, once per phrase",
                    "order": 1,
                    "description": category.name.get(lang),
                    "values": [
                        {"key": str(i), "name": p.get(lang)} for i, p in enumerate(category.phrases)
                    ],
                }
            ],
        }


Published = Callable[[], tuple[int | None, KioskConfig | None]]


def _none_published() -> tuple[int | None, KioskConfig | None]:
    return None, None


class LiveCatalog:
    """The current catalog; `start()` follows edits of the file, `stop()` ends that.

    `published` gives the content published to every kiosk (kiosk.central.content_catalog): its
    categories, places and languages replace the file's, as on the kiosks."""

    def __init__(
        self, path: Path, *, check_seconds: float = 2.0, published: Published = _none_published
    ) -> None:
        self._own = load_config(path)  # a bad file at start-up is the caller's
        self._published = published
        self._generation = 0  # of the file's config: one more at each good edit
        self._made_of: tuple[int, int | None] = (0, None)
        self._current = Catalog(self._own)
        self._lock = threading.Lock()
        self._watcher = ConfigWatcher(
            path, self._changed, self._failed, interval=check_seconds, settle_seconds=0.05
        )

    @property
    def current(self) -> Catalog:
        version, content = self._published()
        with self._lock:
            if self._made_of != (self._generation, version):
                merged = self._own if content is None else with_content(self._own, content)
                self._current = Catalog(merged)
                self._made_of = (self._generation, version)
            return self._current

    def start(self) -> None:
        self._watcher.start()

    def stop(self) -> None:
        self._watcher.stop()

    def check_now(self) -> None:
        self._watcher.check_now()

    def _changed(self, config: KioskConfig) -> None:
        with self._lock:
            self._own = config
            self._generation += 1

    def _failed(self, errors: list[ConfigError]) -> None:
        log.error("the config has errors; the server keeps the last good version")
        for error in errors:
            log.error("%s", error)
