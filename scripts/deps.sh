#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install the Debian 12 packages that building and testing mvgpu needs.
# Idempotent: when everything is already installed it returns at once
# without touching apt (no network, no lock).
set -euo pipefail

pkgs=(
	# kernel and module builds
	gcc make libc6-dev flex bison libelf-dev libssl-dev bc dwarves perl
	python3 rsync xz-utils cpio kmod linux-source-6.12
	# test VM and its guest side
	qemu-system-x86 busybox-static mdevctl gzip util-linux coreutils
	# tooling
	shellcheck
	# the libFuzzer harnesses (tests/fuzz): clang, its fuzzer and
	# sanitizer runtimes, llvm-symbolizer
	clang libclang-rt-14-dev llvm
)
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

if installed "${pkgs[@]}" && have_headers; then
	log "all packages present"
	exit 0
fi

[[ $(id -u) == 0 ]] || { log "missing packages and not root: run as root"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
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
