"""`kiosk check-config`: one line when good, every problem when not, exit codes 0/1/2."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.config import check
from kiosk.config.check import check_config
from tests.config.helpers import SAMPLE, ConfigFolder


def run(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = check_config(path, out, err)
    return code, out.getvalue(), err.getvalue()


SAMPLE_PUBLIC_URL = "  public_url: http://127.0.0.1:8311/\n"


def test_good_file_exits_0_with_a_one_line_summary(config: ConfigFolder) -> None:
    config.edited((SAMPLE_PUBLIC_URL, "  public_url: https://echo.ruoqiang.example.cn/\n"))
    code, out, err = run(config.path)
    assert (code, err) == (0, "")
    assert out == (f"{config.path}: OK — 4 notices, 3 rooms, 6 events, 6 categories, 6 amenities\n")


def test_the_sample_is_ok_but_warned_that_phones_cannot_open_its_qr_address() -> None:
    """The sample's centre runs next to the kiosk on 127.0.0.1; a phone cannot reach that."""
    path = Path("config/kiosk.yaml") if Path("config/kiosk.yaml").is_file() else SAMPLE
    code, out, err = run(path)
    assert (code, err) == (0, "")  # a warning is not an error
    ok, warning = out.splitlines()
    assert ok == f"{path}: OK — 4 notices, 3 rooms, 6 events, 6 categories, 6 amenities"
    assert warning.startswith(f"{path}: warning: central.public_url is http://127.0.0.1:8311/")
    assert "residents' phones cannot open the receipt's QR code" in warning
    assert "set central.public_url in the kiosk's config file" in warning


@pytest.mark.parametrize(
    "address",
    [
        "http://localhost:8311/",
        "http://192.168.1.20/",
        "http://10.0.0.7:8311/",
        "http://169.254.3.4/",
        "http://[::1]:8311/",
        "http://echo-centre.local/",
        "http://centre/",  # a name without a domain resolves only inside a network
    ],
)
def test_a_local_public_url_is_warned_about_with_exit_0(config: ConfigFolder, address: str) -> None:
    config.edited((SAMPLE_PUBLIC_URL, f"  public_url: {address}\n"))
    code, out, err = run(config.path)
    assert (code, err) == (0, "")
    assert out.splitlines()[1].startswith(
        f"{config.path}: warning: central.public_url is {address}, an address only this machine"
    )


def test_a_missing_public_url_is_warned_about_naming_the_address_the_qr_uses(
    config: ConfigFolder,
) -> None:
    config.edited((SAMPLE_PUBLIC_URL, ""))
    code, out, err = run(config.path)
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == (
        f"{config.path}: warning: central.public_url is not set, so the receipt's QR code "
        "carries http://127.0.0.1:8311/, which residents' phones may not open: set "
        "central.public_url in the kiosk's config file to the address residents' phones "
        "reach the centre at (e.g. https://echo.example.org/)"
    )


def test_a_public_url_that_is_no_web_address_is_warned_about(config: ConfigFolder) -> None:
    config.edited((SAMPLE_PUBLIC_URL, "  public_url: echo.ruoqiang.example.cn\n"))
    code, out, err = run(config.path)
    assert (code, err) == (0, "")
    assert "not a web address starting with http:// or https://" in out.splitlines()[1]


def test_bad_file_exits_1_with_every_error_on_its_own_line(config: ConfigFolder) -> None:
    config.edited(("icon: broom", "icon: brom"), ("kiosk_number: 1 ", "kiosk_number: x "))
    code, out, err = run(config.path)
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{config.path}:")
    assert "community.kiosk_number: " in lines[0]
    assert "categories[1].icon: there is no pictogram 'brom'" in lines[1]
    assert lines[2] == f"{config.path}: 2 problems found"
    assert "Traceback" not in err


def test_syntax_error_exits_1(config: ConfigFolder) -> None:
    config.write("community: [\n")
    code, _, err = run(config.path)
    assert code == 1
    assert err.count("\n") == 2


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    code, out, err = run(tmp_path / "kiosk.yaml")
    assert (code, out) == (2, "")
    assert err == f"{tmp_path / 'kiosk.yaml'}:1: cannot read the file: the file does not exist\n"


def test_checker_bug_is_one_line_not_a_traceback(
    config: ConfigFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(check, "load_config", broken)
    code, _, err = run(config.path)
    assert code == 3
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_main_returns_the_worst_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check.main([str(SAMPLE)]) == 0
    assert check.main([str(SAMPLE), str(tmp_path / "missing.yaml")]) == 2
    assert "OK" in capsys.readouterr().out
