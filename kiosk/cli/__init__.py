"""The `kiosk` command and the composition root: the top of the house.

main (the parser and `main`), compose (builds `Services` from one config file), tickets
(`feedback add`, `receipt`, `print-test`), sync (`sync --once`), speak (`speak`), central
(`central serve|add-staff|add-kiosk|openapi` and the serve loop that tells systemd).

May import: every package of ours. Nothing imports it but `kiosk/__main__.py` (and tests).
"""
