#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-bench-sched.sh [BENCH OPTIONS...] - run mvgpu-bench-sched on fresh vGPUs.
#
# Meant for the test VM (as root, mvgpu and mvgpu_sgpu loaded, debugfs and
# tracefs mounted), e.g.
#   scripts/vm.sh -c /work/main/tools/bench/run-bench-sched.sh
# Creates $MVGPU_BENCH_SCHED_N (default 64) vGPUs of type V1_64 on
# $MVGPU_PGPU (default sgpu0), runs tools/build/bench/mvgpu-bench-sched on
# them once, and removes them (also on failure or interrupt).  Options are
# passed to the benchmark (see mvgpu-bench-sched.c: -p PATH -w WINDOW_MS
# -n ROUNDS -i PERIOD_MS).  Build the binary first with "make -C tools
# bench".  Exit status: 0 if the run succeeded.
#
# Copyright (C) 2026 The mvgpu developers
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${MVGPU_BENCH_BIN:-$here/../build/bench/mvgpu-bench-sched}
pgpu=${MVGPU_PGPU:-sgpu0}
n=${MVGPU_BENCH_SCHED_N:-64}
typedir=/sys/class/mdev_bus/$pgpu/mdev_supported_types/mvgpu_sgpu-V1_64

die() { echo "run-bench-sched.sh: $*" >&2; exit 1; }

[[ -x $bin ]] || die "$bin is missing (make -C tools bench)"
[[ $(id -u) == 0 ]] || die "must run as root (in the test VM)"
[[ -d /sys/class/mdev_bus/$pgpu ]] ||
	die "no pGPU $pgpu: are the mvgpu and mvgpu_sgpu modules loaded?"
[[ -w $typedir/create ]] || die "no vGPU type V1_64 on $pgpu"
[[ -e /sys/class/mdev_bus/$pgpu/mvgpu/sched_policy ]] ||
	die "no scheduler on $pgpu (no /sys/class/mdev_bus/$pgpu/mvgpu/sched_policy)"
[[ -e /sys/kernel/debug/mvgpu/$pgpu/sched ]] ||
	die "no /sys/kernel/debug/mvgpu/$pgpu/sched: is debugfs mounted?"

uuids=()
# shellcheck disable=SC2317 # called through the trap
remove() {
	local u
	for u in "${uuids[@]}"; do
		if [[ -e /sys/bus/mdev/devices/$u ]]; then
			echo 1 >"/sys/bus/mdev/devices/$u/remove" ||
				echo "run-bench-sched.sh: could not remove vGPU $u" >&2
		fi
	done
}
trap remove EXIT
trap 'exit 130' INT TERM
for ((i = 0; i < n; i++)); do
	u=$(cat /proc/sys/kernel/random/uuid)
	echo "$u" >"$typedir/create" || die "could not create V1_64 vGPU $i on $pgpu"
	uuids+=("$u")
done

echo "# mvgpu-bench-sched on $n V1_64 vGPUs of $pgpu ($(uname -r), $(nproc) CPUs)"
"$bin" "$@" "${uuids[@]}" || die "the run failed"
