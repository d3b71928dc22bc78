"""The ticket's status URL and its QR code, for paper and for the screen.

Error correction M survives a smudged or creased thermal receipt without making the code dense.
Modules are whole dots (at least 4, i.e. 0.5 mm at 203 dpi) with the standard 4-module quiet zone,
so phone cameras read the code from paper that has faded a little.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from PIL import Image

from kiosk.wire import fields as f

MIN_MODULE_DOTS = 4
MAX_MODULE_DOTS = 8  # 1 mm modules on 203 dpi paper: larger only wastes paper
QUIET_ZONE = 4


def status_url(base_url: str, code: str, *, lang: str = "", secret: str = "") -> str:
    """`<base>/status/<code>?lang=<lang>&k=<secret>`: the centre's public status page for one
    ticket, in the resident's language; without the secret the page shows nothing of it."""
    url = f"{base_url.rstrip('/')}/status/{quote(code, safe='')}"
    query = {k: v for k, v in ((f.STATUS_LANG, lang), (f.STATUS_SECRET, secret)) if v}
    return f"{url}?{urlencode(query)}" if query else url


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR modules (True = dark), quiet zone included, at error correction level M."""
    import qrcode  # with the first ticket, not at the kiosk's start (issue 18)

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(data)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def qr_image(data: str, *, module_dots: int = MAX_MODULE_DOTS) -> Image.Image:
    """A 1-bit QR image with `module_dots` pixels per module (for the screen or the receipt)."""
    if module_dots < 1:
        raise ValueError(f"module_dots must be at least 1, got {module_dots}")
    matrix = qr_matrix(data)
    size = len(matrix)
    small = Image.new("1", (size, size), 1)
    small.putdata([0 if dark else 1 for row in matrix for dark in row])
    return small.resize((size * module_dots, size * module_dots), Image.Resampling.NEAREST)


def qr_for_width(data: str, max_width: int) -> Image.Image:
    """The largest QR image (up to 1 mm modules) that fits `max_width` dots of paper.

    Raises ValueError when even 4-dot modules do not fit: a code that small would not scan.
    """
    modules = len(qr_matrix(data))
    module_dots = min(MAX_MODULE_DOTS, max_width // modules)
    if module_dots < MIN_MODULE_DOTS:
        raise ValueError(
            f"a QR code for {len(data)} characters needs {modules * MIN_MODULE_DOTS} dots,"
            f" the paper has {max_width}: shorten the central URL"
        )
    return qr_image(data, module_dots=module_dots)
