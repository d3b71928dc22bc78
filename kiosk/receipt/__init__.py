"""The paper receipt: laid out as an image (Pillow, qrcode) and sent to a printer (python-escpos).

Nothing here imports Kivy; the screen shows the same QR code when printing fails.

Import the modules themselves (data, layout, printers, qr, status): this package imports none of
them, so what only needs the receipt's data or the printer's state does not bring the layout,
qrcode and python-escpos with it (issue 18: the kiosk's start).

May import: `kiosk.domain`, `kiosk.wire`, `kiosk.config`, and itself.
"""
