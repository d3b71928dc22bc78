"""`python -m kiosk.central serve|add-staff|add-kiosk|openapi` (see cli.py)."""

from kiosk.central.cli import main

raise SystemExit(main())
