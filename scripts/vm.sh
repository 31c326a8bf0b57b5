#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the mvgpu test kernel in QEMU with the host's root filesystem shared
# read-only (9p) and run something in it.
#
#   scripts/vm.sh [--check]     run all suites (tests/vm/guest-run.sh check)
#   scripts/vm.sh --demo        run tools/demo/demo.sh
#   scripts/vm.sh -c 'CMD'      run CMD with bash in the guest chroot; exit with its
#                               status (1 if the kernel WARNed/oopsed/... or the guest died)
#   scripts/vm.sh -s            interactive shell in the guest chroot (Ctrl-A x quits QEMU)
#
# Options:
#   -t, --tests GLOB   check mode: run only e2e tests whose name matches GLOB
#                      (names: e2e/<file without .sh>, tools/<binary>)
#   --no-build         do not (re)build the kernel, modules and tools first
#   --no-modules       do not load mvgpu_sgpu / mvgpu_test in the guest
#   --without-mvgpu    do not stage drivers/gpu/mvgpu/*.ko into the guest
#   --timeout SECONDS  whole-VM timeout (default $MVGPU_VM_TIMEOUT or 3600),
#                      times the timeout factor
#   --kernel FLAVOR    normal (default, or $MVGPU_KERNEL_FLAVOR) or debug: the
#                      debug test kernel (KASAN, UBSAN, KMEMLEAK, lockdep,
#                      debug objects; scripts/build-kernel.sh --flavor debug),
#                      with the modules built in build/debug/ (make
#                      modules-copy), 4G of memory and timeouts times 4
#   --modules-dir DIR  stage the .ko files of DIR (built for that kernel)
# Environment: MVGPU_CACHE (default /var/cache/mvgpu), MVGPU_ACCEL=kvm|tcg
# (default: probe), MVGPU_VM_MEM (3G; debug 4G), MVGPU_VM_SMP (2),
# MVGPU_TEST_TIMEOUT (per e2e test, default 300 s), MVGPU_TIMEOUT_FACTOR
# (1; debug 4): the whole-VM and per-test timeouts are multiplied by it, and
# the guest's programs see it.
#
# Output lands in build/vm/check/ of the checkout (build/vm/check-debug/ for
# the debug kernel; build/vm/<mode>.XXXXXX/ for
# -t, --demo, -c and -s; removed after 12 hours): console.log (full serial
# console), results.txt, logs/, kunit/, artifacts/, dmesg.txt.  In check mode
# the host-side verdict (guest results + KUnit KTAP + kernel splats found in
# the console + the KMEMLEAK report of the debug kernel) is written to verdict.txt and summed up by scripts/summary.sh
# (exit status 1 on any failure; MVGPU_NO_SUMMARY=1 skips that).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
repo=$MVGPU_REPO

mode=check cmd='' tests='' build=1 nomod='' ours=1 timeout=${MVGPU_VM_TIMEOUT:-}
flavor=${MVGPU_KERNEL_FLAVOR:-normal} moddir=''
while (($#)); do
	case $1 in
	--check) mode=check ;;
	--demo) mode=demo ;;
	-c | --shell-cmd) mode=cmd cmd=$2; shift ;;
	-s | --shell) mode=shell ;;
	-t | --tests) tests=$2; shift ;;
	--no-build) build= ;;
	--no-modules) nomod=1 ;;
	--without-mvgpu) ours=0 ;;
	--timeout) timeout=$2; shift ;;
	--kernel) flavor=$2; shift ;;
	--modules-dir) moddir=$2; shift ;;
	-h | --help) sed -n '3,/^set -e/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "vm.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done
log() { echo "vm.sh: $*" >&2; }

# The debug kernel's modules are built in a copy of the driver (build/debug/),
# so that the checkout's own .ko files, which a `make check` may be using,
# stay those of the normal kernel.
case $flavor in
normal) link=current copy='' suffix='' factor=${MVGPU_TIMEOUT_FACTOR:-1} mem=${MVGPU_VM_MEM:-3G} ;;
debug) link=current-debug copy=$MVGPU_BUILD/debug suffix=-debug
	factor=${MVGPU_TIMEOUT_FACTOR:-4} mem=${MVGPU_VM_MEM:-4G} ;;
*) log "unknown kernel flavor '$flavor' (normal or debug)"; exit 2 ;;
esac
[[ -z $moddir && -n $copy ]] && moddir=$copy/drivers/gpu/mvgpu
: "${moddir:=$repo/drivers/gpu/mvgpu}"
timeout=$((${timeout:-3600} * factor))

# --- Kernel, modules, tools -------------------------------------------------
if [[ -n $build ]]; then
	kd=$("$repo/scripts/build-kernel.sh" --flavor "$flavor")
	if [[ -n $copy ]]; then
		modtarget=(modules-copy KDIR="$kd" COPY="$copy")
	else
		modtarget=(modules KDIR="$kd")
	fi
	if ! make -C "$repo" --no-print-directory "${modtarget[@]}" >&2; then
		log "WARNING: building the mvgpu modules failed; booting without them"
		ours=0
	fi
	make -C "$repo" --no-print-directory tools >&2 ||
		log "WARNING: building the tools failed"
else
	kd=$(readlink -f "$MVGPU_CACHE/$link")
fi
bzimage=$kd/arch/x86/boot/bzImage
[[ -f $bzimage ]] || { log "no kernel at $bzimage (run scripts/build-kernel.sh)"; exit 1; }
kver=$(<"$kd/include/config/kernel.release")
# What a nested guest boots (e2e/nested_qemu): the test kernel, but the
# normal one on the debug flavor, which under TCG inside TCG would not even
# reach userspace in time; the host side of the test is what it debugs.
nested=$bzimage
if [[ $flavor != normal && -f $MVGPU_CACHE/current/arch/x86/boot/bzImage ]]; then
	nested=$(readlink -f "$MVGPU_CACHE/current")/arch/x86/boot/bzImage
fi

# check runs use a fixed output directory (one at a time); demo, -c and -s
# runs get their own, so several people can use the VM at once.
if [[ $mode != check || -n $tests ]]; then
	mkdir -p "$MVGPU_BUILD/vm"
	find "$MVGPU_BUILD/vm" -maxdepth 1 -name "*.??????" -mmin +720 -exec rm -rf {} + 2>/dev/null || true
	out=$(mktemp -d "$MVGPU_BUILD/vm/$mode.XXXXXX")
else
	out=$MVGPU_BUILD/vm/$mode$suffix
	mkdir -p "$out"
fi
exec 8>"$out/.lock"
flock -n 8 || { log "another vm.sh is using $out"; exit 1; }
find "$out" -mindepth 1 -maxdepth 1 ! -name .lock ! -name modroot -exec rm -rf {} +

# --- Module tree: test kernel's modules + ours in extra/ -------------------
rsync -a --delete "$kd/modroot/" "$out/modroot/"
extra=$out/modroot/lib/modules/$kver/extra
mkdir -p "$extra"
# The guest driver sits next to the host's: drivers/gpu/drm/mvgpu.
for ko in "$moddir"/*.ko "$(dirname "$moddir")/drm/mvgpu"/*.ko; do
	if [[ ! -f $ko ]] || ((!ours)); then continue; fi
	if [[ $(modinfo -F vermagic "$ko") == "$kver "* ]]; then
		cp "$ko" "$extra/"
	else
		log "WARNING: $ko was built for another kernel; not staged"
	fi
done
depmod -b "$out/modroot" "$kver"

# --- Initramfs: static busybox + tests/vm/init + the run's settings --------
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }   # single-quote for busybox sh
ird=$(mktemp -d)
trap 'rm -rf "$ird"' EXIT
mkdir -p "$ird"/{bin,dev,proc,sys,etc,host}
cp /bin/busybox "$ird/bin/busybox"
cp "$repo/tests/vm/init" "$ird/init"
{
	echo "export MVGPU_REPO=$(q "$repo")"
	echo "export MVGPU_OUT=$(q "$out")"
	echo "export MVGPU_MODE=$(q "$mode")"
	echo "export MVGPU_KERNEL=$(q "$nested")"
	echo "export MVGPU_KDIR=$(q "$kd")"
	echo "export MVGPU_KVER=$(q "$kver")"
	echo "export MVGPU_TESTS=$(q "$tests")"
	echo "export MVGPU_NO_MODULES=$(q "$nomod")"
	echo "export MVGPU_TEST_TIMEOUT=$(q "${MVGPU_TEST_TIMEOUT:-300}")"
	echo "export MVGPU_TIMEOUT_FACTOR=$(q "$factor")"
	echo "export MVGPU_KERNEL_FLAVOR=$(q "$flavor")"
} >"$ird/etc/mvgpu.env"
(cd "$ird" && find . | cpio -o -H newc --quiet | gzip -1) >"$out/initramfs.cpio.gz"
[[ $mode == cmd ]] && printf '%s\n' "$cmd" >"$out/cmd.sh"

# --- QEMU -------------------------------------------------------------------
# shellcheck disable=SC2054 # commas belong to QEMU options
qemu=(qemu-system-x86_64 -m "$mem" -smp "${MVGPU_VM_SMP:-2}"
	-kernel "$bzimage" -initrd "$out/initramfs.cpio.gz"
	-no-reboot -display none -vga none -nic none -bios qboot.rom
	-device virtio-rng-pci
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap
	-virtfs "local,path=$out,mount_tag=mvgpuout,security_model=none,multidevs=remap")
# The kernel's own stall detectors run on the guest's clock: a slow kernel
# (the debug one under TCG: ACPI's _PRT alone runs for 30 s at boot) gets
# them scaled by the timeout factor too (RCU's at most 300 s).
stall=$((60 * factor > 300 ? 300 : 60 * factor))
append="console=ttyS0 panic=-1 loglevel=5 rcupdate.rcu_cpu_stall_timeout=$stall"
((factor > 1)) && append+=" sysctl.kernel.hung_task_timeout_secs=$((120 * factor))"

# KVM hangs on some of our machines: use it only if a probe boot reaches
# userspace; remember the answer for this host boot and QEMU version.
accel=${MVGPU_ACCEL:-}
if [[ -z $accel ]]; then
	accel=tcg
	if [[ -w /dev/kvm ]]; then
		key="$(cat /proc/sys/kernel/random/boot_id) $(qemu-system-x86_64 --version | head -n 1)"
		probe=$MVGPU_CACHE/kvm-probe
		if [[ -f $probe && $(head -n 1 "$probe") == "$key" ]]; then
			accel=$(sed -n 2p "$probe")
		else
			log "probing KVM (20 s at most)"
			if timeout -k 2 20 "${qemu[@]}" -enable-kvm -serial stdio -monitor none \
				-append "$append mvgpu_probe" </dev/null 2>&1 | grep -q MVGPU-PROBE-OK; then
				accel=kvm
			fi
			printf '%s\n%s\n' "$key" "$accel" >"$probe"
		fi
	fi
fi
[[ $accel == kvm ]] && qemu+=(-enable-kvm)
log "booting $kver ($accel) with $out"

console=$out/console.log
start=$SECONDS
set +e
if [[ $mode == shell ]]; then
	"${qemu[@]}" -serial mon:stdio -append "$append" 2>&1 | tee "$console"
	rc=${PIPESTATUS[0]}
else
	timeout -k 10 "$timeout" "${qemu[@]}" -serial stdio -monitor none \
		-append "$append" </dev/null 2>&1 | tee "$console"
	rc=${PIPESTATUS[0]}
fi
set -e
log "QEMU exited with $rc after $((SECONDS - start)) s; console: $console"

# --- Verdict ----------------------------------------------------------------
# Kernel splats anywhere in the console or in the saved dmesg are failures:
# also KASAN ("BUG: KASAN: ..."), UBSAN, debug objects and KMEMLEAK giving up
# or reporting by itself (its report proper is read below).
splats() {
	local pat='(WARNING:|BUG:|Oops|Kernel panic|kernel BUG at|general protection fault|'
	pat+='INFO: task .* blocked for more than|INFO: trying to register non-static key|'
	pat+='rcu: INFO:|UBSAN:|Unable to handle kernel|KASAN:|ODEBUG:|'
	pat+='kmemleak: [0-9]+ new suspected memory leaks|kmemleak: .*(disabled|[Cc]annot|[Ff]ail))'
	cat "$console" "$out/dmesg.txt" 2>/dev/null |
		awk -f "$repo/scripts/known-splats.awk" |
		grep -aoE "\[ *[0-9]+\.[0-9]+\] .*$pat.*" |
		sed -E 's/^\[ *[0-9]+\.[0-9]+\] //; s/[[:cntrl:]]//g' | grep -aE "$pat" |
		awk '!seen[$0]++' | head -n 20 || true
}

# KMEMLEAK reports the guest saved (tests/vm/guest-run.sh: kmemleak-loaded.txt
# before the modules are unloaded, kmemleak-final.txt at the end), as result
# lines.  A leaked object is mvgpu's when a frame of its allocation's
# backtrace is in an mvgpu module, or is a bare module address (a module
# unloaded by then: only ours are).  Those are failures, one per allocating
# function.  Leaks of the core kernel alone are SKIPs that name the
# allocating function: mvgpu cannot fix them, and kmemleak has false
# positives there; the whole report stays in the output directory.
kmemleak_results() {
	local f files=()
	local alloc='^(kmemleak_|__?k[mvz]?alloc|kmem_cache_|__kmem_cache|slab_|krealloc|'
	alloc+='__?vmalloc|vzalloc|kmemdup|kstrdup|kv?asprintf|__?alloc_pages|alloc_pages|'
	alloc+='__get_free_pages|mempool_|pcpu_|__alloc_percpu|stack_depot)'
	for f in "$out"/kmemleak-loaded.txt "$out"/kmemleak-final.txt; do
		[[ -f $f ]] && files+=("$f")
	done
	((${#files[@]})) || return 0
	if grep -q '^# scan failed' "${files[@]}"; then
		echo "FAIL vm.kmemleak # the scan failed (KMEMLEAK disabled?), see $out/console.log"
		return 0
	fi
	awk -v alloc="$alloc" -v out="$out" '
	function flush(  key) {
		if (addr == "" || (addr in seen)) { addr = ""; return }
		seen[addr] = 1
		if (site == "") site = "?"
		key = ours ? "FAIL kmemleak: leak allocated by " site : \
			     "SKIP kmemleak: leak outside mvgpu, allocated by " site
		if (!(key in n)) order[k++] = key
		n[key]++; bytes[key] += size; nours += ours; addr = ""
	}
	/^unreferenced object / {
		flush(); addr = $3; size = $5; sub(/\).*/, "", size)
		ours = 0; site = ""; bt = 0; next
	}
	/^  backtrace/ { bt = 1; next }
	bt && /^    / {
		fr = $1; sub(/\+0x.*/, "", fr)
		if ($2 ~ /^\[mvgpu(_sgpu|_test)?\]$/ || fr ~ /^0xffffffff[0-9a-f]+$/) {
			if (!ours) site = ($2 != "" ? fr " " $2 : "a module unloaded since")
			ours = 1
		} else if (!ours && site == "" && fr !~ alloc) {
			site = fr
		}
	}
	END {
		flush()
		for (i = 0; i < k; i++)
			printf "%s # %d object(s), %d bytes; see %s/kmemleak-*.txt\n",
			       order[i], n[order[i]], bytes[order[i]], out
		if (!nours) print "PASS vm.kmemleak"
	}' "${files[@]}"
}

done_marker=0
grep -q '^# MVGPU-GUEST-DONE' "$out/results.txt" 2>/dev/null && done_marker=1

if [[ $mode == check ]]; then
	verdict=$out/verdict.txt
	: >"$verdict"
	grep -v '^#' "$out/results.txt" >>"$verdict" 2>/dev/null || true
	# KUnit suites that ran in the guest at module load.
	for ktap in "$out"/kunit/*.ktap; do
		[[ -f $ktap ]] || continue
		suite=$(basename "$ktap" .ktap)
		json=$out/kunit/$suite.json
		python3 "$MVGPU_CACHE/linux-source-6.12/tools/testing/kunit/kunit.py" parse \
			--json="$json" "$ktap" >"$out/kunit/$suite.parsed" 2>&1 || true
		lines=
		[[ -s $json ]] && lines=$(kunit_json_results "kunit-vm/" "$json")
		if [[ -n $lines ]]; then
			echo "$lines" >>"$verdict"
		else
			result "$verdict" FAIL "kunit-vm/$suite" "unparsable KTAP, see $ktap"
		fi
	done
	while IFS= read -r s; do
		result "$verdict" FAIL "kernel: $s"
	done < <(splats)
	kmemleak_results >>"$verdict"
	if [[ $flavor == debug ]] && ((done_marker)) && ! compgen -G "$out/kmemleak-*.txt" >/dev/null; then
		result "$verdict" FAIL vm.kmemleak "the guest saved no KMEMLEAK report"
	fi
	if ((!done_marker)) && [[ -s $out/current-test ]]; then
		result "$verdict" FAIL "$(<"$out/current-test")" \
			"the guest crashed or timed out while this test ran"
	fi
	if ((rc == 124 || rc == 137)); then
		result "$verdict" FAIL vm.boot "timed out after ${timeout}s (see $console)"
	elif ((!done_marker)); then
		result "$verdict" FAIL vm.boot "guest did not finish: crash, panic or early exit (see $console)"
	else
		result "$verdict" PASS vm.boot
	fi
	log "verdict: $verdict"
	[[ -n ${MVGPU_NO_SUMMARY:-} ]] && exit 0
	exec "$repo/scripts/summary.sh" "$verdict"
fi

# demo / cmd / shell: report splats; exit with the guest command's status,
# or 1 if the guest did not finish or the kernel splatted.
found=$(splats)
[[ -n $found ]] && while IFS= read -r l; do log "kernel splat: $l"; done <<<"$found"
leaks=$(kmemleak_results)
[[ -n $leaks ]] && while IFS= read -r l; do log "$l"; done <<<"$leaks"
grep -q '^FAIL' <<<"$leaks" && found+=${found:+$'\n'}kmemleak
if [[ $mode != shell ]] && ((!done_marker)); then
	log "guest did not finish (crash, panic or timeout); see $console"
	exit 1
fi
status=$(cat "$out/exit-code" 2>/dev/null || echo 1)
[[ -n $found && $status == 0 ]] && status=1
exit "$status"
