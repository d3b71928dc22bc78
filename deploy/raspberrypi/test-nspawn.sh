#!/usr/bin/env bash
# System test: install.sh and the units in a real, booted systemd (issue 20).
#
#   sudo deploy/raspberrypi/test-nspawn.sh        (.ci/run runs it beside the test suite)
#
# Debian bookworm is debootstrapped once into a cache folder (with the installer's packages), then
# booted with systemd-nspawn on a throw-away overlay, so every run starts from the same clean
# system. In it: `install.sh --central --headless` from this clone, then the checks below, then
# the installer again as an upgrade, then the checks again plus: config and data survived. Then
# updates (install.sh --update): one from a copy of this clone broken on purpose (the kiosk exits
# at start, the store gains a migration), which must roll back by itself to the release before,
# data and all; a good one (with that migration), whose release the centre then sees in the
# heartbeat; then install.sh --rollback by hand: refused for the migrated ticket book, done with
# --restore-data.
#
# The container shares the host's network and gets the host's apt sources, apt Acquire settings
# (proxy, ...), CA certificates and pip config, so it reaches the same package registries; the
# central server listens on a free loopback port. Commands run in it with a clean environment.
#
# Exit 0 with "PASSED", or with "SKIPPED: <reason>" only where this machine cannot boot a
# container at all; any other failure is red. Bounded by ECHO_KIOSK_NSPAWN_LIMIT seconds (480).
#   ECHO_KIOSK_NSPAWN_CACHE  where the root file systems and pip's cache live
#                            (default /var/cache/echo-kiosk-nspawn)
#   ECHO_KIOSK_NSPAWN_KEEP=1 leave the work folder (logs) behind after a pass too
# A new package list in install.sh builds a new root file system by itself; delete the cache
# folder to refresh the old one's packages (the installer installs what is missing, upgrades none).
set -Eeuo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${ECHO_KIOSK_NSPAWN_CACHE:-/var/cache/echo-kiosk-nspawn}
limit=${ECHO_KIOSK_NSPAWN_LIMIT:-480}
suite=bookworm
clean_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
kiosk=/opt/echo-kiosk/current/bin/kiosk
work=
host_vars=()
root_dir=
nspawn_pid=
leader=
tag=nspawn
# shellcheck source=deploy/raspberrypi/test-lib.sh
. "$here/test-lib.sh"

# --- The machine ---------------------------------------------------------------------------------

need_tools() { # systemd-nspawn and debootstrap; scripts/setup.sh test installs them too
    local missing=()
    command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    [ "${#missing[@]}" -eq 0 ] && return 0
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

can_make_namespaces() {
    local why
    if ! why=$(unshare --mount --pid --uts --ipc --fork true 2>&1); then
        skip "this machine cannot make the namespaces a container needs ($why)"
    fi
    [ -d /sys/fs/cgroup ] || skip "no control groups (/sys/fs/cgroup) for a container's systemd"
}

# --- What the container gets of the host ---------------------------------------------------------

host_binds() { # --bind-ro options: apt sources and Acquire settings, CA trust, pip config
    local file
    for file in /etc/apt/sources.list /etc/apt/sources.list.d /etc/apt/keyrings \
        /etc/ssl/certs /usr/local/share/ca-certificates /etc/pip.conf /etc/xdg/pip; do
        [ -e "$file" ] && printf -- '--bind-ro=%s\n' "$file"
    done
    for file in /etc/apt/apt.conf.d/*; do
        # Proxies, validity checks of snapshot mirrors, ...: how this host reaches its mirrors.
        grep -qs 'Acquire::' "$file" && printf -- '--bind-ro=%s\n' "$file"
    done
    return 0
}

# --- The cached root file system -----------------------------------------------------------------

build_rootfs() { # build_rootfs DIR: bookworm with systemd and the installer's packages
    local dir=$1 tmp packages
    packages=$(installer_debs)
    tmp=$(mktemp -d "$cache/build.XXXXXX")
    say "debootstrap $suite from $(mirror) (once per machine; the cache is $dir)"
    if ! timeout 300 debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,ca-certificates \
        "$suite" "$tmp" "$(mirror)" >"$cache/debootstrap.log" 2>&1; then
        rm -rf "$tmp"
        fail "debootstrap failed (see $cache/debootstrap.log)"
    fi
    rm -f "$tmp/etc/apt/sources.list" # the host's sources are bound in at every start
    echo echo-kiosk-test >"$tmp/etc/hostname"
    say "the installer's packages: $packages"
    local binds
    mapfile -t binds < <(host_binds)
    timeout 300 systemd-nspawn --quiet --register=no --keep-unit -D "$tmp" --pipe "${binds[@]}" \
        env -i PATH="$clean_path" DEBIAN_FRONTEND=noninteractive "${host_vars[@]}" \
        sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages && apt-get clean" \
        </dev/null >"$cache/packages.log" 2>&1 || {
        rm -rf "$tmp"
        fail "installing packages failed (see $cache/packages.log)"
    }
    mv "$tmp" "$dir"
}

rootfs() { # sets root_dir: the cached root file system for the installer's package list
    local key
    key=$( (echo "$suite minbase systemd"; installer_debs) | sha256sum | cut -c1-12)
    root_dir=$cache/$suite-$(dpkg --print-architecture)-$key
    mkdir -p "$cache"
    (
        flock 9 # one build at a time on this machine; the others wait and use it
        [ -d "$root_dir" ] || build_rootfs "$root_dir"
    ) 9>"$cache/.lock"
}

# --- The container -------------------------------------------------------------------------------

boot() { # boot ROOTFS on a throw-away overlay; sets nspawn_pid and leader
    local binds
    mapfile -t binds < <(host_binds)
    mkdir -p "$cache/pip"
    systemd-nspawn --quiet --register=no --keep-unit -D "$1" --volatile=overlay \
        --machine="echo-kiosk-test-$$" --console=pipe \
        "${binds[@]}" --bind="$cache/pip:/root/.cache/pip" --bind-ro="$repo:/src" \
        -b </dev/null >"$work/boot.log" 2>&1 &
    nspawn_pid=$!
    local waited=0
    until leader=$(ps --ppid "$nspawn_pid" -o pid=,comm= | awk '$2 == "systemd" {print $1}') \
        && [ -n "$leader" ]; do
        kill -0 "$nspawn_pid" 2>/dev/null || fail "systemd-nspawn ended: $(tail -n 20 "$work/boot.log")"
        [ "$waited" -lt 300 ] || fail "no systemd in the container after 30 s"
        sleep 0.1
        waited=$((waited + 1))
    done
    local state='' deadline=$((SECONDS + 60))
    # Until its manager listens, systemctl cannot connect and says nothing on stdout.
    until [ -n "$state" ]; do
        [ "$SECONDS" -lt "$deadline" ] || fail "the container's systemd did not answer within 60 s"
        sleep 0.2
        state=$(in_ct 60 systemctl is-system-running --wait 2>/dev/null || true)
    done
    say "booted: $state"
    if [ "$state" = degraded ]; then
        in_ct 10 systemctl --failed --no-legend --no-pager | sed 's/^/  failed: /'
    fi
    case "$state" in running | degraded) ;; *) fail "the container did not boot ($state)" ;; esac
}

in_ct() { # in_ct SECONDS COMMAND...: run in the container, clean environment, bounded
    local seconds=$1
    shift
    timeout "$seconds" nsenter -t "$leader" -a \
        env -i PATH="$clean_path" HOME=/root LANG=C.UTF-8 "${host_vars[@]}" "$@"
}

guest() { in_ct "$@"; } # what test-lib.sh runs in the guest

shut_down() {
    [ -n "$nspawn_pid" ] || return 0
    if kill -0 "$nspawn_pid" 2>/dev/null; then
        [ -n "$leader" ] && kill -RTMIN+4 "$leader" 2>/dev/null # systemd: power off
        timeout 20 tail --pid="$nspawn_pid" -f /dev/null || kill -KILL "$nspawn_pid" 2>/dev/null || true
    fi
    wait "$nspawn_pid" 2>/dev/null || true
    nspawn_pid=
}

on_exit() {
    local status=$?
    shut_down
    if [ -z "$work" ]; then
        return 0
    elif [ "$status" -eq 0 ] && [ "${ECHO_KIOSK_NSPAWN_KEEP:-0}" != 1 ]; then
        rm -rf "$work"
    else
        echo "nspawn: logs in $work" >&2
    fi
}

# --- Checks in the container ---------------------------------------------------------------------
# (No `... | grep -q` on long output: grep stops reading at the first match, the writer dies of
# SIGPIPE, and pipefail turns a match into a failure.)

seed_config() { # the sample config, pointed at a free port (the container shares our network)
    local port
    port=$(free_port)
    in_ct 10 install -d -m 0755 /etc/echo-kiosk
    sed "s|127.0.0.1:8311|127.0.0.1:$port|g" "$repo/config/kiosk.yaml" \
        | in_ct 10 sh -c 'cat > /etc/echo-kiosk/kiosk.yaml'
    printf 'CENTRAL_HOST=127.0.0.1\nCENTRAL_PORT=%s\n' "$port" \
        | in_ct 10 sh -c 'cat > /etc/echo-kiosk/central.env'
    say "the central server will listen on 127.0.0.1:$port"
}

run_installer() { # run_installer LOG: install.sh --central --headless from the clone
    say "install.sh --central --headless ($1)"
    if ! in_ct 360 bash /src/deploy/raspberrypi/install.sh --central --headless >"$work/$1" 2>&1; then
        tail -n 40 "$work/$1" >&2
        fail "install.sh failed ($1)"
    fi
    grep -q 'skipped: udevadm' "$work/$1" || fail "the installer did not say it skipped udevadm"
}

mode_of() { in_ct 10 stat -c '%a %U:%G' "$1"; }

kiosk_has() { # kiosk_has CODE: the kiosk's own ticket book still knows ticket CODE
    kiosk_as_its_user receipt "$1" --out /tmp/receipt.png >/dev/null
}

current_release() { in_ct 10 readlink /opt/echo-kiosk/current; }

release_count() { in_ct 10 sh -c 'ls /opt/echo-kiosk/releases | wc -l'; }

centre_version() { # the version in kiosk 1's latest heartbeat at the centre
    in_ct 10 python3 - <<'EOF'
import sqlite3
conn = sqlite3.connect("file:/var/lib/echo-central/central.sqlite3?mode=ro", uri=True)
row = conn.execute("SELECT version FROM kiosk_health WHERE kiosk_id = 1").fetchone()
print(row[0] if row else "")
EOF
}

centre_heard() { [[ "$(centre_version)" == *"($1)" ]]; } # centre_heard STAMP

changed_clone() { # changed_clone DIR [crash]: this clone copied to DIR in the container, its
    # store one migration further (a release that changes the databases' format); with crash,
    # `kiosk run` also exits at start (never draws its home screen, never says READY=1). Made here,
    # from the test: the product has no hook for it.
    # shellcheck disable=SC2016  # $1 and $2 are the inner shell's
    in_ct 60 bash -c '
        set -euo pipefail
        rm -rf "$1" && mkdir "$1"
        tar -C /src --exclude=./.git --exclude=./.venv --exclude=./.data --exclude=./build \
            --exclude="*_cache" --exclude=__pycache__ -cf - . | tar -C "$1" -xf -
        sed -i "s/^SCHEMA_VERSION = len(MIGRATIONS)\$/MIGRATIONS = (*MIGRATIONS, (\"ALTER TABLE tickets ADD COLUMN nspawn TEXT\",))\nSCHEMA_VERSION = len(MIGRATIONS)/" \
            "$1/kiosk/store/db.py"
        grep -q "ADD COLUMN nspawn" "$1/kiosk/store/db.py"
        if [ "$2" = crash ]; then
            echo "raise SystemExit(\"broken on purpose by the system test\")" >> "$1/kiosk/ui/run.py"
        fi' changed_clone "$1" "${2:-}"
}

run_update() { # run_update LOG CLONE: install.sh --update from CLONE; its exit status
    local started=$SECONDS status=0
    in_ct 400 bash "$2/deploy/raspberrypi/install.sh" --update --central --headless --health-timeout 60 \
        >"$work/$1" 2>&1 || status=$?
    say "install.sh --update from $2: exit $status after $((SECONDS - started)) s ($1)"
    return "$status"
}

log_says() { # log_says LOG TEXT
    [[ "$(cat "$work/$1")" == *"$2"* ]] || {
        tail -n 40 "$work/$1" >&2
        fail "$1 does not say: $2"
    }
}

check_updates() { # CODE KEY: a broken update rolls back by itself, a good one goes through, --rollback
    local code=$1 key=$2 good new started unit
    good=$(current_release)
    changed_clone /tmp/broken crash
    say "install.sh --update from a release broken on purpose (the release before: ${good##*/})"
    if run_update update-broken.log /tmp/broken; then fail "the broken update said it succeeded"; fi
    log_says update-broken.log "UPDATE FAILED AND ROLLED BACK"
    log_says update-broken.log "What failed: echo-kiosk.service crashed on start"
    log_says update-broken.log "put back the databases from before the update"
    check "current points to the release before again" test "$(current_release)" = "$good"
    for unit in echo-central echo-kiosk; do check "$unit is active and READY again" ready "$unit.service"; done
    check "the failed release was removed" test "$(release_count)" = 2
    check "the config edit is still there" in_ct 10 grep -q "the town edited this" /etc/echo-kiosk/kiosk.yaml
    check "the API key is still there" test "$(in_ct 10 cat /etc/echo-kiosk/api-key)" = "$key"
    check "ticket $code is still there (the release before opens its ticket book)" kiosk_has "$code"

    changed_clone /tmp/newer
    say "install.sh --update from a good release that migrates the ticket book"
    run_update update-good.log /tmp/newer || { tail -n 40 "$work/update-good.log" >&2; fail "the good update failed"; }
    log_says update-good.log "is healthy"
    log_says update-good.log "ok: a sync round with the centre worked"
    new=$(current_release)
    check "current points to the new release ${new##*/}" test "$new" != "$good"
    check "the centre hears the new release in the heartbeat ($(centre_version))" centre_heard "${new##*/}"
    check "ticket $code survived the update" kiosk_has "$code"

    say "install.sh --rollback (the new release changed the ticket book's format)"
    if in_ct 60 bash /src/deploy/raspberrypi/install.sh --rollback >"$work/rollback-refused.log" 2>&1; then
        fail "--rollback went back to a release that cannot open the migrated ticket book"
    fi
    log_says rollback-refused.log "NOT ROLLED BACK"
    check "refused: current still points to ${new##*/}" test "$(current_release)" = "$new"
    started=$SECONDS
    in_ct 200 bash /src/deploy/raspberrypi/install.sh --rollback --restore-data >"$work/rollback.log" 2>&1 \
        || { cat "$work/rollback.log" >&2; fail "install.sh --rollback --restore-data failed"; }
    say "rolled back by hand in $((SECONDS - started)) s"
    log_says rollback.log "put back the databases from before the update"
    check "current points to ${good##*/} again" test "$(current_release)" = "$good"
    for unit in echo-central echo-kiosk; do check "$unit is active and READY" ready "$unit.service"; done
    check "sync --once works after the roll-back" sync_once
    check "the centre hears the release before again ($(centre_version))" centre_heard "${good##*/}"
    check "ticket $code survived the roll-back" kiosk_has "$code"
}

check_installed() { # what every install must leave behind
    local unit
    for unit in echo-central echo-kiosk; do
        wait_ready "$unit.service" 120
        check "$unit is active and READY" ready "$unit.service"
        check "$unit WatchdogUSec=30s" test "$(show "$unit.service" WatchdogUSec)" = 30s
    done
    local groups
    groups=$(in_ct 10 id -nG echo-kiosk)
    for group in video render input lp audio; do
        [[ " $groups " == *" $group "* ]] || fail "echo-kiosk is not in group $group ($groups)"
    done
    say "ok: echo-kiosk's groups: $groups"
    check "/etc/echo-kiosk is 755 root:root" test "$(mode_of /etc/echo-kiosk)" = "755 root:root"
    check "the API key is 600 root:root" test "$(mode_of /etc/echo-kiosk/api-key)" = "600 root:root"
    check "/var/lib/echo-kiosk is 750 echo-kiosk" test "$(mode_of /var/lib/echo-kiosk)" = "750 echo-kiosk:echo-kiosk"
    check "/services.json answers" services_answer
    local verify
    verify=$(in_ct 60 systemd-analyze verify echo-kiosk.service echo-central.service 2>&1)
    [ -z "$verify" ] || fail "systemd-analyze verify: $verify"
    say "ok: systemd-analyze verify has nothing to say"
    # The exposure scores measured when the units were first tried in a container (issue 20):
    # the headless drop-in and later changes must not make them worse.
    exposure_at_most echo-kiosk.service 3.3
    exposure_at_most echo-central.service 1.5
}

exposure_at_most() { # exposure_at_most UNIT SCORE: systemd-analyze security (0 safe .. 10)
    local score
    score=$(in_ct 60 systemd-analyze security --no-pager "$1" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
    [ -n "$score" ] || fail "no exposure score for $1"
    check "$1 exposure $score (at most $2)" awk -v s="$score" -v m="$2" 'BEGIN { exit !(s <= m) }'
}

check_watchdog() { # a frozen process is restarted by systemd's watchdog (WatchdogSec=30)
    local unit pid
    declare -A before
    for unit in echo-central echo-kiosk; do
        before[$unit]=$(show "$unit.service" NRestarts)
        pid=$(show "$unit.service" MainPID)
        # shellcheck disable=SC2016  # $1 is the inner shell's: minbase has no kill(1), bash has
        in_ct 10 bash -c 'kill -STOP "$1"' freeze "$pid"
        say "froze $unit (pid $pid)"
    done
    for unit in echo-central echo-kiosk; do
        local deadline=$((SECONDS + 90))
        until [ "$(show "$unit.service" NRestarts)" -gt "${before[$unit]}" ]; do
            [ "$SECONDS" -lt "$deadline" ] || fail "$unit was not restarted by its watchdog"
            sleep 1
        done
        wait_ready "$unit.service" 120
        say "ok: $unit restarted by the watchdog (NRestarts ${before[$unit]} -> $(show "$unit.service" NRestarts))"
    done
}

# --- The test ------------------------------------------------------------------------------------

main() {
    trap on_exit EXIT
    trap 'exit 124' TERM # the time limit (see the end of this file)
    as_root "booting a container" ECHO_KIOSK_NSPAWN_CACHE,ECHO_KIOSK_NSPAWN_LIMIT,ECHO_KIOSK_NSPAWN_KEEP,ECHO_KIOSK_NSPAWN_BOUNDED "$@"
    need_tools
    can_make_namespaces
    host_env
    work=$(mktemp -d /tmp/echo-kiosk-nspawn.XXXXXX)
    rootfs
    say "root file system: $root_dir"
    boot "$root_dir"

    seed_config
    run_installer install-1.log
    register_kiosk "nspawn test"
    check_installed

    local code
    code=$(kiosk_as_its_user feedback add --category property-repair --text "nspawn: lift stuck")
    say "ticket $code stored"
    check "sync --once sends it" sync_once
    local key
    key=$(in_ct 10 cat /etc/echo-kiosk/api-key)
    check "the centre has ticket $code" centre_has "$code" "$key"

    check_watchdog
    check_stop

    # The town's own changes, which the upgrade must keep.
    in_ct 10 sh -c 'echo "# the town edited this" >> /etc/echo-kiosk/kiosk.yaml'
    run_installer install-2.log
    check_installed
    check "the config edit survived" in_ct 10 grep -q "the town edited this" /etc/echo-kiosk/kiosk.yaml
    check "the API key survived" test "$(in_ct 10 cat /etc/echo-kiosk/api-key)" = "$key"
    check "ticket $code survived in the kiosk" kiosk_has "$code"
    check "the centre still has ticket $code" centre_has "$code" "$key"
    check "two releases, the newest in use" test "$(in_ct 10 sh -c 'ls /opt/echo-kiosk/releases | wc -l')" = 2
    check "the upgrade kept a copy of the databases" eval \
        "in_ct 10 sh -c 'ls /var/backups/echo-kiosk/*/echo-kiosk/tickets.sqlite3 /var/backups/echo-kiosk/*/echo-central/central.sqlite3' >/dev/null"
    check_updates "$code" "$key"
    echo "PASSED: the system test in a booted bookworm ($SECONDS s)"
}

if [ "${ECHO_KIOSK_NSPAWN_BOUNDED:-}" != 1 ]; then
    # The whole run is bounded: TERM at the limit (the run shuts its container down), KILL 30 s
    # later. timeout exits 124 (137 after the KILL) when the limit was reached.
    status=0
    ECHO_KIOSK_NSPAWN_BOUNDED=1 timeout --kill-after=30 "$limit" bash "${BASH_SOURCE[0]}" "$@" || status=$?
    case "$status" in 124 | 137) echo "FAILED: over the $limit s limit" >&2 ;; esac
    exit "$status"
fi
main "$@"
