"""`kiosk central add-staff|add-kiosk|openapi` and the accounts behind them."""

from __future__ import annotations

import argparse
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from kiosk.central import accounts, db
from kiosk.central.passwords import hash_password, verify_password
from kiosk.cli.central import add_subcommands
from kiosk.cli.main import main as kiosk_main


def main(argv: list[str]) -> int:
    return kiosk_main(["central", *argv])


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_add_staff_reads_the_password_from_stdin_and_stores_only_a_hash(
    monkeypatch, capsys, db_url
):
    _stdin(monkeypatch, "a-good-password\n")
    assert main(["add-staff", "阿娜汗", "--db", db_url]) == 0
    assert "account made" in capsys.readouterr().out
    engine = db.open_engine(db_url)
    with engine.connect() as conn:
        stored = conn.execute(select(db.staff.c.password_hash)).scalar_one()
        assert "a-good-password" not in stored
        assert accounts.check_staff(conn, "阿娜汗", "a-good-password") is not None
        assert accounts.check_staff(conn, "阿娜汗", "a-bad-password") is None


def test_add_staff_refuses_a_short_password_and_a_second_account_of_that_name(
    monkeypatch, capsys, db_url
):
    _stdin(monkeypatch, "short\n")
    assert main(["add-staff", "rouzi", "--db", db_url]) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    _stdin(monkeypatch, "a-good-password\n")
    assert main(["add-staff", "rouzi", "--db", db_url]) == 0
    _stdin(monkeypatch, "another-password\n")
    assert main(["add-staff", "rouzi", "--db", db_url]) == 1
    assert "--reset" in capsys.readouterr().err
    _stdin(monkeypatch, "another-password\n")
    assert main(["add-staff", "rouzi", "--reset", "--db", db_url]) == 0


def test_add_kiosk_prints_the_key_once_and_only_its_hash_is_kept(capsys, db_url):
    assert main(["add-kiosk", "7", "--name", "Red Post", "--db", db_url]) == 0
    out, err = capsys.readouterr()
    key = out.strip()
    assert len(key) >= 40
    assert "shown only now" in err
    engine = db.open_engine(db_url)
    with engine.connect() as conn:
        assert key not in str(conn.execute(select(db.kiosks)).all())
        kiosk = accounts.kiosk_for_key(conn, key)
    assert kiosk is not None
    assert (kiosk.device_id, kiosk.name) == ("007", "Red Post")


def test_rotating_a_kiosk_key_retires_the_old_one(capsys, db_url):
    main(["add-kiosk", "1", "--db", db_url])
    old = capsys.readouterr().out.strip()
    assert main(["add-kiosk", "1", "--db", db_url]) == 1  # exists: needs --rotate
    assert main(["add-kiosk", "1", "--rotate", "--db", db_url]) == 0
    new = capsys.readouterr().out.strip()
    engine = db.open_engine(db_url)
    with engine.connect() as conn:
        assert accounts.kiosk_for_key(conn, old) is None
        assert accounts.kiosk_for_key(conn, new) is not None


@pytest.mark.parametrize("number", ["0", "1000", "abc", "-1"])
def test_a_kiosk_number_out_of_range_is_refused(capsys, db_url, number):
    assert main(["add-kiosk", number, "--db", db_url]) == 1
    assert "kiosk number" in capsys.readouterr().err


def test_an_unreachable_database_is_one_line_not_a_traceback(capsys, tmp_path):
    folder = tmp_path / "a-file"
    folder.write_text("")
    url = f"sqlite:///{folder / 'x.sqlite3'}"  # its folder is a file
    assert main(["add-kiosk", "1", "--db", url]) in (1, 2)
    assert "Traceback" not in capsys.readouterr().err


def test_the_commands_plug_into_the_kiosk_parser_as_the_lead_wires_them(capsys, db_url):
    parser = argparse.ArgumentParser(prog="kiosk")
    add_subcommands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["central", "add-kiosk", "3", "--db", db_url])
    assert args.handler(args) == 0
    assert capsys.readouterr().out.strip()
    serve = parser.parse_args(["central", "serve", "--port", "9000"])
    assert serve.handler.__name__ == "cmd_central_serve"
    assert (serve.db, serve.host, serve.port, serve.config) == (None, "127.0.0.1", 9000, None)


def test_password_hashes_are_salted_and_verify():
    first, second = hash_password("same-password"), hash_password("same-password")
    assert first != second
    assert first.startswith("scrypt$")
    assert verify_password("same-password", first)
    assert not verify_password("other-password", first)
    assert not verify_password("same-password", "scrypt$broken")


def test_device_ids_are_three_digits():
    assert accounts.device_id(1) == "001"
    assert accounts.device_id("042") == "042"


def test_add_staff_function_is_usable_without_the_cli(tmp_path):
    engine = db.open_engine(f"sqlite:///{tmp_path / 'f.sqlite3'}")
    db.migrate(engine)
    accounts.add_staff(engine, "staff", "long-enough-1", now=datetime.now(UTC))
    with pytest.raises(accounts.AccountError):
        accounts.add_staff(engine, "staff", "long-enough-2", now=datetime.now(UTC))
