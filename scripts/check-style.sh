#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The kernel's own style checks over the driver, as a make check step
# (build.style): checkpatch.pl --strict and kernel-doc -Wall, from the
# kernel source tree the test kernel is built from.  Exits 1 on any
# checkpatch error, warning or check, or any kernel-doc warning.
#
#   scripts/check-style.sh
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo" || exit 1
src=$(scripts/build-kernel.sh --source | tail -n 1) || exit 1
mapfile -t files < <(find drivers/gpu/mvgpu include -name '*.[ch]' ! -name '*.mod.c' \
	\( -path 'drivers/*' -o -name '*.h' \) | sort)
((${#files[@]})) || { echo "check-style: no sources" >&2; exit 1; }
bad=0

out=$(perl "$src/scripts/checkpatch.pl" --strict --no-tree --show-types --terse \
	--no-summary -f "${files[@]}" 2>&1)
if [[ -n $out ]]; then
	echo "$out"
	echo "check-style: checkpatch --strict found issues" >&2
	bad=1
fi
out=$(perl "$src/scripts/kernel-doc" -none -Wall "${files[@]}" 2>&1)
if [[ -n $out ]]; then
	echo "$out"
	echo "check-style: kernel-doc warnings" >&2
	bad=1
fi
((bad)) || echo "check-style: checkpatch --strict and kernel-doc -Wall clean (${#files[@]} files)"
exit "$bad"
