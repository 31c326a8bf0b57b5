#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-bench-mig.sh [BENCH OPTIONS...] - run mvgpu-bench-mig on two fresh
# vGPUs placed alike on two software GPUs.
#
# Meant for the test VM (as root, mvgpu and mvgpu_sgpu loaded), e.g.
#   scripts/vm.sh -c /work/main/tools/bench/run-bench-mig.sh
# Creates a second software GPU (sgpu<N>, the first free id) unless
# $MVGPU_PGPU_B names one, a vGPU of $MVGPU_BENCH_TYPE (default V1_4) on
# $MVGPU_PGPU (default sgpu0) and one on the second GPU at the first's
# graphics-memory placement, runs tools/build/bench/mvgpu-bench-mig on
# them, and removes what it created (also on failure or interrupt).
# Options are passed to the benchmark (-r ROUNDS -c COUNT -T MS).  Build
# the binary first with "make -C tools bench".  Exit status: the
# benchmark's.
#
# Copyright (C) 2026 The mvgpu developers
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${MVGPU_BENCH_BIN:-$here/../build/bench/mvgpu-bench-mig}
pgpu=${MVGPU_PGPU:-sgpu0}
pgpu_b=${MVGPU_PGPU_B:-}
type=mvgpu_sgpu-${MVGPU_BENCH_TYPE:-V1_4}
bus=/sys/bus/mvgpu_sgpu

die() { echo "run-bench-mig.sh: $*" >&2; exit 1; }

[[ -x $bin ]] || die "$bin is missing (make -C tools bench)"
[[ $(id -u) == 0 ]] || die "must run as root (in the test VM)"
[[ -d /sys/class/mdev_bus/$pgpu ]] ||
	die "no pGPU $pgpu: are the mvgpu and mvgpu_sgpu modules loaded?"

made_pgpu= ua= ub=
# shellcheck disable=SC2317 # called through the trap
cleanup() {
	local u
	for u in $ua $ub; do
		[[ -e /sys/bus/mdev/devices/$u ]] &&
			echo 1 >"/sys/bus/mdev/devices/$u/remove"
	done
	[[ -n $made_pgpu ]] && echo "$made_pgpu" >"$bus/del_device"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z $pgpu_b ]]; then
	for id in $(seq 1 15); do
		[[ -e /sys/class/mdev_bus/sgpu$id ]] && continue
		echo "$id" >"$bus/new_device" || die "could not create sgpu$id"
		made_pgpu=$id pgpu_b=sgpu$id
		break
	done
fi
[[ -n $pgpu_b ]] || die "no free software GPU id"
for _ in $(seq 50); do
	[[ -w /sys/class/mdev_bus/$pgpu_b/mdev_supported_types/$type/create ]] && break
	sleep 0.1
done

ua=$(cat /proc/sys/kernel/random/uuid)
ub=$(cat /proc/sys/kernel/random/uuid)
echo "$ua" >"/sys/class/mdev_bus/$pgpu/mdev_supported_types/$type/create" ||
	die "could not create a $type vGPU on $pgpu"
echo "$ub" >"/sys/class/mdev_bus/$pgpu_b/mdev_supported_types/$type/create" ||
	die "could not create a $type vGPU on $pgpu_b"
for attr in aperture_base hidden_base; do
	cat "/sys/bus/mdev/devices/$ua/mvgpu/$attr" >"/sys/bus/mdev/devices/$ub/mvgpu/$attr" ||
		die "could not place the second vGPU like the first ($attr)"
done

echo "# mvgpu-bench-mig: $type on $pgpu -> $pgpu_b ($(uname -r), $(nproc) CPUs)"
"$bin" "$@" "$ua" "$ub"
