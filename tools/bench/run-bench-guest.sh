#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-bench-guest.sh [-n COUNT] - the guest DRM driver against the host's
# userspace driver: the same jobs, side by side.
#
# Meant for the test VM (as root, mvgpu and mvgpu_sgpu loaded, MVGPU_KERNEL
# the test kernel's bzImage, as scripts/vm.sh exports it), e.g.
#   scripts/vm.sh -c '"$MVGPU_REPO"/tools/bench/run-bench-guest.sh'
#  1. creates a vGPU of $MVGPU_BENCH_TYPE (default V1_4) on $MVGPU_PGPU
#     (default sgpu0), runs tools/build/bench/mvgpu-bench-guest on it
#     (COUNT jobs of each kind, default $MVGPU_BENCH_COUNT or 200, through
#     VFIO from this VM's userspace) and removes it;
#  2. creates another one and boots a nested QEMU with it as
#     tests/e2e/nested_qemu.sh does (busybox initramfs with the DRM
#     modules, -device vfio-pci,sysfsdev=...,display=on); its init loads
#     mvgpu_drm and runs tools/build/drm/mvgpu-drm-bench --count COUNT,
#     whose lines it prints prefixed with "GUEST-BENCH ", then powers off.
#     The nested console goes to $MVGPU_ARTIFACTS (or $MVGPU_OUT, or a
#     temporary directory)/bench-guest-console.log.  Nested QEMU is TCG
#     inside TCG: the watchdog is on progress, QEMU is stopped when the
#     console has not grown for MVGPU_NESTED_STALL seconds (600) or after
#     MVGPU_NESTED_TIMEOUT (2400), both times MVGPU_TIMEOUT_FACTOR;
#  3. prints the table: per kind (small: one MI_STORE_DATA_IMM; large:
#     SAXPY over 4 MiB) the jobs per second and mean latency on both sides,
#     guest/host, the guest's extra microseconds per job, and the flip rate.
# Both sides run one job at a time on the render engine, each job as one
# ring submission: LRI of the PML4, a PPGTT batch, a GGTT breadcrumb,
# MI_USER_INTERRUPT (drivers/gpu/drm/mvgpu/mvgpu_engine.c).  Build the
# binaries first: "make -C tools" (mvgpu-drm-bench needs libdrm-dev).
# Exit status: 0 if both sides produced their results.
#
# Copyright (C) 2026 The mvgpu developers
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=${MVGPU_REPO:-$here/../..}
# shellcheck source=tests/e2e/lib/guest_ird.sh
. "$repo/tests/e2e/lib/guest_ird.sh"
bin=${MVGPU_BENCH_BIN:-$here/../build/bench/mvgpu-bench-guest}
drmbench=$repo/tools/build/drm/mvgpu-drm-bench
pgpu=${MVGPU_PGPU:-sgpu0}
type=${MVGPU_BENCH_TYPE:-V1_4}
count=${MVGPU_BENCH_COUNT:-200}
factor=${MVGPU_TIMEOUT_FACTOR:-1}
nested_timeout=$((${MVGPU_NESTED_TIMEOUT:-2400} * factor))
nested_stall=$((${MVGPU_NESTED_STALL:-600} * factor))
typedir=/sys/class/mdev_bus/$pgpu/mdev_supported_types/mvgpu_sgpu-$type

die() { echo "run-bench-guest.sh: $*" >&2; exit 1; }

while getopts n:h opt; do
	case $opt in
	n) count=$OPTARG ;;
	*) sed -n '3,/^set -u/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 2 ;;
	esac
done
[[ $count =~ ^[1-9][0-9]*$ ]] || die "COUNT must be a positive number"

[[ -x $bin ]] || die "$bin is missing (make -C tools bench)"
[[ -x $drmbench ]] || die "$drmbench is missing (make -C tools; needs libdrm-dev)"
[[ $(id -u) == 0 ]] || die "must run as root (in the test VM)"
[[ -d /sys/class/mdev_bus/$pgpu ]] ||
	die "no pGPU $pgpu: are the mvgpu and mvgpu_sgpu modules loaded?"
[[ -w $typedir/create ]] || die "no vGPU type $type on $pgpu"
[[ -f ${MVGPU_KERNEL:-} ]] || die "MVGPU_KERNEL (the test kernel's bzImage) is not set or missing"
command -v qemu-system-x86_64 >/dev/null || die "no qemu-system-x86_64"
modprobe --show-depends mvgpu_drm >/dev/null 2>&1 ||
	die "modprobe finds no mvgpu_drm for $(uname -r)"

art=${MVGPU_ARTIFACTS:-${MVGPU_OUT:-}}
work=$(mktemp -d)
[[ -n $art ]] || art=$work
mkdir -p "$art"
uuid=
qpid=
# shellcheck disable=SC2317 # called through the trap
cleanup() {
	[[ -n $qpid ]] && kill -KILL "$qpid" 2>/dev/null
	if [[ -n $uuid && -e /sys/bus/mdev/devices/$uuid ]]; then
		echo 1 >"/sys/bus/mdev/devices/$uuid/remove" ||
			echo "run-bench-guest.sh: could not remove vGPU $uuid" >&2
	fi
	[[ $art == "$work" ]] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

create() {
	uuid=$(cat /proc/sys/kernel/random/uuid)
	echo "$uuid" >"$typedir/create" || die "could not create a $type vGPU on $pgpu"
}
remove() {
	echo 1 >"/sys/bus/mdev/devices/$uuid/remove" ||
		die "could not remove vGPU $uuid"
	uuid=
}

echo "# guest DRM driver against the host's userspace driver, $count jobs of each kind, $type vGPUs of $pgpu ($(uname -r), $(nproc) CPUs)"

# --- 1. The host side ----------------------------------------------------------
create
echo
"$bin" -n "$count" "$uuid" | tee "$work/host.out"
hrc=${PIPESTATUS[0]}
((hrc == 0)) || echo "run-bench-guest.sh: mvgpu-bench-guest failed ($hrc)" >&2
remove

# --- 2. The guest side: a nested VM with the guest driver ---------------------
create
ird=$work/ird
guest_ird "$ird" "$drmbench"
echo "$count" >"$ird/etc/count"
guest_init "$ird" <<'INIT'
for c in /sys/class/drm/*; do echo "GUEST-NODE ${c##*/}"; done
echo GUEST-BENCH-START
# Its output is a pipe (buffered until it exits): a line a minute for the
# host's progress watchdog meanwhile.
(while sleep 60; do echo GUEST-BENCH-RUNNING; done) &
hb=$!
/bin/mvgpu-drm-bench --count "$(cat /etc/count)" 2>&1 | sed 's/^/GUEST-BENCH /'
kill "$hb"
dmesg | grep 'WARNING\|BUG\|Oops\|mvgpu.*\(error\|ERROR\)' | sed 's/^/GUEST-SPLAT /'
echo NESTED-DONE
poweroff -f
INIT
guest_ird_pack "$ird" "$work/nested.cpio.gz"

console=$art/bench-guest-console.log
echo
echo "# booting a nested guest with vGPU $uuid (console: $console)"
start=$SECONDS
qemu-system-x86_64 -m 512M -nographic -no-reboot \
	-nic none -vga none -kernel "$MVGPU_KERNEL" -initrd "$work/nested.cpio.gz" \
	-append 'console=tty0 console=ttyS0 panic=-1 lockdep.prove_locking=0' \
	-device "vfio-pci,sysfsdev=/sys/bus/mdev/devices/$uuid,display=on" \
	</dev/null >"$console" 2>"$art/bench-guest-qemu-stderr.log" &
qpid=$!
why='' size=-1 progress=$SECONDS
while kill -0 "$qpid" 2>/dev/null; do
	sleep 2
	s=$(stat -c %s "$console" 2>/dev/null || echo 0)
	((s != size)) && size=$s progress=$SECONDS
	if ((SECONDS - progress > nested_stall)); then
		why="no console output for ${nested_stall}s"
	elif ((SECONDS - start > nested_timeout)); then
		why="still running after ${nested_timeout}s"
	fi
	[[ -n $why ]] && { kill -KILL "$qpid" 2>/dev/null; break; }
done
wait "$qpid"
qrc=$?
qpid=
echo "# nested QEMU exited with $qrc after $((SECONDS - start)) s${why:+ ($why)}"
remove
tr -d '\r' <"$console" >"$work/console"
grep '^GUEST-MODPROBE\|^GUEST-BENCH \|^GUEST-SPLAT' "$work/console"
if ! grep -q '^NESTED-DONE' "$work/console"; then
	echo "run-bench-guest.sh: the nested guest did not finish; its console ends with:" >&2
	tail -n 20 "$work/console" >&2
	cat "$art/bench-guest-qemu-stderr.log" >&2
fi

# --- 3. Side by side ------------------------------------------------------------
# field FILE PREFIX KIND KEY: the number after KEY= on the line "PREFIX KIND ...".
field() {
	awk -v p="$2" -v k="$3" -v key="$4" '
		{ sub(/^GUEST-BENCH /, "") }
		$1 == p && $2 == k {
			for (i = 3; i <= NF; i++)
				if (split($i, kv, "=") == 2 && kv[1] == key) { print kv[2]; exit }
		}' "$1"
}
ok=1
declare -A v
for k in small large; do
	v[h_tput_$k]=$(field "$work/host.out" host "$k" jobs_per_s)
	v[h_lat_$k]=$(field "$work/host.out" host "$k" latency_us)
	v[g_tput_$k]=$(field "$work/console" drm "$k" jobs_per_s)
	v[g_lat_$k]=$(field "$work/console" drm "$k" latency_us)
	for x in h_tput h_lat g_tput g_lat; do
		[[ -n ${v[${x}_$k]} ]] || ok=0
	done
done
flips=$(field "$work/console" drm flips per_s)

echo
echo "# guest DRM driver (nested VM, mvgpu-drm-bench) against the host's userspace driver (mvgpu-bench-guest), $count jobs of each kind"
printf '%-6s %12s %12s %8s %12s %12s %12s\n' kind host_jobs/s guest_jobs/s guest/host \
	host_lat_us guest_lat_us overhead_us
for k in small large; do
	awk -v k="$k" -v ht="${v[h_tput_$k]}" -v hl="${v[h_lat_$k]}" \
		-v gt="${v[g_tput_$k]}" -v gl="${v[g_lat_$k]}" 'BEGIN {
		r = (ht != "" && gt != "" && ht > 0) ? sprintf("%.3f", gt / ht) : "-"
		o = (hl != "" && gl != "") ? sprintf("%.1f", gl - hl) : "-"
		printf "%-6s %12s %12s %8s %12s %12s %12s\n", k,
			ht == "" ? "-" : ht, gt == "" ? "-" : gt, r,
			hl == "" ? "-" : hl, gl == "" ? "-" : gl, o
	}'
done
if [[ -n $flips ]]; then
	echo "flips  ${flips} per s (guest, DRM_MODE_PAGE_FLIP_EVENT on the vGPU's primary plane)"
else
	why=$(grep -m1 '^GUEST-BENCH # drm flips' "$work/console" | sed 's/^GUEST-BENCH # //')
	echo "flips  - (${why:-no result})"
fi
if ((ok)); then
	awk -v hs="${v[h_lat_small]}" -v gs="${v[g_lat_small]}" \
		-v hl="${v[h_lat_large]}" -v gl="${v[g_lat_large]}" 'BEGIN {
		printf "note: hand-offs: per job the guest path adds the nested VM exits of the guest'"'"'s MMIO (the TAIL write,\n"
		printf "      the interrupt handler'"'"'s IIR and master-control accesses) and the interrupt injection, plus the\n"
		printf "      drm_sched worker hand-off (IRQ -> fence -> scheduler work -> run_job) and the ioctls; measured:\n"
		printf "      small %+.1f us per job = %.2f host small-job latencies (%.1f us); large %+.1f us per job = %.2f\n",
			gs - hs, (gs - hs) / hs, hs, gl - hl, (gl - hl) / hs
		printf "      host small-job latencies (the SAXPY itself, %.1f us per job on the host, is the same work on both sides)\n", hl
	}'
fi
((ok && hrc == 0)) || { echo "run-bench-guest.sh: a side produced no results" >&2; exit 1; }
exit 0
