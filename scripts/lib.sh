# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers shared by the scripts/ tools.  Source it; do not run it.
#
# Result files (build/results/*.txt, build/vm/*/results.txt) hold one line
# per test:  "PASS <name>", "FAIL <name>" or "SKIP <name>", optionally
# followed by " # <reason>".  scripts/summary.sh adds them up.

MVGPU_REPO=${MVGPU_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
MVGPU_CACHE=${MVGPU_CACHE:-/var/cache/mvgpu}
MVGPU_BUILD=${MVGPU_BUILD:-$MVGPU_REPO/build}

# result FILE STATUS NAME [REASON]: append one result line.
result() {
	local file=$1 status=$2 name=$3 reason=${4:-}
	printf '%s %s%s\n' "$status" "$name" "${reason:+ # $reason}" >>"$file"
}

# kunit_json_results PREFIX JSON: print result lines for every test case of
# a `kunit.py ... --json` file (parameterised cases flattened with dots).
kunit_json_results() {
	python3 - "$1" "$2" <<'PY'
import json, sys
prefix, path = sys.argv[1], sys.argv[2]
status = {"PASS": "PASS", "SKIP": "SKIP"}
def walk(group, names):
    n = names + ([group["name"]] if group.get("name") else [])
    for case in group.get("test_cases", []):
        st = status.get(case["status"], "FAIL")
        line = st + " " + prefix + ".".join(n + [case["name"]])
        print(line if st != "FAIL" else line + " # " + case["status"])
    for sub in group.get("sub_groups", []):
        walk(sub, n)
top = json.load(open(path))
top["name"] = ""  # "KUnit Test Group"
walk(top, [])
PY
}
