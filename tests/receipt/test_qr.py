from __future__ import annotations

import pytest

from kiosk.receipt.qr import MIN_MODULE_DOTS, qr_for_width, qr_image, qr_matrix, status_url
from tests.fixtures.qr_decode import qr_texts


@pytest.mark.parametrize(
    "base", ["https://echo.example.org", "https://echo.example.org/", "https://echo.example.org//"]
)
def test_the_status_url_is_the_base_then_status_and_code(base):
    assert status_url(base, "001000427") == "https://echo.example.org/status/001000427"


def test_a_base_url_with_a_path_keeps_it():
    assert status_url("http://10.0.0.2:8311/echo/", "1") == "http://10.0.0.2:8311/echo/status/1"


def test_the_screen_qr_code_scans():
    url = status_url("http://127.0.0.1:8311/", "001000427")

    assert qr_texts(qr_image(url)) == [url]


def test_even_the_smallest_allowed_modules_scan():
    url = status_url("http://127.0.0.1:8311/", "001000427")
    image = qr_image(url, module_dots=MIN_MODULE_DOTS)

    assert image.width == len(qr_matrix(url)) * MIN_MODULE_DOTS
    assert qr_texts(image) == [url]


def test_the_paper_qr_uses_the_largest_modules_that_fit():
    url = status_url("http://127.0.0.1:8311/", "001000427")
    modules = len(qr_matrix(url))

    assert qr_for_width(url, 368).width == modules * 8  # 1 mm modules on 58 mm paper
    assert qr_for_width(url, modules * 5).width == modules * 5


def test_a_url_too_long_to_scan_from_paper_is_refused_not_shrunk():
    url = status_url("https://echo.example.org/" + "x" * 600, "001000427")

    with pytest.raises(ValueError, match="shorten the central URL"):
        qr_for_width(url, 368)
