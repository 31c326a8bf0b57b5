#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Guest side of the mvgpu test VM.  Started by tests/vm/init as
#   chroot /host /bin/bash <repo>/tests/vm/guest-run.sh MODE
# so it runs the host's programs (bash, qemu, mdevctl, the tools) on the
# test kernel.  MODE is one of
#   check  load the modules, collect the KUnit suites, run every e2e test
#   demo   load the modules, run tools/demo/demo.sh
#   cmd    load the modules, run $MVGPU_OUT/cmd.sh      (scripts/vm.sh -c)
#   shell  load the modules, interactive bash            (scripts/vm.sh -s)
#
# Environment (exported by init from the initramfs' /etc/mvgpu.env):
#   MVGPU_REPO MVGPU_OUT MVGPU_KERNEL MVGPU_KDIR MVGPU_KVER MVGPU_TEST_TIMEOUT
#   MVGPU_TESTS (glob on test names, empty = all) MVGPU_NO_MODULES
#   MVGPU_TIMEOUT_FACTOR (per-test timeouts are multiplied by it: 4 on the
#   debug kernel) MVGPU_KERNEL_FLAVOR (normal or debug)
#
# Everything it produces goes to $MVGPU_OUT (the host's build/vm/<mode>/,
# mounted read-write): results.txt (lines "PASS|FAIL|SKIP name [# why]"),
# logs/<test>.log, kunit/<suite>.ktap, artifacts/<test>/, dmesg.txt,
# kmemleak-loaded.txt and kmemleak-final.txt (kernels with KMEMLEAK), exit-code,
# and current-test (the e2e test running, for crash reports).  Discovery rules are documented in tests/README.md.
set -uo pipefail

mode=${1:-check}
repo=$MVGPU_REPO
out=$MVGPU_OUT
results=$out/results.txt
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TMPDIR=/tmp LANG=C.UTF-8
for d in "$repo/tools/build/bin" "$repo/tools/build"; do
	[[ -d $d ]] && PATH=$d:$PATH
done
export MVGPU_IN_VM=1

cd "$repo" || exit 1
mkdir -p "$out/logs" "$out/kunit" "$out/artifacts"
: >"$results"

say() { echo "guest-run: $*"; }
res() {	# res STATUS NAME [REASON]
	printf '%s %s%s\n' "$1" "$2" "${3:+ # $3}" >>"$results"
	echo "MVGPU-RESULT: $1 $2${3:+ # $3}"
}

# --- Modules ------------------------------------------------------------------
# load MODULE: modprobe it and record the outcome (SKIP if it was not built).
load() {
	if ! modinfo -n "$1" >/dev/null 2>&1; then
		res SKIP "vm.modprobe.$1" "module not built"
		return 1
	fi
	if modprobe "$1"; then
		res PASS "vm.modprobe.$1"
	else
		res FAIL "vm.modprobe.$1"
		return 1
	fi
}

# KUnit suites of mvgpu_test.ko ran at load time; keep their KTAP for the
# host, which parses it with kunit.py.
collect_kunit() {
	local d found=0
	for d in /sys/kernel/debug/kunit/mvgpu*; do
		[[ -r $d/results ]] || continue
		cat "$d/results" >"$out/kunit/${d##*/}.ktap"
		found=1
	done
	((found)) || res FAIL "kunit-vm" "no mvgpu* suite in /sys/kernel/debug/kunit"
}

# --- Late phase ---------------------------------------------------------------
# DMA unmaps racing GTT writes on the type1 (group) path make lockdep report
# an inversion inside VFIO type1 itself (admin guide, "Known issues"), and
# lockdep checks nothing after its first report.  So that test runs last,
# after the module unload, with the modules loaded again, behind a marker
# in the kernel log: scripts/known-splats.awk accepts that one report
# after the marker, and nothing else.
late_phase() {
	local f=$repo/tools/build/tests/dma_unmap_race name=tools/dma_unmap_race.type1
	[[ -x $f ]] || return 0
	# shellcheck disable=SC2053 # MVGPU_TESTS is a glob
	if [[ -n ${MVGPU_TESTS:-} ]] && [[ $name != $MVGPU_TESTS ]]; then
		return 0
	fi
	echo "mvgpu-late-phase: type1 DMA unmap races" >/dev/kmsg
	if ! modprobe mvgpu_sgpu; then
		res FAIL vm.late.modprobe
		return 0
	fi
	MVGPU_E2E_TYPE1_UNMAP=1 run_one "$f" "$name"
	local m loaded=()
	for m in mvgpu_test mvgpu_sgpu mvgpu; do
		[[ -d /sys/module/$m ]] && loaded+=("$m")
	done
	if modprobe -r "${loaded[@]}" 2>&1; then
		res PASS vm.late.rmmod
	else
		res FAIL vm.late.rmmod "$(lsmod | grep mvgpu | tr '\n' ' ')"
	fi
}

# --- End-to-end tests ---------------------------------------------------------
# Discovery: every tests/e2e/*.sh (run directly if executable, else with bash;
# names starting with "_" or "lib" are helpers and skipped) and every
# executable file in tools/build/tests/.
discover() {
	local f b
	for f in "$repo"/tests/e2e/*.sh; do
		b=${f##*/}
		[[ -f $f && $b != _* && $b != lib* ]] && echo "$f"
	done
	for f in "$repo"/tools/build/tests/*; do
		[[ -f $f && -x $f ]] && echo "$f"
	done
}

# test_name FILE -> e2e/foo (tests/e2e/foo.sh) or tools/foo (tools/build/tests/foo)
test_name() {
	local b=${1##*/}
	case $1 in
	"$repo"/tests/e2e/*) echo "e2e/${b%.sh}" ;;
	*) echo "tools/$b" ;;
	esac
}

# A test may ask for a longer timeout with a line "# mvgpu-timeout: SECONDS"
# in its first 30 lines (scripts only).  Either is multiplied by
# MVGPU_TIMEOUT_FACTOR (a slow kernel: the debug one).
test_timeout() {
	local t
	t=$(head -n 30 "$1" 2>/dev/null | tr -d '\0' |
		sed -n 's/^# *mvgpu-timeout: *\([0-9]\+\).*/\1/p' | head -n 1)
	echo $((${t:-${MVGPU_TEST_TIMEOUT:-300}} * ${MVGPU_TIMEOUT_FACTOR:-1}))
}

# KMEMLEAK (the debug kernel): two scans (an object must look unreferenced
# twice), then its report, into kmemleak-NAME.txt for the host's verdict.
kmemleak_scan() {
	local f=/sys/kernel/debug/kmemleak t=$SECONDS
	[[ -e $f ]] || return 0
	if echo scan >"$f" && echo scan >"$f" && cat "$f" >"$out/kmemleak-$1.txt"; then
		say "kmemleak ($1): $(grep -c '^unreferenced object' "$out/kmemleak-$1.txt") suspect(s), scanned in $((SECONDS - t)) s"
	else
		echo "# scan failed" >"$out/kmemleak-$1.txt"
	fi
}

# parse_tap NAME LOG RC TIMEOUT: turn a test's TAP output into results.
#   ok N - desc             PASS NAME: desc
#   not ok N - desc         FAIL NAME: desc
#   ok N - desc # SKIP why  SKIP NAME: desc      (# TODO counts as SKIP too)
#   1..0 # SKIP why         SKIP NAME
# Only unindented lines count (subtests are the test's own business).
parse_tap() {
	local name=$1 log=$2 rc=$3 tmo=$4 line n=0 failed=0 plan=
	local re='^(not )?ok([ ]+([0-9]+))?([ ]+-)?([ ]+([^#]*))?([ ]*#[ ]*(.*))?$'
	while IFS= read -r line; do
		line=${line%$'\r'}
		if [[ $line =~ ^1\.\.([0-9]+)(.*)$ ]]; then
			plan=${BASH_REMATCH[1]}
			if [[ $plan == 0 ]]; then
				# shellcheck disable=SC2001
				res SKIP "$name" "$(sed 's/^[# ]*\(SKIP\|skip\)\?[ ]*//' <<<"${BASH_REMATCH[2]}")"
				return
			fi
			continue
		fi
		[[ $line =~ $re ]] || continue
		n=$((n + 1))
		local nok=${BASH_REMATCH[1]} num=${BASH_REMATCH[3]} desc=${BASH_REMATCH[6]}
		local dir=${BASH_REMATCH[8]}
		desc=${desc%"${desc##*[! ]}"}          # trim trailing blanks
		local id="$name: ${desc:-${num:-$n}}"
		if [[ $dir =~ ^(SKIP|skip|TODO|todo) ]]; then
			res SKIP "$id" "$dir"
		elif [[ -n $nok ]]; then
			res FAIL "$id"
			failed=1
		else
			res PASS "$id"
		fi
	done <"$log"
	if ((rc == 124 || rc == 137)); then
		res FAIL "$name" "timed out after ${tmo}s"
	elif ((rc != 0 && !failed)); then
		res FAIL "$name" "exited with status $rc"
	elif ((n == 0 && rc == 0)); then
		res PASS "$name"
	fi
	if [[ -n $plan ]] && ((plan != n)) && ((rc != 124 && rc != 137)); then
		res FAIL "$name" "planned $plan tests, ran $n"
	fi
}

# After each test: no mdev may be left behind, and the backend stays loaded.
cleanup_after() {
	local name=$1 d left=()
	for d in /sys/bus/mdev/devices/*; do
		[[ -e $d ]] || continue
		left+=("${d##*/}")
		echo 1 >"$d/remove" 2>/dev/null || true
	done
	((${#left[@]})) && res FAIL "$name" "left mdev devices behind: ${left[*]}"
	if ((sgpu_loaded)) && [[ ! -d /sys/module/mvgpu_sgpu ]]; then
		modprobe mvgpu_sgpu || true
	fi
}

run_one() {	# run_one FILE [NAME]
	local f=$1 name tmo log pid rc tail_pid
	name=${2:-$(test_name "$f")}
	# shellcheck disable=SC2053 # MVGPU_TESTS is a glob
	if [[ -n ${MVGPU_TESTS:-} ]] && [[ $name != $MVGPU_TESTS ]]; then
		return
	fi
	tmo=$(test_timeout "$f")
	log=$out/logs/${name//\//_}.log
	mkdir -p "$out/artifacts/$name"
	: >"$log"
	say "=== $name (timeout ${tmo}s)"
	echo "$name" >"$out/current-test"     # for the host, should we crash
	local cmd=("$f")
	[[ -x $f ]] || cmd=(bash "$f")    # scripts without the exec bit
	# timeout makes its own process group; killing it afterwards also
	# reaps anything the test left running in the background.
	MVGPU_ARTIFACTS=$out/artifacts/$name \
		timeout -k 10 "$tmo" "${cmd[@]}" </dev/null >"$log" 2>&1 &
	pid=$!
	tail -n +1 -f --pid="$pid" "$log" 2>/dev/null &
	tail_pid=$!
	wait "$pid"
	rc=$?
	kill -KILL -- "-$pid" 2>/dev/null
	wait "$tail_pid" 2>/dev/null
	say "=== $name exited with $rc"
	rm -f "$out/current-test"
	parse_tap "$name" "$log" "$rc" "$tmo"
	cleanup_after "$name"
}

# --- Main -------------------------------------------------------------------
sgpu_loaded=0
if [[ -z ${MVGPU_NO_MODULES:-} ]]; then
	load mvgpu_sgpu && sgpu_loaded=1
	if [[ $mode == check ]]; then
		load mvgpu_test && collect_kunit
	fi
fi

rc=0
case $mode in
check)
	mapfile -t tests < <(discover)
	say "${#tests[@]} e2e test(s) found"
	for t in "${tests[@]}"; do
		run_one "$t"
	done
	kmemleak_scan loaded
	# Unloading exercises every teardown path (lockdep, leaks, WARNs).
	if [[ -z ${MVGPU_NO_MODULES:-} && -z ${MVGPU_TESTS:-} ]] &&
		[[ -d /sys/module/mvgpu ]]; then
		loaded=()
		for m in mvgpu_test mvgpu_sgpu mvgpu; do
			[[ -d /sys/module/$m ]] && loaded+=("$m")
		done
		if modprobe -r "${loaded[@]}" 2>&1; then
			res PASS vm.rmmod
		else
			res FAIL vm.rmmod "$(lsmod | grep mvgpu | tr '\n' ' ')"
		fi
	fi
	[[ -n ${MVGPU_NO_MODULES:-} ]] || late_phase
	;;
demo)
	if [[ -f tools/demo/demo.sh ]]; then
		bash tools/demo/demo.sh </dev/null
		rc=$?
	else
		say "tools/demo/demo.sh does not exist yet"
		rc=1
	fi
	;;
cmd)
	bash "$out/cmd.sh" </dev/null
	rc=$?
	;;
shell)
	say "interactive shell: leave with exit (or Ctrl-A x)"
	bash -i
	;;
esac

[[ $mode == shell ]] || kmemleak_scan final
dmesg >"$out/dmesg.txt" 2>&1
echo "$rc" >"$out/exit-code"
if [[ $mode == check ]]; then
	echo "MVGPU-RESULTS-BEGIN"
	cat "$results"
	echo "MVGPU-RESULTS-END"
fi
echo "# MVGPU-GUEST-DONE" >>"$results"
sync
exit "$rc"
