// SPDX-License-Identifier: GPL-2.0
/*
 * e2e.c - shared fixture for the mvgpu end-to-end tests, see e2e.h.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"

/*
 * The software GPU's types (admin guide): 1/n of the 448 MiB of aperture
 * and 3328 MiB of hidden memory the host leaves; aperture/hidden MiB,
 * weight, max per pGPU.
 */
const struct e2e_type e2e_types[] = {
	{ "V1_1",  448, 3328, 16, 1 },
	{ "V1_2",  224, 1664,  8, 2 },
	{ "V1_4",  112,  832,  4, 4 },
	{ "V1_8",   56,  416,  2, 8 },
	{ "V1_64",   7,   52,  1, 64 },
};
const unsigned int e2e_nr_types = sizeof(e2e_types) / sizeof(e2e_types[0]);

#define E2E_MAX_TRACKED	128

static char tracked[E2E_MAX_TRACKED][MVGPU_UUID_LEN + 1];
/* Runtime-created pGPU ids (bit set = delete at exit). */
static uint64_t tracked_pgpus[256 / 64];
static const char *test_name = "e2e";

static unsigned int min_u(unsigned int a, unsigned int b)
{
	return a < b ? a : b;
}

unsigned int e2e_expected_available(const struct e2e_type *t,
				    unsigned int ap_free_mib,
				    unsigned int hid_free_mib,
				    unsigned int used_same,
				    unsigned int used_total)
{
	unsigned int n = used_same < t->max ? t->max - used_same : 0;

	n = min_u(n, used_total < E2E_MAX_VGPUS ? E2E_MAX_VGPUS - used_total : 0);
	n = min_u(n, ap_free_mib / t->aperture_mib);
	return min_u(n, hid_free_mib / t->hidden_mib);
}

const char *e2e_pgpu(void)
{
	const char *p = getenv("MVGPU_PGPU");

	return p && *p ? p : "sgpu0";
}

static void watchdog(int sig)
{
	static const char msg[] = "Bail out! watchdog: test took too long\n";
	ssize_t n;

	(void)sig;
	n = write(STDOUT_FILENO, msg, sizeof(msg) - 1);
	(void)n;
	/* Cleanup could block on the very thing that hung: skip it. */
	_exit(1);
}

void e2e_init(const char *name, unsigned int timeout_s)
{
	test_name = name;
	tap_init();
	tap_diag("%s: pGPU %s", name, e2e_pgpu());
	signal(SIGALRM, watchdog);
	alarm(timeout_s);
	atexit(e2e_cleanup);
}

bool e2e_require_pgpu(void)
{
	const char *pgpu = e2e_pgpu();
	bool ok = mvgpu_pgpu_exists(pgpu);

	tap_ok(ok, "pGPU %s is registered as an mdev parent", pgpu);
	if (!ok) {
		tap_diag("%s/%s is missing", MVGPU_MDEV_BUS_DIR, pgpu);
		if (access(MVGPU_SGPU_BUS_DIR, F_OK))
			tap_diag("%s is missing too: are the mvgpu and "
				 "mvgpu_sgpu modules loaded?", MVGPU_SGPU_BUS_DIR);
		if (geteuid())
			tap_diag("the tests must run as root");
	}
	return ok;
}

bool e2e_require_empty_pgpu(void)
{
	unsigned int i;
	bool ok = true;

	for (i = 0; i < e2e_nr_types; i++) {
		uint64_t n = 0;
		int ret = mvgpu_type_available(e2e_pgpu(), e2e_types[i].name, &n);

		if (ret || n != e2e_types[i].max) {
			tap_diag("%s: available_instances %llu (%s), max %u",
				 e2e_types[i].name, (unsigned long long)n,
				 tap_errname(ret), e2e_types[i].max);
			ok = false;
		}
	}
	return tap_ok(ok, "pGPU %s has no vGPU (every type at its maximum)",
		      e2e_pgpu());
}

void e2e_track(const char *uuid)
{
	unsigned int i;

	for (i = 0; i < E2E_MAX_TRACKED; i++) {
		if (!tracked[i][0]) {
			memcpy(tracked[i], uuid, MVGPU_UUID_LEN + 1);
			return;
		}
	}
	tap_diag("e2e: too many vGPUs to track; %s will not be cleaned up", uuid);
}

void e2e_untrack(const char *uuid)
{
	unsigned int i;

	for (i = 0; i < E2E_MAX_TRACKED; i++)
		if (!strcmp(tracked[i], uuid))
			tracked[i][0] = '\0';
}

int e2e_vgpu_create_uuid(const char *pgpu, const char *type,
			 const char *uuid)
{
	int ret = mvgpu_vgpu_create(pgpu, type, uuid);

	if (!ret)
		e2e_track(uuid);
	return ret;
}

int e2e_vgpu_create(const char *type, char uuid[37])
{
	int ret = mvgpu_uuid_generate(uuid);

	return ret ? ret : e2e_vgpu_create_uuid(e2e_pgpu(), type, uuid);
}

int e2e_vgpu_remove(const char *uuid)
{
	int ret = mvgpu_vgpu_remove(uuid);

	if (!ret)
		e2e_untrack(uuid);
	return ret;
}

int e2e_pgpu_new(unsigned int id)
{
	int ret = mvgpu_pgpu_new(id);

	if (!ret && id < 256)
		tracked_pgpus[id / 64] |= 1ull << (id % 64);
	return ret;
}

int e2e_pgpu_del(unsigned int id)
{
	int ret = mvgpu_pgpu_del(id);

	if (!ret && id < 256)
		tracked_pgpus[id / 64] &= ~(1ull << (id % 64));
	return ret;
}

void e2e_cleanup(void)
{
	unsigned int i;

	for (i = 0; i < E2E_MAX_TRACKED; i++) {
		if (!tracked[i][0])
			continue;
		if (mvgpu_vgpu_exists(tracked[i])) {
			int ret = mvgpu_vgpu_remove(tracked[i]);

			tap_diag("%s cleanup: removed leftover vGPU %s: %s",
				 test_name, tracked[i], tap_errname(ret));
		}
		tracked[i][0] = '\0';
	}
	for (i = 0; i < 256; i++) {
		if (tracked_pgpus[i / 64] & (1ull << (i % 64))) {
			int ret = e2e_pgpu_del(i);

			tap_diag("%s cleanup: deleted leftover pGPU sgpu%u: %s",
				 test_name, i, tap_errname(ret));
			tracked_pgpus[i / 64] &= ~(1ull << (i % 64));
		}
	}
}

bool e2e_desc_field(const char *desc, const char *key, char *val, size_t len)
{
	size_t klen = strlen(key);
	const char *line = desc;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t llen = end ? (size_t)(end - line) : strlen(line);

		if (llen > klen + 1 && !strncmp(line, key, klen) &&
		    line[klen] == ':') {
			const char *v = line + klen + 1;

			while (*v == ' ')
				v++;
			snprintf(val, len, "%.*s", (int)(llen - (v - line)), v);
			return true;
		}
		line = end ? end + 1 : NULL;
	}
	return false;
}

int e2e_read(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
	     unsigned int size, uint64_t *val)
{
	uint8_t v8, raw[16];
	uint16_t v16;
	uint32_t v32;
	int ret;

	*val = 0;
	switch (size) {
	case 1:
		ret = mvgpu_read8(dev, index, off, &v8);
		*val = v8;
		return ret;
	case 2:
		ret = mvgpu_read16(dev, index, off, &v16);
		*val = v16;
		return ret;
	case 4:
		ret = mvgpu_read32(dev, index, off, &v32);
		*val = v32;
		return ret;
	case 8:
		return mvgpu_read64(dev, index, off, val);
	}
	return mvgpu_region_read(dev, index, off, raw,
				 size < sizeof(raw) ? size : sizeof(raw));
}

int e2e_write(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
	      unsigned int size, uint64_t val)
{
	uint8_t raw[16] = { 0 };

	switch (size) {
	case 1:
		return mvgpu_write8(dev, index, off, val);
	case 2:
		return mvgpu_write16(dev, index, off, val);
	case 4:
		return mvgpu_write32(dev, index, off, val);
	case 8:
		return mvgpu_write64(dev, index, off, val);
	}
	return mvgpu_region_write(dev, index, off, raw,
				  size < sizeof(raw) ? size : sizeof(raw));
}

bool e2e_expect_read(struct mvgpu_dev *dev, const char *tag, uint32_t index,
		     uint64_t off, unsigned int size, uint64_t want,
		     const char *name)
{
	uint64_t v;
	int ret = e2e_read(dev, index, off, size, &v);

	if (ret) {
		tap_ok(false, "%s: %s", tag, name);
		tap_diag("%u-byte read of %s at %#llx failed: %s", size,
			 mvgpu_region_name(index), (unsigned long long)off,
			 tap_errname(ret));
		return false;
	}
	return tap_eq(v, want, "%s: %s", tag, name);
}

static _Thread_local sigjmp_buf bus_env;
static _Thread_local volatile sig_atomic_t bus_armed;

static void on_sigbus(int sig)
{
	if (bus_armed) {
		bus_armed = 0;
		siglongjmp(bus_env, 1);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void e2e_catch_sigbus(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigbus;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
}

int e2e_guarded_copy(void *dst, const void *src, size_t len)
{
	if (sigsetjmp(bus_env, 1))
		return -EFAULT;
	bus_armed = 1;
	memcpy(dst, src, len);
	bus_armed = 0;
	return 0;
}

uint64_t e2e_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long e2e_debugfs_stat(const char *path, const char *key)
{
	char full[256], line[256];
	size_t n = strlen(key);
	long long v = -1;
	FILE *f;

	snprintf(full, sizeof(full), "/sys/kernel/debug/%s", path);
	f = fopen(full, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':')
			v = strtoll(line + n + 1, NULL, 0);
	fclose(f);
	return v;
}

long long e2e_vgpu_stat(const char *pgpu, unsigned int id, const char *file,
			const char *key)
{
	char path[160];

	snprintf(path, sizeof(path), "mvgpu/%s/vgpu%u/%s", pgpu, id, file);
	return e2e_debugfs_stat(path, key);
}

int e2e_free_pgpu_id(int below)
{
	char name[16];
	int id;

	for (id = below; id >= 1; id--) {
		snprintf(name, sizeof(name), "sgpu%d", id);
		if (!mvgpu_pgpu_exists(name))
			return id;
	}
	return -1;
}

bool e2e_wait_vgpu_gone(const char *uuid, unsigned int timeout_ms)
{
	uint64_t end = e2e_now_ms() + timeout_ms;

	while (mvgpu_vgpu_exists(uuid)) {
		if (e2e_now_ms() >= end)
			return false;
		usleep(20 * 1000);
	}
	return true;
}

/* ---- the scheduler's interfaces -------------------------------------- */

uint64_t e2e_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void pgpu_attr_path(char *buf, size_t len, const char *attr)
{
	snprintf(buf, len, MVGPU_MDEV_BUS_DIR "/%s/mvgpu/%s", e2e_pgpu(), attr);
}

int e2e_pgpu_attr_read(const char *attr, char *buf, size_t len)
{
	char path[256];

	pgpu_attr_path(path, sizeof(path), attr);
	return mvgpu_sysfs_read(path, buf, len);
}

int e2e_pgpu_attr_write(const char *attr, const char *val)
{
	char path[256];

	pgpu_attr_path(path, sizeof(path), attr);
	return mvgpu_sysfs_write_str(path, val);
}

bool e2e_sched_present(void)
{
	char path[256];

	pgpu_attr_path(path, sizeof(path), "sched_policy");
	return !access(path, F_OK);
}

int e2e_require_sched(void)
{
	if (!mvgpu_pgpu_exists(e2e_pgpu())) {
		e2e_require_pgpu();
		return tap_done();
	}
	printf("1..0 # SKIP scheduler not present (no %s/%s/mvgpu/sched_policy)\n",
	       MVGPU_MDEV_BUS_DIR, e2e_pgpu());
	return 0;
}

int e2e_vgpu_attr_write(const char *uuid, const char *attr, const char *val)
{
	char path[256];

	snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s/mvgpu/%s", uuid,
		 attr);
	return mvgpu_sysfs_write_str(path, val);
}

/* The number after " @key=" (or at the start) in @line, or -1. */
static int64_t line_field(const char *line, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	for (p = strstr(line, key); p; p = strstr(p + 1, key))
		if ((p == line || p[-1] == ' ') && p[n] == '=')
			return (int64_t)strtoull(p + n + 1, NULL, 0);
	return -1;
}

int64_t e2e_debugfs_field(const char *path, const char *prefix,
			  const char *key)
{
	char line[512];
	int64_t v = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, prefix, strlen(prefix))) {
			v = line_field(line, key);
			break;
		}
	fclose(f);
	return v;
}

int e2e_sched_stats(unsigned int vgpu_id, unsigned int engine,
		    struct e2e_sched_stats *st)
{
	const char *prefix = engine ? "bcs:" : "rcs:";
	char path[256], buf[1024], *line;
	uint64_t t0, t1;
	int ret;

	memset(st, 0, sizeof(*st));
	snprintf(path, sizeof(path), E2E_DEBUGFS_MVGPU "/%s/vgpu%u/sched",
		 e2e_pgpu(), vgpu_id);
	t0 = e2e_now_ns();
	ret = mvgpu_sysfs_read(path, buf, sizeof(buf));
	t1 = e2e_now_ns();
	if (ret)
		return ret;
	st->ts_ns = t0 + (t1 - t0) / 2;
	for (line = buf; line; line = strchr(line, '\n')) {
		int64_t v[6];

		if (*line == '\n')
			line++;
		if (strncmp(line, prefix, strlen(prefix)))
			continue;
		v[0] = line_field(line, "busy_ns");
		v[1] = line_field(line, "slices");
		v[2] = line_field(line, "preemptions");
		v[3] = line_field(line, "queued");
		v[4] = line_field(line, "hangs");
		v[5] = line_field(line, "max_held_ns");
		if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[3] < 0 || v[4] < 0 ||
		    v[5] < 0)
			return -EPROTO;
		st->busy_ns = v[0];
		st->slices = v[1];
		st->preemptions = v[2];
		st->queued = v[3];
		st->hangs = v[4];
		st->max_held_ns = v[5];
		return 0;
	}
	return -EPROTO;
}

int e2e_param_read_u64(const char *name, uint64_t *val)
{
	char path[256];

	snprintf(path, sizeof(path), E2E_MODULE_PARAMS "/%s", name);
	return mvgpu_sysfs_read_u64(path, val);
}

int e2e_param_write_u64(const char *name, uint64_t val)
{
	char path[256], s[32];

	snprintf(path, sizeof(path), E2E_MODULE_PARAMS "/%s", name);
	snprintf(s, sizeof(s), "%llu", (unsigned long long)val);
	return mvgpu_sysfs_write_str(path, s);
}
