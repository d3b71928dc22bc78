#!/usr/bin/env bash
# Every benchmark in one run (under 10 minutes); prints each ratio with its two figures and the
# machine, and writes benchmarks/RESULTS.md. Arguments go to `python -m benchmarks` (--quick,
# --only 1,5, --out FILE). Needs the environment `bash scripts/setup.sh test` makes (the venv,
# Xvfb, PostgreSQL); the bench extra (persist-queue) is installed here when missing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
py="${BENCH_PYTHON:-$here/.venv/bin/python}"
if [ ! -x "$py" ]; then
    echo "bench: no $py; run 'bash scripts/setup.sh test' first" >&2
    exit 2
fi
if ! "$py" -c "import persistqueue, psycopg" 2>/dev/null; then
    "$py" -m pip install -q -e ".[central,postgresql,test,bench]" </dev/null
fi
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"  # this checkout's kiosk, tests and benchmarks
if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1280x1280x24" "$py" -m benchmarks "$@"
fi
exec "$py" -m benchmarks "$@"
