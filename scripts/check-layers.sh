#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The layering check: the mediation core (drivers/gpu/mvgpu/core/ and
# mvgpu_drv.h) depends on neither the VFIO/mdev front end (vfio/) nor the
# software GPU (sgpu/), nor on VFIO or mdev at all.  Run after the modules
# are built (it reads their objects); exits 1 on any violation.
#
#   scripts/check-layers.sh [DRIVER_DIR]   (default drivers/gpu/mvgpu)
#
# And the guest driver (drivers/gpu/drm/mvgpu/) includes no host header.
#
# Two checks on the core:
# - sources: no core file includes a VFIO or mdev header, or a vfio/ or
#   sgpu/ header;
# - objects: the core objects, linked alone, reference no symbol that
#   vfio/ or sgpu/ objects define, and no VFIO or mdev kernel symbol.
set -uo pipefail

dir=${1:-$(dirname "${BASH_SOURCE[0]}")/../drivers/gpu/mvgpu}
cd "$dir" || exit 1
bad=0

fail() {
	echo "check-layers: $*" >&2
	bad=1
}

sources=(mvgpu_drv.h core/*.c core/*.h)
while IFS= read -r hit; do
	fail "core includes the front end or the backend: $hit"
done < <(grep -nE '#include *[<"](linux/(vfio|mdev)\.h|vfio/|sgpu/)' "${sources[@]}")

core_objs=(core/*.o)
if [[ ! -f ${core_objs[0]} ]]; then
	echo "check-layers: no core objects in $dir: build the modules first" >&2
	exit 1
fi
# Symbols the core needs from elsewhere, and those the other layers define.
undef=$(nm -u "${core_objs[@]}" 2>/dev/null | awk 'NF == 2 { print $2 }' | sort -u)
defs=$(nm --defined-only vfio/*.o sgpu/*.o 2>/dev/null |
	awk 'NF == 3 && $2 ~ /[TDBRtdbr]/ { print $3 }' | sort -u)
# A symbol the core both defines and uses is not a dependency.
own=$(nm --defined-only "${core_objs[@]}" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u)
while IFS= read -r sym; do
	[[ -n $sym ]] && fail "core object needs $sym, defined in vfio/ or sgpu/"
done < <(comm -12 <(comm -23 <(echo "$undef") <(echo "$own")) <(echo "$defs"))
while IFS= read -r sym; do
	[[ -n $sym ]] && fail "core object needs the VFIO/mdev symbol $sym"
done < <(echo "$undef" | grep -E '^(__SCK__|__tracepoint_)?(vfio_|mdev_|iommufd_)' || true)

# The guest driver knows the device only as a guest does: the uAPI
# headers, none of the host's.
gdir=../drm/mvgpu
if [[ -d $gdir ]]; then
	while IFS= read -r hit; do
		fail "the guest driver includes a host header: $hit"
	done < <(grep -nE '#include *[<"](linux/mvgpu_backend\.h|core/|vfio/|sgpu/|[./]*mvgpu/)' \
		"$gdir"/*.[ch] "$gdir"/tests/*.c)
fi

if ((bad)); then
	echo "check-layers: the core depends on a layer above or beside it" >&2
	exit 1
fi
echo "check-layers: core/ depends on neither vfio/ nor sgpu/ (${#core_objs[@]} objects)"
