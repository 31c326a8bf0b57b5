#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make check`: the one test command.
#   deps -> test kernel -> modules (test kernel, + KUnit module) -> modules
#   against Debian's stock headers -> tools (+ their host-only self-checks)
#   -> fuzz (a short fixed-seed pass of each tests/fuzz target, on the host)
#   -> test VM (KUnit module suites,
#   e2e tests, kernel splat scan) -> kunit.py -> summary.
# A failing stage is recorded as a failure and the later stages still run
# where they can, so the summary is always printed.  The last line is
# "N passed, N failed, N skipped"; the exit status is non-zero on any failure.
#
# Results: build/results/*.txt; logs: build/logs/, build/vm/check/.
#
# MVGPU_KERNEL_FLAVOR=debug (make check-debug, make check KERNEL=debug): the
# same on the debug test kernel (KASAN, UBSAN, KMEMLEAK, lockdep, debug
# objects), with the modules built in build/debug/; the steps that do not
# depend on the test kernel (distro-modules, kunit.py) are left out.
# Results: build/results-debug/, build/logs-debug/, build/vm/check-debug/.
set -uo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
repo=$MVGPU_REPO
cd "$repo" || exit 1

flavor=${MVGPU_KERNEL_FLAVOR:-normal}
case $flavor in
normal) suffix='' ;;
debug) suffix=-debug ;;
*) echo "check.sh: unknown kernel flavor '$flavor' (normal or debug)" >&2; exit 2 ;;
esac
results=$MVGPU_BUILD/results$suffix
logs=$MVGPU_BUILD/logs$suffix
rm -rf "$results"
mkdir -p "$results" "$logs"
build_results=$results/00-build.txt
timings=()

banner() { printf '\n======== %s ========\n' "$*"; }

# stage NAME CMD...: run CMD with its output shown and kept in
# build/logs/NAME.log; record PASS/FAIL build.NAME; return CMD's status.
stage() {
	local name=$1 t=$SECONDS rc
	shift
	banner "$name"
	"$@" 2>&1 | tee "$logs/$name.log"
	rc=${PIPESTATUS[0]}
	timings+=("$(printf '%-16s %4d s  %s' "$name" $((SECONDS - t)) "$([[ $rc == 0 ]] && echo ok || echo "FAILED ($rc)")")")
	if ((rc == 0)); then
		result "$build_results" PASS "build.$name"
	else
		result "$build_results" FAIL "build.$name" "see $logs/$name.log"
	fi
	return "$rc"
}

stage deps scripts/deps.sh

kd=
if stage kernel scripts/build-kernel.sh --flavor "$flavor"; then
	kd=$(tail -n 1 "$logs/kernel.log")
fi

vm_args=(--kernel "$flavor")
if [[ $flavor == normal ]]; then
	modtarget=(modules) moddir=drivers/gpu/mvgpu
else
	modtarget=(modules-copy COPY="$MVGPU_BUILD/$flavor")
	moddir=$MVGPU_BUILD/$flavor/drivers/gpu/mvgpu
fi
if [[ -n $kd ]]; then
	if stage modules make --no-print-directory "${modtarget[@]}" KDIR="$kd"; then
		for m in mvgpu mvgpu_sgpu mvgpu_test; do
			[[ -f $moddir/$m.ko ]] ||
				result "$build_results" FAIL "build.modules.$m" "$m.ko was not built"
		done
		stage layers scripts/check-layers.sh "$moddir"
	else
		vm_args+=(--without-mvgpu)   # do not test stale .ko files
	fi
fi

[[ $flavor == normal ]] && stage distro-modules make --no-print-directory headers-check
# checkpatch --strict and kernel-doc -Wall over the driver: failures.
[[ $flavor == normal ]] && stage style scripts/check-style.sh

if [[ -f tools/Makefile ]]; then
	stage tools make --no-print-directory tools &&
		stage tools-check make --no-print-directory -C tools check
else
	result "$build_results" SKIP build.tools "tools/Makefile does not exist yet"
fi

# The libFuzzer targets (tests/fuzz/): a short fixed-seed pass of each,
# on the host; results fuzz/<target>.
if [[ $flavor == normal ]]; then
	banner "fuzz"
	t=$SECONDS
	tests/fuzz/run.sh --check "$results/05-fuzz.txt" 2>&1 | tee "$logs/fuzz.log"
	timings+=("$(printf '%-16s %4d s' fuzz $((SECONDS - t)))")
fi

banner "test VM"
t=$SECONDS
if [[ -z $kd ]]; then
	result "$results/10-vm.txt" FAIL vm.boot "no test kernel"
elif MVGPU_NO_SUMMARY=1 scripts/vm.sh --check --no-build "${vm_args[@]}" &&
	[[ -f $MVGPU_BUILD/vm/check$suffix/verdict.txt ]]; then
	cp "$MVGPU_BUILD/vm/check$suffix/verdict.txt" "$results/10-vm.txt"
else
	result "$results/10-vm.txt" FAIL vm.boot "scripts/vm.sh failed"
fi
timings+=("$(printf '%-16s %4d s' vm $((SECONDS - t)))")

if [[ $flavor == normal ]]; then
	banner "kunit.py"
	t=$SECONDS
	scripts/kunit.sh "$results/20-kunit.txt"
	timings+=("$(printf '%-16s %4d s' kunit.py $((SECONDS - t)))")
fi

banner "timings"
printf '%s\n' "${timings[@]}"
echo "logs: $logs  VM console: $MVGPU_BUILD/vm/check$suffix/console.log"
echo
scripts/summary.sh "$results"/*.txt
