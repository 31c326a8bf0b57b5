#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run the mvgpu KUnit suites with the kernel's own runner, kunit.py (built-in
# KUnit kernel booted in QEMU), on a copy of the kernel source that only
# kunit uses:
#   <cache>/kunit-src    linux-source-6.12 + the driver (kernel-dropin.sh)
#   <cache>/kunit-build  kunit.py's build directory (incremental)
#
#   scripts/kunit.sh [RESULTS_FILE] [-- extra kunit.py run arguments]
#
# Prints kunit.py's output; writes one "PASS|FAIL|SKIP kunit/<suite>.<test>"
# line per test case to RESULTS_FILE (default build/results/kunit.txt) and
# exits non-zero if anything failed.  Full log: build/logs/kunit.log.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
repo=$MVGPU_REPO

results=$MVGPU_BUILD/results/kunit.txt
if (($#)) && [[ $1 != -- ]]; then results=$1; shift; fi
[[ ${1:-} == -- ]] && shift
mkdir -p "$(dirname "$results")" "$MVGPU_BUILD/logs"
: >"$results"
logf=$MVGPU_BUILD/logs/kunit.log
json=$MVGPU_BUILD/logs/kunit.json
rm -f "$json"

tarball=/usr/src/linux-source-6.12.tar.xz
pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
ksrc=$MVGPU_CACHE/kunit-src
kbuild=$MVGPU_CACHE/kunit-build
mkdir -p "$MVGPU_CACHE"
exec 9>"$MVGPU_CACHE/.kunit.lock"
flock 9

if [[ ! -f $ksrc/.mvgpu-pkgver || $(<"$ksrc/.mvgpu-pkgver") != "$pkgver" ]]; then
	echo "kunit.sh: extracting $tarball into $ksrc" >&2
	rm -rf "$ksrc" "$kbuild"
	tmp=$(mktemp -d "$MVGPU_CACHE/.kunit-extract.XXXXXX")
	tar -C "$tmp" -xf "$tarball"
	mv "$tmp/linux-source-6.12" "$ksrc"
	rmdir "$tmp"
	echo "$pkgver" >"$ksrc/.mvgpu-pkgver"
fi
"$repo/scripts/kernel-dropin.sh" "$ksrc"

start=$SECONDS
set +e
(cd "$ksrc" && python3 tools/testing/kunit/kunit.py run --arch=x86_64 \
	--kunitconfig="$ksrc/drivers/gpu/mvgpu/.kunitconfig" \
	--build_dir="$kbuild" --jobs="$(nproc)" --timeout=600 \
	--json="$json" "$@") 2>&1 | tee "$logf"
rc=${PIPESTATUS[0]}
set -e
echo "kunit.sh: kunit.py exited with $rc after $((SECONDS - start)) s (log: $logf)" >&2

[[ -s $json ]] && kunit_json_results "kunit/" "$json" >>"$results"
if [[ ! -s $results ]]; then
	result "$results" FAIL kunit.run "kunit.py produced no results (build or boot failure, see $logf)"
elif ((rc != 0)) && ! grep -q '^FAIL ' "$results"; then
	result "$results" FAIL kunit.run "kunit.py exited with $rc (see $logf)"
fi
! grep -q '^FAIL ' "$results"
