#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build (or reuse) the mvgpu test kernel from Debian's linux-source-6.12.
#
#   scripts/build-kernel.sh            -> prints the build directory (last line)
#   scripts/build-kernel.sh --source   -> only extract; prints the source directory
#   scripts/build-kernel.sh --flavor debug
#                                      -> the debug test kernel: KASAN, UBSAN,
#                                         KMEMLEAK, lockdep, debug objects
#                                         (tests/vm/kernel-debug.config on top)
# The flavor may also come from $MVGPU_KERNEL_FLAVOR (normal or debug).
#
# The build directory lives in the cache (${MVGPU_CACHE:-/var/cache/mvgpu}),
# never in the checkout.  Its name is keyed on the linux-source package
# version and the sha256 of the fragments (tests/vm/kernel.config, plus
# kernel-debug.config for the debug flavor), so the kernel is rebuilt only
# when one of them changes.  <cache>/current (<cache>/current-debug) points
# at the latest one.
#
# Layout of the build directory:
#   arch/x86/boot/bzImage   the kernel
#   modroot/lib/modules/V/  its modules (modules_install)
#   build.log               full build output
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${MVGPU_CACHE:-/var/cache/mvgpu}
flavor=${MVGPU_KERNEL_FLAVOR:-normal}
[[ ${1:-} == --flavor ]] && { flavor=${2:-}; shift 2; }
frags=("$repo/tests/vm/kernel.config")
case $flavor in
normal) prefix=kernel- link=current ;;
debug)
	frags+=("$repo/tests/vm/kernel-debug.config")
	prefix=kernel-debug- link=current-debug ;;
*) echo "build-kernel: unknown flavor '$flavor' (normal or debug)" >&2; exit 2 ;;
esac
tarball=/usr/src/linux-source-6.12.tar.xz
src=$cache/linux-source-6.12
jobs=${MVGPU_JOBS:-$(nproc)}

log() { echo "build-kernel: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ -r $tarball ]] || die "$tarball missing (apt-get install linux-source-6.12)"
pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
upstream=${pkgver%%-*}                  # 6.12.117-1~deb12u1 -> 6.12.117
mkdir -p "$cache"

# One builder at a time per cache and flavor (two checkouts may share it);
# the source tree is extracted under the cache-wide lock.
exec 9>"$cache/.build-kernel.lock"
flock 9

# --- 1. Source tree: extract once per package version ----------------------
stamp=$src/.mvgpu-pkgver
if [[ -d $src && ! -f $stamp ]]; then
	# A tree extracted by hand: adopt it if it is the packaged version.
	if [[ $(make -s -C "$src" kernelversion 2>/dev/null) == "$upstream" &&
	      ! -e $src/.config ]]; then
		echo "$pkgver" >"$stamp"
	fi
fi
if [[ ! -f $stamp || $(<"$stamp") != "$pkgver" ]]; then
	log "extracting $tarball ($pkgver) into $cache"
	tmp=$(mktemp -d "$cache/.extract.XXXXXX")
	tar -C "$tmp" -xf "$tarball"
	rm -rf "$src"
	mv "$tmp/linux-source-6.12" "$src"
	rmdir "$tmp"
	echo "$pkgver" >"$stamp"
fi

if [[ ${1:-} == --source ]]; then
	echo "$src"
	exit 0
fi
if [[ $flavor != normal ]]; then
	# A long debug build must not hold up the normal kernel's builders.
	exec 9>"$cache/.build-kernel-$flavor.lock"
	flock 9
fi

# The guest driver's Kconfig, so that DRM_MVGPU=m selects its helpers.
"$repo/scripts/kernel-dropin.sh" --kconfig-only "$src"

# --- 2. Build directory keyed on (package version, fragment hash) ----------
# The key is the hash of the fragments and of the guest driver's Kconfig
# (what it selects is part of the configuration).
hash=$(cat "${frags[@]}" "$repo/drivers/gpu/drm/mvgpu/Kconfig" | sha256sum | cut -c1-12)
bd=$cache/$prefix${pkgver//\~/_}-$hash
mkdir -p "$bd"

if [[ -f $bd/.mvgpu-built ]]; then
	log "up to date: $bd"
else
	log "configuring $bd"
	make -C "$src" O="$bd" allnoconfig >"$bd/build.log" 2>&1
	"$src/scripts/kconfig/merge_config.sh" -m -O "$bd" "$bd/.config" "${frags[@]}" \
		>>"$bd/build.log" 2>&1
	make -C "$src" O="$bd" olddefconfig >>"$bd/build.log" 2>&1

	# Every option of the fragments must have the value it asks for (the
	# last fragment setting an option wins).
	missing=()
	while IFS= read -r line; do
		if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
			grep -qxF -- "$line" "$bd/.config" || missing+=("$line")
		elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
			grep -q "^${BASH_REMATCH[1]}=" "$bd/.config" && missing+=("$line")
		fi
	done < <(cat "${frags[@]}" | sed -nE 's/^(# )?(CONFIG_[A-Za-z0-9_]+)[= ].*/\2 &/p' |
		 tac | awk '!seen[$1]++ { sub(/^[^ ]+ /, ""); print }' | tac)
	if ((${#missing[@]})); then
		log "options of ${frags[*]} not honoured by Kconfig (check dependencies):"
		for m in "${missing[@]}"; do
			name=${m#\# }; name=${name%%[= ]*}
			log "  wanted: $m   got: $(grep -E "^(# )?${name}[= ]" "$bd/.config" || echo '<absent>')"
		done
		exit 1
	fi

	start=$SECONDS
	log "building bzImage + modules with -j$jobs (log: $bd/build.log)"
	if ! make -C "$src" O="$bd" -j"$jobs" bzImage modules >>"$bd/build.log" 2>&1; then
		tail -n 40 "$bd/build.log" >&2
		die "kernel build failed (log: $bd/build.log)"
	fi
	rm -rf "$bd/modroot"
	make -C "$src" O="$bd" INSTALL_MOD_PATH="$bd/modroot" modules_install \
		>>"$bd/build.log" 2>&1 || die "modules_install failed (log: $bd/build.log)"
	log "built in $((SECONDS - start)) s"
	touch "$bd/.mvgpu-built"
fi

ln -sfn "$(basename "$bd")" "$cache/$link"
# Keep the three most recently used builds of this flavor (other checkouts
# may use others).
touch "$bd"
pat="${prefix}[0-9]*"
find "$cache" -mindepth 1 -maxdepth 1 -type d -name "$pat" -printf '%T@ %p\n' |
	sort -rn | tail -n +4 | cut -d' ' -f2- | xargs -r rm -rf
echo "$bd"
