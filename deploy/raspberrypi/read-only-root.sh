#!/usr/bin/env bash
# A read-only root file system for a kiosk left alone for years, and its way back (issue 20).
# Called by install.sh, as root, on the Pi itself:
#
#   sudo deploy/raspberrypi/install.sh --read-only-root DEVICE [--dry-run]
#   sudo deploy/raspberrypi/install.sh --read-write-root [--dry-run]
#
# --read-only-root DEVICE: the SD card's system is mounted read-only from the next boot on, with
# every change (logs, /tmp, apt's lists) kept in memory and gone at the next power-on (overlayroot,
# Debian's package). What must survive moves to DEVICE, an ext4 file system of its own with a
# journal for data too (data=journal), mounted at /srv/echo-data:
#   kiosk/   -> /var/lib/echo-kiosk    tickets, the kiosk's Kivy settings
#   central/ -> /var/lib/echo-central  the centre's database (--central only)
#   etc/     -> /etc/echo-kiosk        config, API key, prompts (staff edits stay)
#   journal/ -> /var/log/journal       the logs of the boots before a power cut
# DEVICE is a partition with no file system yet (it is formatted, labelled echo-data) or one this
# script made before (kept as it is); anything else is refused, nothing is formatted. Re-running it
# is safe. The hardware watchdog (install.sh) restarts a hung Pi; this makes a power cut harmless.
#
# --read-write-root: from the next boot on the root is writable again (for an update or apt); the
# data stays on DEVICE. Turn it back on afterwards with --read-only-root DEVICE.
# See deploy/raspberrypi/README.md, "Read-only root".
set -Eeuo pipefail

action=${1:-}
device=
dry_run=0
shift || true
if [ "$action" = enable ]; then
    device=${1:-}
    shift || true
fi
[ "${1:-}" = --dry-run ] && dry_run=1

mount_point=/srv/echo-data
label=echo-data
mark='# echo-kiosk read-only root'
begin="$mark: from here (install.sh --read-only-root)"
end="$mark: to here"
fstab=/etc/fstab
overlay_conf=/etc/overlayroot.local.conf
firmware=/boot/firmware

say() { printf '  %s\n' "$*"; }
die() {
    echo "install.sh: $*" >&2
    exit 2
}
step() { printf '\n==> %s\n' "$*"; }
run() {
    local out
    printf -v out '%q ' "$@"
    printf '+ %s\n' "${out% }"
    [ "$dry_run" = 1 ] || "$@"
}
trap 'echo "install.sh: stopped half-way (line $LINENO); nothing is formatted twice, run it again once the cause is fixed" >&2' ERR

root_is_overlay() { [ "$(findmnt -n -o SOURCE /)" = overlayroot ]; } # not any overlay: a container's root is one too

no_overlayroot_on_cmdline() { # the kernel command line would win over our config (raspi-config's own overlay)
    local file
    for file in /proc/cmdline "$firmware/cmdline.txt"; do
        if grep -qs 'overlayroot=' "$file"; then
            die "the kernel command line ($file) sets overlayroot= (raspi-config's overlay file system?), which overrides this and would put the data partition in memory too: switch that off first (sudo raspi-config nonint disable_overlayfs), reboot, then run this again"
        fi
    done
}

# The systemd units that keep their data on the partition, and the folders they need mounted.
units_and_folders() {
    echo "echo-kiosk.service /var/lib/echo-kiosk /etc/echo-kiosk"
    echo "echo-central.service /var/lib/echo-central /etc/echo-kiosk"
}

# The places that move to DEVICE: "FOLDER_ON_DEVICE SYSTEM_PATH"
places() {
    echo "kiosk /var/lib/echo-kiosk"
    [ -d /var/lib/echo-central ] && echo "central /var/lib/echo-central"
    echo "etc /etc/echo-kiosk"
    echo "journal /var/log/journal"
}

check_device() { # DEVICE must be a partition we may use: sets fs_type
    [ -b "$device" ] || die "--read-only-root needs a partition, e.g. /dev/sda1 or /dev/mmcblk0p3 (lsblk lists them); '$device' is not one"
    local root_source
    root_source=$(findmnt -n -o SOURCE / | sed 's/\[.*//')
    if [ "$(readlink -f "$device")" = "$(readlink -f "$root_source" 2>/dev/null || echo "$root_source")" ]; then
        die "$device holds the system itself; give the partition meant for the kiosk's data"
    fi
    if [ "$(lsblk -ndo TYPE "$device")" = disk ] && [ "$(lsblk -nro NAME "$device" | wc -l)" -gt 1 ]; then
        die "$device is a whole disk with partitions on it; give one partition (lsblk $device)"
    fi
    local where ours current
    # Mounted by an earlier run (at $mount_point and its binds) is fine; anywhere else is not.
    ours=$( (echo "$mount_point"; places | cut -d' ' -f2) | paste -sd'|')
    where=$(findmnt -rn -o TARGET -S "$device" | grep -vxE "$ours" | head -n 1 || true)
    [ -z "$where" ] || die "$device is mounted at $where; unmount it first (sudo umount $where)"
    current=$(findmnt -rn -o SOURCE "$mount_point" | sed 's/\[.*//' || true)
    if [ -n "$current" ] && [ "$(readlink -f "$current")" != "$(readlink -f "$device")" ]; then
        die "$mount_point holds $current, not $device (USB devices can change names: lsblk -f shows the label $label); give $current"
    fi
    fs_type=$(blkid -p -o value -s TYPE "$device" || true)
    local fs_label
    fs_label=$(blkid -p -o value -s LABEL "$device" || true)
    if [ -n "$fs_type" ] && ! { [ "$fs_type" = ext4 ] && [ "$fs_label" = "$label" ]; }; then
        die "$device already holds a ${fs_type} file system${fs_label:+ labelled $fs_label}: it is not formatted over. If nothing on it is needed: sudo wipefs -a $device, then run this again"
    fi
}

complete_initramfs() { # complete_initramfs INITRD: it holds overlayroot's boot script and busybox
    local listing
    listing=$(lsinitramfs "$1" 2>/dev/null || true)
    grep -q 'scripts/init-bottom/overlayroot$' <<<"$listing" && grep -qE '(^|/)bin/busybox$' <<<"$listing"
}

fstab_lines() { # the block this script owns in /etc/fstab, between two comment lines
    local uuid=$1 folder path
    echo "$begin"
    # nofail: without the partition the Pi still boots (ssh works); the units that need it wait
    # for it (their drop-ins) instead of writing tickets into memory. A slow device (a stick
    # after a power cut, a hub; in the VM test a disk under a loaded host) is waited for up to
    # 5 minutes: with 30 s, the power-cut test saw the kiosk stay dark after a boot where the
    # partition's name came 30 s late (a dependency failure is not retried until the next boot).
    echo "UUID=$uuid $mount_point ext4 defaults,noatime,data=journal,errors=remount-ro,nofail,x-systemd.device-timeout=5min 0 2"
    while read -r folder path; do
        echo "$mount_point/$folder $path none bind,nofail,x-systemd.requires-mounts-for=$mount_point 0 0"
    done < <(places)
    echo "$end"
}

enable() {
    [ -n "$device" ] || die "--read-only-root needs the partition for the kiosk's data, e.g. --read-only-root /dev/sda1"
    if [ "$dry_run" = 0 ] && [ "$(id -u)" -ne 0 ]; then die "run it as root (sudo), or try --dry-run first"; fi
    if root_is_overlay; then
        if grep -qs 'overlayroot="disabled"' "/media/root-ro$overlay_conf"; then
            die "install.sh --read-write-root was run in this boot: reboot first (the root is then writable), then run this again"
        fi
        die "the root is read-only already (this boot runs on the overlay); nothing to do"
    fi
    no_overlayroot_on_cmdline
    fs_type=
    check_device

    step "The data partition $device (ext4, journal for data too, label $label)"
    if [ -z "$fs_type" ]; then
        run mkfs.ext4 -q -L "$label" "$device"
    else
        say "keep $device: made by an earlier run (ext4, label $label)"
    fi
    local uuid
    uuid=$(blkid -p -o value -s UUID "$device" || echo "UUID-OF-$device")

    step "Stop the kiosk while its data moves"
    local unit enabled=()
    for unit in echo-kiosk.service echo-central.service; do
        [ "$(systemctl is-enabled "$unit" 2>/dev/null || true)" = enabled ] && enabled+=("$unit")
    done
    run systemctl stop echo-kiosk.service echo-central.service
    # journald lets go of /var/log/journal (back to /run) while its files are copied.
    run journalctl --relinquish-var

    step "Copy what must survive onto $device (what it holds already is kept)"
    run mkdir -p "$mount_point"
    if ! findmnt -n "$mount_point" >/dev/null; then
        run mount -o data=journal "$device" "$mount_point"
    fi
    local folder path
    while read -r folder path; do
        if mountpoint -q "$path"; then
            say "keep $path: already on $device"
        elif [ -e "$mount_point/$folder" ]; then
            say "keep $mount_point/$folder (from an earlier run); $path on the SD card is left as it is"
        else
            run mkdir -p "$path"
            run cp -a "$path/." "$mount_point/$folder.new"
            run chown --reference="$path" "$mount_point/$folder.new"
            run chmod --reference="$path" "$mount_point/$folder.new"
            run mv "$mount_point/$folder.new" "$mount_point/$folder"
        fi
    done < <(places)
    run sync

    step "Mount it at every boot ($fstab)"
    if [ "$dry_run" = 1 ]; then
        fstab_lines "$uuid" | sed 's/^/    | /'
    else
        { sed "\\|^$begin\$|,\\|^$end\$|d" "$fstab"; fstab_lines "$uuid"; } >"$fstab.new"
        mv "$fstab.new" "$fstab"
    fi
    local unit_name folders
    while read -r unit_name folders; do
        if [ "$dry_run" = 1 ]; then
            say "write /etc/systemd/system/$unit_name.d/data-partition.conf: RequiresMountsFor=$folders"
        else
            mkdir -p "/etc/systemd/system/$unit_name.d"
            printf '%s\n[Unit]\n# Without its data partition it does not start (install.sh --read-only-root).\nRequiresMountsFor=%s\n' \
                "$mark" "$folders" >"/etc/systemd/system/$unit_name.d/data-partition.conf"
        fi
    done < <(units_and_folders)
    run systemctl daemon-reload
    while read -r folder path; do
        mountpoint -q "$path" || run mount "$path"
    done < <(places)
    run journalctl --flush # journald back onto /var/log/journal, now on $device

    step "The read-only root (overlayroot), from the next boot"
    # overlayroot's boot script needs grep and friends in the initramfs: busybox brings them
    # (without it the boot goes on writable, saying only "grep: not found" on the console).
    if ! dpkg -s overlayroot busybox >/dev/null 2>&1; then
        run apt-get update -qq
        run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends overlayroot busybox
    fi
    # recurse=0: only / is read-only; $mount_point and its binds stay writable.
    if [ "$dry_run" = 1 ]; then
        say "write $overlay_conf: overlayroot=\"tmpfs:recurse=0\""
    else
        printf '%s\noverlayroot="tmpfs:recurse=0"\n' "$mark (install.sh --read-write-root turns it off)" >"$overlay_conf"
    fi
    if [ -e "$firmware/config.txt" ] && ! grep -q '^auto_initramfs=1' "$firmware/config.txt"; then
        # overlayroot lives in the initramfs; Raspberry Pi OS Bookworm loads one with this line.
        run sed -i '$ a auto_initramfs=1' "$firmware/config.txt"
    fi
    # The package's own trigger puts overlayroot in the initramfs of the newest kernel; a Pi OS
    # card has two (rpi-v8 for a Pi 4, rpi-2712 for a Pi 5): every one must have it.
    local initrd lacking=0
    for initrd in /boot/initrd.img-*; do
        complete_initramfs "$initrd" || lacking=1
    done
    if [ "$lacking" = 1 ] || ! compgen -G '/boot/initrd.img-*' >/dev/null; then
        run update-initramfs -u -k all
        if [ "$dry_run" = 0 ]; then
            for initrd in /boot/initrd.img-*; do
                complete_initramfs "$initrd" || die "$initrd still lacks overlayroot or busybox after update-initramfs; the root would stay writable (see its output above)"
            done
        fi
    else
        say "keep the initramfs: every kernel's has overlayroot and busybox"
    fi
    if grep -qE "^[^#]\S*\s+$firmware\s+vfat\s+\S*" "$fstab" && ! grep -qE "^[^#]\S*\s+$firmware\s+vfat\s+(\S*,)?ro(,|\s)" "$fstab"; then
        # The boot partition (FAT, no journal at all) read-only too: a cut cannot touch it.
        run sed -i -E "s|^([^#]\S*\s+$firmware\s+vfat\s+)(\S+)|\1\2,ro|" "$fstab"
    fi
    [ "${#enabled[@]}" -eq 0 ] || run systemctl start "${enabled[@]}"

    step "Done"
    say "Data:  $device at $mount_point (kiosk/, etc/, journal/$([ -d /var/lib/echo-central ] && echo ', central/'))"
    say "Now:   sudo reboot   (from then on the SD card's system is read-only: findmnt / says overlay)"
    say "Back:  sudo deploy/raspberrypi/install.sh --read-write-root, then reboot (for updates)"
}

disable() {
    if [ "$dry_run" = 0 ] && [ "$(id -u)" -ne 0 ]; then die "run it as root (sudo), or try --dry-run first"; fi
    local conf_line='overlayroot="disabled"'
    no_overlayroot_on_cmdline
    step "The root writable again from the next boot"
    if root_is_overlay; then
        # The real root lies under the overlay: overlayroot-chroot opens it for writing.
        run overlayroot-chroot sh -c "printf '%s\n' '$mark' '$conf_line' >$overlay_conf"
        run overlayroot-chroot sed -i -E "s|^([^#]\S*\s+$firmware\s+vfat\s+\S*),ro(\s)|\1\2|" "$fstab"
        say "Now:   sudo reboot   (then update: sudo deploy/raspberrypi/install.sh --update)"
    elif [ -e "$overlay_conf" ]; then
        if [ "$dry_run" = 0 ]; then printf '%s\n%s\n' "$mark" "$conf_line" >"$overlay_conf"; else say "write $overlay_conf: $conf_line"; fi
        run sed -i -E "s|^([^#]\S*\s+$firmware\s+vfat\s+\S*),ro(\s)|\1\2|" "$fstab"
        say "the root is writable already and stays so at the next boot"
    else
        say "the root was never made read-only here; nothing to do"
    fi
    say "The data stays on its own partition at $mount_point."
}

case "$action" in
enable) enable ;;
disable) disable ;;
*) die "read-only-root.sh enable DEVICE [--dry-run] | disable [--dry-run]" ;;
esac
