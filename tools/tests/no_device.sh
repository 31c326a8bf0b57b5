#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# no_device.sh BUILD_TESTS_DIR [SCRIPT...] - host-only check that every C
# e2e test in BUILD_TESTS_DIR, each SCRIPT and mvgpu-info fail cleanly when
# there is no vGPU: exit status 1 (not a crash, not success), a "not ok"
# line with a diagnostic, no hang.
#
# The tests are pointed at a pGPU name that cannot exist, so they stop at
# their first check and touch nothing.  Run by "make -C tools check".
#
# Copyright (C) 2026 The mvgpu developers

tests_dir=$1
shift
info=$(dirname "$tests_dir")/mvgpu-info
failed=0
MVGPU_PGPU=no-such-pgpu-selftest
export MVGPU_PGPU

expect() {
	# expect NAME WANT_RC OUTPUT_PATTERN COMMAND...
	name=$1 want=$2 pattern=$3
	shift 3
	out=$(timeout 30 "$@" 2>&1)
	rc=$?
	if [ "$rc" -eq "$want" ] && echo "$out" | grep -q -- "$pattern"; then
		echo "ok - $name (rc $rc)"
	else
		echo "FAIL - $name: rc $rc (want $want), output:"
		echo "$out" | sed 's/^/    /'
		failed=1
	fi
}

for t in "$tests_dir"/* "$@"; do
	[ -x "$t" ] || continue
	expect "$(basename "$t") without a device" 1 "^not ok 1 - " "$t"
done

expect "mvgpu-info without a device" 1 "no such mdev device" \
	"$info" 00000000-0000-0000-0000-000000000000
expect "mvgpu-info with a malformed uuid" 1 "Invalid argument" "$info" bogus
expect "mvgpu-info with a bad path" 2 "usage" "$info" -p nope \
	00000000-0000-0000-0000-000000000000
expect "mvgpu-info without arguments" 2 "usage" "$info"
exit $failed
