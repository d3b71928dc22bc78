#!/usr/bin/env bash
# Every check CI runs: lint, format, types, then the test suite on a virtual X display.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
bin="$here/.venv/bin"

"$bin/ruff" check kiosk tests benchmarks scripts
"$bin/ruff" format --check kiosk tests benchmarks scripts
"$bin/mypy" kiosk tests benchmarks scripts
# xvfb-run gives the Kivy window a real X server (Mesa llvmpipe), as on a desktop. One pytest worker
# per core (each its own Kivy window on that server); a test file stays on one worker, so its
# module fixtures (a central server, a printer emulator) start once.
exec xvfb-run -a -s "-screen 0 1280x1280x24" "$bin/python" -m pytest -n auto --dist loadfile "$@"
