#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Place the mvgpu driver into a kernel source tree, as it would sit in-tree:
#   drivers/gpu/mvgpu/          <- drivers/gpu/mvgpu/ (sources only)
#   include/uapi/linux/mvgpu*.h <- include/uapi/linux/
#   include/linux/mvgpu*.h      <- include/linux/
#   drivers/gpu/drm/mvgpu/      <- drivers/gpu/drm/mvgpu/ (the guest driver)
#   include/uapi/drm/mvgpu_drm.h <- include/uapi/drm/
# and hook it into Kbuild: drivers/gpu/Kconfig (sourced from
# drivers/video/Kconfig) sources drivers/gpu/mvgpu/Kconfig, and
# drivers/gpu/Makefile descends into mvgpu/; drivers/gpu/drm/Kconfig and
# Makefile do the same for the guest driver.  Idempotent; files removed from
# the checkout disappear from the tree too.
#
#   scripts/kernel-dropin.sh <kernel source dir>
#   scripts/kernel-dropin.sh --kconfig-only <kernel source dir>
#       only the guest driver's Kconfig, sourced but not built: the test
#       kernel's configuration then selects what the driver needs (its
#       modules are built with M=, against that kernel)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kconfig_only=
[[ ${1:-} == --kconfig-only ]] && { kconfig_only=1; shift; }
ksrc=${1:?usage: kernel-dropin.sh [--kconfig-only] <kernel source dir>}
[[ -f $ksrc/drivers/gpu/Kconfig && -f $ksrc/drivers/gpu/Makefile &&
   -f $ksrc/drivers/gpu/drm/Kconfig ]] ||
	{ echo "kernel-dropin: $ksrc is not a kernel source tree" >&2; exit 1; }

# append_once FILE LINE
append_once() { grep -qxF -- "$2" "$1" || printf '\n%s\n' "$2" >>"$1"; }

if [[ -n $kconfig_only ]]; then
	mkdir -p "$ksrc/drivers/gpu/drm/mvgpu"
	rsync -l --checksum "$repo/drivers/gpu/drm/mvgpu/Kconfig" \
		"$ksrc/drivers/gpu/drm/mvgpu/Kconfig"
	append_once "$ksrc/drivers/gpu/drm/Kconfig" 'source "drivers/gpu/drm/mvgpu/Kconfig"'
	exit 0
fi

# Sources only: a stale object in the source tree would be picked up through
# VPATH by an O= build.  Compare by content and give changed files a fresh
# mtime (no -t): a copied file must never look older than an object built
# from another version of it.
rsync -rl --checksum --delete --exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
	--exclude='*.mod.c' --exclude='.*.cmd' --exclude='*.a' \
	--exclude=modules.order --exclude=Module.symvers \
	"$repo/drivers/gpu/mvgpu/" "$ksrc/drivers/gpu/mvgpu/"
mkdir -p "$ksrc/drivers/gpu/drm/mvgpu"
rsync -rl --checksum --delete --exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
	--exclude='*.mod.c' --exclude='.*.cmd' --exclude='*.a' \
	--exclude=modules.order --exclude=Module.symvers \
	"$repo/drivers/gpu/drm/mvgpu/" "$ksrc/drivers/gpu/drm/mvgpu/"

# Headers: copy ours, drop ones that no longer exist in the checkout.
for dir in include/uapi/linux include/linux include/uapi/drm; do
	for h in "$ksrc/$dir"/mvgpu*.h; do
		[[ -f $h && ! -f $repo/$dir/${h##*/} ]] && rm -f "$h"
	done
	for h in "$repo/$dir"/mvgpu*.h; do
		[[ -f $h ]] && rsync -rl --checksum "$h" "$ksrc/$dir/"
	done
done

append_once "$ksrc/drivers/gpu/Kconfig" 'source "drivers/gpu/mvgpu/Kconfig"'
# shellcheck disable=SC2016 # a literal make variable
append_once "$ksrc/drivers/gpu/Makefile" 'obj-$(CONFIG_MVGPU) += mvgpu/'
append_once "$ksrc/drivers/gpu/drm/Kconfig" 'source "drivers/gpu/drm/mvgpu/Kconfig"'
# shellcheck disable=SC2016 # a literal make variable
append_once "$ksrc/drivers/gpu/drm/Makefile" 'obj-$(CONFIG_DRM_MVGPU) += mvgpu/'
