#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The kernel's own style checks over the driver, as a make check step
# (build.style): checkpatch.pl --strict and kernel-doc -Wall, from the
# kernel source tree the test kernel is built from; and that every file
# of the repository has a section in Documentation/gpu/mvgpu/MAINTAINERS.
# Exits 1 on any checkpatch error, warning or check, any kernel-doc
# warning, or a file without a section.
#
#   scripts/check-style.sh
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo" || exit 1
src=$(scripts/build-kernel.sh --source | tail -n 1) || exit 1
mapfile -t files < <(find drivers/gpu/mvgpu drivers/gpu/drm/mvgpu include -name '*.[ch]' ! -name '*.mod.c' \
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
# Every file of the repository has a section in the MAINTAINERS file.
maint=Documentation/gpu/mvgpu/MAINTAINERS
if git rev-parse --git-dir >/dev/null 2>&1; then
	mapfile -t pats < <(sed -n 's/^F:[[:space:]]*//p' "$maint")
	orphans=$(git ls-files | while read -r f; do
		for p in "${pats[@]}"; do
			[[ $f == "$p" || ($p == */ && $f == "$p"*) ]] && continue 2
		done
		echo "$f"
	done)
	if [[ -n $orphans ]]; then
		echo "$orphans" | sed "s|^|$maint: no section for |"
		echo "check-style: files without a maintainer section" >&2
		bad=1
	fi
fi
((bad)) || echo "check-style: checkpatch --strict and kernel-doc -Wall clean (${#files[@]} files); every file has a MAINTAINERS section"
exit "$bad"
