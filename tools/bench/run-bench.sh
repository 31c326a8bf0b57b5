#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-bench.sh [BENCH OPTIONS...] - run mvgpu-bench-gtt (or the benchmark
# $MVGPU_BENCH_BIN names, e.g. mvgpu-bench-display) on a fresh vGPU.
#
# Meant for the test VM (as root, mvgpu and mvgpu_sgpu loaded), e.g.
#   scripts/vm.sh -c /work/main/tools/bench/run-bench.sh
# Creates a vGPU of $MVGPU_BENCH_TYPE (default V1_4) on $MVGPU_PGPU
# (default sgpu0), runs tools/build/bench/mvgpu-bench-gtt on it once per
# VFIO path in $MVGPU_BENCH_PATHS (default "group cdev"; cdev is skipped
# without /dev/iommu), removes the vGPU (also on failure or interrupt)
# and prints the results.  Options are passed to the benchmark (see
# mvgpu-bench-gtt.c: -t SECONDS -e ENTRIES -g PAGES -m MIB).  Build the
# binary first with "make -C tools bench".  Exit status: 0 if every run
# succeeded.
#
# Copyright (C) 2026 The mvgpu developers
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${MVGPU_BENCH_BIN:-$here/../build/bench/mvgpu-bench-gtt}
pgpu=${MVGPU_PGPU:-sgpu0}
type=${MVGPU_BENCH_TYPE:-V1_4}
paths=${MVGPU_BENCH_PATHS:-group cdev}
typedir=/sys/class/mdev_bus/$pgpu/mdev_supported_types/mvgpu_sgpu-$type

die() { echo "run-bench.sh: $*" >&2; exit 1; }

[[ -x $bin ]] || die "$bin is missing (make -C tools bench)"
[[ $(id -u) == 0 ]] || die "must run as root (in the test VM)"
[[ -d /sys/class/mdev_bus/$pgpu ]] ||
	die "no pGPU $pgpu: are the mvgpu and mvgpu_sgpu modules loaded?"
[[ -w $typedir/create ]] || die "no vGPU type $type on $pgpu"

uuid=$(cat /proc/sys/kernel/random/uuid)
# shellcheck disable=SC2317 # called through the trap
remove() {
	if [[ -e /sys/bus/mdev/devices/$uuid ]]; then
		echo 1 >"/sys/bus/mdev/devices/$uuid/remove" ||
			echo "run-bench.sh: could not remove vGPU $uuid" >&2
	fi
}
trap remove EXIT
trap 'exit 130' INT TERM
echo "$uuid" >"$typedir/create" || die "could not create a $type vGPU on $pgpu"

echo "# ${bin##*/} on a $type vGPU of $pgpu ($(uname -r), $(nproc) CPUs)"
rc=0
for p in $paths; do
	if [[ $p == cdev && ! -e /dev/iommu ]]; then
		echo "# cdev path skipped: /dev/iommu absent"
		continue
	fi
	echo
	"$bin" -p "$p" "$@" "$uuid" || { rc=1; echo "run-bench.sh: the $p run failed" >&2; }
done
exit $rc
