"""Content published to the kiosks (issue 19): versions kept for good, publications in force.

Staff upload a content file and the images it names (the staff page or `kiosk central content
publish`). It is checked with the kiosk's own validator before anything is stored; a broken file
is refused with every error as FILE:LINE and nothing is published. A version is kept with who
uploaded it and when; a publication puts one version in force for every kiosk, or for some, and
publishing an earlier version again is a rollback. A kiosk is sent the newest publication that
names it (or names none).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select

from kiosk.central import db, times
from kiosk.config.content_file import attached_files, load_content
from kiosk.config.content_folder import lay_out, version_digest
from kiosk.config.content_keys import MAX_FILE_BYTES, MAX_TOTAL_BYTES, plain_name
from kiosk.config.errors import ConfigError, ConfigInvalid, ConfigUnreadable, errors_of
from kiosk.config.model import KioskConfig

RECENT = 200  # publications looked through for the one in force


class ContentRefused(Exception):  # noqa: N818 - reads best at the call sites
    """The upload cannot be published; `errors` are FILE:LINE: key: message lines for staff."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class Version:
    id: int
    sha256: str
    file_name: str
    text: str
    files: tuple[tuple[str, str, int], ...]  # (name, sha256, size)
    uploaded_by: str
    uploaded: datetime


@dataclass(frozen=True)
class Publication:
    id: int
    version_id: int
    kiosks: tuple[str, ...]  # device ids; () for every kiosk
    published_by: str
    published: datetime
    file_name: str = ""  # the version's, as uploaded

    def names(self, device_id: str) -> bool:
        return not self.kiosks or device_id in self.kiosks


def check(text: str, file_name: str, files: Mapping[str, bytes]) -> KioskConfig:
    """The content the upload makes, checked as a kiosk checks it; ContentRefused otherwise."""
    shown = Path(file_name)
    problems = [f"{shown}: {p}" for p in _size_problems(files)]
    problems += [
        f"{shown}: '{name}' must be a plain file name (letters, digits, '.', '-', '_')"
        for name in files
        if not plain_name(name)
    ]
    if problems:
        raise ContentRefused(problems)
    with tempfile.TemporaryDirectory(prefix="echo-content-") as folder:
        path = lay_out(Path(folder) / "v", text, files)
        try:
            config = load_content(path)
            named = attached_files(config, path, text)
        except (ConfigInvalid, ConfigUnreadable) as failure:
            errors = [dataclasses.replace(e, file=shown) for e in errors_of(failure)]
            raise ContentRefused([str(e) for e in errors]) from None
    unused = sorted(set(files) - set(named))
    if unused:
        error = ConfigError(shown, None, None, "", f"not named by the file: {', '.join(unused)}")
        raise ContentRefused([str(error)])
    return config


def _size_problems(files: Mapping[str, bytes]) -> list[str]:
    problems = [
        f"'{name}' is {len(data) / 2**20:.1f} MiB; a file can be at most "
        f"{MAX_FILE_BYTES // 2**20} MiB (make the picture smaller)"
        for name, data in files.items()
        if len(data) > MAX_FILE_BYTES
    ]
    if sum(len(d) for d in files.values()) > MAX_TOTAL_BYTES:
        problems.append(f"the files add up to more than {MAX_TOTAL_BYTES // 2**20} MiB")
    return problems


def publish(
    engine: Engine,
    *,
    text: str,
    file_name: str,
    files: Mapping[str, bytes],
    by: str,
    now: datetime,
    kiosks: Sequence[str] = (),
) -> Publication:
    """Check the upload, keep it as a new version (or find the same one kept before) and put it
    in force for `kiosks` (device ids; () for all). Raises ContentRefused, storing nothing."""
    check(text, file_name, files)
    digest = version_digest(text, files)
    with db.writing(engine) as conn:
        _known_kiosks(conn, kiosks)
        v = db.content_versions.c
        found = conn.execute(select(v.id).where(v.sha256 == digest)).scalar()
        version_id = (
            int(found)
            if found is not None
            else _keep(conn, digest, text, file_name, files, by, now)
        )
        return _publication(conn, version_id, kiosks, by, now)


def publish_again(
    engine: Engine, version_id: int, *, by: str, now: datetime, kiosks: Sequence[str] = ()
) -> Publication:
    """Put a kept version in force again (a rollback); ContentRefused for an unknown one."""
    with db.writing(engine) as conn:
        _known_kiosks(conn, kiosks)
        v = db.content_versions.c
        if conn.execute(select(v.id).where(v.id == version_id)).scalar() is None:
            raise ContentRefused([f"there is no content version {version_id}"])
        return _publication(conn, version_id, kiosks, by, now)


def _known_kiosks(conn: Connection, kiosks: Sequence[str]) -> None:
    k = db.kiosks.c
    known = set(conn.execute(select(k.device_id).where(k.active)).scalars())
    unknown = [d for d in kiosks if d not in known]
    if unknown:
        raise ContentRefused([f"no kiosk is registered as {', '.join(unknown)}"])


def _keep(
    conn: Connection,
    digest: str,
    text: str,
    file_name: str,
    files: Mapping[str, bytes],
    by: str,
    now: datetime,
) -> int:
    listed = []
    f = db.content_files.c
    for name in sorted(files):
        data = files[name]
        sha = hashlib.sha256(data).hexdigest()
        if conn.execute(select(f.sha256).where(f.sha256 == sha)).scalar() is None:
            conn.execute(insert(db.content_files).values(sha256=sha, data=data))
        listed.append({"name": name, "sha256": sha, "size": len(data)})
    row = conn.execute(
        insert(db.content_versions)
        .values(
            sha256=digest,
            file_name=Path(file_name).name[:200],
            text=text,
            files=json.dumps(listed),
            uploaded_by=by[:100],
            uploaded=times.to_db(now),
        )
        .returning(db.content_versions.c.id)
    )
    return int(row.scalar_one())


def _publication(
    conn: Connection, version_id: int, kiosks: Sequence[str], by: str, now: datetime
) -> Publication:
    named = tuple(sorted(set(kiosks)))
    row = conn.execute(
        insert(db.content_publications)
        .values(
            version_id=version_id,
            kiosks=",".join(named),
            published_by=by[:100],
            published=times.to_db(now),
        )
        .returning(db.content_publications.c.id)
    )
    return Publication(int(row.scalar_one()), version_id, named, by[:100], now)


def publications(conn: Connection, limit: int = RECENT) -> list[Publication]:
    """The newest first, each with its version's file name (not its text)."""
    p, v = db.content_publications.c, db.content_versions.c
    rows = conn.execute(
        select(db.content_publications, v.file_name)
        .join(db.content_versions, v.id == p.version_id)
        .order_by(p.id.desc())
        .limit(limit)
    )
    return [
        Publication(
            r.id,
            r.version_id,
            tuple(d for d in r.kiosks.split(",") if d),
            r.published_by,
            times.from_db(r.published),
            r.file_name,
        )
        for r in rows
    ]


def version(conn: Connection, version_id: int) -> Version | None:
    row = conn.execute(
        select(db.content_versions).where(db.content_versions.c.id == version_id)
    ).first()
    if row is None:
        return None
    files = tuple((f["name"], f["sha256"], int(f["size"])) for f in json.loads(row.files))
    return Version(
        row.id,
        row.sha256,
        row.file_name,
        row.text,
        files,
        row.uploaded_by,
        times.from_db(row.uploaded),
    )


def in_force(conn: Connection, device_id: str | None) -> Publication | None:
    """The publication a kiosk follows; `device_id` None: the one for every kiosk."""
    return followed(publications(conn), device_id)


def followed(recent: Sequence[Publication], device_id: str | None) -> Publication | None:
    """Among `recent` (newest first), the one `device_id` follows (None: every kiosk's)."""
    for publication in recent:
        if (device_id is None and not publication.kiosks) or (
            device_id is not None and publication.names(device_id)
        ):
            return publication
    return None


def file_data(conn: Connection, sha256: str) -> bytes | None:
    f = db.content_files.c
    data = conn.execute(select(f.data).where(f.sha256 == sha256)).scalar()
    return None if data is None else bytes(data)
