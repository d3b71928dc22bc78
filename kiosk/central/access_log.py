"""Keeps secrets out of the access log: a key sent in an address must not be written to disk.

Kiosks send `api_key` in the form body and the server refuses it in the query (submit.py), but a
wrongly set up kiosk or a curious visitor may still put one there; uvicorn logs each request's
full path with its query. This filter blanks such values before any handler writes the line,
including the receipt's secret in a status link (`/status/<code>?lang=ug&k=<secret>`, issue 17):
a log that kept it would open every resident's status page to whoever reads the log.
"""

from __future__ import annotations

import logging
import re

SECRET_NAMES = ("api_key", "password", "csrf_token", "k", "ticket_secret")
_NAMES = "|".join(name.replace("_", "(?:_|%5f)") for name in SECRET_NAMES)  # also api%5Fkey
_SECRET = re.compile(r"(?i)((?:^|[?&;])(?:" + _NAMES + r")=)[^&;#\s\"]*")
HIDDEN = "[hidden]"


def hide_secrets(text: str) -> str:
    return _SECRET.sub(lambda m: m.group(1) + HIDDEN, text)


class HideSecrets(logging.Filter):
    """Rewrites a log record's text arguments in place; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                hide_secrets(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        if isinstance(record.msg, str):
            record.msg = hide_secrets(record.msg)
        return True


def install(logger_name: str = "uvicorn.access") -> None:
    """Once per process, after uvicorn configured its logging."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, HideSecrets) for f in logger.filters):
        logger.addFilter(HideSecrets())
