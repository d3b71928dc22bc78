"""What the pages' headers and markup promise: no copy of a phone number kept by a browser, no
script or inline style a resident's text could ever smuggle in, and text that cannot reorder
the page around it."""

from __future__ import annotations

import re

from kiosk.domain.ticket_code import make_code
from tests.central.helpers import log_in
from tests.fixtures.open311_payloads import kiosk_payload

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "123\u202eevil" shows as "123live" and more
_INLINE = re.compile(r"<script|<style|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_staff_pages_are_never_stored_and_forbid_inline_code(server):
    server.post_request(kiosk_payload(1))
    assert log_in(server.client).status_code == 303
    for path in ("/staff/tickets", f"/staff/tickets/{make_code(1, 1)}", "/staff/kiosks"):
        page = server.client.get(path)
        assert page.status_code == 200, path
        assert page.headers["cache-control"] == "no-store", path
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "style-src 'self'" in policy
        assert not _INLINE.search(page.text), path


def test_the_status_page_has_the_policy_and_its_stylesheet_is_served(server):
    _, secret = server.post_ticket(1)
    page = server.client.get(f"/status/{make_code(1, 1)}", params={"k": secret})
    assert page.status_code == 200
    assert "script-src" not in page.headers["content-security-policy"]  # none at all
    assert not _INLINE.search(page.text)
    (href,) = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.text)
    sheet = server.client.get(href)
    assert sheet.status_code == 200
    assert sheet.headers["content-type"].startswith("text/css")
    assert "--accent" in sheet.text


def test_bidi_controls_in_a_residents_text_are_isolated_on_the_staff_page(server):
    payload = kiosk_payload(1, free_text=f"漏水{RLO}3 楼", place=None)
    payload["agency_responsible"] = f"王{RLO}师傅"
    assert server.post_request(payload).status_code == 200
    log_in(server.client)
    ticket = server.client.get(f"/staff/tickets/{make_code(1, 1)}").text
    assert f"<bdi>充电桩不能充电\n漏水{RLO}3 楼</bdi>" in ticket
    listing = server.client.get("/staff/tickets").text
    assert f"<bdi>王{RLO}师傅</bdi>" in listing


def test_control_characters_from_a_kiosk_are_dropped_not_refused(server):
    payload = kiosk_payload(1, free_text="楼道\x00灯坏了\x07\n三楼", place=None)
    assert server.post_request(payload).status_code == 200
    log_in(server.client)
    ticket = server.client.get(f"/staff/tickets/{make_code(1, 1)}").text
    assert "\n楼道灯坏了\n三楼</bdi>" in ticket
