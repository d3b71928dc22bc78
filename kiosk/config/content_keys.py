"""Which parts of the staff YAML a community publishes, and which belong to one device.

A content file (issue 19) travels from the centre or a USB stick to every kiosk; what it may hold
is fixed here. Device settings (the display, the printer, sound, the central address and key,
the staff PIN, the kiosk's own number) never travel: a content edit must not be able to cut a
kiosk off its centre or lock staff out of it.
"""

from __future__ import annotations

import re
from typing import Any

from kiosk.config.problem import Problem

# What a community publishes: facts, notices, activities (with their calendar file), Red Post,
# categories with their people and deadlines, and the languages those texts are written in.
CONTENT_SECTIONS = (
    "community",
    "languages",
    "notices",
    "rooms",
    "schedule",
    "red_post",
    "places",
    "categories",
)
DEVICE_SECTIONS = ("display", "idle", "printer", "central", "sync", "speech", "staff")
DEVICE_COMMUNITY_KEYS = ("kiosk_number",)  # inside community:, yet one kiosk's own
CONTENT_FILE = "content.yaml"  # the content file's name in a version's folder and on a stick
MAX_FILE_BYTES = 8 * 1024 * 1024  # one notice picture; a bigger one is a mistake on a 7" screen
MAX_TOTAL_BYTES = 48 * 1024 * 1024  # a version's files together
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def plain_name(name: str) -> bool:
    """A name a file travelling with the content may have: no folder, no hidden file."""
    return bool(_PLAIN.fullmatch(name)) and name != CONTENT_FILE


def device_settings(data: dict[str, Any]) -> list[Problem]:
    """A problem at each device setting found in a content file's top-level mapping."""
    problems = [
        Problem(
            (key,),
            f"'{key}' is a setting of each kiosk, not content: it stays in the kiosk's own "
            "kiosk.yaml and is never sent to kiosks; remove this section from the content file",
            "key",
        )
        for key in data
        if key in DEVICE_SECTIONS
    ]
    community = data.get("community")
    if isinstance(community, dict):
        problems += [
            Problem(
                ("community", key),
                f"'{key}' is each kiosk's own number, not content: it stays in the kiosk's own "
                "kiosk.yaml; remove it from the content file",
                "key",
            )
            for key in community
            if key in DEVICE_COMMUNITY_KEYS
        ]
    return problems


def content_part(data: dict[str, Any]) -> dict[str, Any]:
    """`data` without its device settings (each reported by device_settings), so a section
    that has no place in a content file is not also checked as if it had."""
    kept = {key: value for key, value in data.items() if key not in DEVICE_SECTIONS}
    community = kept.get("community")
    if isinstance(community, dict):
        kept["community"] = {
            key: value for key, value in community.items() if key not in DEVICE_COMMUNITY_KEYS
        }
    return kept
