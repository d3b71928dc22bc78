"""The access log never keeps a secret sent in an address: a kiosk key, a password, or the
receipt's secret in a status link (which would open that resident's status page)."""

from __future__ import annotations

import logging

from kiosk.central.access_log import HIDDEN, HideSecrets, hide_secrets
from kiosk.domain.ticket_secret import new_secret


def test_the_status_links_secret_is_hidden_and_the_rest_kept():
    secret = new_secret()
    line = f"GET /status/001000015?lang=ug&k={secret} HTTP/1.1"
    assert hide_secrets(line) == f"GET /status/001000015?lang=ug&k={HIDDEN} HTTP/1.1"
    assert hide_secrets(f"/requests/001000015.json?k={secret}").endswith(f"?k={HIDDEN}")


def test_a_parameter_merely_ending_in_k_is_left_alone():
    assert hide_secrets("/x?back=1&lock=2") == "/x?back=1&lock=2"


def test_the_filter_rewrites_uvicorns_access_record():
    secret = new_secret()
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/status/001000015?k={secret}", "1.1", 200),
        None,
    )
    assert HideSecrets().filter(record)
    assert secret not in record.getMessage()
    assert f"?k={HIDDEN}" in record.getMessage()
