"""A ticket's answer and Echo Wall summary in each language, as stored and as published.

Staff write the answer (and, optionally, the wall's summary) in Chinese, in Uyghur or both. The
tickets table keeps each as JSON `{lang: text}` with only non-empty languages, which is also their
wire shape (`extended_attributes.answers` / `.summaries`). GeoReport clients read one
`status_notes`: the community's default language, else the other one. A ticket answered before
languages were kept has only `status_notes`; it reads as the default language's answer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from kiosk.domain.answer_language import in_language


def parse(stored: str | None) -> dict[str, str]:
    """The stored JSON as {lang: text}, non-empty texts only; anything else reads as none."""
    try:
        found = json.loads(stored or "{}")
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {str(k): v.strip() for k, v in found.items() if isinstance(v, str) and v.strip()}


def cleaned(texts: Mapping[str, str]) -> dict[str, str]:
    """Only the languages with text, stripped, in a stable order."""
    return {lang: texts[lang].strip() for lang in sorted(texts) if texts[lang].strip()}


def dump(texts: Mapping[str, str]) -> str:
    return json.dumps(cleaned(texts), ensure_ascii=False, sort_keys=True)


def one_text(texts: Mapping[str, str], default_lang: str) -> str:
    """What a single-language reader gets (GeoReport's status_notes): the default, else another."""
    shown = in_language(texts, default_lang)
    return shown.text if shown is not None else ""
