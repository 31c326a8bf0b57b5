#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run the mvgpu fuzz targets (tests/fuzz/), one process at a time.
#
#   run.sh [--time SECONDS] [TARGET...]   fuzz each target (make fuzz)
#   run.sh --check [RESULTS] [TARGET...]  the short fixed-seed pass of make check
#
# Fuzzing: each target runs for SECONDS (default $FUZZ_TIME or 180) from
# its seeds (tests/fuzz/corpus/<target>/; cmd_exec uses cmd_parser's) and
# the corpus kept from earlier runs (build/fuzz/corpus/<target>/); after a
# finding it goes on for the rest of its time.  Findings are the crash, leak, timeout and oom files
# in build/fuzz/findings/<target>/.  Printed per target: executions per
# second, corpus size, findings.  The exit status is 1 if there were any.
#
# --check: -seed=1 and a fixed number of runs per target, from the seeds
# only; one result line per target, "PASS fuzz/<target>" or
# "FAIL fuzz/<target> # <what>", printed and appended to RESULTS.  Logs go
# to build/logs/fuzz/<target>.log, the failing input to
# build/fuzz/findings/<target>/.
#
# MVGPU_FUZZ_VERBOSE=1 prints the driver's log and each
# operation when one input is replayed: build/fuzz/fuzz_<target> FILE.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${MVGPU_BUILD:-$repo/build}
mkdir -p "$out"
bin=$out/fuzz
all_targets=(cmd_parser cmd_exec mmio gtt cfg_space pvinfo)

# Runs of the check pass: a few seconds each on an idle machine.
declare -A check_runs=(
	[cmd_parser]=20000 [cmd_exec]=10000 [mmio]=3000 [gtt]=10000
	[cfg_space]=100000 [pvinfo]=3000
)
# Targets that share another's seeds.
declare -A seeds_of=([cmd_exec]=cmd_parser)
check_cap=30	# seconds, whatever the runs (a loaded machine)
# Longest input: operation streams up to 128 operations; the parser's
# guest memory as large as its seeds make it.
declare -A max_len=([mmio]=2048 [gtt]=2048 [cfg_space]=2048 [pvinfo]=2048)

mode=fuzz
time=${FUZZ_TIME:-180}
results=
while (($#)); do
	case $1 in
	--time) time=$2; shift 2 ;;
	--check)
		mode=check
		shift
		if (($#)) && [[ $1 != -* && ! " ${all_targets[*]} " == *" $1 "* ]]; then
			results=$1
			shift
		fi
		;;
	-h | --help) sed -n '4,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) break ;;
	esac
done
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

result() {	# result STATUS NAME [REASON]
	local line="$1 $2${3:+ # $3}"

	echo "$line"
	[[ -z $results ]] || echo "$line" >>"$results"
}

# Findings in a directory, newest first.
findings_in() {
	find "$1" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' \
		-o -name 'timeout-*' -o -name 'oom-*' \) -printf '%T@ %f\n' |
		sort -rn | cut -d' ' -f2
}

# The first line that says what went wrong in a libFuzzer log.
what() {
	grep -m1 -E '^mvgpu-fuzz: |ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|^SUMMARY: ' "$1" |
		sed -E 's/^mvgpu-fuzz: //; s#'"$repo"'/##g' | cut -c1-200
}

if ! make --no-print-directory -C "$here" all >"$out/fuzz-build.log" 2>&1; then
	if [[ $mode == check ]]; then
		result FAIL fuzz/build "see $out/fuzz-build.log"
		for t in "${targets[@]}"; do
			result SKIP "fuzz/$t" "not built"
		done
	else
		cat "$out/fuzz-build.log" >&2
	fi
	exit 1
fi

status=0
if [[ $mode == check ]]; then
	mkdir -p "$out/logs/fuzz"
	for t in "${targets[@]}"; do
		log=$out/logs/fuzz/$t.log
		scratch=$(mktemp -d)
		mkdir -p "$bin/findings/$t"
		start=$SECONDS
		"$bin/fuzz_$t" -seed=1 -runs="${check_runs[$t]}" \
			-max_total_time=$check_cap -timeout=30 -print_final_stats=1 \
			-artifact_prefix="$bin/findings/$t/check-" \
			"$scratch" "$here/corpus/${seeds_of[$t]:-$t}" >"$log" 2>&1
		rc=$?
		rm -rf "$scratch"
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		if ((rc == 0)); then
			result PASS "fuzz/$t" "${runs:-?} runs in $((SECONDS - start)) s"
		else
			result FAIL "fuzz/$t" "$(what "$log"); see $log"
			status=1
		fi
	done
	exit $status
fi

summary=()
for t in "${targets[@]}"; do
	corpus=$bin/corpus/$t
	findings=$bin/findings/$t
	log=$bin/fuzz-$t.log
	mkdir -p "$corpus" "$findings"
	before=$(findings_in "$findings" | wc -l)
	: >"$log"
	echo "== fuzz/$t: $time s (log: $log)"
	units=0 spent=0 start=$SECONDS
	# After a finding libFuzzer stops: start it again for the time left.
	while ((SECONDS - start < time)); do
		left=$((time - (SECONDS - start)))
		"$bin/fuzz_$t" -max_total_time=$left -timeout=30 -rss_limit_mb=3072 \
			${max_len[$t]:+-max_len=${max_len[$t]}} \
			-print_final_stats=1 -artifact_prefix="$findings/" \
			"$corpus" "$here/corpus/${seeds_of[$t]:-$t}" >"$log.run" 2>&1
		rc=$?
		cat "$log.run" >>"$log"
		n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log.run")
		units=$((units + ${n:-0}))
		((rc == 0)) && break
		echo "   finding: $(what "$log.run")"
		sleep 1
	done
	rm -f "$log.run"
	spent=$((SECONDS - start))
	after=$(findings_in "$findings" | wc -l)
	new=$((after - before))
	files=$(find "$corpus" -type f | wc -l)
	bytes=$(du -sk "$corpus" | cut -f1)
	line=$(printf 'fuzz/%-10s %6d exec/s  %8d runs in %4d s  corpus %5d files (%d KiB)  %d findings' \
		"$t" $((units / (spent ? spent : 1))) "$units" "$spent" "$files" "$bytes" "$new")
	summary+=("$line")
	if ((new)); then
		status=1
		while read -r f; do
			summary+=("    $findings/$f")
		done < <(findings_in "$findings" | head -n "$new")
	fi
done
echo
printf '%s\n' "${summary[@]}"
exit $status
