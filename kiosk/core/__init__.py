"""The application core: the services the screens and the commands use, with no Kivy and no
argparse. desk (store a report, then print its receipt), lookup (find a ticket wherever it is
known), office (those two with the ticket book, the sync worker and the centre's answers: the
back office, made after the first frame), health (what the heartbeat says about the kiosk),
release (which version this kiosk runs), staff (the staff panel's facts and actions), sdnotify
(READY and WATCHDOG for systemd), samples (a sample Echo Wall feed for `kiosk screenshot`),
services (`Services`, the one type that carries them all, composed by kiosk.cli).

May import: `kiosk.domain`, `kiosk.wire`, `kiosk.config`, `kiosk.store`, `kiosk.receipt`,
`kiosk.speech`, `kiosk.sync`, and itself; never `kiosk.ui`, `kiosk.central` or `kiosk.cli`.
"""
