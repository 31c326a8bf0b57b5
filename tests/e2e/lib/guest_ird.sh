# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# guest_ird.sh - the initramfs of a nested guest of the test kernel, for
# the nested QEMU tests and benchmarks.  Source it.
#
#   guest_ird DIR PROG...   a tree in DIR: busybox, /proc /sys /dev /tmp
#                           /etc, this kernel's module index and mvgpu_drm
#                           with the modules it needs, and each PROG in
#                           /bin with its shared libraries (a PROG that is
#                           missing is skipped with a "# ... missing" line)
#   guest_init DIR          DIR/init: busybox's applets, /proc, /sys and
#                           /dev mounted, the guest driver loaded (the
#                           console gets "GUEST-MODPROBE [error] rc=N"),
#                           then the shell script on standard input
#   guest_ird_pack DIR OUT  DIR as a gzipped newc cpio archive in OUT
#
# Copyright (C) 2026 The mvgpu developers

guest_ird() {
	local ird=$1 kver m prog lib
	shift
	kver=$(uname -r)
	mkdir -p "$ird"/{bin,proc,sys,dev,tmp,etc} "$ird/lib/modules/$kver" &&
		cp /bin/busybox "$ird/bin/busybox" &&
		cp /lib/modules/"$kver"/modules.* "$ird/lib/modules/$kver/" || return
	for m in $(modprobe --show-depends mvgpu_drm 2>/dev/null |
		   awk '$1 == "insmod" { print $2 }'); do
		mkdir -p "$ird$(dirname "$m")" && cp "$m" "$ird$m" || return
	done
	for prog; do
		if [[ ! -x $prog ]]; then
			echo "# $prog missing"
			continue
		fi
		cp "$prog" "$ird/bin/" || return
		for lib in $(ldd "$prog" 2>/dev/null | grep -o '/[^ ]*'); do
			mkdir -p "$ird/$(dirname "$lib")" &&
				cp -L "$lib" "$ird/$lib" || return
		done
	done
}

guest_init() {
	{
		cat <<'PROLOGUE'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev
echo "GUEST-MODPROBE $(modprobe mvgpu_drm 2>&1; echo rc=$?)"
PROLOGUE
		cat
	} >"$1/init" && chmod +x "$1/init"
}

guest_ird_pack() {
	(cd "$1" && find . | cpio -o -H newc --quiet | gzip -1) >"$2"
}
