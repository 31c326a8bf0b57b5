// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs_lifecycle - the mdev sysfs model of mvgpu, end to end.
 *
 * Types and their attributes, exact available_instances while filling a
 * pGPU with each type, mixed types, ENOSPC/EEXIST/EINVAL on create,
 * racing creates, per-vGPU attributes, and run-time pGPU creation and
 * removal through /sys/bus/mvgpu_sgpu/{new,del}_device.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"

#define RACERS		16
#define RACE_TYPE	"V1_8"
#define MAX_TYPES	8

/*
 * The types with the sizes the driver describes.  test_type_attrs() holds
 * the descriptions to the spec table (e2e_types); the counting tests use
 * these, so that a size that differs from the table fails once, there,
 * instead of in every count.
 */
static struct e2e_type types[MAX_TYPES];

/* The type named @name in @table (e2e_types or types). */
static const struct e2e_type *type_find(const struct e2e_type *table,
					const char *name)
{
	unsigned int i;

	for (i = 0; i < e2e_nr_types; i++)
		if (!strcmp(table[i].name, name))
			return &table[i];
	abort();	/* a typo in this file */
}

/* Read attribute @attr of @type on @pgpu into @buf. */
static int type_attr(const char *pgpu, const char *type, const char *attr,
		     char *buf, size_t len)
{
	char path[PATH_MAX];
	int ret = mvgpu_type_path(path, sizeof(path), pgpu, type, attr);

	return ret ? ret : mvgpu_sysfs_read(path, buf, len);
}

/* Parse "<n> MiB" of @key in the description of type @name. */
static bool desc_mib(const char *name, const char *key, unsigned int *mib)
{
	char desc[1024], val[64], unit[8];

	return !type_attr(e2e_pgpu(), name, "description", desc, sizeof(desc)) &&
	       e2e_desc_field(desc, key, val, sizeof(val)) &&
	       sscanf(val, "%u %7s", mib, unit) == 2 && !strcmp(unit, "MiB") &&
	       *mib;
}

/* Fill types[] from the spec table and the driver's descriptions. */
static void load_types(void)
{
	unsigned int i, ap, hid;

	for (i = 0; i < e2e_nr_types && i < MAX_TYPES; i++) {
		types[i] = e2e_types[i];
		if (desc_mib(types[i].name, "aperture", &ap) &&
		    ap != types[i].aperture_mib) {
			tap_diag("%s: counting with the described aperture %u MiB "
				 "(spec %u MiB)", types[i].name, ap,
				 types[i].aperture_mib);
			types[i].aperture_mib = ap;
		}
		if (desc_mib(types[i].name, "hidden", &hid) &&
		    hid != types[i].hidden_mib) {
			tap_diag("%s: counting with the described hidden %u MiB "
				 "(spec %u MiB)", types[i].name, hid,
				 types[i].hidden_mib);
			types[i].hidden_mib = hid;
		}
	}
}

/*
 * Check available_instances of every type against the model, with
 * @used vGPUs of @used_type (and nothing else) on the pGPU.
 */
static void check_all_available(const char *when, unsigned int ap_free,
				unsigned int hid_free,
				const struct e2e_type *used_type,
				unsigned int used)
{
	unsigned int i;

	for (i = 0; i < e2e_nr_types; i++) {
		const struct e2e_type *t = &types[i];
		unsigned int want = e2e_expected_available(t, ap_free, hid_free,
							   t == used_type ? used : 0,
							   used);
		uint64_t n = ~0ull;
		int ret = mvgpu_type_available(e2e_pgpu(), t->name, &n);

		if (ret)
			tap_diag("reading %s available_instances: %s", t->name,
				 tap_errname(ret));
		tap_eq(n, want, "%s: %s available_instances", when, t->name);
	}
}

/* One test point: line "@key: @want" is in the description @desc of @t. */
static void check_desc(const struct e2e_type *t, const char *desc,
		       const char *key, const char *want)
{
	char val[128];
	bool found = e2e_desc_field(desc, key, val, sizeof(val));

	if (!tap_ok(found && !strcmp(val, want), "%s: description %s: %s",
		    t->name, key, want))
		tap_diag("%s", found ? val : "line missing");
}

/* name, device_api and description of every type. */
static void test_type_attrs(void)
{
	unsigned int i;

	for (i = 0; i < e2e_nr_types; i++) {
		const struct e2e_type *t = &e2e_types[i];
		char buf[1024], val[128], want[64];
		unsigned int w = 0, h = 0;
		int ret;

		ret = type_attr(e2e_pgpu(), t->name, "name", buf, sizeof(buf));
		snprintf(want, sizeof(want), "mvgpu_%s", t->name);
		if (!tap_ok(!ret && !strcmp(buf, want), "%s: name is %s",
			    t->name, want))
			tap_diag("read %s: \"%s\"", tap_errname(ret), ret ? "" : buf);

		ret = type_attr(e2e_pgpu(), t->name, "device_api", buf, sizeof(buf));
		tap_ok(!ret && !strcmp(buf, "vfio-pci"),
		       "%s: device_api is vfio-pci", t->name);

		ret = type_attr(e2e_pgpu(), t->name, "description", buf, sizeof(buf));
		if (!tap_ok(!ret, "%s: description readable", t->name))
			continue;
		snprintf(want, sizeof(want), "%u MiB", t->aperture_mib);
		check_desc(t, buf, "aperture", want);
		snprintf(want, sizeof(want), "%u MiB", t->hidden_mib);
		check_desc(t, buf, "hidden", want);
		snprintf(want, sizeof(want), "%u", t->weight);
		check_desc(t, buf, "weight", want);
		check_desc(t, buf, "engines", "rcs bcs");
		if (!tap_ok(e2e_desc_field(buf, "resolution", val, sizeof(val)) &&
			    sscanf(val, "%ux%u", &w, &h) == 2 && w && h,
			    "%s: description has resolution: WxH", t->name))
			tap_diag("description: \"%s\"", buf);
	}
}

/* Create @t up to its maximum, hit ENOSPC, then remove in reverse order. */
static void test_fill_type(const struct e2e_type *t)
{
	char uuids[64][MVGPU_UUID_LEN + 1], extra[MVGPU_UUID_LEN + 1];
	unsigned int k, created = 0;
	uint64_t n;
	bool ok = true;
	int ret;

	for (k = 0; k < t->max && k < 64; k++) {
		ret = e2e_vgpu_create(t->name, uuids[k]);
		if (ret) {
			tap_diag("create #%u failed: %s", k + 1, tap_errname(ret));
			ok = false;
			break;
		}
		created++;
		ret = mvgpu_type_available(e2e_pgpu(), t->name, &n);
		if (ret || n != t->max - created) {
			tap_diag("after %u created: available %llu (%s), want %u",
				 created, (unsigned long long)n,
				 tap_errname(ret), t->max - created);
			ok = false;
		}
	}
	tap_ok(ok, "%s: %u created, available_instances counts down to 0",
	       t->name, t->max);
	if (created == t->max)
		check_all_available(t->name,
				    E2E_APERTURE_USABLE_MIB - t->max * t->aperture_mib,
				    E2E_HIDDEN_USABLE_MIB - t->max * t->hidden_mib,
				    t, t->max);

	ret = e2e_vgpu_create(t->name, extra);
	tap_rc(ret, -ENOSPC, "%s: create beyond the maximum fails with ENOSPC",
	       t->name);

	ok = true;
	while (created) {
		ret = e2e_vgpu_remove(uuids[--created]);
		if (ret) {
			tap_diag("remove %s: %s", uuids[created], tap_errname(ret));
			ok = false;
			continue;
		}
		ret = mvgpu_type_available(e2e_pgpu(), t->name, &n);
		if (ret || n != t->max - created) {
			tap_diag("after removing down to %u: available %llu, want %u",
				 created, (unsigned long long)n,
				 t->max - created);
			ok = false;
		}
	}
	tap_ok(ok, "%s: removing all counts available_instances back up to %u",
	       t->name, t->max);
}

/* One V1_4 on an empty pGPU reduces the other types' availability. */
static void test_mixed(void)
{
	const struct e2e_type *t = type_find(types, "V1_4");
	char uuid[MVGPU_UUID_LEN + 1];
	int ret;

	ret = e2e_vgpu_create(t->name, uuid);
	if (!tap_rc(ret, 0, "mixed: create one %s", t->name))
		return;
	check_all_available("one V1_4",
			    E2E_APERTURE_USABLE_MIB - t->aperture_mib,
			    E2E_HIDDEN_USABLE_MIB - t->hidden_mib, t, 1);
	tap_rc(e2e_vgpu_remove(uuid), 0, "mixed: remove the %s", t->name);
	check_all_available("empty again", E2E_APERTURE_USABLE_MIB,
			    E2E_HIDDEN_USABLE_MIB, NULL, 0);
}

/* RACERS processes create RACE_TYPE at once: exactly max succeed. */
static void test_concurrent_create(void)
{
	const struct e2e_type *t = type_find(types, RACE_TYPE);
	char uuids[RACERS][MVGPU_UUID_LEN + 1];
	unsigned int i, won = 0, full = 0;
	int gate[2], status;
	pid_t pids[RACERS];
	uint64_t n = ~0ull;

	if (pipe(gate)) {
		tap_ok(false, "race: pipe: %s", tap_errname(errno));
		return;
	}
	for (i = 0; i < RACERS; i++) {
		if (mvgpu_uuid_generate(uuids[i])) {
			tap_ok(false, "race: generate uuid");
			return;
		}
		e2e_track(uuids[i]);
	}
	for (i = 0; i < RACERS; i++) {
		char c;

		pids[i] = fork();
		if (pids[i] == 0) {
			/* Wait for the gate to open (EOF), then race. */
			close(gate[1]);
			if (read(gate[0], &c, 1) < 0)
				_exit(255);
			_exit(-mvgpu_vgpu_create(e2e_pgpu(), t->name, uuids[i]));
		}
		if (pids[i] < 0)
			tap_diag("race: fork: %s", tap_errname(errno));
	}
	close(gate[0]);
	close(gate[1]);		/* open the gate */
	for (i = 0; i < RACERS; i++) {
		if (pids[i] < 0 || waitpid(pids[i], &status, 0) < 0 ||
		    !WIFEXITED(status)) {
			tap_diag("racer %u did not exit normally", i);
			continue;
		}
		switch (WEXITSTATUS(status)) {
		case 0:
			won++;
			break;
		case ENOSPC:
			full++;
			break;
		default:
			tap_diag("racer %u: %s", i,
				 tap_errname(WEXITSTATUS(status)));
		}
	}
	tap_eq(won, t->max, "race: %u racing creates of %s, %u succeed",
	       RACERS, t->name, t->max);
	tap_eq(full, RACERS - t->max, "race: the other %u fail with ENOSPC",
	       RACERS - t->max);
	mvgpu_type_available(e2e_pgpu(), t->name, &n);
	tap_eq(n, 0, "race: %s available_instances is 0", t->name);

	won = 0;
	for (i = 0; i < RACERS; i++)
		if (mvgpu_vgpu_exists(uuids[i]) && !e2e_vgpu_remove(uuids[i]))
			won++;
	tap_eq(won, t->max, "race: removed the %u winners", t->max);
	n = ~0ull;
	mvgpu_type_available(e2e_pgpu(), t->name, &n);
	tap_eq(n, t->max, "race: %s available_instances back to %u",
	       t->name, t->max);
}

/* Malformed UUIDs are refused with EINVAL and create nothing. */
static void test_bad_uuids(void)
{
	char good[MVGPU_UUID_LEN + 1], extra[64], path[PATH_MAX];
	const struct {
		const char *what;
		const char *s;
	} bad[] = {
		{ "empty line", "\n" },
		{ "too short", "1234" },
		{ "36 chars, not hex", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz" },
		{ "36 hex digits, no dashes",
		  "0123456789abcdef0123456789abcdef0123" },
		{ "dash misplaced", "0123456-89abc-def0-1234-56789abcdef0" },
		{ "extra characters", extra },
	};
	uint64_t before = 0, after = 0;
	size_t i;

	if (mvgpu_uuid_generate(good)) {
		tap_ok(false, "bad uuid: generate uuid");
		return;
	}
	snprintf(extra, sizeof(extra), "%s-extra", good);
	mvgpu_type_path(path, sizeof(path), e2e_pgpu(), "V1_4", "create");
	mvgpu_type_available(e2e_pgpu(), "V1_4", &before);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		tap_rc(mvgpu_sysfs_write_str(path, bad[i].s), -EINVAL,
		       "create with a malformed uuid (%s) fails with EINVAL",
		       bad[i].what);
	mvgpu_type_available(e2e_pgpu(), "V1_4", &after);
	tap_eq(after, before, "malformed creates leave available_instances");
	tap_ok(!mvgpu_vgpu_exists(good), "malformed creates create nothing");
}

/* Same UUID twice, on the same and on another type: EEXIST; remove "0". */
static void test_duplicate_and_remove(void)
{
	char uuid[MVGPU_UUID_LEN + 1], path[PATH_MAX];
	int ret;

	ret = e2e_vgpu_create("V1_4", uuid);
	if (!tap_rc(ret, 0, "duplicate: create a V1_4"))
		return;
	tap_rc(mvgpu_vgpu_create(e2e_pgpu(), "V1_4", uuid), -EEXIST,
	       "duplicate: same uuid, same type fails with EEXIST");
	tap_rc(mvgpu_vgpu_create(e2e_pgpu(), "V1_8", uuid), -EEXIST,
	       "duplicate: same uuid, other type fails with EEXIST");

	snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s/remove", uuid);
	mvgpu_sysfs_write_str(path, "0");
	tap_ok(mvgpu_vgpu_exists(uuid), "remove: writing 0 keeps the vGPU");
	tap_rc(e2e_vgpu_remove(uuid), 0, "remove: writing 1 succeeds");
	tap_ok(!mvgpu_vgpu_exists(uuid), "remove: the vGPU is gone");
}

struct vgpu_attrs {
	uint64_t id, ap_base, ap_size, hid_base, hid_size, weight;
};

static bool read_vgpu_attrs(const char *uuid, struct vgpu_attrs *a)
{
	const struct {
		const char *name;
		uint64_t *val;
	} attrs[] = {
		{ "vgpu_id", &a->id },
		{ "aperture_base", &a->ap_base },
		{ "aperture_size", &a->ap_size },
		{ "hidden_base", &a->hid_base },
		{ "hidden_size", &a->hid_size },
		{ "weight", &a->weight },
	};
	bool ok = true;
	size_t i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		int ret = mvgpu_vgpu_attr_u64(uuid, attrs[i].name, attrs[i].val);

		if (ret) {
			tap_diag("%s/mvgpu/%s: %s", uuid, attrs[i].name,
				 tap_errname(ret));
			ok = false;
		}
	}
	return ok;
}

static bool overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/* Per-vGPU attributes of two V1_4 vGPUs: values, layout, links. */
static void test_vgpu_attrs(void)
{
	const struct e2e_type *t = type_find(e2e_types, "V1_4");
	char uuid[2][MVGPU_UUID_LEN + 1], path[PATH_MAX], link[PATH_MAX];
	struct vgpu_attrs a[2];
	bool ok = true;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		if (!tap_rc(e2e_vgpu_create(t->name, uuid[i]), 0,
			    "attrs: create V1_4 vGPU %u", i + 1))
			return;
		ok &= tap_ok(read_vgpu_attrs(uuid[i], &a[i]),
			     "attrs: vGPU %u has vgpu_id, aperture_base/size, "
			     "hidden_base/size, weight", i + 1);
	}
	if (!ok)
		goto out;
	for (i = 0; i < 2; i++) {
		const char *base;
		ssize_t n;

		tap_eq(a[i].ap_size, (uint64_t)t->aperture_mib * MIB,
		       "attrs: vGPU %u aperture_size is %u MiB", i + 1, t->aperture_mib);
		tap_eq(a[i].hid_size, (uint64_t)t->hidden_mib * MIB,
		       "attrs: vGPU %u hidden_size is %u MiB", i + 1, t->hidden_mib);
		tap_eq(a[i].weight, t->weight, "attrs: vGPU %u weight is %u",
		       i + 1, t->weight);
		tap_ok(a[i].ap_base + a[i].ap_size <= MVGPU_BAR2_DEFAULT_SIZE,
		       "attrs: vGPU %u aperture slice lies inside the aperture", i + 1);
		tap_ok(a[i].hid_base >= MVGPU_BAR2_DEFAULT_SIZE &&
		       a[i].hid_base + a[i].hid_size <= (4ull << 30),
		       "attrs: vGPU %u hidden slice lies above the aperture, below 4 GiB",
		       i + 1);

		snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s/mdev_type",
			 uuid[i]);
		n = readlink(path, link, sizeof(link) - 1);
		link[n > 0 ? n : 0] = '\0';
		base = strrchr(link, '/');
		tap_ok(base && !strcmp(base + 1, MVGPU_TYPE_PREFIX "V1_4"),
		       "attrs: vGPU %u mdev_type links to " MVGPU_TYPE_PREFIX "V1_4",
		       i + 1);
		snprintf(link, sizeof(link), "devices/%s", uuid[i]);
		mvgpu_type_path(path, sizeof(path), e2e_pgpu(), t->name, link);
		tap_ok(access(path, F_OK) == 0,
		       "attrs: vGPU %u listed in the type's devices/", i + 1);
	}
	if (!tap_ok(a[0].id != a[1].id, "attrs: vgpu_ids differ"))
		tap_diag("both are %llu", (unsigned long long)a[0].id);
	tap_ok(!overlap(a[0].ap_base, a[0].ap_size, a[1].ap_base, a[1].ap_size),
	       "attrs: aperture slices do not overlap");
	tap_ok(!overlap(a[0].hid_base, a[0].hid_size, a[1].hid_base, a[1].hid_size),
	       "attrs: hidden slices do not overlap");
out:
	for (i = 0; i < 2; i++)
		e2e_vgpu_remove(uuid[i]);
}

/* The highest sgpu id at most @below that does not exist, or -1. */
/* new_device / del_device: create, errors, deletion removes vGPUs. */
static void test_runtime_pgpu(void)
{
	static const char *const bad[] = { "abc", "256", "-1", "\n", "12abc" };
	char name[16], uuid[2][MVGPU_UUID_LEN + 1], path[PATH_MAX];
	int id = e2e_free_pgpu_id(255), absent;
	uint64_t n = 0;
	unsigned int i;

	if (!tap_ok(id >= 0, "runtime: found a free pGPU id"))
		return;
	absent = e2e_free_pgpu_id(id - 1);
	snprintf(name, sizeof(name), "sgpu%d", id);

	tap_diag("runtime: using pGPU id %d", id);
	if (!tap_rc(e2e_pgpu_new(id), 0, "runtime: new_device of a free id"))
		return;
	tap_ok(mvgpu_pgpu_exists(name), "runtime: the new pGPU appears under "
	       MVGPU_MDEV_BUS_DIR);
	for (i = 0; i < e2e_nr_types; i++) {
		n = ~0ull;
		mvgpu_type_available(name, e2e_types[i].name, &n);
		tap_eq(n, e2e_types[i].max, "runtime: the new pGPU offers %s "
		       "with %u available", e2e_types[i].name, e2e_types[i].max);
	}
	tap_rc(mvgpu_pgpu_new(id), -EEXIST,
	       "runtime: new_device of an existing id fails with EEXIST");

	snprintf(path, sizeof(path), MVGPU_SGPU_BUS_DIR "/new_device");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		tap_rc(mvgpu_sysfs_write_str(path, bad[i]), -EINVAL,
		       "runtime: new_device \"%s\" fails with EINVAL",
		       bad[i][0] == '\n' ? "\\n" : bad[i]);
	snprintf(path, sizeof(path), MVGPU_SGPU_BUS_DIR "/del_device");
	tap_rc(mvgpu_sysfs_write_str(path, "abc"), -EINVAL,
	       "runtime: del_device \"abc\" fails with EINVAL");
	if (absent >= 0)
		tap_rc(mvgpu_pgpu_del(absent), -ENOENT,
		       "runtime: del_device of an absent id fails with ENOENT");

	/*
	 * The driver model: unbinding the bus's driver withdraws the GPU
	 * from mvgpu (its vGPUs with it), binding offers it again.
	 */
	if (!mvgpu_uuid_generate(uuid[0]))
		tap_rc(e2e_vgpu_create_uuid(name, "V1_8", uuid[0]), 0,
		       "runtime: create a vGPU before the unbind");
	snprintf(path, sizeof(path), MVGPU_SGPU_BUS_DIR "/drivers/mvgpu_sgpu/unbind");
	tap_rc(mvgpu_sysfs_write_str(path, name), 0,
	       "runtime: unbind the mvgpu_sgpu driver from the new pGPU");
	tap_ok(!mvgpu_pgpu_exists(name) && !mvgpu_vgpu_exists(uuid[0]),
	       "runtime: unbound, it offers no types and its vGPU is gone");
	snprintf(path, sizeof(path), MVGPU_SGPU_BUS_DIR "/drivers/mvgpu_sgpu/bind");
	tap_rc(mvgpu_sysfs_write_str(path, name), 0,
	       "runtime: bind the driver again");
	n = ~0ull;
	mvgpu_type_available(name, "V1_8", &n);
	tap_eq(n, 8, "runtime: bound again, it offers 8 V1_8");

	for (i = 0; i < 2; i++) {
		if (mvgpu_uuid_generate(uuid[i]))
			uuid[i][0] = '\0';
		tap_rc(e2e_vgpu_create_uuid(name, "V1_8", uuid[i]), 0,
		       "runtime: create V1_8 vGPU %u on the new pGPU", i + 1);
	}
	tap_rc(e2e_pgpu_del(id), 0,
	       "runtime: del_device of the new pGPU holding 2 vGPUs");
	tap_ok(!mvgpu_pgpu_exists(name), "runtime: the new pGPU is gone");
	tap_ok(!mvgpu_vgpu_exists(uuid[0]) && !mvgpu_vgpu_exists(uuid[1]),
	       "runtime: its vGPUs are gone");
	tap_rc(mvgpu_pgpu_del(id), -ENOENT,
	       "runtime: del_device of it again fails with ENOENT");
}

int main(void)
{
	unsigned int i;

	e2e_init("sysfs_lifecycle", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();

	test_type_attrs();
	if (e2e_require_empty_pgpu()) {
		load_types();
		for (i = 0; i < e2e_nr_types; i++)
			test_fill_type(&types[i]);
		test_mixed();
		test_concurrent_create();
	} else {
		tap_skip("pGPU not empty", "counting tests");
	}
	test_bad_uuids();
	test_duplicate_and_remove();
	test_vgpu_attrs();
	test_runtime_pgpu();
	return tap_done();
}
