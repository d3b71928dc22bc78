"""Echo Kiosk benchmarks: every figure a ratio against the nearest limit, measured in one run.

Run them all with `bash scripts/bench.sh` (or `python -m benchmarks` under a display); the
results go to `benchmarks/RESULTS.md`. Baselines and subjects run interleaved (A B A B ...), so a
ratio holds on a noisy machine even when the absolute figures do not.
"""
