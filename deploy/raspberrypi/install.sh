#!/usr/bin/env bash
# Install or upgrade Echo Kiosk on a Raspberry Pi 4 or 5 with Raspberry Pi OS Bookworm 64-bit
# (Lite or Desktop). Run it from a clone of the project, as root:
#
#   sudo deploy/raspberrypi/install.sh [--mode auto|kms|desktop] [--rotation 0|90|180|270]
#                                      [--central] [--printer VID:PID] [--headless]
#                                      [--dry-run] [--root DIR]
#   sudo deploy/raspberrypi/install.sh --update [--health-timeout SECONDS] [the options above]
#   sudo deploy/raspberrypi/install.sh --rollback [--restore-data]
#   sudo deploy/raspberrypi/install.sh --read-only-root DEVICE | --read-write-root [--dry-run]
#
# Re-running it upgrades in place: a new virtual environment next to the old one (kept for a
# roll-back), while /etc/echo-kiosk (config, API key) and /var/lib/echo-kiosk (tickets) are kept.
#   --update    upgrade, then check the new release (units READY, a sync round) within
#               --health-timeout seconds (90); if it fails, go back to the previous one by itself
#   --rollback  go back to the release that ran before the current one (--restore-data: also
#               the databases from before the update, when the current release changed them)
#   --read-only-root DEVICE  the SD card's system read-only from the next boot, the data on
#               DEVICE, a partition of its own (read-only-root.sh says how); --read-write-root undoes it
#   --headless  no screen and no tty1 (a container, a test machine): the kiosk draws off-screen
#   --dry-run   print every step, change nothing
#   --root DIR  write every file under DIR instead of / (for tests); steps that need the real
#               system (apt, users, pip, systemctl, udevadm, raspi-config) are printed, not run
# See deploy/raspberrypi/README.md.
# -E: the ERR trap below (the "stopped half-way" message) also fires inside functions.
set -Eeuo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
mode=auto
rotation=
central=0
printer=
headless=0
dry_run=0
root=/
update=0
health_timeout=90

usage() {
    sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

die() {
    echo "install.sh: $*" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
    --mode) mode=${2:-}; shift 2 ;;
    --rotation) rotation=${2:-}; shift 2 ;;
    --central) central=1; shift ;;
    --printer) printer=${2:-}; shift 2 ;;
    --headless) headless=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    --root) root=${2:-}; shift 2 ;;
    --update) update=1; shift ;;
    --health-timeout) health_timeout=${2:-}; shift 2 ;;
    --rollback)
        [ $# -eq 1 ] || [ "$*" = "--rollback --restore-data" ] || die "--rollback takes no other option than --restore-data"
        exec "$here/update.sh" rollback ${2:+"$2"}
        ;;
    --read-only-root)
        case "${2:-}" in "" | -*) die "--read-only-root needs the data partition, e.g. --read-only-root /dev/sda1" ;; esac
        [ $# -eq 2 ] || [ "${3:-}" = --dry-run ] || die "--read-only-root takes no other option than --dry-run"
        exec "$here/read-only-root.sh" enable "$2" ${3:+"$3"}
        ;;
    --read-write-root)
        [ $# -eq 1 ] || [ "$*" = "--read-write-root --dry-run" ] || die "--read-write-root takes no other option than --dry-run"
        exec "$here/read-only-root.sh" disable ${2:+"$2"}
        ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
    esac
done

case "$mode" in auto | kms | desktop) ;; *) die "--mode is auto, kms or desktop, not '$mode'" ;; esac
case "$rotation" in "" | 0 | 90 | 180 | 270) ;; *) die "--rotation is 0, 90, 180 or 270" ;; esac
if [ -n "$printer" ] && ! [[ "$printer" =~ ^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$ ]]; then
    die "--printer is VID:PID in hex, e.g. 0416:5011 (see lsusb)"
fi
if [ -z "$root" ] || [ ! -d "$root" ]; then die "--root must be an existing folder"; fi
[[ "$health_timeout" =~ ^[1-9][0-9]*$ ]] || die "--health-timeout is a number of seconds"
if [ "$headless" = 1 ] && [ "$mode" = desktop ]; then die "--headless needs no desktop: leave --mode out"; fi
root=$(cd "$root" && pwd)

# Where things go (always written under $root).
app=/opt/echo-kiosk
etc=/etc/echo-kiosk
data=/var/lib/echo-kiosk
central_data=/var/lib/echo-central
backups=/var/backups/echo-kiosk
user=echo-kiosk
central_user=echo-central
keep_releases=3
stamp=$(date -u +%Y%m%d-%H%M%S)

# Keep in step with runtime_debs in scripts/setup.sh (a test checks this).
debs=(
    python3 python3-venv python3-pip
    libgl1 libegl1 libgles2 libgl1-mesa-dri
    libmtdev1
    libfribidi0 libraqm0
    libusb-1.0-0
    fonts-ukij-uyghur
    fonts-font-awesome
    espeak-ng alsa-utils
    libudev1 # SDL finds the touch panel through udev on KMSDRM
)

# --- How steps are carried out -----------------------------------------------------------------

at() { # a path inside the target root
    if [ "$root" = / ]; then printf '%s' "$1"; else printf '%s%s' "$root" "$1"; fi
}

step() { printf '\n==> %s\n' "$*"; }

show() { # print a command the way it would be typed
    local out
    printf -v out '%q ' "$@"
    printf '+ %s\n' "${out% }"
}

run() { # change something in the target root
    show "$@"
    [ "$dry_run" = 1 ] || "$@"
}

system() { # change the running system itself: only when installing for real into /
    if [ "$root" != / ]; then
        show "$@"
        echo "  (not run: --root $root)"
        return 0
    fi
    run "$@"
}

write() { # write stdin to a file in the target root: write PATH MODE
    local path mode content
    path=$(at "$1")
    mode=$2
    content=$(cat)
    printf '+ write %s (mode %s):\n' "$path" "$mode"
    printf '%s\n' "$content" | sed 's/^/    | /'
    [ "$dry_run" = 1 ] && return 0
    mkdir -p "$(dirname "$path")"
    printf '%s\n' "$content" >"$path.new"
    chmod "$mode" "$path.new"
    mv -f "$path.new" "$path"
}

put() { # copy a file of this folder into the target root: put SOURCE PATH MODE
    run install -D -m "$3" "$1" "$(at "$2")"
}

keep_or_make() { # a config file is made once and then belongs to the town: put SOURCE PATH MODE
    if [ -e "$(at "$2")" ]; then
        echo "  keep $(at "$2") (already there)"
    else
        put "$@"
    fi
}

set_line() { # set KEY=VALUE in an env file, adding it when missing: set_line PATH KEY VALUE
    local path
    path=$(at "$1")
    if [ "$dry_run" = 0 ] && grep -q "^$2=" "$path" 2>/dev/null; then
        run sed -i "s|^$2=.*|$2=$3|" "$path"
    else
        show sh -c "echo '$2=$3' >> $path"
        [ "$dry_run" = 1 ] || echo "$2=$3" >>"$path"
    fi
}

udevd_running() { # the real system's udevd answers (it does not run in a container)
    [ "$root" = / ] && udevadm control --ping --timeout=5 >/dev/null 2>&1
}

# shellcheck disable=SC2317  # called through system(), which shellcheck cannot follow
copy_source() { # the project, without development leftovers, into a fresh folder: copy_source DIR
    mkdir -p "$1"
    tar -C "$source_dir" --exclude=./.git --exclude=./.venv --exclude=./.data --exclude=./build \
        --exclude='*.egg-info' --exclude='*_cache' --exclude=__pycache__ -cf - . | tar -C "$1" -xf -
}

# --- Checks --------------------------------------------------------------------------------------

if [ "$root" = / ] && [ "$dry_run" = 0 ] && [ "$(id -u)" -ne 0 ]; then
    die "run it as root (sudo), or try --dry-run first"
fi
if [ "$root" = / ] && [ "$(findmnt -n -o SOURCE / 2>/dev/null)" = overlayroot ]; then
    # Whatever it wrote now would be gone at the next boot (read-only-root.sh).
    die "the SD card's system is read-only (install.sh --read-only-root): first sudo $here/install.sh --read-write-root and reboot, then run this again, then --read-only-root again"
fi
if [ "$mode" = auto ]; then
    if [ "$headless" = 0 ] && [ -x "$(at /usr/sbin/lightdm)" ]; then mode=desktop; else mode=kms; fi
fi
if ! grep -qs 'VERSION_CODENAME=bookworm' "$(at /etc/os-release)"; then
    echo "install.sh: warning: this is not Debian/Raspberry Pi OS Bookworm; carrying on" >&2
fi
echo "Echo Kiosk: installing from $source_dir into ${root} (mode $mode$([ "$dry_run" = 1 ] && echo ', dry run'))"

# --- 1. Packages ---------------------------------------------------------------------------------

step "Debian packages"
system apt-get update -qq
system env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${debs[@]}"

# --- 2. Users ------------------------------------------------------------------------------------

step "The $user user (display, render, touch, printer and sound groups)"
if [ "$root" = / ] && id "$user" >/dev/null 2>&1; then
    echo "  keep user $user"
elif [ "$mode" = desktop ]; then
    # A desktop session needs a home and a login shell; LightDM logs this user in.
    system useradd --system --create-home --home-dir "/home/$user" --shell /bin/bash \
        --user-group "$user"
else
    system useradd --system --no-create-home --home-dir "$data" --shell /usr/sbin/nologin \
        --user-group "$user"
fi
for group in video render input lp audio; do
    # Raspberry Pi OS has them all (udev makes render and input); a Debian without udev, such as
    # a container, lacks some, and usermod would stop the installer.
    if [ "$root" = / ] && ! getent group "$group" >/dev/null; then
        system groupadd --system "$group"
    fi
done
system usermod --append --groups video,render,input,lp,audio "$user"
if [ "$central" = 1 ]; then
    if [ "$root" = / ] && id "$central_user" >/dev/null 2>&1; then
        echo "  keep user $central_user"
    else
        system useradd --system --no-create-home --home-dir "$central_data" \
            --shell /usr/sbin/nologin --user-group "$central_user"
    fi
fi

# --- 3. The program: a new virtual environment, built while the old one still runs ---------------
# The kiosk stays in service during the minutes pip takes on a Pi; it stops only for the switch.

step "Virtual environment $app/releases/$stamp (the kiosk keeps running meanwhile)"
release=$app/releases/$stamp
trap 'echo "install.sh: stopped half-way while building $release; nothing else changed, the kiosk runs the release before as it did (the half-built folder can be deleted)" >&2' ERR
run mkdir -p "$(at "$app/releases")"
build=/tmp/echo-kiosk-build-$stamp
# pip builds inside the folder it installs from: a copy keeps root-owned build files out of the
# clone (and leaves its .venv, .git and .data behind).
system copy_source "$build"
system python3 -m venv "$release"
system "$release/bin/python" -m pip install -q --upgrade pip
system "$release/bin/python" -m pip install -q "${build}[central]"
system rm -rf "$build"
# Which release this is, for the staff panel and the heartbeat (kiosk/core/health.py).
commit=$(git -c safe.directory="$source_dir" -C "$source_dir" describe --always --dirty 2>/dev/null || true)
write "$release/RELEASE" 0644 <<EOF
$stamp
installed from $source_dir${commit:+ at git $commit}
EOF

# --- 4. Stop what runs, back up the data, switch ------------------------------------------------

sync_before=0
if [ "$update" = 1 ] && [ "$root" = / ] && [ "$dry_run" = 0 ] && [ -s "$etc/api-key" ] && [ -x "$app/current/bin/kiosk" ]; then
    step "Before the update: does a sync round with the centre work? (then it must after it, too)"
    if timeout 60 systemd-run --quiet --wait --pipe --uid="$user" \
        -p LoadCredential=ECHO_KIOSK_API_KEY:"$etc/api-key" \
        "$app/current/bin/kiosk" sync --once --config "$etc/kiosk.yaml" --data-dir "$data" >/dev/null; then
        sync_before=1
        echo "  yes: the health check will make one too"
    else
        echo "  no (offline, or the centre is down): the health check will not ask for one"
    fi
fi

step "Stop the running kiosk and keep a copy of its data"
# On a first install there is nothing to stop: systemctl's complaint is not a failure.
system systemctl stop echo-kiosk.service echo-central.service 2>/dev/null || true
trap 'echo "install.sh: stopped half-way; the old release still runs with: sudo systemctl start echo-kiosk" >&2' ERR
if compgen -G "$(at "$data")/*.sqlite3*" >/dev/null || compgen -G "$(at "$central_data")/*.sqlite3*" >/dev/null; then
    run mkdir -p "$(at "$backups/$stamp")"
    # One folder per data folder (update.sh puts them back on a roll-back that needs it).
    for dir in "$data" "$central_data"; do
        for db in "$(at "$dir")"/*.sqlite3*; do
            [ -e "$db" ] || continue
            run mkdir -p "$(at "$backups/$stamp/${dir##*/}")"
            run cp -a "$db" "$(at "$backups/$stamp/${dir##*/}")/"
        done
    done
    # Only the newest few copies: the SD card must not fill up with them.
    mapfile -t old < <(find "$(at "$backups")" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort | head -n "-$keep_releases")
    for dir in "${old[@]}"; do run rm -rf "$dir"; done
else
    echo "  nothing to back up yet"
fi

previous=$(readlink "$(at "$app/current")" 2>/dev/null || true)
system ln -sfn "$release" "$app/current"
if [ -n "$previous" ]; then
    echo "  previous release: $previous (kept for a roll-back: install.sh --rollback)"
    system ln -sfn "$previous" "$app/previous"
    trap 'echo "install.sh: stopped half-way, after switching to release $stamp; to go back: sudo deploy/raspberrypi/install.sh --rollback" >&2' ERR
fi
mapfile -t old < <(find "$(at "$app/releases")" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort | head -n "-$keep_releases")
for dir in "${old[@]}"; do
    [ "$dir" = "$(at "$previous")" ] || run rm -rf "$dir"
done
put "$here/README.md" "$app/README.md" 0644

# --- 5. Config in /etc, data in /var/lib ---------------------------------------------------------

step "Config in $etc (kept when already there)"
run install -d -m 0755 "$(at "$etc")"
keep_or_make "$source_dir/config/kiosk.yaml" "$etc/kiosk.yaml" 0644
if [ -e "$(at "$etc/api-key")" ]; then
    echo "  keep $(at "$etc/api-key")"
else
    # Empty until the centre's `kiosk central add-kiosk` gives a key (README: step 4).
    run install -m 0600 /dev/null "$(at "$etc/api-key")"
fi
if [ "$mode" = desktop ]; then
    # The user's own systemd reads the key for LoadCredential=, so its group may read it.
    system chown "root:$user" "$etc/api-key"
    run chmod 0640 "$(at "$etc/api-key")"
else
    # Only root: the system manager copies it into the service's credentials folder.
    system chown root:root "$etc/api-key"
    run chmod 0600 "$(at "$etc/api-key")"
fi
# Recorded prompts (speech.recorded in kiosk.yaml names files relative to it: prompts/NAME-LANG.wav).
# The folder and its README are the kiosk's (assets/prompts, shipped in the package too); the
# recordings staff put in it are theirs: an upgrade only refreshes the README.
run install -d -m 0755 "$(at "$etc/prompts")"
put "$source_dir/assets/prompts/README.md" "$etc/prompts/README.md" 0644
if [ ! -e "$(at "$etc/kiosk.env")" ]; then
    write "$etc/kiosk.env" 0644 <<'EOF'
# Echo Kiosk: environment for Kivy and SDL, read by the echo-kiosk units.
# Screen rotation in degrees (0 90 180 270), e.g. 90 for the 7" display mounted upright.
KCFG_GRAPHICS_ROTATION=0
EOF
fi
[ -n "$rotation" ] && set_line "$etc/kiosk.env" KCFG_GRAPHICS_ROTATION "$rotation"
if [ "$central" = 1 ] && [ ! -e "$(at "$etc/central.env")" ]; then
    write "$etc/central.env" 0644 <<'EOF'
# Echo Kiosk central server: where it listens. 0.0.0.0 lets the town's other kiosks reach it.
CENTRAL_HOST=127.0.0.1
CENTRAL_PORT=8311
EOF
fi

step "Data in $data"
run install -d -m 0750 "$(at "$data")"
system chown "$user:$user" "$data"
if [ "$central" = 1 ]; then
    run install -d -m 0750 "$(at "$central_data")"
    system chown "$central_user:$central_user" "$central_data"
fi

# --- 6. Printer, logs, screen --------------------------------------------------------------------

step "udev rule for the USB receipt printer"
put "$here/60-echo-kiosk-printer.rules" /etc/udev/rules.d/60-echo-kiosk-printer.rules 0644
if [ -n "$printer" ]; then
    write /etc/udev/rules.d/61-echo-kiosk-printer-local.rules 0644 <<EOF
# This kiosk's printer, from install.sh --printer $printer
SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", ATTRS{idVendor}=="${printer%%:*}", ATTRS{idProduct}=="${printer##*:}", GROUP="lp", MODE="0660"
EOF
fi
if [ "$root" != / ] || udevd_running; then
    system udevadm control --reload
    system udevadm trigger --subsystem-match=usb --action=change
else
    echo "  skipped: udevadm control --reload and trigger (udevd does not run here, e.g. in a container); the rule applies from the next boot"
fi

step "USB sticks with content, mounted read-only for the kiosk (ECHO-KIOSK/content.yaml)"
put "$here/usb-mount.sh" /usr/local/lib/echo-kiosk/usb-mount 0755
put "$here/62-echo-kiosk-usb.rules" /etc/udev/rules.d/62-echo-kiosk-usb.rules 0644
put "$here/systemd/echo-kiosk-usb@.service" /etc/systemd/system/echo-kiosk-usb@.service 0644
if [ "$root" != / ] || udevd_running; then
    system udevadm control --reload
else
    echo "  skipped: udevadm control --reload (udevd does not run here); the rule applies from the next boot"
fi

step "Logs: journald only, at most 64 MB on the SD card"
put "$here/journald-echo-kiosk.conf" /etc/systemd/journald.conf.d/echo-kiosk.conf 0644
system systemctl try-restart systemd-journald.service

step "Hardware watchdog: the board resets itself if the whole system hangs (14 s)"
put "$here/system-watchdog.conf" /etc/systemd/system.conf.d/echo-kiosk-watchdog.conf 0644
system systemctl daemon-reexec

step "Screen blanking off"
cmdline=$(at /boot/firmware/cmdline.txt)
if [ -e "$cmdline" ]; then
    if grep -qw 'consoleblank=0' "$cmdline"; then
        echo "  keep consoleblank=0 in $cmdline"
    else
        # One line, kernel options separated by spaces: append to it.
        run sed -i '1 s/$/ consoleblank=0/' "$cmdline"
    fi
else
    echo "  no $cmdline here: add consoleblank=0 to the kernel command line by hand"
fi
if [ "$mode" = desktop ]; then
    # raspi-config knows how to switch off blanking in X11, Wayfire and labwc alike.
    if [ "$root" != / ] || command -v raspi-config >/dev/null; then
        system raspi-config nonint do_blanking 1
    else
        echo "  no raspi-config: switch screen blanking off in the desktop's settings by hand"
    fi
fi

# --- 7. systemd ----------------------------------------------------------------------------------

step "systemd units"
put "$here/systemd/echo-kiosk.service" /etc/systemd/system/echo-kiosk.service 0644
put "$here/systemd/echo-central.service" /etc/systemd/system/echo-central.service 0644
put "$here/systemd/echo-kiosk-desktop.service" /etc/systemd/user/echo-kiosk.service 0644
headless_dropin=/etc/systemd/system/echo-kiosk.service.d/headless.conf
if [ "$headless" = 1 ]; then
    put "$here/systemd/echo-kiosk-headless.conf" "$headless_dropin" 0644
elif [ -e "$(at "$headless_dropin")" ]; then
    echo "  keep $(at "$headless_dropin") (installed with --headless; delete it for the screen)"
fi
system systemctl daemon-reload
if [ "$mode" = kms ]; then
    run rm -f "$(at /etc/xdg/autostart/echo-kiosk.desktop)"
    system systemctl enable echo-kiosk.service
else
    put "$here/echo-kiosk-autostart.desktop" /etc/xdg/autostart/echo-kiosk.desktop 0644
    system systemctl disable echo-kiosk.service
    lightdm=$(at /etc/lightdm/lightdm.conf)
    if [ -e "$lightdm" ]; then
        # The desktop logs in as the kiosk user, whose session starts the kiosk.
        if grep -q '^autologin-user=' "$lightdm"; then
            run sed -i "s/^autologin-user=.*/autologin-user=$user/" "$lightdm"
        else
            run sed -i "/^\[Seat:\*\]/a autologin-user=$user" "$lightdm"
        fi
    else
        echo "  no $lightdm: set the desktop to log in $user automatically by hand"
    fi
fi
started_ok=1 # a unit that fails to start stops an install; an update's health check judges it
if [ "$central" = 1 ] && ! system systemctl enable --now echo-central.service; then
    [ "$update" = 1 ] || false # an install stops here (the ERR trap says so)
    started_ok=0
fi
step "First contact with the centre (ticket numbers go on from the centre's last)"
# A new or replaced SD card starts with an empty ticket book. One sync round, run the way the
# unit runs the kiosk (its user, its credential), fetches the highest ticket number the centre has
# for this kiosk, so no new ticket reuses one. Offline now: the running kiosk does it on its first
# heartbeat; tickets made before that could collide (the centre then refuses them, visibly).
if [ -s "$(at "$etc/api-key")" ]; then
    system systemd-run --quiet --wait --pipe --uid="$user" \
        -p LoadCredential=ECHO_KIOSK_API_KEY:"$etc/api-key" \
        "$app/current/bin/kiosk" sync --once --config "$etc/kiosk.yaml" --data-dir "$data" \
        || echo "  the centre was not reached now; the kiosk will try again on its own"
else
    echo "  no API key yet: put it in $etc/api-key, then: sudo systemctl restart echo-kiosk"
fi
if [ "$mode" = kms ] && ! system systemctl restart echo-kiosk.service; then
    [ "$update" = 1 ] || false # an install stops here (the ERR trap says so)
    started_ok=0
fi

step "Done"
cat <<EOF
  Config:   $(at "$etc/kiosk.yaml")   (check it: $app/current/bin/kiosk check-config $etc/kiosk.yaml)
  Prompts:  $(at "$etc/prompts")/   (recorded voices, see the README there)
  API key:  $(at "$etc/api-key")   (then: sudo systemctl restart echo-kiosk)
  Data:     $(at "$data")
  Logs:     journalctl -u echo-kiosk -f
EOF
[ "$mode" = desktop ] && echo "  Reboot once: the desktop then logs in as $user and starts the kiosk."
[ "$started_ok" = 1 ] || echo "  a unit did not start: the health check follows"
if [ "$update" = 1 ]; then
    trap - ERR # from here a failure is the health check's, which says itself what it did
    system "$here/update.sh" check "$release" "$previous" "$sync_before" "$health_timeout"
fi
exit 0
