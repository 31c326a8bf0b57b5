#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mdevctl.sh - mdevctl drives mvgpu vGPUs: types, start, list, stop, and a
# defined vGPU whose display_mode attribute mdevctl sets at start.
#
# Runs as root inside the test VM (mvgpu and mvgpu_sgpu loaded) and prints
# plan-less TAP.  Uses the pGPU $MVGPU_PGPU (default sgpu0).  mdevctl needs
# /etc/mdevctl.d/scripts.d/{callouts,notifiers}; the harness makes
# /etc/mdevctl.d a writable tmpfs and this test creates the folders.
#
# Copyright (C) 2026 The mvgpu developers

PGPU=${MVGPU_PGPU:-sgpu0}
TYPE=mvgpu_sgpu-V1_4
TYPE_DIR=/sys/class/mdev_bus/$PGPU/mdev_supported_types/$TYPE
MDEV_DIR=/sys/bus/mdev/devices

UUID=

# shellcheck source=tests/e2e/lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"

finish() {
	# Never leave our vGPU behind.
	if [ -n "$UUID" ] && [ -e "$MDEV_DIR/$UUID" ]; then
		diag "cleanup: removing $UUID"
		echo 1 > "$MDEV_DIR/$UUID/remove"
	fi
	tap_summary
}

# "Available instances" that `mdevctl types` prints for $TYPE under $PGPU.
types_available() {
	mdevctl types | awk -v parent="$PGPU" -v type="$TYPE" '
		/^[^ ]/ { in_parent = ($1 == parent); in_type = 0; next }
		in_parent && /^  [^ ]/ { in_type = ($1 == type); next }
		in_parent && in_type && /Available instances:/ { print $3; exit }'
}

main() {
	if [ -d "/sys/class/mdev_bus/$PGPU" ]; then
		ok "pGPU $PGPU is registered as an mdev parent"
	else
		not_ok "pGPU $PGPU is registered as an mdev parent"
		diag "/sys/class/mdev_bus/$PGPU is missing: are mvgpu and mvgpu_sgpu loaded?"
		return
	fi
	if command -v mdevctl > /dev/null; then
		ok "mdevctl is installed"
	else
		not_ok "mdevctl is installed"
		return
	fi
	check "mdevctl config folders exist" \
		mkdir -p /etc/mdevctl.d/scripts.d/callouts /etc/mdevctl.d/scripts.d/notifiers

	out=$(mdevctl types 2>&1)
	check "mdevctl types succeeds" test $? -eq 0
	if echo "$out" | grep -qx "$PGPU" && echo "$out" | grep -qx "  $TYPE"; then
		ok "mdevctl types lists $TYPE under $PGPU"
	else
		not_ok "mdevctl types lists $TYPE under $PGPU"
		diag "$out"
	fi
	avail_sysfs=$(cat "$TYPE_DIR/available_instances")
	avail=$(types_available)
	diag "sysfs available_instances $avail_sysfs, mdevctl types says '$avail'"
	check "mdevctl types shows the sysfs Available instances" \
		test "$avail" = "$avail_sysfs"

	UUID=$(cat /proc/sys/kernel/random/uuid)
	out=$(mdevctl start -u "$UUID" -p "$PGPU" -t "$TYPE" 2>&1)
	rc=$?
	[ $rc -eq 0 ] || diag "$out"
	check "mdevctl start -u UUID -p $PGPU -t $TYPE succeeds" test $rc -eq 0
	check "the vGPU appears in sysfs" test -d "$MDEV_DIR/$UUID"
	check "its mdev_type is $TYPE" \
		test "$(basename "$(readlink "$MDEV_DIR/$UUID/mdev_type")")" = "$TYPE"

	out=$(mdevctl list 2>&1)
	if echo "$out" | grep -q "^$UUID $PGPU $TYPE"; then
		ok "mdevctl list shows it"
	else
		not_ok "mdevctl list shows it"
		diag "$out"
	fi
	avail_now=$(types_available)
	check "mdevctl types shows one instance less" \
		test "$avail_now" = "$((avail_sysfs - 1))"

	out=$(mdevctl stop -u "$UUID" 2>&1)
	rc=$?
	[ $rc -eq 0 ] || diag "$out"
	check "mdevctl stop -u UUID succeeds" test $rc -eq 0
	check "the vGPU is gone from sysfs" test ! -e "$MDEV_DIR/$UUID"
	if mdevctl list 2>&1 | grep -q "^$UUID"; then
		not_ok "mdevctl list no longer shows it"
	else
		ok "mdevctl list no longer shows it"
	fi
	check "available instances restored" \
		test "$(cat "$TYPE_DIR/available_instances")" = "$avail_sysfs"
}

# A defined vGPU with an attribute: define, modify --addattr, start.
defined_with_attr() {
	UUID=$(cat /proc/sys/kernel/random/uuid)
	out=$(mdevctl define -u "$UUID" -p "$PGPU" -t "$TYPE" 2>&1)
	rc=$?
	[ $rc -eq 0 ] || diag "$out"
	check "mdevctl define succeeds" test $rc -eq 0
	out=$(mdevctl modify -u "$UUID" --addattr=mvgpu/display_mode --value=none 2>&1)
	rc=$?
	[ $rc -eq 0 ] || diag "$out"
	check "mdevctl modify --addattr=mvgpu/display_mode --value=none succeeds" \
		test $rc -eq 0
	out=$(mdevctl start -u "$UUID" 2>&1)
	rc=$?
	[ $rc -eq 0 ] || diag "$out"
	check "mdevctl start of the defined vGPU succeeds" test $rc -eq 0
	mode=$(cat "$MDEV_DIR/$UUID/mvgpu/display_mode" 2>/dev/null)
	diag "display_mode: '$mode'"
	check "mdevctl set its display_mode to none" test "$mode" = none
	mdevctl stop -u "$UUID" > /dev/null 2>&1
	out=$(mdevctl undefine -u "$UUID" 2>&1)
	rc=$?
	[ $rc -eq 0 ] || diag "$out"
	check "mdevctl undefine succeeds" test $rc -eq 0
	check "the vGPU is gone" test ! -e "$MDEV_DIR/$UUID"
}

main
defined_with_attr
finish
