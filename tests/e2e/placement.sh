#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# placement.sh - a vGPU's graphics memory can be placed at given addresses
# before it is opened: mvgpu/aperture_base and mvgpu/hidden_base are
# writable, as a live migration's destination needs the source's slices.
#
# Runs as root inside the test VM (mvgpu and mvgpu_sgpu loaded) and prints
# plan-less TAP.  Uses the pGPU $MVGPU_PGPU (default sgpu0) and three V1_8
# vGPUs A, B, C created through sysfs.  A is removed, leaving a hole, and
# C is moved into it; moves onto B's slices, to misaligned or out-of-range
# addresses and (with a python3 VFIO holder) while C is open fail and move
# nothing; mvgpu-info shows the new bases in the PV info page; mdevctl, if
# installed, starts a defined vGPU at given bases (modify --addattr), and
# fails to start one whose base is taken (start --jsonfile).  Points whose
# tool is missing are skipped.  Removes what it creates, also on failure.
#
# Copyright (C) 2026 The mvgpu developers

LC_ALL=C
export LC_ALL
PGPU=${MVGPU_PGPU:-sgpu0}
TYPE=mvgpu_sgpu-V1_8
TYPE_DIR=/sys/class/mdev_bus/$PGPU/mdev_supported_types/$TYPE
MDEV_DIR=/sys/bus/mdev/devices
REPO=$(cd "$(dirname "$0")/../.." && pwd)

A=
B=
C=
D=
D_DEFINED=
HOLDER=
WORK=

# shellcheck source=tests/e2e/lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"

skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

cleanup() {
	# An open vGPU's removal would wait for its holder: stop it first.
	if [ -n "$HOLDER" ]; then
		kill "$HOLDER" 2> /dev/null
		wait "$HOLDER" 2> /dev/null
		HOLDER=
	fi
	if [ -n "$D_DEFINED" ]; then
		mdevctl stop -u "$D" > /dev/null 2>&1
		mdevctl undefine -u "$D" > /dev/null 2>&1
		D_DEFINED=
	fi
	for u in $A $B $C $D; do
		if [ -e "$MDEV_DIR/$u" ]; then
			diag "cleanup: removing $u"
			echo 1 > "$MDEV_DIR/$u/remove"
		fi
	done
	A='' B='' C='' D=''
	[ -n "$WORK" ] && rm -rf "$WORK"
	WORK=
}

finish() {
	cleanup
	tap_summary
}

trap 'finish; exit 1' INT TERM

attr() {
	cat "$MDEV_DIR/$1/mvgpu/$2" 2> /dev/null
}

# set_attr UUID NAME VALUE: one write(2) of VALUE; $werr is the error text
# of a failure (empty on success); the status is the write's.
set_attr() {
	werr=$( (env echo "$3" > "$MDEV_DIR/$1/mvgpu/$2") 2>&1)
}

# expect_fail DESCRIPTION ERRNO_TEXT UUID NAME VALUE
expect_fail() {
	if set_attr "$3" "$4" "$5"; then
		not_ok "$1"
		diag "writing $5 to $4 succeeded"
		return
	fi
	case $werr in
	*"$2"*) ok "$1" ;;
	*)
		not_ok "$1"
		diag "writing $5 to $4: $werr (wanted $2)"
		;;
	esac
}

new_vgpu() {
	u=$(cat /proc/sys/kernel/random/uuid)
	if echo "$u" > "$TYPE_DIR/create"; then
		echo "$u"
	fi
}

# The PV info field NAME of vGPU UUID as mvgpu-info prints it.
pv_field() {
	"$INFO" "$1" 2> /dev/null | awk -v f="$2" '
		/^PV info/ { pv = 1; next }
		pv && $1 == f { print $2; exit }'
}

# The first existing of: the tool on PATH, the built copy.
find_tool() {
	for f in "$(command -v "$1")" "$REPO/tools/build/$1"; do
		[ -n "$f" ] && [ -x "$f" ] && { echo "$f"; return; }
	done
}

# Holds vGPU argv[1] open through VFIO (the iommufd cdev, else the group
# and a type1 container) and writes "open" to argv[2]; then waits to be
# killed.  Exits 1, saying why, when it cannot open it.
HOLDER_PY='
import fcntl, os, struct, sys, time

uuid, ready = sys.argv[1], sys.argv[2]
sysdir = "/sys/bus/mdev/devices/" + uuid
VFIO_SET_IOMMU = 0x3b66
VFIO_GROUP_SET_CONTAINER = 0x3b68
VFIO_GROUP_GET_DEVICE_FD = 0x3b6a
VFIO_DEVICE_BIND_IOMMUFD = 0x3b76

def cdev():
    name = os.listdir(sysdir + "/vfio-dev")[0]
    dev = os.open("/dev/vfio/devices/" + name, os.O_RDWR)
    iommufd = os.open("/dev/iommu", os.O_RDWR)
    bind = bytearray(struct.pack("IIiI", 16, 0, iommufd, 0))
    fcntl.ioctl(dev, VFIO_DEVICE_BIND_IOMMUFD, bind)
    return dev

def group():
    grp = os.path.basename(os.readlink(sysdir + "/iommu_group"))
    container = os.open("/dev/vfio/vfio", os.O_RDWR)
    g = os.open("/dev/vfio/" + grp, os.O_RDWR)
    fcntl.ioctl(g, VFIO_GROUP_SET_CONTAINER, struct.pack("i", container))
    try:
        fcntl.ioctl(container, VFIO_SET_IOMMU, 3)
    except OSError:
        fcntl.ioctl(container, VFIO_SET_IOMMU, 1)
    return fcntl.ioctl(g, VFIO_GROUP_GET_DEVICE_FD,
                       bytearray(uuid.encode() + b"\0"))

fds = None
errors = []
for how in (cdev, group):
    try:
        fds = how()
        break
    except (OSError, IndexError) as e:
        errors.append("%s: %s" % (how.__name__, e))
if fds is None:
    sys.exit("cannot open " + uuid + ": " + "; ".join(errors))
with open(ready, "w") as f:
    f.write("open\n")
time.sleep(600)
'

# Start the holder on vGPU $1; 0 once it holds it open.
hold_open() {
	rm -f "$WORK/ready"
	python3 -c "$HOLDER_PY" "$1" "$WORK/ready" 2> "$WORK/holder.err" &
	HOLDER=$!
	i=0
	while [ ! -s "$WORK/ready" ] && kill -0 "$HOLDER" 2> /dev/null &&
		[ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$WORK/ready" ] && return 0
	diag "holder: $(cat "$WORK/holder.err")"
	kill "$HOLDER" 2> /dev/null
	wait "$HOLDER" 2> /dev/null
	HOLDER=
	return 1
}

release() {
	kill "$HOLDER" 2> /dev/null
	wait "$HOLDER" 2> /dev/null
	HOLDER=
}

main() {
	if [ -d "/sys/class/mdev_bus/$PGPU" ]; then
		ok "pGPU $PGPU is registered as an mdev parent"
	else
		not_ok "pGPU $PGPU is registered as an mdev parent"
		diag "/sys/class/mdev_bus/$PGPU is missing: are mvgpu and mvgpu_sgpu loaded?"
		return 1
	fi
	WORK=$(mktemp -d)
	avail=$(cat "$TYPE_DIR/available_instances")
	if ! check "at least three $TYPE fit" test "$avail" -ge 3; then
		diag "available_instances $avail"
		return 1
	fi
	A=$(new_vgpu)
	B=$(new_vgpu)
	C=$(new_vgpu)
	if ! check "three vGPUs created through sysfs" \
		test -n "$A" -a -n "$B" -a -n "$C"; then
		return 1
	fi
	a_ap=$(attr "$A" aperture_base) a_hid=$(attr "$A" hidden_base)
	b_ap=$(attr "$B" aperture_base) b_hid=$(attr "$B" hidden_base)
	c_ap=$(attr "$C" aperture_base) c_hid=$(attr "$C" hidden_base)
	diag "A $a_ap/$a_hid, B $b_ap/$b_hid, C $c_ap/$c_hid"
	for v in "$a_ap" "$a_hid" "$b_ap" "$b_hid" "$c_ap" "$c_hid"; do
		case $v in
		0x[0-9a-f]*) ;;
		*)
			not_ok "the vGPUs' bases read as hexadecimal numbers"
			return 1
			;;
		esac
	done
	mode=$(stat -c %a "$MDEV_DIR/$C/mvgpu/aperture_base")
	check "aperture_base and hidden_base are writable by root (0644)" \
		test "$mode" = 644 -a \
		"$(stat -c %a "$MDEV_DIR/$C/mvgpu/hidden_base")" = 644

	echo 1 > "$MDEV_DIR/$A/remove"
	check "the first vGPU is removed, leaving a hole" \
		test ! -e "$MDEV_DIR/$A"
	A=
	avail=$(cat "$TYPE_DIR/available_instances")

	# Into the hole, one slice at a time.
	set_attr "$C" aperture_base "$a_ap"
	check "moving the third vGPU's aperture slice into the hole succeeds" \
		test -z "$werr" || diag "$werr"
	check "aperture_base reads back the new base" \
		test "$(attr "$C" aperture_base)" = "$a_ap"
	check "hidden_base did not move with it" \
		test "$(attr "$C" hidden_base)" = "$c_hid"
	set_attr "$C" hidden_base "$a_hid"
	check "moving its hidden slice into the hole succeeds" \
		test -z "$werr" || diag "$werr"
	check "hidden_base reads back the new base" \
		test "$(attr "$C" hidden_base)" = "$a_hid"
	check "aperture_base stayed" \
		test "$(attr "$C" aperture_base)" = "$a_ap"
	check "a decimal base is accepted (writing the current one)" \
		set_attr "$C" aperture_base "$(printf %d "$a_ap")"
	check "available_instances is the same after the move" \
		test "$(cat "$TYPE_DIR/available_instances")" = "$avail"

	# Refused, and nothing moves.
	expect_fail "moving onto another vGPU's aperture slice fails with EBUSY" \
		"Device or resource busy" "$C" aperture_base "$b_ap"
	expect_fail "moving onto another vGPU's hidden slice fails with EBUSY" \
		"Device or resource busy" "$C" hidden_base "$b_hid"
	expect_fail "a misaligned base fails with EINVAL" \
		"Invalid argument" "$C" aperture_base "$(printf %#x $((a_ap + 1)))"
	expect_fail "a base outside the space fails with EINVAL" \
		"Invalid argument" "$C" hidden_base 0xfffffffffffff000
	expect_fail "a base that is no number fails with EINVAL" \
		"Invalid argument" "$C" aperture_base junk
	check "the failed moves left both slices in place" \
		test "$(attr "$C" aperture_base)" = "$a_ap" -a \
		"$(attr "$C" hidden_base)" = "$a_hid"

	INFO=$(find_tool mvgpu-info)
	if [ -n "$INFO" ]; then
		pv_ap=$(pv_field "$C" mappable_base)
		pv_hid=$(pv_field "$C" hidden_base)
		diag "PV info: mappable_base $pv_ap, hidden_base $pv_hid"
		check "the PV info page shows the new aperture base" \
			test "$pv_ap" = "$a_ap"
		check "the PV info page shows the new hidden base" \
			test "$pv_hid" = "$a_hid"
	else
		skip "the PV info page shows the new aperture base" "no mvgpu-info (make tools)"
		skip "the PV info page shows the new hidden base" "no mvgpu-info (make tools)"
	fi

	# Back where it was created, while a user holds it open: refused.
	if ! command -v python3 > /dev/null; then
		skip "moving an open vGPU fails with EBUSY" "no python3 to hold it open"
	elif ! hold_open "$C"; then
		skip "moving an open vGPU fails with EBUSY" "could not open it through VFIO"
	else
		expect_fail "moving an open vGPU fails with EBUSY" \
			"Device or resource busy" "$C" aperture_base "$c_ap"
		expect_fail "moving an open vGPU's hidden slice fails with EBUSY" \
			"Device or resource busy" "$C" hidden_base "$c_hid"
		check "writing an open vGPU's current base succeeds" \
			set_attr "$C" hidden_base "$a_hid"
		release
		check "the open vGPU did not move" \
			test "$(attr "$C" aperture_base)" = "$a_ap"
		set_attr "$C" aperture_base "$c_ap"
		check "once closed it moves again" test -z "$werr" ||
			diag "$werr"
		set_attr "$C" aperture_base "$a_ap"
		check "and back" test -z "$werr" || diag "$werr"
	fi
}

# A defined vGPU started by mdevctl at given bases: those C was created
# at.  Holes at B and C: first fit would take B's, so the place is not
# the default one.
with_mdevctl() {
	if ! command -v mdevctl > /dev/null; then
		skip "mdevctl starts a vGPU at the bases of its attributes" "mdevctl not installed"
		return
	fi
	mkdir -p /etc/mdevctl.d/scripts.d/callouts /etc/mdevctl.d/scripts.d/notifiers
	echo 1 > "$MDEV_DIR/$B/remove"
	check "the second vGPU is removed, leaving a second hole" \
		test ! -e "$MDEV_DIR/$B"
	B=

	D=$(cat /proc/sys/kernel/random/uuid)
	out=$(mdevctl define -u "$D" -p "$PGPU" -t "$TYPE" 2>&1) &&
		D_DEFINED=1 &&
		out=$(mdevctl modify -u "$D" --addattr=mvgpu/aperture_base \
			--value="$c_ap" 2>&1) &&
		out=$(mdevctl modify -u "$D" --addattr=mvgpu/hidden_base \
			--value="$c_hid" 2>&1)
	rc=$?
	[ $rc -eq 0 ] || diag "$out"
	check "mdevctl define and modify --addattr=mvgpu/aperture_base, mvgpu/hidden_base succeed" \
		test $rc -eq 0
	out=$(mdevctl start -u "$D" 2>&1)
	rc=$?
	[ $rc -eq 0 ] || diag "$out"
	check "mdevctl start of the defined vGPU succeeds" test $rc -eq 0
	diag "started at $(attr "$D" aperture_base)/$(attr "$D" hidden_base)"
	check "mdevctl placed its aperture slice" \
		test "$(attr "$D" aperture_base)" = "$c_ap"
	check "mdevctl placed its hidden slice" \
		test "$(attr "$D" hidden_base)" = "$c_hid"
	mdevctl stop -u "$D" > /dev/null 2>&1
	out=$(mdevctl undefine -u "$D" 2>&1)
	rc=$?
	[ $rc -eq 0 ] || diag "$out"
	check "mdevctl stop and undefine succeed" \
		test $rc -eq 0 -a ! -e "$MDEV_DIR/$D"
	D_DEFINED=
	D=

	# A taken place: the start fails, and mdevctl removes what it made.
	D=$(cat /proc/sys/kernel/random/uuid)
	cat > "$WORK/taken.json" << EOF
{
  "mdev_type": "$TYPE",
  "start": "manual",
  "attrs": [ { "mvgpu/aperture_base": "$a_ap" } ]
}
EOF
	out=$(mdevctl start -u "$D" -p "$PGPU" --jsonfile "$WORK/taken.json" 2>&1)
	rc=$?
	diag "$out"
	check "mdevctl start --jsonfile onto a taken aperture slice fails" \
		test $rc -ne 0
	check "and leaves no vGPU behind" test ! -e "$MDEV_DIR/$D"
}

if main; then
	with_mdevctl
fi
finish
