#!/usr/bin/env bash
# One entry point for both README set-up commands, so a fresh Debian 12 / Raspberry Pi OS Bookworm
# machine needs nothing but this clone:
#   bash scripts/setup.sh run    install what is missing, then start the kiosk on config/kiosk.yaml
#   bash scripts/setup.sh test   install what is missing, then run every check headless
#   bash scripts/setup.sh install   only install what is missing (CI, before its parallel runs)
# Safe to re-run: it only installs what is not there yet.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
venv="$here/.venv"
mode=${1:-}

runtime_debs=(
    python3 python3-venv python3-pip     # a virtual environment of the system Python
    libgl1 libegl1 libgles2 libgl1-mesa-dri  # OpenGL for Kivy's bundled SDL2
    libmtdev1                            # Kivy's multitouch input on the Pi
    libfribidi0 libraqm0                 # Pillow's raqm layout: Uyghur shaped right to left
    libusb-1.0-0                         # USB receipt printers
    fonts-ukij-uyghur                    # one font with Simplified Chinese and Uyghur
    fonts-font-awesome                   # pictograms
    espeak-ng alsa-utils                 # spoken prompts (pyttsx3 plays through aplay)
)
test_debs=(
    xvfb xauth                           # a virtual screen for the Kivy window
    libzbar0                             # reads receipt QR codes back
    postgresql                           # the central server's PostgreSQL tests
    shellcheck                           # every shell script, deploy/raspberrypi/install.sh too
    systemd                              # systemd-analyze verify on the Pi's units
    librsvg2-bin                         # rsvg-convert: assets' pictogram PNGs are up to date
    systemd-container debootstrap        # the system test boots bookworm (deploy/raspberrypi/test-nspawn.sh)
    dosfstools                           # mkfs.vfat: a USB stick as staff make it (tests/deploy)
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debs() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    echo "setup: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" </dev/null
}

install_venv() {
    local stamp="$venv/.echo-kiosk-installed" want
    want=$(cat pyproject.toml setup.py | sha256sum | cut -d' ' -f1)  # both say what is installed
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv"
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        "$venv/bin/python" -m pip install -q --upgrade pip </dev/null
        "$venv/bin/python" -m pip install -q -e ".[central,test]" </dev/null
        echo "$want" >"$stamp"
    fi
}

case "$mode" in
run)
    install_debs "${runtime_debs[@]}"
    install_venv
    shift
    windowed=()
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then windowed=(--windowed); fi
    data="$here/.data"
    mkdir -p "$data"
    # The reference central server on loopback, the sample config's endpoint (127.0.0.1:8311),
    # with this kiosk's API key made once and kept in the data folder.
    if [ ! -s "$data/api-key" ]; then
        "$venv/bin/kiosk" central add-kiosk 1 --name "sample kiosk" --db "sqlite:///$data/central.sqlite3" \
            >"$data/api-key.new" && mv "$data/api-key.new" "$data/api-key"
        chmod 600 "$data/api-key"
    fi
    "$venv/bin/kiosk" central serve --db "sqlite:///$data/central.sqlite3" --host 127.0.0.1 \
        --port 8311 --config config/kiosk.yaml >"$data/central.log" 2>&1 &
    central_pid=$!
    trap 'kill "$central_pid" 2>/dev/null || true' EXIT
    ECHO_KIOSK_API_KEY=$(cat "$data/api-key") "$venv/bin/kiosk" run --config config/kiosk.yaml \
        --data-dir "$data" "${windowed[@]}" "$@"
    ;;
test)
    install_debs "${runtime_debs[@]}" "${test_debs[@]}"
    install_venv
    shift
    exec "$here/scripts/check.sh" "$@"
    ;;
install)
    install_debs "${runtime_debs[@]}" "${test_debs[@]}"
    install_venv
    ;;
*)
    echo "usage: bash scripts/setup.sh run|test|install" >&2
    exit 2
    ;;
esac
