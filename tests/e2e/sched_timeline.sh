#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sched_timeline.sh - trace the scheduler while two vGPUs run work at once,
# and check that mvgpu-timeline draws both of them.
#
# Runs as root inside the test VM (mvgpu and mvgpu_sgpu loaded) and prints
# plan-less TAP.  Uses the pGPU $MVGPU_PGPU (default sgpu0).  Enables the
# mvgpu_sched_* tracepoints (and mvgpu_engine_submit), creates two V1_4
# vGPUs through sysfs, drives both at once with mvgpu-demo, then runs
# mvgpu-timeline on the trace: the SVG must parse, each vGPU must have
# intervals in a lane of the pGPU, and --summary must give each a busy
# time above 0.  Prints "1..0 # SKIP" while the kernel has no scheduler
# tracepoints.  Keeps trace.txt, timeline.svg and summary.txt in
# $MVGPU_ARTIFACTS when set.  Removes its vGPUs and restores the tracing
# state on exit.
#
# Copyright (C) 2026 The mvgpu developers

PGPU=${MVGPU_PGPU:-sgpu0}
TYPE=mvgpu_sgpu-V1_4
TYPE_DIR=/sys/class/mdev_bus/$PGPU/mdev_supported_types/$TYPE
MDEV_DIR=/sys/bus/mdev/devices
REPO=$(cd "$(dirname "$0")/../.." && pwd)

UUIDS=()
EVENTS=()
T=
old_on=
old_kb=
WORK=

# shellcheck source=tests/e2e/lib/tap.sh
. "$REPO/tests/e2e/lib/tap.sh"

cleanup() {
	local u e
	if [ -n "$T" ]; then
		[ -n "$old_on" ] && echo "$old_on" > "$T/tracing_on"
		for e in "${EVENTS[@]}"; do
			echo 0 > "$e/enable"
		done
		: > "$T/trace"
		[ -n "$old_kb" ] && echo "$old_kb" > "$T/buffer_size_kb"
		T=
	fi
	for u in "${UUIDS[@]}"; do
		if [ -e "$MDEV_DIR/$u" ]; then
			diag "cleanup: removing $u"
			echo 1 > "$MDEV_DIR/$u/remove"
		fi
	done
	[ -n "$WORK" ] && rm -rf "$WORK"
}

finish() {
	cleanup
	tap_summary
}

# The tracefs root with the scheduler events, or nothing.
tracefs() {
	local d
	for d in /sys/kernel/tracing /sys/kernel/debug/tracing; do
		if [ -d "$d/events/mvgpu/mvgpu_sched_switch_in" ]; then
			echo "$d"
			return
		fi
	done
}

# The first existing of: the tool on PATH, the built copy, the source.
find_tool() {
	local f
	for f in "$(command -v "$1")" "$REPO/tools/build/$1" "$REPO/tools/mvgpu/$1"; do
		[ -n "$f" ] && [ -x "$f" ] && { echo "$f"; return; }
	done
}

# svg_intervals SVG VGPU: intervals of vgpu VGPU in the lanes of $PGPU.
svg_intervals() {
	python3 - "$1" "$2" "$PGPU" <<'EOF'
import sys
import xml.etree.ElementTree as ET
NS = '{http://www.w3.org/2000/svg}'
root = ET.parse(sys.argv[1]).getroot()
print(sum(1 for g in root.iter(NS + 'g')
          if g.get('class') == 'lane' and g.get('data-lane', '').startswith(sys.argv[3] + ' ')
          for r in g.iter(NS + 'rect')
          if r.get('class') == 'interval' and r.get('data-vgpu') == sys.argv[2]))
EOF
}

main() {
	local u id i tool demo out rc cnt busy kb ids=()

	T=$(tracefs)
	if [ -z "$T" ]; then
		echo "1..0 # SKIP scheduler tracepoints not present"
		exit 0
	fi
	if [ -d "/sys/class/mdev_bus/$PGPU" ]; then
		ok "pGPU $PGPU is registered as an mdev parent"
	else
		not_ok "pGPU $PGPU is registered as an mdev parent"
		return
	fi
	tool=$(find_tool mvgpu-timeline)
	demo=$(find_tool mvgpu-demo)
	if [ -z "$tool" ] || [ -z "$demo" ]; then
		not_ok "mvgpu-timeline and mvgpu-demo are built (make tools)"
		return
	fi
	WORK=$(mktemp -d /tmp/sched_timeline.XXXXXX)

	for i in 1 2; do
		u=$(cat /proc/sys/kernel/random/uuid)
		UUIDS+=("$u")
		check "create vGPU $i ($TYPE) through sysfs" \
			sh -c "echo $u > $TYPE_DIR/create" || return
		id=$(cat "$MDEV_DIR/$u/mvgpu/vgpu_id")
		ids+=("$id")
		diag "vGPU $i: $u, vgpu$id"
	done

	old_on=$(cat "$T/tracing_on")
	echo 0 > "$T/tracing_on"
	# "7 (expanded: 1408)" until first used: 1408 is the size to restore.
	kb=$(sed 's/.*expanded: *\([0-9]*\).*/\1/' "$T/buffer_size_kb")
	if [ "$kb" -lt 8192 ] 2>/dev/null; then
		echo 8192 > "$T/buffer_size_kb" && old_kb=$kb
	fi
	EVENTS=("$T"/events/mvgpu/mvgpu_sched_* "$T/events/mvgpu/mvgpu_engine_submit")
	rc=0
	for i in "${EVENTS[@]}"; do
		echo 1 > "$i/enable" || rc=1
	done
	check "enable the mvgpu_sched_* events" test $rc -eq 0
	: > "$T/trace"
	echo 1 > "$T/tracing_on"

	out=$("$demo" "${UUIDS[@]}" 2>&1)
	rc=$?
	echo 0 > "$T/tracing_on"
	[ $rc -eq 0 ] || diag "$out"
	check "mvgpu-demo drives both vGPUs at once" test $rc -eq 0
	cat "$T/trace" > "$WORK/trace.txt"
	diag "$(grep -c ': mvgpu_sched_' "$WORK/trace.txt") scheduler events traced"

	out=$("$tool" -o "$WORK/timeline.svg" "$WORK/trace.txt" 2>&1)
	rc=$?
	[ $rc -eq 0 ] || diag "$out"
	check "mvgpu-timeline draws the trace" test $rc -eq 0
	check "the SVG parses as XML" python3 -c \
		'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' \
		"$WORK/timeline.svg"
	for id in "${ids[@]}"; do
		cnt=$(svg_intervals "$WORK/timeline.svg" "$id" 2>&1)
		diag "vgpu$id: ${cnt:-no} intervals in the lanes of $PGPU"
		check "vgpu$id has intervals in a lane of $PGPU" test "${cnt:-0}" -gt 0 2>/dev/null
	done

	out=$("$tool" --summary "$WORK/trace.txt" 2>&1)
	rc=$?
	diag "$out"
	echo "$out" > "$WORK/summary.txt"
	check "mvgpu-timeline --summary succeeds" test $rc -eq 0
	for id in "${ids[@]}"; do
		busy=$(echo "$out" | awk -v id="$id" '$1 == "total" && $2 == id { print $3 }')
		check "--summary: vgpu$id total busy ${busy:-missing} ms > 0" \
			awk -v b="${busy:-0}" 'BEGIN { exit !(b > 0) }'
	done

	if [ -n "${MVGPU_ARTIFACTS:-}" ]; then
		mkdir -p "$MVGPU_ARTIFACTS"
		cp "$WORK/trace.txt" "$WORK/timeline.svg" "$WORK/summary.txt" "$MVGPU_ARTIFACTS/"
	fi
}

trap 'cleanup; exit 1' INT TERM
main
finish
