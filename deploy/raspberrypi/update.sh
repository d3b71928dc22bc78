#!/usr/bin/env bash
# Echo Kiosk: the health check after an update, and going back to the previous release.
# install.sh calls it; the IT person runs install.sh, not this file:
#
#   sudo deploy/raspberrypi/install.sh --update [--health-timeout SECONDS]
#   sudo deploy/raspberrypi/install.sh --rollback
#
#   update.sh check RELEASE PREVIOUS SYNC_BEFORE TIMEOUT
#       after install.sh switched /opt/echo-kiosk/current to RELEASE and restarted the units:
#       healthy within TIMEOUT seconds, or back to PREVIOUS by itself (exit 1). SYNC_BEFORE is 1
#       when a sync round with the centre worked before the update (then one must work after it).
#   update.sh rollback [--restore-data]
#       back to the release that ran before the current one (by hand). When the current release
#       changed the databases' format it refuses, unless --restore-data: then the copy taken
#       before the update is put back (and the newer files kept aside).
# See deploy/raspberrypi/README.md, "Update" and "Roll back".
set -Eeuo pipefail

app=/opt/echo-kiosk
etc=/etc/echo-kiosk
data=/var/lib/echo-kiosk
central_data=/var/lib/echo-central
backups=/var/backups/echo-kiosk
user=echo-kiosk
settle=5 # seconds a READY unit must stay up without a restart

say() { printf '  %s\n' "$*"; }

die() {
    echo "update.sh: $*" >&2
    exit 2
}

# --- The units -----------------------------------------------------------------------------------

units() { # the system units this machine runs: the kiosk (KMS mode) and the centre (--central)
    local unit
    for unit in echo-kiosk.service echo-central.service; do
        [ "$(systemctl is-enabled "$unit" 2>/dev/null || true)" = enabled ] && echo "$unit"
    done
    return 0
}

prop() { systemctl show -p "$2" --value "$1"; }

restarts() { # restarts UNIT...: "unit=NRestarts" words, to tell a crash loop from a steady start
    local unit
    for unit in "$@"; do printf '%s=%s ' "$unit" "$(prop "$unit" NRestarts)"; done
}

wait_ready() { # wait_ready DEADLINE BASELINE UNIT...: every unit active/running (after READY=1)
    local deadline=$1 baseline=$2 unit state
    shift 2
    for unit in "$@"; do
        while :; do
            state=$(prop "$unit" ActiveState)/$(prop "$unit" SubState)
            [ "$state" = active/running ] && break
            if crashed "$unit" "$state" "$baseline"; then
                problem="$unit crashed on start and systemd is restarting it ($state)"
                return 1
            fi
            if [ "$SECONDS" -ge "$deadline" ]; then
                problem="$unit was not ready in time (it is $state: no READY=1, the home screen was not drawn)"
                return 1
            fi
            sleep 0.5
        done
    done
    sleep "$settle"
    for unit in "$@"; do
        state=$(prop "$unit" ActiveState)/$(prop "$unit" SubState)
        if [ "$state" != active/running ] || crashed "$unit" "$state" "$baseline"; then
            problem="$unit did not stay up after it was ready ($state)"
            return 1
        fi
    done
}

crashed() { # crashed UNIT STATE BASELINE: it failed, waits to be restarted or was restarted
    case "$2" in */auto-restart | failed/* | */failed) return 0 ;; esac
    [ "$(prop "$1" NRestarts)" != "$(base_of "$3" "$1")" ]
}

base_of() { # base_of "unit=N ..." UNIT: N
    local word
    for word in $1; do [ "${word%%=*}" = "$2" ] && echo "${word#*=}"; done
    return 0
}

sync_round() { # one sync round the way the kiosk makes it: its user, its key, its config
    [ -s "$etc/api-key" ] || return 1
    timeout "${1:-60}" systemd-run --quiet --wait --pipe --uid="$user" \
        -p LoadCredential=ECHO_KIOSK_API_KEY:"$etc/api-key" \
        "$app/current/bin/kiosk" sync --once --config "$etc/kiosk.yaml" --data-dir "$data"
}

healthy() { # healthy TIMEOUT SYNC_BEFORE: sets problem when not
    local deadline=$((SECONDS + $1)) baseline
    mapfile -t list < <(units)
    baseline=$(restarts "${list[@]}")
    problem=
    if [ "${#list[@]}" -gt 0 ]; then
        say "waiting for ${list[*]} to be READY (at most $1 s)"
        wait_ready "$deadline" "$baseline" "${list[@]}" || return 1
        say "ok: ${list[*]} READY and steady for $settle s"
    fi
    if [ "$2" = 1 ]; then
        local left=$((deadline - SECONDS))
        [ "$left" -ge 10 ] || left=10
        if ! sync_round "$left" >/dev/null; then
            problem="a sync round with the centre failed (it worked before the update)"
            return 1
        fi
        say "ok: a sync round with the centre worked"
    else
        say "not checked: a sync round (the centre was not reached before the update either)"
    fi
}

# --- The databases -------------------------------------------------------------------------------

schema() { # schema FILE: the SQLite file's schema marks (kiosk: user_version; centre: its table)
    python3 - "$1" <<'EOF'
import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
marks = [str(conn.execute("PRAGMA user_version").fetchone()[0])]
if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_version'").fetchone():
    marks += [str(row[0]) for row in conn.execute("SELECT version FROM schema_version")]
print("/".join(marks))
EOF
}

migrated() { # migrated FROM_STAMP: the live databases whose schema release FROM changed
    local copy=$backups/$1 dir name live
    for dir in "$data" "$central_data"; do
        name=$(basename "$dir")
        for live in "$dir"/*.sqlite3; do
            if [ ! -e "$live" ] || [ ! -e "$copy/$name/${live##*/}" ]; then continue; fi
            [ "$(schema "$live")" = "$(schema "$copy/$name/${live##*/}")" ] || echo "$live"
        done
    done
    return 0
}

restore_if_migrated() { # restore_if_migrated FROM_STAMP: the backup made before FROM was installed
    local copy=$backups/$1 dir name aside changed
    if [ ! -d "$copy" ]; then
        say "no copy of the databases from before release $1 in $backups: they are kept as they are"
        return 0
    fi
    mapfile -t changed < <(migrated "$1")
    if [ "${#changed[@]}" -eq 0 ]; then
        say "the databases were not migrated by release $1: kept as they are (nothing lost)"
        return 0
    fi
    # The older release refuses a database a newer one migrated (kiosk/store/db.py): put back the
    # copy taken before the update, and keep the newer files beside it.
    aside=$backups/$1-rolled-back-$(date -u +%Y%m%d-%H%M%S)
    say "release $1 changed the database schema of: ${changed[*]}"
    for dir in "$data" "$central_data"; do
        name=$(basename "$dir")
        [ -d "$copy/$name" ] || continue
        mkdir -p "$aside/$name"
        cp -a "$dir"/*.sqlite3* "$aside/$name/" 2>/dev/null || true
        rm -f "$dir"/*.sqlite3*
        cp -a "$copy/$name"/*.sqlite3* "$dir/"
    done
    say "put back the databases from before the update ($copy); the files release $1 left are in $aside"
    restored=$aside
}

# --- Switching -----------------------------------------------------------------------------------

switch_to() { # switch_to RELEASE_DIR FROM_DIR: stop, the data made fit, link, start, wait READY
    local to=$1 from=$2
    mapfile -t list < <(units)
    # A unit that does not stop or start cleanly is judged by came_back, not here.
    [ "${#list[@]}" -eq 0 ] || systemctl stop "${list[@]}" || true
    restore_if_migrated "$(basename "$from")"
    ln -sfn "$to" "$app/current"
    rm -f "$app/previous" # not known for $to: a next --rollback takes the newest older release
    [ "${#list[@]}" -eq 0 ] || systemctl start "${list[@]}" || true
    say "now running $(basename "$to")"
}

came_back() { # after switch_to in a roll-back: the release gone back to must come up again
    local baseline
    mapfile -t list < <(units)
    [ "${#list[@]}" -gt 0 ] || return 0
    baseline=$(restarts "${list[@]}")
    if wait_ready $((SECONDS + 120)) "$baseline" "${list[@]}"; then
        say "ok: ${list[*]} READY again"
    else
        echo "update.sh: and the previous release did not come up either: $problem." >&2
        echo "  Look at: journalctl -u echo-kiosk -u echo-central -b" >&2
        return 1
    fi
}

check() { # check RELEASE PREVIOUS SYNC_BEFORE TIMEOUT
    local release=$1 previous=$2 sync_before=$3 timeout=$4
    printf '\n==> Health check of release %s (at most %s s)\n' "$(basename "$release")" "$timeout"
    if healthy "$timeout" "$sync_before"; then
        echo "  the update to $(basename "$release") is healthy"
        return 0
    fi
    local failed=$problem
    echo "update.sh: the new release $(basename "$release") failed its health check: $failed." >&2
    if [ -z "$previous" ] || [ ! -d "$previous" ]; then
        echo "  There is no previous release to go back to. Logs: journalctl -u echo-kiosk -u echo-central -b" >&2
        return 1
    fi
    printf '\n==> Rolling back to %s\n' "$(basename "$previous")"
    restored=
    switch_to "$previous" "$release"
    came_back || return 1
    rm -rf "$release"
    say "removed the failed release $(basename "$release")"
    cat >&2 <<EOF
update.sh: UPDATE FAILED AND ROLLED BACK.
  What failed: $failed.
  The kiosk runs the previous release $(basename "$previous") again, with its config$([ -n "$restored" ] && echo ";
  the databases are as they were before the update (the new release had changed their format;
  what it wrote is kept in $restored)" || echo " and tickets as they are").
  Logs of the failed start: journalctl -u echo-kiosk -u echo-central --since "-15 min"
EOF
    return 1
}

rollback() { # rollback [--restore-data]: by hand, to the release that ran before the current one
    local current previous changed
    if [ "$(findmnt -n -o SOURCE / 2>/dev/null)" = overlayroot ]; then
        # The switch would be gone at the next boot (read-only-root.sh).
        die "the SD card's system is read-only (install.sh --read-only-root): first sudo install.sh --read-write-root and reboot, then roll back"
    fi
    current=$(readlink -f "$app/current" 2>/dev/null || true)
    if [ -z "$current" ] || [ ! -d "$current" ]; then die "no $app/current: nothing installed"; fi
    previous=$(readlink -f "$app/previous" 2>/dev/null || true)
    if [ -z "$previous" ] || [ ! -d "$previous" ] || [ "$previous" = "$current" ]; then
        # Installs before the previous link existed: the newest release older than the current.
        previous=$(find "$app/releases" -mindepth 1 -maxdepth 1 -type d | sort \
            | awk -v c="$current" '$0 < c' | tail -n 1)
    fi
    [ -n "$previous" ] || die "no earlier release in $app/releases to go back to (ls $app/releases)"
    mapfile -t changed < <(migrated "$(basename "$current")")
    if [ "${#changed[@]}" -gt 0 ] && [ "${1:-}" != --restore-data ]; then
        cat >&2 <<EOF
update.sh: NOT ROLLED BACK: release $(basename "$current") changed the format of ${changed[*]},
  which release $(basename "$previous") cannot open. Going back means putting back the copy of the
  databases taken before the update ($backups/$(basename "$current")/): tickets made since then
  would leave the kiosk (they are kept aside, not sent). To do that anyway:
      sudo deploy/raspberrypi/install.sh --rollback --restore-data
EOF
        exit 1
    fi
    printf '\n==> Rolling back from %s to %s\n' "$(basename "$current")" "$(basename "$previous")"
    restored=
    switch_to "$previous" "$current"
    came_back
    echo "  rolled back; $(basename "$current") is kept in $app/releases (install.sh --update goes forward again)"
}

[ "$(id -u)" -eq 0 ] || die "run it as root (sudo)"
trap 'echo "update.sh: stopped unexpectedly; $app/current points to $(readlink "$app/current"). Logs: journalctl -u echo-kiosk -u echo-central -b" >&2' ERR
case "${1:-}" in
check)
    [ $# -eq 5 ] || die "check RELEASE PREVIOUS SYNC_BEFORE TIMEOUT"
    check "$2" "$3" "$4" "$5"
    ;;
rollback)
    case "$#/${2:-}" in 1/ | 2/--restore-data) rollback "${2:-}" ;; *) die "rollback [--restore-data]" ;; esac
    ;;
*) die "check ... or rollback (see the top of this file)" ;;
esac
