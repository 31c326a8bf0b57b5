#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install the Debian 12 packages that building and testing mvgpu needs.
# QEMU comes from bookworm-backports (QEMU 10; bookworm's 7.2 has no VFIO
# migration v2 nor the display support to come): the suite is added in
# /etc/apt/sources.list.d/mvgpu-bookworm-backports.sources and pinned in
# /etc/apt/preferences.d/mvgpu-backports so that only QEMU and the SeaBIOS
# it needs come from it; every other backports package stays at priority
# 100, below bookworm's 500.
# Idempotent: when everything is already installed, and qemu-system-x86 is
# version 10 or newer, it returns at once without touching apt (no network,
# no lock).
set -euo pipefail

pkgs=(
	# kernel and module builds
	gcc make libc6-dev flex bison libelf-dev libssl-dev bc dwarves perl
	python3 rsync xz-utils cpio kmod linux-source-6.12
	# test VM and its guest side (qemu-system-x86 from bookworm-backports)
	qemu-system-x86 busybox-static mdevctl gzip util-linux coreutils
	# tooling
	shellcheck
	# the guest driver's userspace in the nested guest: libdrm for
	# tools/drm (mvgpu-drm-test), modetest from libdrm-tests
	libdrm-dev libdrm-tests
	# the libFuzzer harnesses (tests/fuzz): clang, its fuzzer and
	# sanitizer runtimes, llvm-symbolizer
	clang libclang-rt-14-dev llvm
)
qemu_min=10	# oldest upstream QEMU version accepted
sources=/etc/apt/sources.list.d/mvgpu-bookworm-backports.sources
prefs=/etc/apt/preferences.d/mvgpu-backports
log() { echo "deps: $*" >&2; }

installed() {	# installed PKG...: all fully installed?
	local p
	for p; do
		[[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null) == "ii " ]] || return 1
	done
}
# Any linux-headers-6.12.N+deb12-amd64 (stock flavour, not -rt / -cloud)?
have_headers() {
	dpkg-query -W -f='${binary:Package} ${db:Status-Abbrev}\n' 'linux-headers-6.12.*' 2>/dev/null |
		grep -qE '^linux-headers-6\.12\.[0-9]+\+deb12-amd64 ii'
}
qemu_version() { dpkg-query -W -f='${Version}' qemu-system-x86 2>/dev/null; }
# Is the installed qemu-system-x86 (Debian epoch 1) $qemu_min or newer?
qemu_ok() {
	local v
	v=$(qemu_version) && [[ -n $v ]] && dpkg --compare-versions "$v" ge "1:$qemu_min~"
}

if installed "${pkgs[@]}" && have_headers && qemu_ok; then
	log "all packages present"
	exit 0
fi

[[ $(id -u) == 0 ]] || {
	log "missing packages (or qemu-system-x86 older than $qemu_min) and not root: run as root"
	exit 1
}
export DEBIAN_FRONTEND=noninteractive

# put FILE: write stdin to FILE unless FILE already holds exactly that.
put() {
	local new
	new=$(cat)
	[[ -f $1 && $(<"$1") == "$new" ]] && return 0
	log "writing $1"
	printf '%s\n' "$new" >"$1"
}
put "$sources" <<'END'
# mvgpu (scripts/deps.sh): QEMU from bookworm-backports, pinned in
# /etc/apt/preferences.d/mvgpu-backports.
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
END
# The specific pin first: QEMU's source package and SeaBIOS (QEMU 10 needs
# seabios >> 1.16.3) follow backports, at bookworm's priority, where their
# version is higher.  Everything else in backports stays at 100: never
# installed or upgraded from there.
put "$prefs" <<'END'
# mvgpu (scripts/deps.sh): from bookworm-backports, only QEMU and the
# SeaBIOS it needs.
Package: src:qemu src:seabios
Pin: release n=bookworm-backports
Pin-Priority: 500

Package: *
Pin: release n=bookworm-backports
Pin-Priority: 100
END

apt=(apt-get -y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
log "apt-get update"
"${apt[@]}" update >&2
if ! have_headers; then
	# Exactly one headers package: the newest stock-flavour 6.12 one.
	hdr=$(apt-cache search --names-only '^linux-headers-6\.12\.[0-9]+\+deb12-amd64$' |
		awk '{print $1}' | sort -V | tail -n 1)
	[[ -n $hdr ]] || { log "no linux-headers-6.12.*+deb12-amd64 package in the archive"; exit 1; }
	pkgs+=("$hdr")
fi
log "apt-get install ${pkgs[*]}"
"${apt[@]}" install --no-install-recommends "${pkgs[@]}" >&2
qemu_ok || {
	log "qemu-system-x86 is $(qemu_version || true), not $qemu_min or newer: is bookworm-backports reachable ($sources, $prefs)?"
	exit 1
}
