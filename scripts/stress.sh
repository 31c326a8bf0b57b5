#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make stress`: tests/stress/stress.c (mvgpu-stress) in the test VM.
#
#   scripts/stress.sh [mvgpu-stress options]
#
# Environment: STRESS_TIME (seconds of stress, default 600),
# MVGPU_KERNEL_FLAVOR (normal or debug: the debug test kernel), and what
# scripts/vm.sh takes.  It builds the kernel, the modules, the tools and
# mvgpu-stress, boots the VM with a timeout of STRESS_TIME + 1200 s (times
# the kernel's timeout factor) and runs mvgpu-stress -t STRESS_TIME there.
# The exit status is 1 if mvgpu-stress failed, the kernel splatted (or, on
# the debug kernel, KMEMLEAK blamed mvgpu) or the guest died.  Output:
# build/vm/cmd.XXXXXX/ (console.log, kmemleak-final.txt).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
repo=$MVGPU_REPO
seconds=${STRESS_TIME:-600}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "stress.sh: STRESS_TIME must be seconds" >&2; exit 2; }

make -C "$repo/tests/stress" --no-print-directory >&2
args=$(printf ' %q' -t "$seconds" "$@")
exec "$repo/scripts/vm.sh" --kernel "${MVGPU_KERNEL_FLAVOR:-normal}" \
	--timeout $((seconds + 1200)) \
	-c "\"\$MVGPU_REPO\"/build/stress/mvgpu-stress$args"
