# What the two system tests share (sourced, not run): test-nspawn.sh (a container, in CI) and
# test-vm.sh (an emulated arm64 machine, by hand). Each script defines before sourcing it:
#   tag          the name in front of its progress lines ("nspawn", "vm")
#   here         deploy/raspberrypi/
#   kiosk        the installed kiosk command in the guest
# and after it, for the guest-side helpers below:
#   guest SECONDS COMMAND...  run COMMAND (its words as given) in the guest as root, bounded,
#                             with the host's proxy/pip settings; stdin is passed on
# shellcheck shell=bash
# Functions run through check and the traps look unreachable to shellcheck.
# shellcheck disable=SC2317
# tag, here and kiosk come from the script that sources this; host_vars is read there.
# shellcheck disable=SC2154,SC2034

# --- Reporting -----------------------------------------------------------------------------------

say() { printf '[%s %4ds] %s\n' "$tag" "$SECONDS" "$*"; }
skip() {
    echo "SKIPPED: $*"
    exit 0
}
fail() {
    echo "FAILED: $*" >&2
    exit 1
}
check() { # check DESCRIPTION COMMAND...: the command must succeed
    local what=$1
    shift
    if "$@"; then say "ok: $what"; else fail "$what"; fi
}

# --- The host ------------------------------------------------------------------------------------

as_root() { # as_root WHY PRESERVED_ENV ARGS...: go on as root, or skip saying WHY
    local why=$1 preserve=$2
    shift 2
    if [ "$(id -u)" -eq 0 ]; then
        return 0
    fi
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        exec sudo -n --preserve-env="$preserve" bash "$0" "$@"
    fi
    skip "$why needs root (or password-less sudo)"
}

host_env() { # sets host_vars: this environment's proxy and pip settings, as NAME=VALUE words
    # pip's --find-links of this host (wheels in a host folder) means nothing in the guest.
    mapfile -t host_vars < <(env | grep -E '^((https?|no|ftp|all)_proxy|(HTTPS?|NO|FTP|ALL)_PROXY|PIP_[A-Z_]+)=' \
        | grep -v '^PIP_FIND_LINKS=' || true)
}

mirror() { # the host's Debian mirror (for debootstrap), else deb.debian.org
    local uri
    uri=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
        /etc/apt/sources.list.d/*.list | grep -v security | grep -oE 'https?://[^ ]+' | head -n 1)
    echo "${uri:-http://deb.debian.org/debian}"
}

installer_debs() { # the installer's own package list (its debs=( ... ) array)
    local debs=()
    eval "$(sed -n '/^debs=(/,/^)/p' "$here/install.sh")"
    echo "${debs[@]}"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- The units in the guest ----------------------------------------------------------------------

show() { guest 20 systemctl show -p "$2" --value "$1"; } # show UNIT PROPERTY: one property's value

ready() { # ready UNIT: active and running (Type=notify: only after READY=1)
    local state
    state=$(guest 20 systemctl show -p ActiveState,SubState,StatusText "$1" | tr '\n' ' ')
    say "$1: $state"
    [[ "$state" == *"ActiveState=active"* && "$state" == *"SubState=running"* ]]
}

wait_ready() { # wait_ready UNIT SECONDS
    local deadline=$((SECONDS + $2))
    until [ "$(show "$1" ActiveState)/$(show "$1" SubState)" = active/running ]; do
        [ "$SECONDS" -lt "$deadline" ] || fail "$1 not active within $2 s: $(guest 20 journalctl -u "$1" -n 30 --no-pager)"
        sleep 1
    done
}

logged() { # logged UNIT TEXT: the unit's journal has TEXT (journald may take a moment)
    local tries
    for tries in 1 2 3 4 5 6 7 8 9 10; do
        [[ "$(guest 20 journalctl -u "$1" --no-pager -o cat)" == *"$2"* ]] && return 0
        sleep "0.$tries"
    done
    return 1
}

check_stop() { # systemctl stop within 10 s each, cleanly, then started again
    local unit started took
    for unit in echo-kiosk echo-central; do
        started=$(date +%s%N)
        guest 60 systemctl stop "$unit.service"
        took=$((($(date +%s%N) - started) / 1000000))
        [ "$took" -le 10000 ] || fail "systemctl stop $unit took $took ms"
        check "$unit stopped in $took ms (result $(show "$unit.service" Result))" \
            test "$(show "$unit.service" Result)" = success
    done
    if ! logged echo-kiosk.service "stopping: SIGTERM"; then
        guest 20 journalctl -u echo-kiosk.service --no-pager -n 40 -o short-monotonic >&2
        fail "the kiosk did not say it stopped on SIGTERM"
    fi
    # Exited by itself with status 0 (ExecMainCode 1 = exited), not killed by the signal (2).
    check "the kiosk exited 0 by itself" test \
        "$(show echo-kiosk.service ExecMainCode)/$(show echo-kiosk.service ExecMainStatus)" = 1/0
    say "ok: the kiosk stopped on SIGTERM by itself"
    guest 120 systemctl start echo-central.service echo-kiosk.service
}

# --- The kiosk and the centre in the guest -------------------------------------------------------

http_get() { # http_get PATH [API_KEY]: the central's answer body (fails on an error status)
    guest 60 python3 - "$1" "${2:-}" <<'EOF'
import re, sys, urllib.request
port = re.search(r"^CENTRAL_PORT=(\d+)", open("/etc/echo-kiosk/central.env").read(), re.M).group(1)
request = urllib.request.Request("http://127.0.0.1:%s%s" % (port, sys.argv[1]),
                                 headers={"X-Api-Key": sys.argv[2]} if sys.argv[2] else {})
print(urllib.request.urlopen(request, timeout=30).read().decode())
EOF
}

services_answer() { [[ "$(http_get /services.json)" == *service_code* ]]; }

centre_has() { # centre_has CODE KEY: the central server knows ticket CODE
    [[ "$(http_get "/requests/$1.json" "$2")" == *"\"$1\""* ]]
}

kiosk_as_its_user() { # kiosk COMMAND... as the echo-kiosk user with its config and data
    guest 300 runuser -u echo-kiosk -- "$kiosk" "$@" --config /etc/echo-kiosk/kiosk.yaml --data-dir /var/lib/echo-kiosk
}

sync_once() { # the README's "send waiting tickets now": the service's user and credential
    guest 300 systemd-run --quiet --pipe --wait -p User=echo-kiosk \
        -p LoadCredential=ECHO_KIOSK_API_KEY:/etc/echo-kiosk/api-key \
        "$kiosk" sync --once --config /etc/echo-kiosk/kiosk.yaml --data-dir /var/lib/echo-kiosk
}

register_kiosk() { # register_kiosk NAME: the README's step 5, a key from the centre into the key file
    local key
    key=$(guest 300 runuser -u echo-central -- env ECHO_CENTRAL_DB=sqlite:////var/lib/echo-central/central.sqlite3 \
        "$kiosk" central add-kiosk 1 --name "$1")
    [ -n "$key" ] || fail "add-kiosk printed no key"
    printf '%s\n' "$key" | guest 20 sh -c 'umask 077; cat > /etc/echo-kiosk/api-key'
    guest 120 systemctl restart echo-kiosk.service
}
