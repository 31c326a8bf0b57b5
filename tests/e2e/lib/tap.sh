# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# tap.sh - plan-less TAP for the shell end-to-end tests (POSIX sh).
# Source it; it keeps the counts in $n and $failed.
#
#   ok DESCRIPTION / not_ok DESCRIPTION    one test point
#   check DESCRIPTION COMMAND...           a test point from the command's
#                                          status, which it returns
#   diag TEXT                              "# "-prefixed diagnostics
#   tap_summary                            the closing diagnostic; status 0
#                                          if points ran and none failed
#
# Copyright (C) 2026 The mvgpu developers

n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
}

diag() {
	# shellcheck disable=SC2001 # prefix every line of a multi-line text
	echo "$*" | sed 's/^/# /'
}

check() {
	_tap_desc=$1
	shift
	if "$@"; then
		ok "$_tap_desc"
		return 0
	fi
	not_ok "$_tap_desc"
	return 1
}

tap_summary() {
	diag "$n test points, $failed failed"
	[ "$n" -gt 0 ] && [ "$failed" -eq 0 ]
}
