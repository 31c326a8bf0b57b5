#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Add up result files ("PASS|FAIL|SKIP name [# reason]" lines, see
# scripts/lib.sh) and print them, then the failures again, then the last
# line "N passed, N failed, N skipped".  Exits 1 if anything failed or if
# there were no results at all.
#
#   scripts/summary.sh FILE...
set -euo pipefail

pass=0 fail=0 skip=0
failures=()
echo "==================== mvgpu test results ===================="
for f in "$@"; do
	[[ -f $f ]] || continue
	while IFS= read -r line; do
		case $line in
		"PASS "*) pass=$((pass + 1)) ;;
		"SKIP "*) skip=$((skip + 1)) ;;
		"FAIL "*) fail=$((fail + 1)); failures+=("$line") ;;
		*) continue ;;
		esac
		echo "$line"
	done <"$f"
done
if ((fail)); then
	echo "-------------------- failures --------------------"
	printf '%s\n' "${failures[@]}"
fi
echo "============================================================"
echo "$pass passed, $fail failed, $skip skipped"
((fail == 0 && pass + skip > 0))
