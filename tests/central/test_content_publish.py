"""Publishing content at the centre (issue 19): the staff page checks an upload with the kiosk's
own validator, keeps every version, and a kiosk reads the one in force with an ETag."""

from __future__ import annotations

import hashlib
import re

from kiosk.central import content, db
from tests.central.helpers import STAFF_NAME, Answer, Server, log_in
from tests.fixtures.content_files import png, sample_content, with_notice
from tests.fixtures.staff_pages import csrf_of


def _upload(
    server: Server,
    text: str,
    files: dict[str, bytes] | None = None,
    *,
    kiosks: str = "",
    name: str = "content.yaml",
) -> Answer:
    page = server.client.get("/staff/content", follow_redirects=False)
    if page.status_code == 303:
        log_in(server.client)
        page = server.client.get("/staff/content")
    parts = [("content", (name, text.encode("utf-8"), "application/yaml"))]
    parts += [("files", (n, data, "image/png")) for n, data in (files or {}).items()]
    return server.client.post(
        "/staff/content",
        data={"csrf_token": csrf_of(page.text), "kiosks": kiosks},
        files=parts,
        follow_redirects=False,
    )


def _publications(server: Server) -> list[content.Publication]:
    with db.reading(server.engine) as conn:
        return content.publications(conn)


def test_an_upload_with_its_picture_is_published_and_a_kiosk_reads_it_once(server: Server) -> None:
    poster = png(64, 48)
    text = with_notice(sample_content(), "water-cut", "周五停水", image="poster.png")
    done = _upload(server, text, {"poster.png": poster})
    assert done.status_code == 303, done.text
    page = server.client.get(done.headers["location"])
    assert "已发布第 1 版" in page.text

    first = server.read("/kiosk/content.json")
    assert first.status_code == 200
    body = first.json()
    assert (body["version"], body["text"], body["published_by"]) == (1, text, STAFF_NAME)
    assert body["files"] == [
        {"name": "poster.png", "sha256": hashlib.sha256(poster).hexdigest(), "size": len(poster)}
    ]
    again = server.read("/kiosk/content.json", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    picture = server.read(f"/kiosk/content/files/{body['files'][0]['sha256']}")
    assert picture.content == poster


def test_a_broken_file_is_refused_with_file_and_line_and_nothing_is_published(
    server: Server,
) -> None:
    text = sample_content().replace("deadline_days: 3", "deadline_days: soon", 1)
    line = (
        text.splitlines().index(next(x for x in text.splitlines() if "deadline_days: soon" in x))
        + 1
    )
    done = _upload(server, text, name="notices-december.yaml")
    assert done.status_code == 400
    assert re.search(
        rf"notices-december\.yaml:{line}:\d+: categories\[0\]\.deadline_days", done.text
    )
    assert "没有发布" in done.text
    assert _publications(server) == []
    assert server.read("/kiosk/content.json").status_code == 404


def test_device_settings_in_an_upload_are_refused(server: Server) -> None:
    text = sample_content() + "central:\n  url: http://127.0.0.1:9/\nstaff:\n  pin_hash: x\n"
    done = _upload(server, text)
    assert done.status_code == 400
    assert "content.yaml:" in done.text
    assert "central" in done.text
    assert "staff" in done.text
    assert _publications(server) == []


def test_a_picture_the_file_names_must_come_with_it(server: Server) -> None:
    text = with_notice(sample_content(), "poster", "海报", image="poster.png")
    done = _upload(server, text)
    assert done.status_code == 400
    assert "poster.png" in done.text
    assert _publications(server) == []


def test_an_earlier_version_is_published_again_in_one_step(server: Server) -> None:
    assert _upload(server, with_notice(sample_content(), "a", "第一版")).status_code == 303
    assert _upload(server, with_notice(sample_content(), "b", "第二版")).status_code == 303
    etag = server.read("/kiosk/content.json").headers["ETag"]
    page = server.client.get("/staff/content")
    done = server.client.post(
        "/staff/content/1/publish", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert done.status_code == 303
    back = server.read("/kiosk/content.json", headers={"If-None-Match": etag})
    assert back.status_code == 200
    assert back.json()["version"] == 1
    assert [p.version_id for p in _publications(server)] == [1, 2, 1]


def test_a_version_for_some_kiosks_is_not_sent_to_the_others(server: Server) -> None:
    from kiosk.central import accounts

    other = accounts.add_kiosk(server.engine, 2, now=server.clock(), name="gate")
    assert _upload(server, with_notice(sample_content(), "a", "全部")).status_code == 303
    assert (
        _upload(server, with_notice(sample_content(), "b", "只给二号"), kiosks="2").status_code
        == 303
    )
    assert server.read("/kiosk/content.json").json()["version"] == 1
    assert server.read("/kiosk/content.json", key=other).json()["version"] == 2


def test_the_centres_categories_follow_the_published_file(server: Server) -> None:
    text = sample_content().replace("name: {zh: 环境卫生", "name: {zh: 环境与卫生", 1)
    assert "环境与卫生" in text
    assert _upload(server, text).status_code == 303
    services = server.client.get("/services.json?lang=zh").json()
    assert "环境与卫生" in [s["service_name"] for s in services]


def test_content_is_read_only_with_a_kiosks_key(server: Server) -> None:
    assert server.client.get("/kiosk/content.json").status_code == 403
    assert server.read("/kiosk/content.json", key="wrong").status_code == 403


def test_a_large_upload_needs_a_staff_session(server: Server) -> None:
    big = {"content": ("content.yaml", b"x" * 200_000, "application/yaml")}
    assert server.client.post("/staff/content", files=big).status_code == 413
