#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# mvgpu-timeout: 1500
#
# Live migration of a VM with a vGPU, through QEMU, while the guest renders.
#
# vGPU A on sgpu0 and vGPU B on sgpu1 (created for the test if missing),
# same type; B is placed like A (mvgpu/aperture_base, mvgpu/hidden_base).
# A nested QEMU (the source) boots the test kernel with a busybox initramfs
# holding the guest driver (mvgpu_drm), modetest and mvgpu-drm-test, and
# A as vfio-pci (display=on, enable-migration=on).  The guest sets the
# first EDID mode with modetest's plain pattern (every byte 0x77) and
# keeps it on the screen, then renders in a loop through its render node
# (mvgpu-drm-test saxpy, checksum and a load of SAXPY jobs, each result
# checked), printing every line on its serial console.  A second QEMU (the
# destination) with B and the same machine waits with -incoming defer; the
# host migrates the source to it over a UNIX socket (QMP migrate) while
# the source's load runs, polls query-migrate, and prints
#   # migration: downtime_ms=... total_ms=... device_state_bytes=...
# Then the source is in postmigrate, the destination runs, its guest
# finishes the interrupted iteration (usually stopped inside its load; a
# migration slower than the load stops it later, which the test reports)
# and one more with exact results, its QMP screendump is still the pattern, B did the work, and the host kernel
# logged no splat and no migration error.  Both QEMUs quit; the vGPUs (and
# sgpu1, if the test created it) are removed.
#
# Runs inside the test VM (tests/vm/guest-run.sh: MVGPU_IN_VM, MVGPU_KERNEL).
# Only the source boots (TCG inside TCG: one to two minutes); the watchdog
# is on progress: a wait ends when the console watched has not grown for
# MVGPU_NESTED_STALL seconds (300), and everything after
# MVGPU_NESTED_TIMEOUT (1300), both times MVGPU_TIMEOUT_FACTOR.
# shellcheck disable=SC2317 # functions run from traps
set -uo pipefail
# shellcheck source=tests/e2e/lib/guest_ird.sh
. "$(dirname "$0")/lib/guest_ird.sh"

parent_a=${MVGPU_PARENT:-sgpu0}
parent_b=sgpu1
type=${MVGPU_TYPE:-mvgpu_sgpu-V1_4}
factor=${MVGPU_TIMEOUT_FACTOR:-1}
stall=$((${MVGPU_NESTED_STALL:-300} * factor))
timeout=$((${MVGPU_NESTED_TIMEOUT:-1300} * factor))
mig_timeout=$((600 * factor))
load_s=30
art=${MVGPU_ARTIFACTS:-$(mktemp -d)}
mkdir -p "$art"
work=$(mktemp -d)
repo=${MVGPU_REPO:-.}
mdevs=/sys/bus/mdev/devices
uuid_a='' uuid_b='' made_sgpu1='' spid='' dpid=''
ddebug=/sys/kernel/debug/dynamic_debug/control
ddebug_on=''

n=0 failed=0
# ok DESC [DETAIL], nok DESC [DETAIL]: a test point with a stable
# description; what varies from run to run goes to a diagnostic line.
ok() { n=$((n + 1)); echo "ok $n - $1"; [[ -z ${2:-} ]] || echo "# $2"; }
nok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; [[ -z ${2:-} ]] || echo "# $2"; }
diag() { sed 's/^/# /'; }

cleanup() {
	local p u
	for p in "$spid" "$dpid"; do
		[[ -n $p ]] && kill -KILL "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	if [[ -n $ddebug_on ]]; then
		echo 'module mvgpu file migration.c -p' >"$ddebug" 2>/dev/null
		echo 'module mvgpu file migrate.c -p' >"$ddebug" 2>/dev/null
	fi
	for u in "$uuid_a" "$uuid_b"; do
		[[ -n $u && -e $mdevs/$u ]] && echo 1 >"$mdevs/$u/remove" 2>/dev/null
	done
	[[ -n $made_sgpu1 && -e /sys/bus/mvgpu_sgpu/devices/$parent_b ]] &&
		echo "${parent_b#sgpu}" >/sys/bus/mvgpu_sgpu/del_device 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

if [[ -z ${MVGPU_IN_VM:-} || ! -f ${MVGPU_KERNEL:-} ]]; then
	echo "1..0 # SKIP needs the test VM (MVGPU_IN_VM, MVGPU_KERNEL)"
	exit 0
fi
drmtest=$repo/tools/build/drm/mvgpu-drm-test
modetest=$(command -v modetest)
if [[ ! -x $drmtest || -z $modetest ]]; then
	echo "1..0 # SKIP $drmtest or modetest missing (make tools, libdrm-tests)"
	exit 0
fi
qver=$(qemu-system-x86_64 --version 2>&1 | head -n 1)
qmajor=$(sed -n 's/^QEMU emulator version \([0-9]\{1,\}\)\..*/\1/p' <<<"$qver")
if [[ -z $qmajor ]] || ((qmajor < 10)); then
	nok "QEMU is version 10 or newer (VFIO migration v2)" "found '${qver:-none}'"
	exit 1
fi
t_start=$SECONDS
echo "mvgpu-test: nested_migrate start" >/dev/kmsg

# --- 1. Two software GPUs, a vGPU on each, B placed like A ---------------------
if [[ ! -e /sys/bus/mvgpu_sgpu/devices/$parent_b ]]; then
	if echo "${parent_b#sgpu}" >/sys/bus/mvgpu_sgpu/new_device 2>"$work/new.err"; then
		made_sgpu1=1
	else
		nok "create the second software GPU" "$parent_b: $(cat "$work/new.err")"
		exit 1
	fi
fi
for _ in $(seq 50); do
	[[ -e /sys/class/mdev_bus/$parent_b/mdev_supported_types/$type/create ]] && break
	sleep 0.2
done
create() {	# create PARENT: prints the UUID of a new vGPU of $type on it
	local u
	u=$(cat /proc/sys/kernel/random/uuid)
	echo "$u" >"/sys/class/mdev_bus/$1/mdev_supported_types/$type/create" 2>"$work/create.err" &&
		[[ -e $mdevs/$u ]] && echo "$u"
}
uuid_a=$(create "$parent_a")
uuid_b=$(create "$parent_b")
if [[ -n $uuid_a && -n $uuid_b ]]; then
	ok "vGPU A on the first software GPU, vGPU B on the second" "$parent_a, $parent_b, $type"
	echo "# A $uuid_a, B $uuid_b${made_sgpu1:+ ($parent_b created by the test)}"
else
	nok "vGPU A on the first software GPU, vGPU B on the second" "$parent_a, $parent_b, $type"
	diag <"$work/create.err"
	exit 1
fi
attr() { cat "$mdevs/$1/mvgpu/$2" 2>/dev/null; }
ap_a=$(attr "$uuid_a" aperture_base) hid_a=$(attr "$uuid_a" hidden_base)
echo "# A: aperture_base $ap_a hidden_base $hid_a; B before: $(attr "$uuid_b" aperture_base) $(attr "$uuid_b" hidden_base)"
{ echo "$ap_a" >"$mdevs/$uuid_b/mvgpu/aperture_base" &&
	echo "$hid_a" >"$mdevs/$uuid_b/mvgpu/hidden_base"; } 2>"$work/place.err"
ap_b=$(attr "$uuid_b" aperture_base) hid_b=$(attr "$uuid_b" hidden_base)
if [[ -n $ap_a && -n $hid_a && $ap_b == "$ap_a" && $hid_b == "$hid_a" ]]; then
	ok "B is placed like A" "aperture_base $ap_b, hidden_base $hid_b"
else
	nok "B is placed like A" "A: $ap_a $hid_a, B: $ap_b $hid_b"
	diag <"$work/place.err"
fi
# The device-state sizes and state changes, in the kernel log.
if [[ -w $ddebug ]] && echo 'module mvgpu file migration.c +p' >"$ddebug" 2>/dev/null; then
	echo 'module mvgpu file migrate.c +p' >"$ddebug" 2>/dev/null
	ddebug_on=1
fi

# --- 2. The initramfs ----------------------------------------------------------
ird=$work/ird
guest_ird "$ird" "$drmtest" "$modetest"
echo "$load_s" >"$ird/etc/load_s"
# The guest: the driver, modetest holding a plain pattern on the screen
# (its stdin, a FIFO, never gets the line it waits for), then the render
# loop.  Every line of an iteration I is "WORK I ..."; it ends with
# "WORK I WORKRC <status>" and "WORK-END I modetest=alive|gone".
guest_init "$ird" <<'INIT'
modetest -M mvgpu -c >/tmp/mt.c 2>&1
conn=$(awk '$3 == "connected" { print $1; exit }' /tmp/mt.c)
size=$(awk '$1 == "#0" { print $2; exit }' /tmp/mt.c)
mkfifo /tmp/mt.in
modetest -M mvgpu -s "$conn:#0" -F plain </tmp/mt.in >/tmp/mt.out 2>&1 &
mpid=$!
exec 5>/tmp/mt.in
sleep 3
echo "PATTERN-SET $conn $size $(grep -m1 'setting mode' /tmp/mt.out)"
i=0
while :; do
	i=$((i + 1))
	echo "WORK-BEGIN $i"
	{ /bin/mvgpu-drm-test --only saxpy,checksum,load --load-seconds "$(cat /etc/load_s)"
	  echo "WORKRC $?"; } 2>&1 | while read -r l; do echo "WORK $i $l"; done
	if kill -0 "$mpid" 2>/dev/null; then m=alive; else m=gone; fi
	echo "WORK-END $i modetest=$m"
done
INIT
guest_ird_pack "$ird" "$work/nested.cpio.gz"

# QMP: qmp.py SOCKET COMMAND-JSON [PATH...] prints the value at each dotted
# PATH of the reply's "return" ("-" if absent; JSON for objects), or the
# whole reply without PATH; on an error reply prints it, exits 1.
cat >"$work/qmp.py" <<'PY'
import json, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(120)
s.connect(sys.argv[1])
f = s.makefile('rw')
json.loads(f.readline())
for cmd in ['{"execute": "qmp_capabilities"}', sys.argv[2]]:
    f.write(cmd + '\n')
    f.flush()
    while True:
        line = f.readline()
        if not line:
            sys.exit('QMP: connection closed')
        msg = json.loads(line)
        if 'return' in msg or 'error' in msg:
            break
if 'error' in msg:
    print('ERROR', json.dumps(msg['error']))
    sys.exit(1)
ret = msg['return']
if len(sys.argv) == 3:
    print(json.dumps(ret))
for path in sys.argv[3:]:
    v = ret
    for k in path.split('.'):
        v = v.get(k) if isinstance(v, dict) else None
    if v is None:
        print('-')
    elif isinstance(v, (dict, list)):
        print(json.dumps(v))
    else:
        print(v)
PY
qmp() { python3 "$work/qmp.py" "$@"; }

# --- 3. The source boots -------------------------------------------------------
src_con=$art/src-console.log dst_con=$art/dst-console.log
machine=(-m 512M -display none -no-reboot -nic none -vga none -monitor none
	-parallel none -kernel "$MVGPU_KERNEL" -initrd "$work/nested.cpio.gz"
	-append 'console=ttyS0 panic=-1 lockdep.prove_locking=0')
vdev=vfio-pci,display=on,enable-migration=on,addr=04.0
: >"$src_con"
qemu-system-x86_64 "${machine[@]}" -serial "file:$src_con" \
	-qmp "unix:$work/src.qmp,server=on,wait=off" \
	-device "$vdev,sysfsdev=$mdevs/$uuid_a" \
	</dev/null >"$art/src-stderr.log" 2>&1 &
spid=$!

why=''
# wait_console FILE PID ERE: until FILE (without CRs) has a line matching
# ERE; fails (with $why) if the QEMU PID exits, FILE stops growing for
# $stall s, or the test's time is up.
wait_console() {
	local size=-1 s progress=$SECONDS
	while :; do
		tr -d '\r' <"$1" | grep -Eq -- "$3" && return 0
		if ! kill -0 "$2" 2>/dev/null; then
			why="QEMU exited"
			return 1
		fi
		s=$(stat -c %s "$1" 2>/dev/null || echo 0)
		((s != size)) && size=$s progress=$SECONDS
		if ((SECONDS - progress > stall)); then
			why="no console output for ${stall}s"
			return 1
		elif ((SECONDS - t_start > timeout)); then
			why="still running after ${timeout}s"
			return 1
		fi
		sleep 2
	done
}
busy_ns() {	# busy_ns PARENT UUID: render engine time of the vGPU (debugfs)
	local id
	id=$(cat "$mdevs/$2/mvgpu/vgpu_id" 2>/dev/null)
	awk -F'busy_ns=' '/^rcs:/ { split($2, a, " "); print a[1]; exit }' \
		"/sys/kernel/debug/mvgpu/$1/vgpu$id/sched" 2>/dev/null
}
con() { tr -d '\r' <"$1"; }

t0=$SECONDS
if wait_console "$src_con" "$spid" '^PATTERN-SET '; then
	read -r _ conn size _ < <(con "$src_con" | grep -m1 '^PATTERN-SET ')
	echo "# source guest up after $((SECONDS - t0)) s: $(con "$src_con" | grep -m1 '^GUEST-MODPROBE')"
else
	echo "# source guest: $why"
fi
if con "$src_con" | grep -q '^GUEST-MODPROBE rc=0' && [[ $size =~ ^[0-9]+x[0-9]+$ ]]; then
	ok "source guest: the driver binds, modetest sets the first mode" "connector $conn, $size"
else
	nok "source guest: the driver binds, modetest sets the first mode" "$why"
	{ tail -n 20 "$src_con"; tail -n 5 "$art/src-stderr.log"; } | diag
	exit 1
fi
# The destination starts now, to be ready when the load runs.
: >"$dst_con"
qemu-system-x86_64 "${machine[@]}" -serial "file:$dst_con" \
	-qmp "unix:$work/dst.qmp,server=on,wait=off" \
	-device "$vdev,sysfsdev=$mdevs/$uuid_b" -incoming defer \
	</dev/null >"$art/dst-stderr.log" 2>&1 &
dpid=$!
expect=solid:$size:777777
# shot QMP NAME: the screendump of QEMU NAME (QMP socket QMP, kept as
# NAME.png) is the pattern.
shot() {
	local rc
	python3 "$repo/tests/e2e/lib/screendump.py" "$work/$1.qmp" "$art" \
		--name "$2" --expect "$expect" --retry $((60 * factor)) \
		>"$work/shot-$1.out" 2>&1
	rc=$?
	if ((rc == 0)); then
		ok "$2 screendump is the guest's pattern" "$expect: $(tail -n 1 "$work/shot-$1.out")"
	else
		nok "$2 screendump is the guest's pattern" "$expect, status $rc"
		diag <"$work/shot-$1.out"
	fi
}
shot src source

# --- 4. The migration ----------------------------------------------------------
for _ in $(seq $((60 * factor))); do
	[[ $(qmp "$work/dst.qmp" '{"execute": "query-status"}' status 2>/dev/null) == inmigrate ]] && break
	kill -0 "$dpid" 2>/dev/null || break
	sleep 1
done
mig_uri=unix:$work/mig.sock
if qmp "$work/dst.qmp" "{\"execute\": \"migrate-incoming\", \"arguments\": {\"uri\": \"$mig_uri\"}}" \
	>"$work/incoming.out" 2>&1; then
	ok "destination QEMU waits for the migration (-incoming defer, migrate-incoming)" "$mig_uri"
else
	nok "destination QEMU waits for the migration (-incoming defer, migrate-incoming)" "$mig_uri"
	{ cat "$work/incoming.out"; cat "$art/dst-stderr.log"; } | diag
	exit 1
fi
qmp "$work/src.qmp" '{"execute": "migrate-set-parameters", "arguments": {"max-bandwidth": 1073741824}}' \
	>/dev/null
b0=$(busy_ns "$parent_a" "$uuid_a")
# A first iteration ends, then a load starts: the vGPU is busy for
# $load_s s, and the migration (a few seconds) stops the source in it.
c=''
if wait_console "$src_con" "$spid" '^WORK-END 1 '; then
	c=$(con "$src_con" | sed -n 's/^WORK-BEGIN \([0-9]*\)$/\1/p' | tail -n 1)
	con "$src_con" | grep -q "^WORK $c # LOAD-START" && c=$((c + 1))
fi
if [[ -n $c ]] && wait_console "$src_con" "$spid" "^WORK $c # LOAD-START"; then
	ok "source guest renders (an iteration done, a load started)" "$(con "$src_con" | grep -m1 '^WORK-END 1'); load of iteration $c started"
else
	nok "source guest renders (an iteration done, a load started)" "$why"
	con "$src_con" | tail -n 20 | diag
	exit 1
fi
# Migrate at once (anything slow, such as QMP set-up, is done already).
b1=$(busy_ns "$parent_a" "$uuid_a")
echo "# A's render engine time: $b0 ns before the load, $b1 ns when migrate is sent"
t_mig=$SECONDS
src_lines=$(con "$src_con" | wc -l)
if ! qmp "$work/src.qmp" "{\"execute\": \"migrate\", \"arguments\": {\"uri\": \"$mig_uri\"}}" \
	>"$work/migrate.out" 2>&1; then
	nok "QMP migrate is accepted"
	{ cat "$work/migrate.out"; cat "$art/src-stderr.log"; } | diag
	exit 1
fi
status='' raised=''
while :; do
	read -r status < <(qmp "$work/src.qmp" '{"execute": "query-migrate"}' status 2>/dev/null)
	case $status in completed | failed | cancelled) break ;; esac
	if ! kill -0 "$spid" 2>/dev/null || ! kill -0 "$dpid" 2>/dev/null; then
		status="a QEMU exited ($status)"
		break
	fi
	# A guest dirtying faster than the TCG host copies: allow more downtime.
	if [[ -z $raised ]] && ((SECONDS - t_mig > 120 * factor)); then
		raised=1
		echo "# not converged after $((SECONDS - t_mig)) s: downtime-limit 5000 ms"
		qmp "$work/src.qmp" '{"execute": "migrate-set-parameters", "arguments": {"downtime-limit": 5000}}' >/dev/null
	fi
	if ((SECONDS - t_mig > mig_timeout)); then
		status="timeout after ${mig_timeout}s ($status)"
		qmp "$work/src.qmp" '{"execute": "migrate_cancel"}' >/dev/null 2>&1
		break
	fi
	sleep 1
done
qmp "$work/src.qmp" '{"execute": "query-migrate"}' >"$art/query-migrate.json" 2>&1
echo "# query-migrate: $(cat "$art/query-migrate.json")"
read -r -d '' downtime total setup vfio_bytes ram_bytes mig_err < <(qmp "$work/src.qmp" \
	'{"execute": "query-migrate"}' downtime total-time setup-time vfio.transferred \
	ram.transferred error-desc 2>/dev/null)
# The device state in the kernel log (dynamic debug): "saving H + B bytes"
# at the source, "loaded N bytes" at the destination.
dmesg | sed -n '/mvgpu-test: nested_migrate start/,$p' >"$art/dmesg.txt"
log_bytes=$(grep -o 'migration: loaded [0-9]* bytes' "$art/dmesg.txt" | tail -n 1 | awk '{ print $3 }')
state_bytes=$vfio_bytes
[[ $state_bytes == - || -z $state_bytes ]] && state_bytes=${log_bytes:--}
echo "# migration: downtime_ms=${downtime:--} total_ms=${total:--} device_state_bytes=$state_bytes"
echo "# migration: setup_ms=${setup:--} ram_bytes=${ram_bytes:--} vfio_transferred=${vfio_bytes:--} mvgpu_loaded_bytes=${log_bytes:--}"
if [[ $status == completed ]]; then
	ok "the migration completes" "downtime $downtime ms, total $total ms, device state $state_bytes bytes"
else
	nok "the migration completes" "status: $status${mig_err:+, $mig_err}"
	{
		echo "source QEMU:"; cat "$art/src-stderr.log"
		echo "destination QEMU:"; cat "$art/dst-stderr.log"
		echo "mvgpu:"; grep -i mvgpu "$art/dmesg.txt" | tail -n 30
		echo "destination console:"; con "$dst_con" | tail -n 10
	} | diag
fi
if [[ $log_bytes =~ ^[0-9]+$ ]] && ((log_bytes > 0)); then
	ok "B loaded A's device state" "$log_bytes bytes; $(grep -o 'migration: saving [0-9]* + [0-9]* bytes' "$art/dmesg.txt" | tail -n 1)"
elif [[ -z $ddebug_on ]]; then
	ok "B loaded A's device state # SKIP no dynamic debug"
else
	nok "B loaded A's device state" "no \"migration: loaded N bytes\" in the kernel log"
	grep 'migration' "$art/dmesg.txt" | tail -n 20 | diag
fi
[[ $status == completed ]] || exit 1

# --- 5. After the move ---------------------------------------------------------
sstat=$(qmp "$work/src.qmp" '{"execute": "query-status"}' status running 2>&1 | tr '\n' ' ')
dstat=$(qmp "$work/dst.qmp" '{"execute": "query-status"}' status running 2>&1 | tr '\n' ' ')
if [[ $sstat == "postmigrate False " ]]; then
	ok "the source is stopped in postmigrate"
else
	nok "the source is stopped in postmigrate" "query-status: $sstat"
fi
if [[ $dstat == "running True " ]]; then
	ok "the destination runs"
else
	nok "the destination runs" "query-status: $dstat"
fi
# Where the source stopped: in the last iteration it began (m), inside
# its load (the usual case: the load lasts $load_s s, the migration a few)
# or, if the migration took longer, after it.  Either way the vGPU was
# busy when migrate was sent, and the guest must carry on on B.
m=$(con "$src_con" | sed -n 's/^WORK-BEGIN \([0-9]*\)$/\1/p' | tail -n 1)
m_open=1
con "$src_con" | grep -q "^WORK-END $m " && m_open=''
if [[ -n $m_open ]] && con "$src_con" | grep -q "^WORK $m # LOAD-START" &&
	! con "$src_con" | grep -q "^WORK $m ok [0-9]* - load: "; then
	where="inside the load of iteration $m"
elif [[ -n $m_open ]]; then
	where="in iteration $m, outside its load"
else
	where="after iteration $m"
fi
echo "# source console: $src_lines lines when migrate was sent, $(con "$src_con" | wc -l) at the end; last: $(con "$src_con" | tail -n 1)"
echo "# the source stopped $where"
if [[ -n $b0 && -n $b1 ]] && ((b1 > b0)) && [[ -n $m ]] && ((m >= c)); then
	ok "the vGPU was in use when migrate was sent" "A's render time $b0 -> $b1 ns, load of iteration $c running; the source stopped $where"
else
	nok "the vGPU was in use when migrate was sent" "busy_ns $b0 -> $b1, iteration ${m:-none}, load of $c"
	con "$src_con" | tail -n 5 | diag
fi
next=$((${m:-0} + 1))
t1=$SECONDS
if wait_console "$dst_con" "$dpid" "^WORK-END $next "; then
	ok "the destination guest carries on (the interrupted iteration and the next end there)" "${m_open:+iteration $m and }iteration $next, $((SECONDS - t1)) s"
else
	nok "the destination guest carries on (the interrupted iteration and the next end there)" "${m_open:+iteration $m and }iteration $next${why:+: $why}"
	{ echo "destination console:"; con "$dst_con" | tail -n 20; } | diag
fi
con "$dst_con" >"$work/dst"
bad=$(grep -E '^WORK [0-9]+ (not ok|Bail out)|^WORK [0-9]+ WORKRC [^0]|^WORK-END [0-9]+ modetest=gone' "$work/dst")
finished=1
if [[ -n $m_open ]]; then
	grep -q "^WORK $m WORKRC 0" "$work/dst" && grep -q "^WORK-END $m " "$work/dst" || finished=''
fi
if [[ -n $finished && -z $bad ]] && grep -q "^WORK $next WORKRC 0" "$work/dst"; then
	ok "the work goes on with exact results on the destination" "${m_open:+iteration $m finishes there: $(grep -m1 "^WORK $m ok [0-9]* - load: [0-9]* jobs" "$work/dst" | cut -d' ' -f3-); }iteration $next passes"
else
	nok "the work goes on with exact results on the destination"
	{ echo "$bad"; grep "^WORK $m \|^WORK $next \|^WORK-END" "$work/dst" | tail -n 20; } | diag
fi
bb=$(busy_ns "$parent_b" "$uuid_b")
if [[ $bb =~ ^[0-9]+$ ]] && ((bb > 0)); then
	ok "B's render engine did the work on the destination" "busy_ns $bb"
else
	nok "B's render engine did the work on the destination" "busy_ns '${bb}'"
fi
shot dst destination
splat='WARNING:|BUG:|Oops|circular locking|possible recursive locking|refcount_t|INFO: task|UBSAN|KASAN'
if grep -Eq "$splat" "$src_con" "$dst_con"; then
	nok "the nested kernel logs no warning"
	grep -Eh "$splat" "$src_con" "$dst_con" | head -n 10 | diag
else
	ok "the nested kernel logs no warning"
fi

# --- 6. Clean up ---------------------------------------------------------------
quit() {	# quit SOCKET PID: QMP quit, then its exit status
	local i
	qmp "$1" '{"execute": "quit"}' >/dev/null 2>&1
	for i in $(seq 30); do
		kill -0 "$2" 2>/dev/null || break
		sleep 1
	done
	((i == 30)) && kill -KILL "$2" 2>/dev/null
	wait "$2"
}
quit "$work/src.qmp" "$spid"
src_rc=$? spid=''
quit "$work/dst.qmp" "$dpid"
dst_rc=$? dpid=''
if ((src_rc == 0 && dst_rc == 0)); then
	ok "both QEMUs quit cleanly"
else
	nok "both QEMUs quit cleanly" "source $src_rc, destination $dst_rc"
	{ cat "$art/src-stderr.log"; cat "$art/dst-stderr.log"; } | diag
fi
dmesg | sed -n '/mvgpu-test: nested_migrate start/,$p' >"$art/dmesg.txt"
if grep -Eq "$splat|lockdep" "$art/dmesg.txt"; then
	nok "the host kernel logs no splat"
	grep -E -A3 "$splat|lockdep" "$art/dmesg.txt" | head -n 40 | diag
else
	ok "the host kernel logs no splat"
fi
if grep -Eq 'migration: .*(refused|failed|unexpected|no data file|no memory)' "$art/dmesg.txt"; then
	nok "mvgpu logs no migration error"
	grep -E 'migration: .*(refused|failed|unexpected|no data file|no memory)' "$art/dmesg.txt" | diag
else
	ok "mvgpu logs no migration error"
fi
grep -E 'mvgpu.*migration: ' "$art/dmesg.txt" | tail -n 30 | diag
for u in "$uuid_a" "$uuid_b"; do
	echo 1 >"$mdevs/$u/remove" 2>/dev/null
done
gone=1
[[ -e $mdevs/$uuid_a || -e $mdevs/$uuid_b ]] && gone=0
((gone)) && uuid_a='' uuid_b=''
what="both vGPUs removed, and the second software GPU if the test created it"
if [[ -n $made_sgpu1 ]]; then
	echo "${parent_b#sgpu}" >/sys/bus/mvgpu_sgpu/del_device 2>/dev/null
	if [[ -e /sys/bus/mvgpu_sgpu/devices/$parent_b ]]; then
		gone=0
	else
		made_sgpu1=''
	fi
fi
if ((gone)); then
	ok "$what"
else
	nok "$what"
fi
echo "# $((SECONDS - t_start)) s in all"
exit "$failed"
