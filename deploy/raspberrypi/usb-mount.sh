#!/bin/sh
# Echo Kiosk: mount or unmount one USB stick for the kiosk's content (echo-kiosk-usb@.service).
#   usb-mount mount sda1      read-only, nosuid, nodev, noexec, nosymfollow at $root/sda1
#   usb-mount unmount sda1
# FAT and exFAT sticks (what a staff member's computer makes) get the kiosk user as owner, so
# the kiosk can read them; others are read as the stick's own permissions say. Installed as
# /usr/local/lib/echo-kiosk/usb-mount. ECHO_KIOSK_USB_ROOT and ECHO_KIOSK_USER are for tests.
set -eu
action=${1:-}
name=${2:-}
root=${ECHO_KIOSK_USB_ROOT:-/run/echo-kiosk/usb}
user=${ECHO_KIOSK_USER:-echo-kiosk}
case $name in
'' | *[!a-z0-9]*)
    echo "usb-mount: not a device name: '$name'" >&2
    exit 2
    ;;
esac
point=$root/$name

case $action in
mount)
    fstype=$(blkid -o value -s TYPE "/dev/$name" || true)
    options=ro,nosuid,nodev,noexec
    case $fstype in
    vfat | exfat)
        options="$options,uid=$(id -u "$user"),gid=$(id -g "$user"),fmask=0333,dmask=0222"
        ;;
    ext2 | ext3 | ext4 | iso9660 | udf) ;;
    *)
        echo "usb-mount: /dev/$name holds '${fstype:-no file system}': not read" >&2
        exit 0
        ;;
    esac
    mkdir -p "$root"
    chmod 0755 "$root"
    mkdir -p "$point"
    # nosymfollow (Linux 5.10 and later) as well, where the kernel knows it; the kiosk opens
    # no file through a link either way.
    if ! mount -t "$fstype" -o "$options,nosymfollow" "/dev/$name" "$point" 2>/dev/null &&
        ! mount -t "$fstype" -o "$options" "/dev/$name" "$point"; then
        rmdir "$point" 2>/dev/null || true
        exit 1
    fi
    echo "usb-mount: /dev/$name ($fstype) read-only at $point"
    ;;
unmount)
    umount -l "$point" 2>/dev/null || true
    rmdir "$point" 2>/dev/null || true
    ;;
*)
    echo "usb-mount: usage: usb-mount mount|unmount DEVICE" >&2
    exit 2
    ;;
esac
