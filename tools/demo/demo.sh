#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The mvgpu demo (run inside the test VM by `make demo`): an administrator's
# view of the whole path.  Creates a second software GPU at run time, lists
# the vGPU types, creates vGPUs of several types by writing UUIDs into
# sysfs, inspects one, then drives all of them at once with mvgpu-demo
# (PV info, MSI interrupt, DMA mapping, GTT programming, aperture
# pass-through verified byte for byte), shows the per-vGPU debugfs
# counters, and removes everything again.  Last, a VM using its vGPU
# through the guest driver (tests/e2e/nested_qemu.sh), with screendumps.
set -euo pipefail

repo=${MVGPU_REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=$repo/tools/build
types=/sys/class/mdev_bus
uuids=()

step() { printf '\n=== %s\n' "$*"; }
cleanup() {
	for u in "${uuids[@]}"; do
		[[ -e /sys/bus/mdev/devices/$u ]] && echo 1 > "/sys/bus/mdev/devices/$u/remove"
	done
	[[ -e /sys/bus/mvgpu_sgpu/devices/sgpu1 ]] && echo 1 > /sys/bus/mvgpu_sgpu/del_device
	true
}
trap cleanup EXIT

create() {	# create PGPU TYPE: prints the new UUID
	local u
	u=$(cat /proc/sys/kernel/random/uuid)
	echo "$u" > "$types/$1/mdev_supported_types/mvgpu_sgpu-$2/create"
	uuids+=("$u")
	echo "  created $u: $2 on $1"
}

step "physical GPUs: sgpu0 from the module, sgpu1 created at run time"
echo 1 > /sys/bus/mvgpu_sgpu/new_device
ls "$types"

step "types offered by sgpu0"
for t in "$types"/sgpu0/mdev_supported_types/*; do
	printf '  %-18s %-12s available=%-3s %s\n' "$(basename "$t")" \
		"$(cat "$t/name")" "$(cat "$t/available_instances")" \
		"$(tr '\n' ' ' < "$t/description")"
done

step "creating vGPUs through sysfs"
create sgpu0 V1_4
create sgpu0 V1_4
create sgpu0 V1_8
create sgpu1 V1_2
create sgpu1 V1_64
create sgpu1 V1_64
echo "  sgpu0 V1_4 now available: $(cat $types/sgpu0/mdev_supported_types/mvgpu_sgpu-V1_4/available_instances)"
echo "  sgpu1 V1_2 now available: $(cat $types/sgpu1/mdev_supported_types/mvgpu_sgpu-V1_2/available_instances)"

step "one vGPU as VFIO sees it"
"$bin/mvgpu-info" "${uuids[0]}"

step "driving all ${#uuids[@]} vGPUs at once"
"$bin/mvgpu-demo" "${uuids[@]}"

step "per-vGPU counters (debugfs)"
for d in /sys/kernel/debug/mvgpu/sgpu*/vgpu*; do
	echo "  $d: $(grep -h -E 'mmio_(reads|writes)|irqs_injected|^writes|pinned_frames|aperture_faults' "$d/stats" "$d/gtt" | tr '\n' ' ')"
done

step "scheduler: policy, slice and engine time per physical engine (debugfs)"
for p in /sys/class/mdev_bus/sgpu*; do
	echo "  ${p##*/}: policy $(cat "$p/mvgpu/sched_policy"), slice $(cat "$p/mvgpu/sched_slice_ms") ms"
	grep -E '^(rcs|bcs):' "/sys/kernel/debug/mvgpu/${p##*/}/sched" | sed 's/^/    /'
done

step "removing everything"
cleanup
uuids=()
find /sys/bus/mdev/devices/ -mindepth 1 -maxdepth 1 | wc -l | xargs echo "  vGPUs left:"

step "a VM using its vGPU: the guest driver (QEMU display=on, region mode)"
# The nested-QEMU test: a guest boots with the vGPU; mvgpu_drm binds, the
# console comes up on the vGPU, workloads run through the render node in
# two processes (and in a second VM at the same time), modetest sets the
# EDID's modes; the host takes QMP screendumps and keeps them as PNGs.
# Nested TCG: several minutes.
if [[ -f ${MVGPU_KERNEL:-} ]]; then
	shot=${MVGPU_OUT:-/tmp}/demo-display
	mkdir -p "$shot"
	MVGPU_IN_VM=1 MVGPU_ARTIFACTS=$shot "$repo/tests/e2e/nested_qemu.sh" |
		grep -E '^not ok|^ok .*(binds|slices|console|fill|SAXPY|CHECKSUM|isolation|share|hang|modetest|unloads)|screendump|engine shares' |
		sed 's/^/  /'
	for png in console kms screendump; do
		[[ -f $shot/$png.png ]] && echo "  screendump ($png): $shot/$png.png"
	done
else
	echo "  skipped: no test kernel for a nested guest (MVGPU_KERNEL)"
fi

echo "demo complete"
