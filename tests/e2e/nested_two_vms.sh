#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# mvgpu-timeout: 1500
#
# Two VMs, each with a vGPU on the same software GPU (sgpu0), render at the
# same time through their guest drivers, and the host's scheduler shares
# the render engine between them as its policy says.
#
# Two nested QEMUs boot at once (the test kernel, a busybox initramfs with
# mvgpu_drm and tools/build/drm/mvgpu-drm-test); each loads the driver and
# says SHARE-READY.  With sgpu0's policy set to equal_share, the host tells
# both to start: each keeps its render engine busy for share_s (60) seconds
# (mvgpu-drm-test --only load: SAXPY jobs, two in flight, the last result
# checked).  Once both run, the host reads the two vGPUs' busy_ns from
# debugfs (mvgpu/<pgpu>/vgpu<id>/sched), and again share_window seconds
# later: each vGPU's part of the busy time must be one half, within 0.15
# (nested TCG is noisy).  The policy is restored and the vGPUs removed.
#
# Runs inside the test VM (tests/vm/guest-run.sh; MVGPU_IN_VM, MVGPU_KERNEL).
# The watchdog is on progress: a QEMU is stopped when its console has not
# grown for MVGPU_NESTED_STALL seconds (300) while the host waits for it.
# shellcheck disable=SC2317 # functions run from traps
set -uo pipefail
# shellcheck source=tests/e2e/lib/guest_ird.sh
. "$(dirname "$0")/lib/guest_ird.sh"

parent=${MVGPU_PARENT:-sgpu0}
type=${MVGPU_TYPE:-mvgpu_sgpu-V1_4}
factor=${MVGPU_TIMEOUT_FACTOR:-1}
stall=$((${MVGPU_NESTED_STALL:-300} * factor))
timeout=$((${MVGPU_NESTED_TIMEOUT:-1300} * factor))
art=${MVGPU_ARTIFACTS:-$(mktemp -d)}
mkdir -p "$art"
work=$(mktemp -d)
share_s=$((60 * factor)) share_window=20
policy_file=/sys/class/mdev_bus/$parent/mvgpu/sched_policy
policy_saved=
uuids=() qpids=()

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
nok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
diag() { sed 's/^/# /'; }

cleanup() {
	local u p
	for p in "${qpids[@]}"; do
		kill -KILL "$p" 2>/dev/null
	done
	[[ -n $policy_saved ]] && echo "$policy_saved" >"$policy_file"
	for u in "${uuids[@]}"; do
		[[ -e /sys/bus/mdev/devices/$u ]] &&
			echo 1 >"/sys/bus/mdev/devices/$u/remove" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT

if [[ -z ${MVGPU_IN_VM:-} || ! -f ${MVGPU_KERNEL:-} ]]; then
	echo "1..0 # SKIP needs the test VM (MVGPU_IN_VM, MVGPU_KERNEL)"
	exit 0
fi
drmtest=${MVGPU_REPO:-.}/tools/build/drm/mvgpu-drm-test
if [[ ! -x $drmtest ]]; then
	echo "1..0 # SKIP $drmtest missing (make tools, with libdrm-dev)"
	exit 0
fi

# --- The vGPUs ------------------------------------------------------------------
create=/sys/class/mdev_bus/$parent/mdev_supported_types/$type/create
for i in 0 1; do
	u=$(cat /proc/sys/kernel/random/uuid)
	if echo "$u" >"$create" 2>"$work/create.err" && [[ -e /sys/bus/mdev/devices/$u ]]; then
		uuids+=("$u")
	else
		nok "create vGPU $i ($parent/$type)"
		diag <"$work/create.err"
		exit 1
	fi
done
ok "two vGPUs on $parent (${uuids[*]})"

# --- The initramfs: the driver's modules, the test program --------------------
ird=$work/ird
guest_ird "$ird" "$drmtest"
echo "$share_s" >"$ird/etc/share_s"
guest_init "$ird" <<'INIT'
echo SHARE-READY
read -r _
# Straight to the console: the host watches for "# LOAD-START" as it comes.
/bin/mvgpu-drm-test --only load --load-seconds "$(cat /etc/share_s)" 2>&1
echo NESTED-DONE
poweroff -f
INIT
guest_ird_pack "$ird" "$work/nested.cpio.gz"

# --- Boot both ------------------------------------------------------------------
start=$SECONDS
for i in 0 1; do
	mkfifo "$work/in$i"
	qemu-system-x86_64 -m 512M -nographic -no-reboot -nic none -vga none \
		-kernel "$MVGPU_KERNEL" -initrd "$work/nested.cpio.gz" \
		-append 'console=ttyS0 panic=-1 lockdep.prove_locking=0' \
		-device "vfio-pci,sysfsdev=/sys/bus/mdev/devices/${uuids[$i]}" \
		<"$work/in$i" >"$art/vm$i-console.log" 2>"$art/vm$i-stderr.log" &
	qpids+=($!)
done
# Hold the consoles' inputs open (the guests read "go" from them).
exec 3<>"$work/in0" 4<>"$work/in1"

# busy_ns of the render engine of vGPU $1, from debugfs.
busy_ns() {
	local id
	id=$(cat "/sys/bus/mdev/devices/$1/mvgpu/vgpu_id" 2>/dev/null)
	awk -F'busy_ns=' '/^rcs:/ { split($2, a, " "); print a[1]; exit }' \
		"/sys/kernel/debug/mvgpu/$parent/vgpu$id/sched" 2>/dev/null
}
alive() { kill -0 "${qpids[0]}" 2>/dev/null || kill -0 "${qpids[1]}" 2>/dev/null; }
has() { grep -q "$1" "$art/vm0-console.log" && grep -q "$1" "$art/vm1-console.log"; }

why='' go='' s0='' s1='' t_s0=0 size=-1 progress=$SECONDS
while alive; do
	sleep 2
	sz=$(($(stat -c %s "$art/vm0-console.log") + $(stat -c %s "$art/vm1-console.log")))
	((sz != size)) && size=$sz progress=$SECONDS
	if [[ -z $go ]] && has '^SHARE-READY'; then
		policy_saved=$(cat "$policy_file")
		echo equal_share >"$policy_file"
		echo go >&3
		echo go >&4
		go=$SECONDS
		echo "# both guests ready after $((SECONDS - start)) s; policy equal_share"
	fi
	if [[ -n $go && -z $s0 ]] && has 'LOAD-START'; then
		sleep 3
		s0="$(busy_ns "${uuids[0]}") $(busy_ns "${uuids[1]}") $(date +%s%N)"
		t_s0=$SECONDS
	fi
	if [[ -n $s0 && -z $s1 ]] && ((SECONDS - t_s0 >= share_window)); then
		s1="$(busy_ns "${uuids[0]}") $(busy_ns "${uuids[1]}") $(date +%s%N)"
		# Both must still have been loading at the end of the window.
		grep -q 'LOAD-DONE' "$art/vm0-console.log" "$art/vm1-console.log" &&
			s1="ended $s1"
	fi
	if ((SECONDS - progress > stall)); then
		why="no console output for ${stall}s"
	elif ((SECONDS - start > timeout)); then
		why="still running after ${timeout}s"
	fi
	[[ -n $why ]] && break
done
for i in 0 1; do
	kill -KILL "${qpids[$i]}" 2>/dev/null
	wait "${qpids[$i]}"
done
qpids=()
exec 3>&- 4>&-
[[ -n $policy_saved ]] && echo "$policy_saved" >"$policy_file" && policy_saved=
echo "# nested QEMUs done after $((SECONDS - start)) s${why:+ ($why)}"

# --- Results ----------------------------------------------------------------
for i in 0 1; do
	c=$art/vm$i-console.log
	if grep -q '^GUEST-MODPROBE rc=0' "$c" && grep -q '^NESTED-DONE' "$c"; then
		ok "VM $i: the guest driver binds, the guest runs to the end"
	else
		nok "VM $i: the guest driver binds, the guest runs to the end${why:+ ($why)}"
		tail -n 15 "$c" | diag
	fi
	if tr -d '\r' <"$c" | grep -q '^ok [0-9]* - load: [0-9]* jobs'; then
		ok "VM $i: its load ran with exact results ($(tr -d '\r' <"$c" |
			grep -m1 -o 'load: [0-9]* jobs[^(]*'))"
	else
		nok "VM $i: its load ran with exact results"
		grep '^\(not \)\{0,1\}ok\|LOAD' "$c" | diag
	fi
done
read -r a0 b0 t0 <<<"$s0"
read -r a1 b1 t1 <<<"$s1"
if [[ $s1 != ended* && -n ${a0:-} && -n ${b0:-} && -n ${a1:-} && -n ${t1:-} ]] &&
	((t1 > t0)); then
	sa=$(((a1 - a0) * 1000 / (t1 - t0))) sb=$(((b1 - b0) * 1000 / (t1 - t0)))
	rel=$((sa + sb > 0 ? sa * 1000 / (sa + sb) : 0))
	echo "# over ${share_window} s: VM 0 busy $sa/1000 of the time, VM 1 $sb/1000; VM 0's part of the busy time $rel/1000"
	if ((sa > 0 && sb > 0 && rel >= 350 && rel <= 650)); then
		ok "the host shares the render engine between the two VMs as equal_share says (VM 0: $rel/1000 of the busy time)"
	else
		nok "the host shares the render engine between the two VMs as equal_share says (VM 0: $rel/1000 of the busy time, want 500 +- 150)"
	fi
else
	nok "the host shares the render engine between the two VMs (no measurement: '$s0' '$s1')"
fi
for u in "${uuids[@]}"; do
	echo 1 >"/sys/bus/mdev/devices/$u/remove" 2>/dev/null
done
left=0
for u in "${uuids[@]}"; do
	[[ -e /sys/bus/mdev/devices/$u ]] && left=1
done
if ((left)); then
	nok "both vGPUs removed"
else
	ok "both vGPUs removed"
	uuids=()
fi
exit "$failed"
