"""Who reads what (issue 17): a kiosk's key in X-Api-Key sees every ticket with its kiosk and
place; anyone else sees the Echo Wall's public view: closed tickets only, no kiosk or place
identifiers, one ticket by code only with its receipt's secret. Both stay valid GeoReport v2."""

from __future__ import annotations

from kiosk.domain.ticket_code import make_code
from kiosk.domain.ticket_secret import new_secret
from kiosk.wire import fields as f
from tests.central.helpers import Server
from tests.central.schemas import validate
from tests.central.staff_actions import staff_set

OPEN_ONE, CLOSED_ONE = make_code(1, 1), make_code(1, 2)
IDENTIFIERS = (f.DEVICE_ID, f.ADDRESS_ID, f.ADDRESS)


def _two_tickets(server: Server) -> str:
    """An open ticket and a closed one, answered in both languages; the closed one's secret."""
    server.post_ticket(1)
    _, secret = server.post_ticket(2, lang="ug")
    staff_set(
        server,
        CLOSED_ONE,
        "closed",
        "垃圾已清运。",
        answer_ug="ئەخلەت توشۇۋېتىلدى.",
        summary_zh="2号楼垃圾没清运",
    )
    return secret


def _identifiers(item: dict[str, object]) -> set[str]:
    extended = item[f.EXTENDED_ATTRIBUTES]
    assert isinstance(extended, dict)
    return {name for name in IDENTIFIERS if name in item or name in extended}


def test_the_public_feed_holds_only_closed_tickets_without_kiosk_or_place(server):
    _two_tickets(server)
    for params in ({}, {"status": "open,closed"}, {"updated_after": "2024-12-01T00:00:00+08:00"}):
        answer = server.client.get("/requests.json", params=params)
        assert answer.status_code == 200
        validate("requests.json", answer.json())
        assert [t[f.SERVICE_REQUEST_ID] for t in answer.json()] == [CLOSED_ONE], params
        assert _identifiers(answer.json()[0]) == set()
        assert "compound-2" not in answer.text
    only_open = server.client.get("/requests.json", params={"status": "open"})
    assert only_open.json() == []
    by_code = server.client.get("/requests.json", params={f.SERVICE_REQUEST_ID: OPEN_ONE})
    assert by_code.json() == []  # a code does not get round the public view


def test_the_kiosk_feed_holds_every_ticket_with_its_kiosk_and_place(server):
    _two_tickets(server)
    answer = server.read("/requests.json")
    validate("requests.json", answer.json())
    items = {t[f.SERVICE_REQUEST_ID]: t for t in answer.json()}
    assert set(items) == {OPEN_ONE, CLOSED_ONE}
    assert _identifiers(items[OPEN_ONE]) == set(IDENTIFIERS)
    assert items[OPEN_ONE][f.ADDRESS_ID] == "compound-2"
    assert items[OPEN_ONE][f.EXTENDED_ATTRIBUTES][f.DEVICE_ID] == "001"


def test_a_wrong_key_is_403_in_the_georeport_shape(server):
    for path in ("/requests.json", f"/requests/{OPEN_ONE}.json"):
        answer = server.read(path, key="not-a-kiosk-key")
        assert answer.status_code == 403
        (error,) = answer.json()
        assert error == {
            "code": 403,
            "description": "the X-Api-Key header holds no valid kiosk key",
        }


def test_one_ticket_by_code_alone_is_404_like_an_unknown_one_unless_its_secret_is_given(server):
    secret = _two_tickets(server)
    unknown = server.client.get(f"/requests/{make_code(1, 7)}.json")
    assert unknown.status_code == 404
    for params in ({}, {"k": new_secret()}):
        answer = server.client.get(f"/requests/{CLOSED_ONE}.json", params=params)
        assert answer.status_code == 404
        assert answer.text == unknown.text.replace(make_code(1, 7), CLOSED_ONE)
    opened = server.client.get(f"/requests/{CLOSED_ONE}.json", params={"k": secret})
    assert opened.status_code == 200
    validate("requests.json", opened.json())
    assert _identifiers(opened.json()[0]) == set()
    assert server.read(f"/requests/{OPEN_ONE}.json").status_code == 200


def test_answers_and_summaries_travel_per_language_in_the_extension(server):
    _two_tickets(server)
    for answer in (server.read("/requests.json"), server.client.get("/requests.json")):
        closed = next(t for t in answer.json() if t[f.SERVICE_REQUEST_ID] == CLOSED_ONE)
        extended = closed[f.EXTENDED_ATTRIBUTES]
        assert extended[f.ANSWERS] == {"zh": "垃圾已清运。", "ug": "ئەخلەت توشۇۋېتىلدى."}
        assert extended[f.SUMMARIES] == {"zh": "2号楼垃圾没清运"}  # only languages with text
        assert closed[f.STATUS_NOTES] == "垃圾已清运。"  # the default language's, for GeoReport
        assert closed[f.DESCRIPTION] == "2号楼垃圾没清运"  # the staff's summary replaces phrases


def test_an_answer_in_uyghur_only_is_still_the_status_notes(server):
    server.post_ticket(1, lang="ug")
    staff_set(server, OPEN_ONE, "closed", "", answer_ug="ئوڭشالدى.")
    (ticket,) = server.read(f"/requests/{OPEN_ONE}.json").json()
    assert ticket[f.STATUS_NOTES] == "ئوڭشالدى."
    assert ticket[f.EXTENDED_ATTRIBUTES][f.ANSWERS] == {"ug": "ئوڭشالدى."}


def test_each_view_has_its_own_etag_and_304s_only_within_it(server):
    server.post_ticket(1)  # open: the public list is empty, the kiosk's is not
    empty_public = server.client.get("/requests.json", params={"status": "closed"})
    empty_kiosk = server.read("/requests.json", params={"status": "closed"})
    assert empty_public.content == empty_kiosk.content == b"[]"
    assert empty_public.headers["ETag"] != empty_kiosk.headers["ETag"]
    assert empty_public.headers["Vary"] == "X-Api-Key"
    public_etag = {"If-None-Match": empty_public.headers["ETag"]}
    assert (
        server.read("/requests.json", params={"status": "closed"}, headers=public_etag).status_code
        == 200
    )
    again = server.client.get("/requests.json", params={"status": "closed"}, headers=public_etag)
    assert again.status_code == 304


def test_the_public_figures_name_no_kiosk_or_place(server):
    _two_tickets(server)
    figures = server.client.get("/figures.json", params={"months": 1})
    assert figures.status_code == 200
    for name in (*IDENTIFIERS, "compound-2", "001"):
        assert name not in figures.text
