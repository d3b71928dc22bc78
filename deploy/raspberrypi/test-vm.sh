#!/usr/bin/env bash
# System test on an emulated arm64 machine: install.sh on the real tty/KMSDRM path (issue 20).
#
#   sudo deploy/raspberrypi/test-vm.sh [--read-only-root] [--power-cuts N] [--seed S]
#                                      [--reuse-install] [--build-only]
#
# Not part of every CI run (it takes minutes, see "Run time" below). Debian bookworm arm64 is
# debootstrapped once (qemu-user-static) into a cache folder with Debian's arm64 kernel, the
# installer's packages and an ssh server, and made into an ext4 image. Every run boots a copy of
# it with qemu-system-aarch64 -M virt -cpu max under TCG (no KVM needed: an arm64 CPU on this
# machine is the point), a virtio GPU (so the kiosk draws through KMSDRM on tty1, as on a Pi, not
# with the headless drop-in) and user-mode networking whose only forwarded port is ssh on
# 127.0.0.1. Over ssh: this checkout is copied in, `install.sh --central` runs as the IT person
# would run it, then the checks: both units active and READY (the kiosk's READY comes after its
# first frame), /services.json answers, a ticket made by the kiosk user is synced, `systemctl stop`
# of each within 10 s.
#
#   --power-cuts N  then N power cuts: boot, wait a random moment (during boot or while a loop in
#                   the guest makes tickets and prints their codes), kill qemu with SIGKILL, boot
#                   again. Every boot must reach READY on the kiosk, and every ticket whose code
#                   was printed must be in the kiosk's store exactly once, and at the centre after
#                   a sync. The moments come from --seed (printed; give it again to replay a run).
#   --read-only-root  then install.sh --read-only-root on a second disk (/dev/vdb, the data
#                   partition), a clean reboot, and the checks: / is the overlay, a file written
#                   to it is gone after the next boot, the data is on /dev/vdb (data=journal), the
#                   kiosk READY and a ticket synced; the hardware watchdog (an emulated i6300esb)
#                   is used by systemd, and a kernel crash (sysrq) is followed by a reset by the
#                   watchdog and a boot back to READY; --read-write-root and a second
#                   --read-only-root keep the data. The power cuts then cut this set-up.
#   --reuse-install the power cuts on the disk of the last passing install (no new install)
#   --build-only    only build the cached image
#
# Exit 0 with "PASSED", or with "SKIPPED: <reason>" only where this machine cannot run it (not
# root, no qemu for arm64 and no apt to get it); any other failure is red. Bounded by
# ECHO_KIOSK_VM_LIMIT seconds (default 2400, plus 300 per power cut, plus 1500 for --read-only-root).
#   ECHO_KIOSK_VM_CACHE  the cached image, kernel, ssh key and last install (/var/cache/echo-kiosk-vm)
#   ECHO_KIOSK_VM_KEEP=1 leave the work folder (console logs, disk) behind after a pass too
#   ECHO_KIOSK_VM_CPUS   virtual CPUs (default 2)
#
# Run time (measured 2026-12-06 on a 2-core amd64 machine shared with another test run, TCG):
#   cold: the image build 1090 s (debootstrap 1003 s, of which initramfs under qemu-user twice,
#         ~8 min each; the installer's packages 81 s; mkfs.ext4 6 s), then as warm
#   warm: boot to multi-user 84 s (18 s on an idle machine), copy 14 s, install.sh 464 s, the
#         checks about 2 min: about 12 min; each power cut several minutes more (see the Pi README)
# The kernel command line says ro, as Raspberry Pi OS and Debian do: the initramfs mounts the root
# read-only (overlayroot keeps it so), systemd-remount-fs makes it writable on a normal boot.
# Functions run through check and the traps look unreachable to shellcheck once main ends in exit.
# shellcheck disable=SC2317
set -Eeuo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${ECHO_KIOSK_VM_CACHE:-/var/cache/echo-kiosk-vm}
cpus=${ECHO_KIOSK_VM_CPUS:-2}
suite=bookworm
kiosk=/opt/echo-kiosk/current/bin/kiosk
power_cuts=0
seed=
reuse_install=0
build_only=0
read_only_root=0
initrd=
work=
image=
qemu_pid=
loop_pid=
ssh_port=
last_code=
host_vars=()
tag=vm
# shellcheck source=deploy/raspberrypi/test-lib.sh
. "$here/test-lib.sh"

usage() { sed -n '2,/^# Functions run/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

# --- Reporting -----------------------------------------------------------------------------------

usage_error() {
    echo "test-vm.sh: $*" >&2
    exit 2
}

parse_args() {
    while [ $# -gt 0 ]; do
        case "$1" in
        --power-cuts)
            [[ "${2:-}" =~ ^[0-9]+$ ]] || usage_error "--power-cuts needs a number"
            power_cuts=$2
            shift 2
            ;;
        --seed)
            [[ "${2:-}" =~ ^[0-9]+$ ]] || usage_error "--seed needs a number"
            seed=$2
            shift 2
            ;;
        --reuse-install) reuse_install=1; shift ;;
        --read-only-root) read_only_root=1; shift ;;
        --build-only) build_only=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown option $1 (see --help)" ;;
        esac
    done
    if [ "$reuse_install" = 1 ] && [ "$power_cuts" = 0 ] && [ "$read_only_root" = 0 ]; then
        usage_error "--reuse-install is for --power-cuts N or --read-only-root"
    fi
    if [ -n "$seed" ] && [ "$power_cuts" = 0 ]; then
        usage_error "--seed is for --power-cuts N"
    fi
    return 0
}

# --- The machine ---------------------------------------------------------------------------------

need_tools() { # qemu for arm64 (system and user mode), debootstrap, mkfs.ext4, ssh
    local missing=()
    command -v qemu-system-aarch64 >/dev/null || missing+=(qemu-system-arm)
    [ -e /usr/bin/qemu-aarch64-static ] || missing+=(qemu-user-static binfmt-support)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v mkfs.ext4 >/dev/null || missing+=(e2fsprogs)
    command -v ssh >/dev/null || missing+=(openssh-client)
    [ "${#missing[@]}" -eq 0 ] && return 0
    command -v apt-get >/dev/null || skip "no qemu for arm64 here (${missing[*]}) and no apt-get to install it"
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

arm64_binaries_run() { # debootstrap's second stage runs arm64 programs through binfmt_misc
    if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null \
            || skip "no binfmt_misc here to run arm64 programs with qemu-user-static"
    fi
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || skip "qemu-aarch64 is not registered with binfmt_misc"
}

copy_host_settings() { # copy_host_settings DIR: the host's apt sources and Acquire settings, CA trust, pip config
    local dir=$1 file
    for file in /etc/apt/sources.list /etc/apt/sources.list.d /etc/apt/keyrings \
        /usr/local/share/ca-certificates /etc/pip.conf /etc/xdg/pip; do
        [ -e "$file" ] || continue
        mkdir -p "$dir$(dirname "$file")"
        cp -a "$file" "$dir$(dirname "$file")/"
    done
    # Only Debian's own sources: an amd64-only extra repository has nothing for arm64.
    find "$dir/etc/apt/sources.list.d" -type f ! -name 'debian.sources' -delete 2>/dev/null || true
    for file in /etc/apt/apt.conf.d/*; do
        # Proxies, validity checks of snapshot mirrors, ...: how this host reaches its mirrors.
        grep -qs 'Acquire::' "$file" && cp -a "$file" "$dir/etc/apt/apt.conf.d/"
    done
    # The host's CA bundle as it is (it may trust a registry's proxy the guest must trust too).
    cp /etc/ssl/certs/ca-certificates.crt "$dir/etc/ssl/certs/ca-certificates.crt"
    printf '%s\n' "${host_vars[@]}" >"$dir/etc/echo-kiosk-test.env"
}

# --- The cached image ----------------------------------------------------------------------------

image_key() { (echo "$suite arm64 minbase systemd ssh kernel v1"; installer_debs) | sha256sum | cut -c1-12; }

guest_setup() { # guest_setup DIR: what makes the root file system a bootable VM reachable over ssh
    local dir=$1
    echo echo-kiosk-vm >"$dir/etc/hostname"
    printf '/dev/vda / ext4 defaults 0 1\n' >"$dir/etc/fstab"
    mkdir -p "$dir/etc/systemd/network"
    printf '[Match]\nName=en*\n\n[Network]\nDHCP=yes\n' >"$dir/etc/systemd/network/10-vm.network"
    ln -sf /lib/systemd/system/systemd-networkd.service \
        "$dir/etc/systemd/system/multi-user.target.wants/systemd-networkd.service"
    rm -f "$dir/etc/resolv.conf"
    echo 'nameserver 10.0.2.3' >"$dir/etc/resolv.conf" # qemu's user-mode DNS
    install -d -m 0700 "$dir/root/.ssh"
    install -m 0600 "$cache/ssh-key.pub" "$dir/root/.ssh/authorized_keys"
    # A clean serial console for the log; the kiosk owns tty1.
    ln -sf /dev/null "$dir/etc/systemd/system/getty@tty1.service"
}

build_image() { # build_image IMAGE: bookworm arm64 with kernel, ssh and the installer's packages
    local img=$1 tmp packages
    packages=$(installer_debs)
    tmp=$(mktemp -d "$cache/build.XXXXXX")
    say "debootstrap --arch=arm64 $suite from $(mirror) (once per machine; the cache is $cache)"
    if ! timeout 1500 debootstrap --arch=arm64 --variant=minbase \
        --include=systemd,systemd-sysv,dbus,udev,kmod,ca-certificates,openssh-server,linux-image-arm64,procps,iproute2 \
        "$suite" "$tmp" "$(mirror)" >"$cache/debootstrap.log" 2>&1; then
        rm -rf "$tmp"
        fail "debootstrap failed (see $cache/debootstrap.log)"
    fi
    say "debootstrap done; the installer's packages: $packages"
    rm -f "$tmp/etc/apt/sources.list"
    copy_host_settings "$tmp"
    # shellcheck disable=SC2086  # the package list is words
    if ! timeout 1500 chroot "$tmp" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "${host_vars[@]}" \
        sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages && apt-get clean" \
        </dev/null >"$cache/packages.log" 2>&1; then
        rm -rf "$tmp"
        fail "installing packages failed (see $cache/packages.log)"
    fi
    guest_setup "$tmp"
    local kernel initrd
    kernel=$(find "$tmp/boot" -name 'vmlinuz-*' | sort | tail -n 1)
    initrd=$(find "$tmp/boot" -name 'initrd.img-*' | sort | tail -n 1)
    if [ -z "$kernel" ] || [ -z "$initrd" ]; then fail "no kernel or initrd in $tmp/boot"; fi
    cp "$kernel" "$img.vmlinuz"
    cp "$initrd" "$img.initrd"
    say "ext4 image of the root file system"
    rm -f "$img.tmp"
    mkfs.ext4 -q -L echo-kiosk-vm -d "$tmp" "$img.tmp" 8G
    rm -rf "$tmp"
    mv "$img.tmp" "$img"
}

cached_image() { # sets image: the cached image for the installer's package list
    mkdir -p "$cache"
    [ -e "$cache/ssh-key" ] || ssh-keygen -q -t ed25519 -N '' -C echo-kiosk-vm -f "$cache/ssh-key"
    image=$cache/$suite-arm64-$(image_key).img
    (
        flock 9 # one build at a time on this machine; the others wait and use it
        if [ ! -e "$image" ]; then
            local started=$SECONDS
            build_image "$image"
            say "image built in $((SECONDS - started)) s: $image"
        fi
    ) 9>"$cache/.lock"
}

# --- The VM --------------------------------------------------------------------------------------

start_vm() { # start_vm DISK CONSOLE_LOG: boot, return at once (sets qemu_pid, ssh_port)
    ssh_port=$(free_port)
    qemu-system-aarch64 -M virt -accel tcg -cpu max -smp "$cpus" -m 2048 \
        -kernel "$image.vmlinuz" -initrd "${initrd:-$image.initrd}" \
        -append "root=/dev/vda ro console=ttyAMA0 consoleblank=0 quiet" \
        -drive "file=$1,format=raw,if=virtio,cache=writeback" \
        -drive "file=$work/data.img,format=raw,if=virtio,cache=writeback" \
        -device i6300esb \
        -netdev "user,id=net0,hostfwd=tcp:127.0.0.1:$ssh_port-:22" \
        -device virtio-net-pci,netdev=net0,romfile= \
        -device virtio-gpu-pci -display none \
        -serial "file:$2" -monitor none -nodefaults \
        </dev/null >"$2.qemu" 2>&1 &
    qemu_pid=$!
}

wait_ssh() { # wait_ssh SECONDS: until the guest answers over ssh
    local deadline=$((SECONDS + $1))
    until vm_ssh 10 true 2>/dev/null; do
        kill -0 "$qemu_pid" 2>/dev/null || fail "qemu ended: $(tail -n 20 "$work"/*.qemu)"
        [ "$SECONDS" -lt "$deadline" ] || fail "no ssh in the VM within $1 s"
        sleep 2
    done
}

vm_ssh() { # vm_ssh SECONDS COMMAND...: run in the guest (its login environment plus the host's proxy/pip)
    local seconds=$1
    shift
    timeout "$seconds" ssh -q -i "$cache/ssh-key" -p "$ssh_port" -o BatchMode=yes \
        -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=10 \
        -o ServerAliveInterval=5 -o ServerAliveCountMax=3 root@127.0.0.1 \
        "set -a; . /etc/echo-kiosk-test.env; set +a; $*"
}

guest() { # what test-lib.sh runs in the guest: vm_ssh with each word quoted for the guest's shell
    local seconds=$1
    shift
    vm_ssh "$seconds" "$(printf '%q ' "$@")"
}

boot() { # boot DISK LABEL: start the VM and wait for multi-user
    local started=$SECONDS
    start_vm "$1" "$work/console-$2.log"
    wait_ssh 300
    local state tries=0
    # --wait answers once start-up is over; nothing means the ssh limit came first (a busy host):
    # ask again, and give up with a clear message rather than go on with a half-started system
    while state=$(vm_ssh 180 systemctl is-system-running --wait || true); [ -z "$state" ]; do
        tries=$((tries + 1))
        [ "$tries" -lt 3 ] || fail "booted ($2)? systemd still starting after $((SECONDS - started)) s"
        say "booted ($2)? still starting after $((SECONDS - started)) s; asking again"
    done
    say "booted ($2): $state in $((SECONDS - started)) s"
    if [ "$state" = degraded ]; then
        vm_ssh 10 systemctl --failed --no-legend --no-pager | sed 's/^/  failed: /'
    fi
}

power_off() { # a clean shut-down, else the plug
    [ -n "$qemu_pid" ] || return 0
    if kill -0 "$qemu_pid" 2>/dev/null; then
        vm_ssh 10 systemctl poweroff >/dev/null 2>&1 || true
        timeout 60 tail --pid="$qemu_pid" -f /dev/null || kill -KILL "$qemu_pid" 2>/dev/null || true
    fi
    wait "$qemu_pid" 2>/dev/null || true
    qemu_pid=
}

pull_the_plug() { # SIGKILL to qemu: the power cut
    kill -KILL "$qemu_pid"
    wait "$qemu_pid" 2>/dev/null || true
    qemu_pid=
}

on_exit() {
    local status=$?
    stop_ticket_loop
    if [ -n "$qemu_pid" ]; then
        kill -KILL "$qemu_pid" 2>/dev/null || true
        wait "$qemu_pid" 2>/dev/null || true
    fi
    if [ -z "$work" ]; then
        return 0
    elif [ "$status" -eq 0 ] && [ "${ECHO_KIOSK_VM_KEEP:-0}" != 1 ]; then
        rm -rf "$work"
    else
        echo "vm: logs (console-*.log) in $work" >&2
    fi
}

# --- Checks in the guest -------------------------------------------------------------------------

kiosk_on_screen() { # the kiosk draws on the real screen: KMSDRM on tty1, no headless drop-in
    local dropins
    dropins=$(show echo-kiosk.service DropInPaths)
    [[ "$dropins" != *headless* ]] || fail "the kiosk runs with the headless drop-in ($dropins)"
    vm_ssh 10 test -e /dev/dri/card0 || fail "no /dev/dri/card0 in the VM (virtio GPU)"
    say "ok: the kiosk runs on tty1 with /dev/dri/card0 (no headless drop-in)"
}

copy_checkout() { # this checkout into the VM, as the IT person's clone (/root/echo-kiosk)
    say "copying this checkout into the VM (/root/echo-kiosk)"
    tar -C "$repo" --exclude=./.git --exclude=./.venv --exclude=./.data --exclude=./build \
        --exclude='*.egg-info' --exclude='*_cache' --exclude=__pycache__ -cf - . \
        | vm_ssh 120 'rm -rf /root/echo-kiosk && mkdir -p /root/echo-kiosk && tar -C /root/echo-kiosk -xf -'
}

run_installer() { # the IT person's step: install.sh --central from a copy of this checkout
    copy_checkout
    local started=$SECONDS
    say "install.sh --central (in the VM; minutes under TCG)"
    if ! vm_ssh 1500 bash /root/echo-kiosk/deploy/raspberrypi/install.sh --central >"$work/install.log" 2>&1; then
        tail -n 40 "$work/install.log" >&2
        fail "install.sh failed (see $work/install.log)"
    fi
    say "install.sh finished in $((SECONDS - started)) s"
}

check_installed() {
    local unit started=$SECONDS
    for unit in echo-central echo-kiosk; do
        wait_ready "$unit.service" 300
        sleep 35 # still READY one watchdog period (30 s) later: its loop runs, not only its first frame
        ready "$unit.service" || fail "$unit is not active and READY: $(vm_ssh 20 journalctl -u "$unit" -n 15 --no-pager -o short-monotonic)"
        say "ok: $unit is active and READY"
    done
    say "both READY $((SECONDS - started)) s after the check began"
    kiosk_on_screen
    check "/services.json answers" services_answer
}

# --- Read-only root and the hardware watchdog ----------------------------------------------------

boot_id() { vm_ssh 20 cat /proc/sys/kernel/random/boot_id; }

kiosk_ticket_synced() { # kiosk_ticket_synced TEXT: a ticket made by the kiosk user reaches the centre
    local code key
    code=$(kiosk_as_its_user feedback add --category property-repair --text "$1")
    say "ticket $code stored"
    check "sync --once sends it" sync_once
    key=$(vm_ssh 20 cat /etc/echo-kiosk/api-key)
    check "the centre has ticket $code" centre_has "$code" "$key"
    last_code=$code
}

enable_read_only_root() { # enable_read_only_root DISK: the IT person's step, then a clean reboot
    copy_checkout
    local started=$SECONDS
    # Under TCG a Debian initramfs with every module (MODULES=most) takes over 20 minutes to
    # make; this machine's own modules (dep) take a few. The Pi's initramfs is not the VM's.
    vm_ssh 20 'echo MODULES=dep > /etc/initramfs-tools/conf.d/echo-kiosk-vm-test.conf'
    say "install.sh --read-only-root /dev/vdb (in the VM)"
    if ! vm_ssh 2400 bash /root/echo-kiosk/deploy/raspberrypi/install.sh --read-only-root /dev/vdb \
        >"$work/read-only-root.log" 2>&1; then
        tail -n 40 "$work/read-only-root.log" >&2
        fail "install.sh --read-only-root failed (see $work/read-only-root.log)"
    fi
    say "install.sh --read-only-root finished in $((SECONDS - started)) s"
    # The VM boots a kernel and initrd given from outside (a Pi's firmware reads them from the
    # SD card): take the initrd update-initramfs made, which now holds overlayroot.
    # shellcheck disable=SC2016  # uname runs in the guest
    vm_ssh 120 'cat /boot/initrd.img-$(uname -r)' >"$work/initrd"
    [ -s "$work/initrd" ] || fail "no initrd in the VM's /boot"
    initrd=$work/initrd
    power_off
    boot "$1" read-only-root
}

check_read_only_root() { # check_read_only_root DISK
    check "/ is the overlay (read-only root)" test "$(vm_ssh 20 findmnt -rn -o FSTYPE,SOURCE /)" = "overlay overlayroot"
    local data
    data=$(vm_ssh 20 findmnt -n -o SOURCE,OPTIONS /srv/echo-data)
    say "/srv/echo-data: $data"
    [[ "$data" == /dev/vdb* && "$data" == *data=journal* && "$data" == *rw,* ]] \
        || fail "the data partition is not /dev/vdb, writable, with data=journal: $data"
    check "the tickets are on /dev/vdb" test "$(vm_ssh 20 findmnt -n -o SOURCE -T /var/lib/echo-kiosk)" = "/dev/vdb[/kiosk]"
    check "the config is on /dev/vdb" test "$(vm_ssh 20 findmnt -n -o SOURCE -T /etc/echo-kiosk)" = "/dev/vdb[/etc]"
    wait_ready echo-kiosk.service 300
    check "the kiosk is READY on the read-only root" ready echo-kiosk.service
    wait_ready echo-central.service 120
    kiosk_ticket_synced "read-only root: bench broken"
    local kept=$last_code
    vm_ssh 20 'echo lost > /root/gone-after-reboot && echo "# staff edit" >> /etc/echo-kiosk/kiosk.yaml'
    power_off
    boot "$1" read-only-root-again
    check "a file written to the read-only root is gone after a reboot" vm_ssh 20 test ! -e /root/gone-after-reboot
    check "a config edit is kept (it is on /dev/vdb)" vm_ssh 20 grep -qx "'# staff edit'" /etc/echo-kiosk/kiosk.yaml
    check "ticket $kept is kept" eval "kiosk_tickets | grep -q '^$kept '"
    check "the journal of the boot before is kept" vm_ssh 20 journalctl -b -1 -n 1 -q --no-pager
}

check_writable_and_back() { # check_writable_and_back DISK: --read-write-root, then --read-only-root again
    local kept=$last_code
    say "install.sh --read-write-root (for an update), reboot"
    vm_ssh 600 bash /root/echo-kiosk/deploy/raspberrypi/install.sh --read-write-root >>"$work/read-only-root.log" 2>&1 \
        || fail "install.sh --read-write-root failed (see $work/read-only-root.log)"
    power_off
    boot "$1" read-write-root
    check "/ is writable again (/dev/vda)" test "$(vm_ssh 20 findmnt -rn -o SOURCE /)" = /dev/vda
    check "the tickets are still on /dev/vdb" test "$(vm_ssh 20 findmnt -n -o SOURCE -T /var/lib/echo-kiosk)" = "/dev/vdb[/kiosk]"
    check "ticket $kept is kept" eval "kiosk_tickets | grep -q '^$kept '"
    say "install.sh --read-only-root /dev/vdb again (the same partition: kept), reboot"
    vm_ssh 1500 bash /root/echo-kiosk/deploy/raspberrypi/install.sh --read-only-root /dev/vdb >"$work/read-only-root-again.log" 2>&1 \
        || fail "install.sh --read-only-root again failed (see $work/read-only-root-again.log)"
    check "the second run kept the partition" grep -q "keep /dev/vdb: made by an earlier run" "$work/read-only-root-again.log"
    check "the second run kept the initramfs" grep -q "keep the initramfs" "$work/read-only-root-again.log"
    power_off
    boot "$1" read-only-root-back
    check "/ is the overlay again" test "$(vm_ssh 20 findmnt -rn -o FSTYPE,SOURCE /)" = "overlay overlayroot"
    wait_ready echo-kiosk.service 300
    check "ticket $kept is kept" eval "kiosk_tickets | grep -q '^$kept '"
}

check_hardware_watchdog() { # a kernel that hangs is reset by the board's watchdog, not by anyone
    if ! vm_ssh 20 test -e /etc/systemd/system.conf.d/echo-kiosk-watchdog.conf; then
        # --reuse-install: a disk installed before the installer set the watchdog up.
        say "the reused install has no watchdog setting yet: this checkout's, for this boot"
        vm_ssh 120 'install -D -m 0644 /root/echo-kiosk/deploy/raspberrypi/system-watchdog.conf /etc/systemd/system.conf.d/echo-kiosk-watchdog.conf && systemctl daemon-reexec'
    fi
    check "systemd runs the hardware watchdog at 14 s" \
        test "$(vm_ssh 20 systemctl show -p RuntimeWatchdogUSec --value)" = 14s
    check "the VM has a watchdog device" vm_ssh 20 test -e /dev/watchdog0
    wait_ready echo-kiosk.service 300
    local before started=$SECONDS
    before=$(boot_id)
    say "the kernel crashes (sysrq c); nobody resets the VM but its watchdog"
    vm_ssh 10 'echo 1 > /proc/sys/kernel/sysrq; (sleep 1; echo c > /proc/sysrq-trigger) >/dev/null 2>&1 &' || true
    sleep 5
    wait_ssh 600
    [ "$(boot_id)" != "$before" ] || fail "the VM did not boot again after the crash"
    say "ok: the watchdog reset the VM; ssh answers $((SECONDS - started)) s after the crash"
    wait_ready echo-kiosk.service 300
    check "the kiosk is READY after the watchdog's reset ($((SECONDS - started)) s)" ready echo-kiosk.service
}

# --- Power cuts ----------------------------------------------------------------------------------
# In the guest, a loop makes tickets as the kiosk user and prints each code as it is stored
# ("TICKET <code>"). The host reads that over ssh into a file: a code in it was shown, so it
# must survive any power cut that comes after.

ticket_loop() { # ticket_loop CUT FILE: tickets until the VM dies; "TICKET <code> <text>" lines go to FILE
    # The text is unique (cut number, loop number), so a ticket stored twice under two codes shows.
    vm_ssh 100000 "i=0; while :; do i=\$((i+1)); t=cut$1-\$i; c=\$(runuser -u echo-kiosk -- $kiosk feedback add \
        --category property-repair --text \$t --config /etc/echo-kiosk/kiosk.yaml \
        --data-dir /var/lib/echo-kiosk) && echo \"TICKET \$c \$t\"; done" >>"$2" 2>/dev/null &
    loop_pid=$!
}

stop_ticket_loop() {
    [ -n "$loop_pid" ] || return 0
    kill "$loop_pid" 2>/dev/null || true
    wait "$loop_pid" 2>/dev/null || true
    loop_pid=
}

kiosk_tickets() { # every ticket in the kiosk's store: "<code> <text>", one a line
    vm_ssh 120 runuser -u echo-kiosk -- python3 - <<'EOF2'
import sqlite3
db = sqlite3.connect("/var/lib/echo-kiosk/tickets.sqlite3")
for code, text in db.execute("select code, free_text from tickets order by id"):
    print(code, text.replace(" ", "_"))
EOF2
}

centre_lacks() { # centre_lacks KEY CODE...: the codes the central server does not know, one a line
    vm_ssh 600 python3 - "$@" <<'EOF2'
import re, sys, urllib.error, urllib.request
port = re.search(r"^CENTRAL_PORT=(\d+)", open("/etc/echo-kiosk/central.env").read(), re.M).group(1)
for code in sys.argv[2:]:
    request = urllib.request.Request("http://127.0.0.1:%s/requests/%s.json" % (port, code),
                                     headers={"X-Api-Key": sys.argv[1]})
    try:
        body = urllib.request.urlopen(request, timeout=30).read().decode()
    except urllib.error.HTTPError:
        body = ""
    if '"%s"' % code not in body:
        print(code)
EOF2
}

one_cut() { # one_cut N DISK: boot, wait a random moment, kill qemu
    local n=$1 disk=$2 moment started=$SECONDS
    # Seconds after qemu starts: under TCG ssh answers after 20 s (idle machine) to 140 s (busy),
    # and the loop then makes tickets while the kiosk starts; so this is during boot or while
    # tickets are made.
    moment=$((15 + RANDOM % 165)) # 15-179 s: during boot, the kiosk's start, or while tickets are made
    say "cut $n: qemu starts, the plug is pulled ${moment} s later"
    start_vm "$disk" "$work/console-cut$n.log"
    while [ $((SECONDS - started)) -lt "$moment" ]; do
        if [ -z "$loop_pid" ] && vm_ssh 10 true 2>/dev/null; then
            ticket_loop "$n" "$work/shown.txt"
            say "cut $n: ssh answers $((SECONDS - started)) s after power on; making tickets"
        fi
        sleep 1
    done
    pull_the_plug
    stop_ticket_loop
    say "cut $n: power cut at $((SECONDS - started)) s; $(grep -c '^TICKET ' "$work/shown.txt" || true) codes shown so far"
}

after_cut() { # after_cut N DISK: the next boot must reach READY on the kiosk
    local started=$SECONDS
    boot "$2" "after-cut$1"
    wait_ready echo-kiosk.service 300
    check "after cut $1: the kiosk is READY again ($((SECONDS - started)) s after power on)" ready echo-kiosk.service
    wait_ready echo-central.service 120
}

check_tickets() { # every shown code exactly once in the kiosk's store, and at the centre after a sync
    local key code text count lost=0 doubled=0
    kiosk_tickets >"$work/store.txt"
    sed -n 's/^TICKET //p' "$work/shown.txt" | sort -u >"$work/shown-sorted.txt"
    say "$(wc -l <"$work/shown-sorted.txt") codes were shown; the kiosk's store has $(wc -l <"$work/store.txt") tickets"
    while read -r code text; do
        count=$(awk -v c="$code" '$1 == c' "$work/store.txt" | wc -l)
        if [ "$count" = 0 ]; then
            say "LOST: ticket $code ($text) was shown and is not in the kiosk's store"
            lost=$((lost + 1))
        elif [ "$(awk -v t="$text" '$2 == t' "$work/store.txt" | wc -l)" -gt 1 ]; then
            say "DOUBLED: the ticket '$text' ($code) is in the kiosk's store more than once"
            doubled=$((doubled + 1))
        fi
    done <"$work/shown-sorted.txt"
    if [ "$lost" != 0 ] || [ "$doubled" != 0 ]; then fail "$lost tickets lost, $doubled doubled"; fi
    say "ok: every shown ticket is in the kiosk's store exactly once"
    check "sync --once sends them" sync_once
    key=$(vm_ssh 20 cat /etc/echo-kiosk/api-key)
    # shellcheck disable=SC2046  # codes are words
    centre_lacks "$key" $(cut -d' ' -f1 "$work/shown-sorted.txt") >"$work/centre-lacks.txt"
    [ ! -s "$work/centre-lacks.txt" ] || fail "the centre lacks after a sync: $(tr '\n' ' ' <"$work/centre-lacks.txt")"
    say "ok: the centre has all $(wc -l <"$work/shown-sorted.txt") shown tickets"
}

power_cuts() { # power_cuts DISK
    local disk=$1 n started
    [ -n "$seed" ] || seed=$(((RANDOM << 15) | RANDOM))
    say "power cuts: $power_cuts, seed $seed (replay: $0$([ "$read_only_root" = 1 ] && echo ' --read-only-root') --power-cuts $power_cuts --seed $seed --reuse-install)"
    RANDOM=$seed
    : >"$work/shown.txt"
    for n in $(seq 1 "$power_cuts"); do
        started=$SECONDS
        one_cut "$n" "$disk"
        after_cut "$n" "$disk"
        check_tickets
        power_off
        say "cut $n took $((SECONDS - started)) s (cut, boot, checks)"
    done
}

# --- The test ------------------------------------------------------------------------------------

main() {
    parse_args "$@"
    trap on_exit EXIT
    trap 'exit 124' TERM # the time limit (see the end of this file)
    as_root "building and booting the arm64 VM" ECHO_KIOSK_VM_CACHE,ECHO_KIOSK_VM_LIMIT,ECHO_KIOSK_VM_KEEP,ECHO_KIOSK_VM_CPUS,ECHO_KIOSK_VM_BOUNDED "$@"
    need_tools
    arm64_binaries_run
    host_env
    cached_image
    say "image: $image"
    [ "$build_only" = 0 ] || { echo "PASSED: image built ($SECONDS s)"; exit 0; }

    work=$(mktemp -d /tmp/echo-kiosk-vm.XXXXXX)
    local disk=$work/disk.img installed
    installed=$cache/installed-$(basename "$image")
    truncate -s 1G "$work/data.img" # /dev/vdb: empty, the data partition for --read-only-root
    if [ "$reuse_install" = 1 ]; then
        [ -e "$installed" ] || fail "no installed disk yet ($installed): run once without --reuse-install"
        cp --sparse=always "$installed" "$disk"
    else
        cp --sparse=always "$image" "$disk"
        boot "$disk" install
        run_installer
        register_kiosk "arm64 VM test"
        check_installed
        kiosk_ticket_synced "arm64 VM: lift stuck"
        check_stop
        wait_ready echo-kiosk.service 300
        power_off
        cp --sparse=always "$disk" "$installed.tmp" && mv "$installed.tmp" "$installed"
        say "the installed disk is kept for --reuse-install: $installed"
    fi
    if [ "$read_only_root" = 1 ]; then
        boot "$disk" before-read-only-root
        enable_read_only_root "$disk"
        check_read_only_root "$disk"
        check_writable_and_back "$disk"
        check_hardware_watchdog
        power_off
    fi
    if [ "$power_cuts" -gt 0 ]; then
        power_cuts "$disk"
    fi
    # exit, not return: bash reads a script as it runs it, and this file may have changed meanwhile.
    echo "PASSED: the arm64 VM test ($SECONDS s$([ "$read_only_root" = 1 ] && echo ", read-only root")$([ "$power_cuts" -gt 0 ] && echo ", $power_cuts power cuts, seed $seed"))"
    exit 0
}

if [ "${ECHO_KIOSK_VM_BOUNDED:-}" != 1 ]; then
    # Bad arguments are told at once, before any time limit or root.
    parse_args "$@"
    limit=${ECHO_KIOSK_VM_LIMIT:-$((2400 + 300 * power_cuts + 1500 * read_only_root))}
    # The whole run is bounded: TERM at the limit (the run kills its VM), KILL 30 s later.
    # timeout exits 124 (137 after the KILL) when the limit was reached.
    status=0
    ECHO_KIOSK_VM_BOUNDED=1 timeout --kill-after=30 "$limit" bash "${BASH_SOURCE[0]}" "$@" || status=$?
    case "$status" in 124 | 137) echo "FAILED: over the $limit s limit" >&2 ;; esac
    exit "$status"
fi
main "$@"
