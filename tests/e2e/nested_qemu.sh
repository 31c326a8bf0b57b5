#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# mvgpu-timeout: 1800
#
# The real "used by QEMU" path: create a vGPU on sgpu0, give it to a nested
# QEMU (-device vfio-pci,sysfsdev=...,display=on, region display mode, a
# QMP socket) booting the test kernel with a tiny busybox initramfs, and
# check what the nested guest sees on its PCI bus: 1234:4d56 class 038000,
# BAR0 16 MiB and BAR2 512 MiB (64-bit memory BARs).  The guest then draws
# a pattern on its vGPU's screen with tools/guest/mvgpu-guest-draw (through
# the PCI resource files: PV handshake, GTT entries, primary plane, flip);
# the host takes a QMP screendump, which must be the pattern pixel for
# pixel, and keeps it as screendump.png in the test's artifacts (under
# build/).
# QEMU must not warn about resets (the device advertises
# VFIO_DEVICE_FLAGS_RESET) nor about error recovery (it offers
# VFIO_PCI_ERR_IRQ_INDEX), and must exit cleanly.  QEMU must be 10 or newer
# (scripts/deps.sh installs it from bookworm-backports).  Then, without
# booting anything (-S: QEMU realizes the device and waits), display=on
# must be accepted in region display mode (the default) and refused with
# display_mode "none".  The vGPU is removed after.
#
# Runs inside the test VM (tests/vm/guest-run.sh), which has loaded
# mvgpu_sgpu (one physical GPU, sgpu0) and exports MVGPU_KERNEL (bzImage).
# Nested QEMU is TCG inside TCG: expect about a minute or two on an idle
# machine, many more on a loaded one.  So the watchdog is on progress, not
# on time: QEMU is stopped when the nested console has not grown for
# MVGPU_NESTED_STALL seconds (240), or after MVGPU_NESTED_TIMEOUT (1500).
# shellcheck disable=SC2317 # functions run from traps and check()
set -uo pipefail
# shellcheck source=tests/e2e/lib/guest_ird.sh
. "$(dirname "$0")/lib/guest_ird.sh"

parent=${MVGPU_PARENT:-sgpu0}
type=${MVGPU_TYPE:-mvgpu_sgpu-V1_4}
factor=${MVGPU_TIMEOUT_FACTOR:-1}
nested_timeout=$((${MVGPU_NESTED_TIMEOUT:-1500} * factor))
nested_stall=$((${MVGPU_NESTED_STALL:-240} * factor))
art=${MVGPU_ARTIFACTS:-$(mktemp -d)}
mkdir -p "$art"
work=$(mktemp -d)
uuid=
qpid=

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
nok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
diag() { sed 's/^/# /'; }

hang_param=/sys/module/mvgpu/parameters/hang_timeout_ms
hang_saved=
cleanup() {
	[[ -n $qpid ]] && kill -KILL "$qpid" 2>/dev/null
	[[ -n $hang_saved ]] && echo "$hang_saved" >"$hang_param"
	[[ -n $uuid && -e /sys/bus/mdev/devices/$uuid ]] &&
		echo 1 >"/sys/bus/mdev/devices/$uuid/remove" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

# The checks after "create vGPU", for skipping them.
after_create=("the nested guest draws on its vGPU" "the QMP screendump is the guest's pattern"
	"the screendump is kept as a PNG"
	"nested QEMU exits cleanly" "nested guest sees 1234:4d56 class 0x038000"
	"BAR0 is a 16 MiB 64-bit memory BAR" "BAR2 is a 512 MiB 64-bit memory BAR"
	"QEMU reports no reset problem" "QEMU enables error recovery"
	"display=on is accepted in region mode"
	"display=on is refused with display_mode none" "vGPU removed"
	"the guest driver binds (a card and a render node)"
	"the guest driver reports its graphics memory slices"
	"the fbdev console is on the vGPU (screendump)"
	"modetest sets each EDID mode; the screendump is its pattern"
	"the guest driver unloads and loads again"
	"the nested kernel logs no warning")
if [[ -z ${MVGPU_IN_VM:-} || ! -f ${MVGPU_KERNEL:-} ]]; then
	for t in "QEMU is version 10 or newer" "create vGPU" "${after_create[@]}"; do
		skip "$t" "needs the test VM (MVGPU_IN_VM, MVGPU_KERNEL)"
	done
	exit 0
fi

# --- 0. QEMU 10 or newer ------------------------------------------------------
qver=$(qemu-system-x86_64 --version 2>&1 | head -n 1)
qmajor=$(sed -n 's/^QEMU emulator version \([0-9]\{1,\}\)\..*/\1/p' <<<"$qver")
if [[ -n $qmajor ]] && ((qmajor >= 10)); then
	ok "QEMU is version 10 or newer ($qver)"
else
	nok "QEMU is version 10 or newer: found '${qver:-no qemu-system-x86_64}'; run scripts/deps.sh (QEMU from bookworm-backports)"
fi

# --- 1. Create the vGPU -------------------------------------------------------
uuid=$(cat /proc/sys/kernel/random/uuid)
create=/sys/class/mdev_bus/$parent/mdev_supported_types/$type/create
if echo "$uuid" >"$create" 2>"$work/create.err" && [[ -e /sys/bus/mdev/devices/$uuid ]]; then
	ok "create vGPU ($parent/$type)"
	echo "# uuid $uuid"
else
	nok "create vGPU ($parent/$type)"
	{ echo "writing $uuid to $create failed"; cat "$work/create.err"; ls /sys/class/mdev_bus/ 2>&1;
	  ls "/sys/class/mdev_bus/$parent/mdev_supported_types" 2>&1; } | diag
	uuid=
	for t in "${after_create[@]}"; do
		skip "$t" "no vGPU"
	done
	exit 1
fi

# --- 2. Nested initramfs: print every PCI function, then power off ----------
# The drawing program; the guest driver and what it needs: this kernel's
# modules (the DRM helpers, mvgpu_drm.ko in extra/), the render-node test
# with its shared libraries, modetest.
draw=${MVGPU_REPO:-.}/tools/build/guest/mvgpu-guest-draw
drmtest=${MVGPU_REPO:-.}/tools/build/drm/mvgpu-drm-test
guest_ird "$work/ird" "$draw" "$drmtest" "$(command -v modetest)"
cat >"$work/ird/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
for d in /sys/bus/pci/devices/*; do
	s=${d##*/}
	echo "PCIDEV $s $(cat $d/vendor) $(cat $d/device) $(cat $d/class)"
	i=0
	while read -r start end flags; do
		echo "PCIRES $s $i $start $end $flags"
		i=$((i + 1))
	done <$d/resource
done
# Draw; it waits for a line on the console (the host's screendump).
/bin/mvgpu-guest-draw || echo "MVGPU-DRAW-FAILED $?"

# --- The guest driver.  "SCREENDUMP NAME EXPECT" asks the host for a
# screendump checked against EXPECT (screendump.py --expect); the host
# answers with a line once it has it.
shot() { echo "SCREENDUMP $1 $2"; read -r _; }
mkdir -p /tmp
tap() { sed "s/^/DRM-TAP $1 /"; }
mount -t devtmpfs dev /dev
echo "DRM-MODPROBE $(modprobe mvgpu_drm 2>&1; echo rc=$?)"
dmesg | grep -i 'mvgpu' | sed 's/^/DRM-DMESG /'
for c in /sys/class/drm/*; do echo "DRM-NODE ${c##*/}"; done
# The console on the vGPU: kernel messages and a line of ours.
echo "mvgpu_drm: the console of $(uname -n) on its vGPU" >/dev/tty0
sleep 2
shot console console
# Render through the render node: two processes, isolation, bad input,
# fuzz; the hang with the host's watchdog at /etc/hog_ms.
/bin/mvgpu-drm-test --only params,bo,fill,copy,saxpy,checksum,store,sync,bad-input,isolation,concurrent 2>&1 | tap render
/bin/mvgpu-drm-test --only hang --hog-ms "$(cat /etc/hog_ms)" 2>&1 | tap hang
/bin/mvgpu-drm-test --only fuzz --fuzz-iters 500 2>&1 | tap fuzz
# KMS: planes, flips, vblank, cursor, bad framebuffers; the host checks
# the screen while the test holds buffer A on it.
/bin/mvgpu-drm-test --only kms --kms-hold /tmp/kms-go >/tmp/kms.out 2>&1 &
kpid=$!
while kill -0 "$kpid" 2>/dev/null; do
	if [ ! -f /tmp/kms-go ] && grep -q 'KMS-HOLD' /tmp/kms.out; then
		set -- $(grep -m1 'KMS-HOLD' /tmp/kms.out)
		shot kms "solid:$3:$4"
		touch /tmp/kms-go
	fi
	sleep 1
done
tap kms </tmp/kms.out
# modetest sets each mode of the EDID with a plain pattern (0x77 bytes).
modetest -M mvgpu -c >/tmp/mt.c 2>&1
conn=$(awk '$3 == "connected" { print $1; exit }' /tmp/mt.c)
for idx in $(awk '/^  #[0-9]+ / { sub("#", "", $1); print $1 }' /tmp/mt.c); do
	size=$(awk -v i="#$idx" '$1 == i { print $2; exit }' /tmp/mt.c)
	rm -f /tmp/mt.in /tmp/mt.out
	mkfifo /tmp/mt.in
	modetest -M mvgpu -s "$conn:#$idx" -F plain </tmp/mt.in >/tmp/mt.out 2>&1 &
	mpid=$!
	exec 5>/tmp/mt.in
	# modetest waits for a line once the mode is set; the host retries
	# its screendump until the screen is the mode's (or gives up).
	sleep 2
	echo "DRM-MODESET $conn #$idx $size"
	shot "mode$idx" "solid:$size:777777"
	echo >&5
	exec 5>&-
	wait "$mpid"
	echo "DRM-MODESET-RC #$idx $? $(grep -m1 'setting mode\|failed\|invalid' /tmp/mt.out)"
done
# Unload and load again: the vGPU is left clean, the driver binds again.
echo "DRM-UNLOAD $(modprobe -r mvgpu_drm 2>&1; echo rc=$?)"
echo "DRM-RELOAD $(modprobe mvgpu_drm 2>&1; echo rc=$?)"
/bin/mvgpu-drm-test --only params,fill,saxpy 2>&1 | tap reload
dmesg | grep 'WARNING\|BUG\|Oops\|refcount_t\|circular locking\|INFO: task' | sed 's/^/DRM-SPLAT /'
dmesg | grep 'mvgpu_drm.*job failed\|mvgpu_drm.*timed out' | sed 's/^/DRM-JOBLOG /'
echo NESTED-DONE
poweroff -f
INIT
chmod +x "$work/ird/init"
# The hang subtest: the host's watchdog declares a hang after hog_ms of
# engine time (restored at exit).
hog_ms=2000
echo "$hog_ms" >"$work/ird/etc/hog_ms"
guest_ird_pack "$work/ird" "$work/nested.cpio.gz"
# --- 3. Boot it with the vGPU -------------------------------------------------
if [[ -w $hang_param ]]; then
	hang_saved=$(cat "$hang_param")
	echo "$hog_ms" >"$hang_param"
fi
# The kernel is not quiet: its boot messages are the progress the watchdog
# watches.
start=$SECONDS
console=$art/nested-console.log
# The console's input is a FIFO: the host answers the guest's MVGPU-DRAWN
# once it has the screendump.
mkfifo "$work/console-in"
exec 3<>"$work/console-in"
qemu-system-x86_64 -m 512M -nographic -no-reboot \
	-nic none -vga none -kernel "$MVGPU_KERNEL" -initrd "$work/nested.cpio.gz" \
	-append 'console=tty0 console=ttyS0 panic=-1 lockdep.prove_locking=0' \
	-qmp "unix:$work/qmp.sock,server=on,wait=off" \
	-device "vfio-pci,sysfsdev=/sys/bus/mdev/devices/$uuid,display=on" \
	<"$work/console-in" >"$console" 2>"$art/qemu-stderr.log" &
qpid=$!
why='' size=-1 progress=$SECONDS dumped='' shots=0
while kill -0 "$qpid" 2>/dev/null; do
	sleep 2
	if [[ -z $dumped ]] && grep -q 'MVGPU-DRAWN\|MVGPU-DRAW-FAILED' "$console"; then
		dumped=1
		if grep -q MVGPU-DRAWN "$console"; then
			python3 "${MVGPU_REPO:-.}/tests/e2e/lib/screendump.py" \
				"$work/qmp.sock" "$art" >"$work/screendump.out" 2>&1
			echo $? >"$work/screendump.rc"
		fi
		echo go >&3
		progress=$SECONDS
	fi
	# The guest driver's screendump requests, one at a time.
	req=$(tr -d '\r' <"$console" | grep '^SCREENDUMP ' | sed -n "$((shots + 1))p")
	if [[ -n $req ]]; then
		read -r _ sname sexpect <<<"$req"
		python3 "${MVGPU_REPO:-.}/tests/e2e/lib/screendump.py" \
			"$work/qmp.sock" "$art" --name "$sname" --expect "$sexpect" \
			--retry $((60 * factor)) >"$work/shot-$sname.out" 2>&1
		echo "$? $sexpect" >"$work/shot-$sname.rc"
		shots=$((shots + 1))
		echo go >&3
		progress=$SECONDS
	fi
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
if ((qrc == 0)) && [[ -z $why ]] && grep -q NESTED-DONE "$console"; then
	ok "nested QEMU exits cleanly"
else
	nok "nested QEMU exits cleanly (status $qrc${why:+, stopped: $why})"
	{ tail -n 20 "$console"; cat "$art/qemu-stderr.log"; } | diag
fi

exec 3>&-
# --- 4. What the nested guest saw and showed ---------------------------------
tr -d '\r' <"$console" >"$work/console"
if grep -q '^MVGPU-DRAWN' "$work/console"; then
	ok "the nested guest draws on its vGPU ($(grep -m1 '^MVGPU-DRAWN' "$work/console"))"
else
	nok "the nested guest draws on its vGPU"
	grep -i 'mvgpu-guest-draw\|MVGPU-DRAW' "$work/console" | diag
fi
src=$(cat "$work/screendump.rc" 2>/dev/null || echo none)
if [[ $src == 0 ]]; then
	ok "the QMP screendump is the guest's pattern ($(tail -n 1 "$work/screendump.out"))"
else
	nok "the QMP screendump is the guest's pattern (status $src)"
	diag <"$work/screendump.out" 2>/dev/null
fi
if [[ $(head -c 8 "$art/screendump.png" 2>/dev/null | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]]; then
	ok "the screendump is kept as a PNG"
	echo "# screendump: $art/screendump.png"
else
	nok "the screendump is kept as a PNG ($art/screendump.png)"
fi
slot=$(awk '$1 == "PCIDEV" && $3 == "0x1234" && $4 == "0x4d56" && $5 == "0x038000" { print $2; exit }' "$work/console")
if [[ -n $slot ]]; then
	ok "nested guest sees 1234:4d56 class 0x038000 at $slot"
else
	nok "nested guest sees 1234:4d56 class 0x038000"
	grep '^PCIDEV' "$work/console" | diag
fi

# --- 5. The guest driver -----------------------------------------------------
if grep -q '^DRM-MODPROBE rc=0' "$work/console" &&
	grep -q '^DRM-NODE card0$' "$work/console" &&
	grep -q '^DRM-NODE renderD128$' "$work/console"; then
	ok "the guest driver binds (a card and a render node)"
else
	nok "the guest driver binds (a card and a render node)"
	grep '^DRM-MODPROBE\|^DRM-NODE\|^DRM-DMESG' "$work/console" | diag
fi
line=$(grep -m1 '^DRM-DMESG.*graphics memory' "$work/console")
if [[ -n $line ]]; then
	ok "the guest driver reports its graphics memory slices (${line#*vgpu})"
else
	nok "the guest driver reports its graphics memory slices"
fi
# Every check of mvgpu-drm-test, as ours.
for group in render hang fuzz kms reload; do
	if ! grep -q "^DRM-TAP $group \(not \)\{0,1\}ok " "$work/console"; then
		nok "guest driver $group: mvgpu-drm-test ran"
		grep "^DRM-TAP $group " "$work/console" | tail -n 5 | diag
	fi
done
while read -r _ group rest; do
	if [[ $rest =~ ^(not\ )?ok\ [0-9]+\ -\ (.*)$ ]]; then
		desc="guest driver $group: ${BASH_REMATCH[2]}"
		if [[ -n ${BASH_REMATCH[1]} ]]; then nok "$desc"; else ok "$desc"; fi
	elif [[ $rest == "Bail out!"* ]]; then
		nok "guest driver $group: $rest"
	fi
done < <(grep '^DRM-TAP ' "$work/console")
shot_ok() {	# shot_ok NAME DESC
	local rc
	rc=$(cat "$work/shot-$1.rc" 2>/dev/null || echo "none")
	if [[ ${rc%% *} == 0 ]]; then
		ok "$2 ($(tail -n 1 "$work/shot-$1.out"))"
	else
		nok "$2 (status ${rc%% *})"
		diag <"$work/shot-$1.out" 2>/dev/null
	fi
}
shot_ok console "the fbdev console is on the vGPU (screendump)"
shot_ok kms "the KMS test's buffer is on the screen (screendump)"
nmodes=$(grep -c '^DRM-MODESET ' "$work/console")
modes_ok=$((nmodes > 0))
for f in "$work"/shot-mode*.rc; do
	[[ -f $f && $(cut -d' ' -f1 "$f") == 0 ]] || modes_ok=0
done
grep -q '^DRM-MODESET-RC #[0-9]* [^0]' "$work/console" && modes_ok=0
if ((modes_ok)); then
	ok "modetest sets each EDID mode; the screendump is its pattern ($nmodes modes)"
else
	nok "modetest sets each EDID mode; the screendump is its pattern ($nmodes modes)"
	grep '^DRM-MODESET' "$work/console" | diag
	cat "$work"/shot-mode*.out 2>/dev/null | diag
fi
if grep -q '^DRM-UNLOAD rc=0' "$work/console" && grep -q '^DRM-RELOAD rc=0' "$work/console"; then
	ok "the guest driver unloads and loads again"
else
	nok "the guest driver unloads and loads again"
	grep '^DRM-UNLOAD\|^DRM-RELOAD' "$work/console" | diag
fi
if grep -q '^DRM-JOBLOG .*vgpu[0-9]*: rcs: job failed: hang' "$work/console"; then
	ok "the hung job is logged, naming the vGPU, the engine and the reason"
else
	nok "the hung job is logged, naming the vGPU, the engine and the reason"
	grep '^DRM-JOBLOG' "$work/console" | diag
fi
if grep -q '^DRM-SPLAT' "$work/console"; then
	nok "the nested kernel logs no warning"
	grep '^DRM-SPLAT' "$work/console" | head -n 20 | diag
else
	ok "the nested kernel logs no warning"
fi

# bar_ok INDEX SIZE: resource line INDEX is a 64-bit memory BAR of SIZE bytes.
bar_ok() {
	local start end flags
	read -r start end flags < <(awk -v s="$slot" -v i="$1" \
		'$1 == "PCIRES" && $2 == s && $3 == i { print $4, $5, $6; exit }' "$work/console")
	[[ -n $slot && -n ${flags:-} ]] || return 1
	echo "# BAR$1: start $start end $end flags $flags"
	# IORESOURCE_MEM 0x200, IORESOURCE_MEM_64 0x100000
	((end - start + 1 == $2 && (flags & 0x200) && (flags & 0x100000)))
}
check "BAR0 is a 16 MiB 64-bit memory BAR" bar_ok 0 $((16 << 20))
check "BAR2 is a 512 MiB 64-bit memory BAR" bar_ok 2 $((512 << 20))

if grep -qi 'reset' "$art/qemu-stderr.log"; then
	nok "QEMU reports no reset problem"
	grep -i reset "$art/qemu-stderr.log" | diag
else
	ok "QEMU reports no reset problem"
fi
# QEMU warns when VFIO_PCI_ERR_IRQ_INDEX is missing (count != 1).
if grep -qi 'Could not enable error recovery' "$art/qemu-stderr.log"; then
	nok "QEMU enables error recovery (no \"Could not enable error recovery\" warning)"
	grep -i 'error recovery' "$art/qemu-stderr.log" | diag
else
	ok "QEMU enables error recovery (no \"Could not enable error recovery\" warning)"
fi

# --- 5. display=on: realized in region mode, refused with no display -------
# -S: QEMU realizes the device, then its monitor answers "info status"
# (paused, prelaunch) and quits; no guest code runs.
display_run() {	# display_run LOG: QEMU with display=on; its status
	printf 'info status\nquit\n' |
		timeout -k 5 $((120 * factor)) qemu-system-x86_64 -S -nodefaults \
			-display none -monitor stdio -serial none -nic none \
			-device "vfio-pci,sysfsdev=/sys/bus/mdev/devices/$uuid,display=on" \
			>"$1" 2>&1
}
mode_file=/sys/bus/mdev/devices/$uuid/mvgpu/display_mode
dlog=$art/qemu-display.log
display_run "$dlog"
drc=$?
echo "# display=on, $(cat "$mode_file") mode: QEMU exited with $drc"
if ((drc == 0)) && grep -q 'paused (prelaunch)' "$dlog" &&
	! grep -q 'display method' "$dlog"; then
	ok "display=on is accepted in region mode (the device is realized)"
else
	nok "display=on is accepted in region mode (status $drc)"
	diag <"$dlog"
fi
dlog=$art/qemu-display-none.log
if echo none >"$mode_file"; then
	display_run "$dlog"
	drc=$?
	echo region >"$mode_file"
else
	drc=-1
fi
echo "# display=on, mode none: QEMU exited with $drc"
if ((drc != 0 && drc != 124 && drc != 137)) &&
	grep -q "device doesn't support any (known) display method" "$dlog"; then
	ok "display=on is refused with display_mode none"
else
	nok "display=on is refused with display_mode none (status $drc; expected \"device doesn't support any (known) display method\")"
	diag <"$dlog"
fi

# --- 6. Remove the vGPU -------------------------------------------------------
echo 1 >"/sys/bus/mdev/devices/$uuid/remove" 2>"$work/remove.err"
if [[ ! -e /sys/bus/mdev/devices/$uuid ]]; then
	ok "vGPU removed"
	uuid=
else
	nok "vGPU removed"
	diag <"$work/remove.err"
fi
exit "$failed"
