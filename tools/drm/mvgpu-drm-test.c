// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-drm-test: TAP tests of the mvgpu render uAPI
 * (include/uapi/drm/mvgpu_drm.h) through a render node, with libdrm.
 *
 *   mvgpu-drm-test [--device PATH] [--only NAME[,NAME...]] [--hog-ms N]
 *                  [--hog-cmd-ms M] [--fuzz-iters N] [--seed S]
 *                  [--kms-hold FILE]
 *
 * Subtests: params bo fill copy saxpy checksum store sync bad-input
 * isolation concurrent kms hang fuzz load.  Default: all but hang (which
 * needs --hog-ms, the host's hang timeout in ms) and load (which needs
 * --load-seconds).  kms uses the primary node (/dev/dri/card0..15) as DRM
 * master and is skipped when it cannot be.  Every address in a batch is a
 * per-process (PPGTT) address, a buffer's va.  Forked children print
 * only "# " lines and report through their exit status.  Every wait is
 * bounded.  Exit status 1 if a check failed or no device was found.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <drm_fourcc.h>
#include <xf86drm.h>
#include <xf86drmMode.h>
#include "drm/mvgpu_drm.h"
#include <linux/mvgpu.h>

#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS
#define WAIT_MS		60000		/* every syncobj wait */
#define W		256		/* fill/copy surfaces: 256x256 32bpp */
#define H		256
#define PITCH		(W * 4)
#define SURF		(W * H * 4)
#define LO(x)		((uint32_t)(x))
#define HI(x)		((uint32_t)((uint64_t)(x) >> 32))

static char dev_path[64];
static int g_fd = -1;
static uint64_t max_batch = 4096;
static unsigned int hog_ms, hog_cmd_ms = 100;
static long fuzz_iters = -1;
static uint64_t seed = 0x6d76677064726dull;
static const char *cur = "";		/* subtest name, prefixes TAP lines */
static const char *kms_hold;		/* --kms-hold FILE */
static unsigned int load_s;		/* --load-seconds S */
static int tap_n, tap_failed;
static bool in_child;
static int child_failed;

/* ---- TAP ---------------------------------------------------------- */

static void diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (in_child)
		printf("#   [%d] ", (int)getpid());
	else
		fputs("# ", stdout);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* One check: a TAP point, or in a child a "# " line and its exit status. */
static bool ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	if (in_child) {
		printf("#   [%d] %s %s: ", (int)getpid(), cond ? "ok" : "FAIL", cur);
		child_failed += !cond;
	} else {
		printf("%sok %d - %s: ", cond ? "" : "not ", ++tap_n, cur);
		tap_failed += !cond;
	}
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

static const char *en(int e)
{
	static char buf[16];

	switch (e) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case ENOENT: return "ENOENT";
	case EFAULT: return "EFAULT";
	case ENOMEM: return "ENOMEM";
	case E2BIG: return "E2BIG";
	case ENOSPC: return "ENOSPC";
	case EIO: return "EIO";
	case ETIMEDOUT: return "ETIMEDOUT";
	case ETIME: return "ETIME";
	case EBUSY: return "EBUSY";
	case ENOTTY: return "ENOTTY";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	}
	snprintf(buf, sizeof(buf), "errno %d", e);
	return buf;
}

static bool expect(int got, int want, const char *fmt, ...)
{
	char d[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d, sizeof(d), fmt, ap);
	va_end(ap);
	if (got != want)
		diag("  %s: got %s", d, en(got));
	return ok(got == want, "%s -> %s", d, en(want));
}

/* ---- device, parameters, buffers ------------------------------------ */

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

/* An ioctl: 0 or the errno. */
static int io(int fd, unsigned long req, void *arg)
{
	return drmIoctl(fd, req, arg) ? errno : 0;
}

static bool is_mvgpu(int fd)
{
	drmVersionPtr v = drmGetVersion(fd);
	bool r = v && v->name && !strcmp(v->name, "mvgpu");

	drmFreeVersion(v);
	return r;
}

static int open_render(const char *want)
{
	char path[64];
	int i, fd;

	for (i = 128; i < 192; i++) {
		if (want)
			snprintf(path, sizeof(path), "%s", want);
		else
			snprintf(path, sizeof(path), "/dev/dri/renderD%d", i);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd >= 0 && is_mvgpu(fd)) {
			snprintf(dev_path, sizeof(dev_path), "%s", path);
			return fd;
		}
		if (fd >= 0)
			close(fd);
		if (want)
			break;
	}
	return -1;
}

static int get_param(int fd, uint32_t p, uint64_t *v)
{
	struct drm_mvgpu_get_param a = { .param = p };
	int e = io(fd, DRM_IOCTL_MVGPU_GET_PARAM, &a);

	if (!e && v)
		*v = a.value;
	return e;
}

static uint64_t param(int fd, uint32_t p)
{
	uint64_t v = ~0ull;

	get_param(fd, p, &v);
	return v;
}

struct bo {
	uint32_t handle;
	uint64_t va, size;
	void *map;
};

static int gem_info(int fd, uint32_t handle, struct drm_mvgpu_gem_info *i)
{
	memset(i, 0, sizeof(*i));
	i->handle = handle;
	return io(fd, DRM_IOCTL_MVGPU_GEM_INFO, i);
}

static void gem_close(int fd, uint32_t handle)
{
	struct drm_gem_close c = { .handle = handle };

	io(fd, DRM_IOCTL_GEM_CLOSE, &c);
}

/* Create, look up and map a buffer: 0 or an errno. */
static int bo_new(int fd, uint64_t size, struct bo *bo)
{
	struct drm_mvgpu_gem_create c = { .size = size };
	struct drm_mvgpu_gem_info i;
	int e;

	memset(bo, 0, sizeof(*bo));
	e = io(fd, DRM_IOCTL_MVGPU_GEM_CREATE, &c);
	if (e)
		return e;
	e = gem_info(fd, c.handle, &i);
	if (!e) {
		bo->map = mmap(NULL, i.size, PROT_READ | PROT_WRITE, MAP_SHARED,
			       fd, i.mmap_offset);
		e = bo->map == MAP_FAILED ? errno : 0;
	}
	if (e) {
		gem_close(fd, c.handle);
		return e;
	}
	bo->handle = c.handle;
	bo->va = c.va;
	bo->size = i.size;
	return 0;
}

/* bo_new() that reports a failure as a check. */
static bool mkbo(int fd, uint64_t size, struct bo *bo)
{
	int e = bo_new(fd, size, bo);

	return !e || ok(false, "create+map a %" PRIu64 "-byte BO: %s", size, en(e));
}

static void bo_free(int fd, struct bo *bo)
{
	if (bo->map)
		munmap(bo->map, bo->size);
	if (bo->handle)
		gem_close(fd, bo->handle);
	memset(bo, 0, sizeof(*bo));
}

static int gem_wait(int fd, uint32_t handle, int64_t ms)
{
	struct drm_mvgpu_gem_wait w = {
		.handle = handle, .timeout_ns = now_ns() + ms * 1000000,
	};

	return io(fd, DRM_IOCTL_MVGPU_GEM_WAIT, &w);
}

/* ---- batches -------------------------------------------------------- */

#define BATCH_DW	(64 * 1024 / 4 + 64)

struct batch {
	uint32_t n;
	uint32_t dw[BATCH_DW];
};

static void emit(struct batch *b, uint32_t n, const uint32_t *dw)
{
	while (n-- && b->n < BATCH_DW)
		b->dw[b->n++] = *dw++;
}

#define EMIT(b, ...) do {						\
	const uint32_t d_[] = { __VA_ARGS__ };				\
	emit(b, sizeof(d_) / 4, d_);					\
} while (0)

static void b_end(struct batch *b)
{
	EMIT(b, MVGPU_MI_BATCH_BUFFER_END);
}

static void b_sdi(struct batch *b, uint64_t va, uint32_t v)
{
	EMIT(b, MVGPU_MI_STORE_DATA_IMM | (4 - 2), LO(va), HI(va), v);
}

static void b_sdi64(struct batch *b, uint64_t va, uint64_t v)
{
	EMIT(b, MVGPU_MI_STORE_DATA_IMM | (5 - 2), LO(va), HI(va), LO(v), HI(v));
}

static void b_pc_store(struct batch *b, uint64_t va, uint64_t v)
{
	EMIT(b, MVGPU_PIPE_CONTROL, MVGPU_PC_WRITE_IMM | MVGPU_PC_CS_STALL,
	     LO(va), HI(va), LO(v), HI(v));
}

static void b_flush_store(struct batch *b, uint64_t va, uint32_t v)
{
	EMIT(b, MVGPU_MI_FLUSH_DW | MVGPU_FLUSH_DW_STORE_DATA | (4 - 2),
	     LO(va) & ~MVGPU_FLUSH_DW_USE_GGTT, HI(va), v);
}

static void b_fill(struct batch *b, uint64_t dst, uint32_t pitch, uint32_t x1,
		   uint32_t y1, uint32_t x2, uint32_t y2, uint32_t color)
{
	EMIT(b, MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB,
	     MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_PATCOPY | pitch,
	     y1 << 16 | x1, y2 << 16 | x2, LO(dst), HI(dst), color);
}

static void b_copy(struct batch *b, uint64_t dst, uint32_t x1, uint32_t y1,
		   uint32_t x2, uint32_t y2, uint64_t src, uint32_t sx,
		   uint32_t sy)
{
	EMIT(b, MVGPU_XY_SRC_COPY_BLT | MVGPU_BLT_WRITE_RGB,
	     MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_SRCCOPY | PITCH,
	     y1 << 16 | x1, y2 << 16 | x2, LO(dst), HI(dst),
	     sy << 16 | sx, PITCH, LO(src), HI(src));
}

static void b_compute(struct batch *b, uint32_t kernel, uint32_t count,
		      uint64_t a, uint64_t bb, uint64_t dst, uint32_t s)
{
	EMIT(b, MVGPU_COMPUTE, kernel, count, LO(a), HI(a), LO(bb), HI(bb),
	     LO(dst), HI(dst), s);
}

/* ---- submission ----------------------------------------------------- */

#define REF(bo, f)	((struct drm_mvgpu_bo_ref){ (bo)->handle, (f) })

static int submit(int fd, const struct batch *b, uint32_t engine,
		  const struct drm_mvgpu_bo_ref *bos, uint32_t nbos,
		  const uint32_t *in, uint32_t nin, uint32_t out)
{
	struct drm_mvgpu_submit s = {
		.batch = (uintptr_t)b->dw, .batch_size = b->n * 4,
		.engine = engine, .bos = (uintptr_t)bos, .bo_count = nbos,
		.in_syncs = (uintptr_t)in, .in_sync_count = nin,
		.out_sync = out,
	};

	return io(fd, DRM_IOCTL_MVGPU_SUBMIT, &s);
}

static int sync_wait(int fd, uint32_t *h, uint32_t n, int64_t ms)
{
	int r = drmSyncobjWait(fd, h, n, now_ns() + ms * 1000000,
			       DRM_SYNCOBJ_WAIT_FLAGS_WAIT_ALL |
			       DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT, NULL);

	return r < 0 ? -r : 0;
}

static uint32_t syncobj(int fd, uint32_t flags)
{
	uint32_t h = 0;

	if (drmSyncobjCreate(fd, flags, &h))
		ok(false, "drmSyncobjCreate: %s", en(errno));
	return h;
}

/* Submit and wait until the job signalled: 0 or an errno. */
static int run(int fd, const struct batch *b, uint32_t engine,
	       const struct drm_mvgpu_bo_ref *bos, uint32_t nbos)
{
	uint32_t s = syncobj(fd, 0);
	int e = submit(fd, b, engine, bos, nbos, NULL, 0, s);

	if (!e)
		e = sync_wait(fd, &s, 1, WAIT_MS);
	drmSyncobjDestroy(fd, s);
	return e;
}

/* ---- data ----------------------------------------------------------- */

static void pattern(uint32_t *p, size_t n, uint32_t seed32)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint32_t)(i * 2654435761u) ^ seed32;
}

static uint32_t fnv1a(const void *data, size_t n)
{
	const uint8_t *p = data;
	uint32_t h = 0x811c9dc5u;

	while (n--) {
		h ^= *p++;
		h *= 0x01000193u;
	}
	return h;
}

static bool same(const uint32_t *got, const uint32_t *want, size_t n,
		 const char *what)
{
	size_t i = 0;

	while (i < n && got[i] == want[i])
		i++;
	if (i < n)
		diag("  %s: first mismatch at dword %zu: %#x, want %#x", what,
		     i, got[i], want[i]);
	return ok(i == n, "%s", what);
}

static bool all_eq(const uint32_t *got, size_t n, uint32_t v, const char *what)
{
	size_t i = 0;

	while (i < n && got[i] == v)
		i++;
	if (i < n)
		diag("  %s: first mismatch at dword %zu: %#x, want %#x", what,
		     i, got[i], v);
	return ok(i == n, "%s", what);
}

/* Fill @t (W x H) with @color on BCS and check every pixel. */
static bool fill_bo(int fd, struct bo *t, uint32_t color, const char *what)
{
	struct drm_mvgpu_bo_ref r = REF(t, MVGPU_BO_WRITE);
	struct batch b = { 0 };
	int e;

	memset(t->map, 0, SURF);
	b_fill(&b, t->va, PITCH, 0, 0, W, H, color);
	b_end(&b);
	e = run(fd, &b, BCS, &r, 1);
	if (!ok(!e, "%s: submitted and signalled (%s)", what, en(e)))
		return false;
	return all_eq(t->map, W * H, color, what);
}

static bool fill_check(int fd, uint32_t color, const char *what)
{
	struct bo t;
	bool r;

	if (!mkbo(fd, SURF, &t))
		return false;
	r = fill_bo(fd, &t, color, what);
	bo_free(fd, &t);
	return r;
}

/* CHECKSUM of @count dwords at @va into @dst[0], on RCS: 0 or an errno. */
static int gpu_checksum(int fd, uint64_t va, uint32_t count, struct bo *dst,
			struct bo *src)
{
	struct drm_mvgpu_bo_ref r[2] = { REF(dst, MVGPU_BO_WRITE) };
	struct batch b = { 0 };

	if (src)
		r[1] = REF(src, 0);
	b_compute(&b, MVGPU_KERNEL_CHECKSUM, count, va, va, dst->va, 0);
	b_end(&b);
	return run(fd, &b, RCS, r, src ? 2 : 1);
}

/* ---- child processes ------------------------------------------------ */

static pid_t spawn(int (*fn)(void *), void *arg)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		int r;

		in_child = true;
		child_failed = 0;
		close(g_fd);	/* children use their own file */
		r = fn(arg);
		fflush(stdout);
		_exit(r ? r : child_failed ? 1 : 0);
	}
	if (pid < 0)
		ok(false, "fork: %s", strerror(errno));
	return pid;
}

/* The exit status of @pid, or -1 if it did not end within @ms (killed). */
static int reap(pid_t pid, int64_t ms)
{
	int64_t end = now_ns() + ms * 1000000;
	int st;

	if (pid <= 0)
		return -1;
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		if (r < 0)
			return -1;
		if (now_ns() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return -1;
		}
		usleep(20000);
	}
}

static bool read_to(int fd, void *buf, size_t n, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1 && read(fd, buf, n) == (ssize_t)n;
}

static int child_open(void)
{
	int fd = open(dev_path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		ok(false, "open %s: %s", dev_path, strerror(errno));
	return fd;
}

/* ---- 1. params ------------------------------------------------------ */

static void t_params(void)
{
	static const uint32_t info[] = {
		MVGPU_PARAM_VGPU_ID, MVGPU_PARAM_PV_VERSION,
		MVGPU_PARAM_FILE_FAULTS, MVGPU_PARAM_FILE_LAST_ERROR,
		MVGPU_PARAM_ENGINE_RESETS,
	};
	struct drm_mvgpu_get_param a = { .param = MVGPU_PARAM_ENGINES, .pad = 1 };
	uint64_t v = 0;
	int e;

	e = get_param(g_fd, MVGPU_PARAM_ENGINES, &v);
	ok(!e && (v & 3) == 3, "ENGINES has RCS and BCS (%s, %#" PRIx64 ")", en(e), v);
	e = get_param(g_fd, MVGPU_PARAM_MAX_BATCH_SIZE, &v);
	ok(!e && v >= 4096, "MAX_BATCH_SIZE %" PRIu64 " >= 4096", v);
	e = get_param(g_fd, MVGPU_PARAM_GM_MAPPABLE_SIZE, &v);
	ok(!e && v > 0, "GM_MAPPABLE_SIZE %" PRIu64 " > 0", v);
	e = get_param(g_fd, MVGPU_PARAM_GM_HIDDEN_SIZE, &v);
	ok(!e && v > 0, "GM_HIDDEN_SIZE %" PRIu64 " > 0", v);
	for (size_t i = 0; i < sizeof(info) / sizeof(info[0]); i++) {
		e = get_param(g_fd, info[i], &v);
		ok(!e, "param %u readable (%s, value %#" PRIx64 ")", info[i], en(e), v);
	}
	expect(get_param(g_fd, MVGPU_PARAM_ENGINE_RESETS + 1, NULL), EINVAL,
	       "unknown param %u", MVGPU_PARAM_ENGINE_RESETS + 1);
	expect(get_param(g_fd, 0xffffffffu, NULL), EINVAL, "param 0xffffffff");
	expect(io(g_fd, DRM_IOCTL_MVGPU_GET_PARAM, &a), EINVAL, "pad 1");
}

/* ---- 2. bo ---------------------------------------------------------- */

static int gem_create(uint64_t size, uint32_t flags, uint64_t pad)
{
	struct drm_mvgpu_gem_create c = { .size = size, .flags = flags, .pad = pad };
	int e = io(g_fd, DRM_IOCTL_MVGPU_GEM_CREATE, &c);

	if (!e)
		gem_close(g_fd, c.handle);
	return e;
}

static void t_bo(void)
{
	struct drm_mvgpu_gem_create c = { .size = 64 << 10 };
	struct drm_mvgpu_gem_info i, i2;
	uint32_t *p;
	struct bo b2;
	int e;

	e = io(g_fd, DRM_IOCTL_MVGPU_GEM_CREATE, &c);
	if (!ok(!e && c.handle, "GEM_CREATE 64 KiB (%s, handle %u)", en(e), c.handle))
		return;
	ok(c.va >= MVGPU_VA_USER_START && c.va + (64 << 10) <= MVGPU_VA_USER_END &&
	   !(c.va & 0xfff), "va %#" PRIx64 " in the user range, 4 KiB aligned", c.va);
	e = gem_info(g_fd, c.handle, &i);
	ok(!e && i.va == c.va && i.size == 64 << 10 && !(i.mmap_offset & 0xfff),
	   "GEM_INFO: same va, size 64 KiB, mmap_offset %#" PRIx64 " (%s)",
	   i.mmap_offset, en(e));
	p = mmap(NULL, 64 << 10, PROT_READ | PROT_WRITE, MAP_SHARED, g_fd,
		 i.mmap_offset);
	if (ok(p != MAP_FAILED, "mmap at mmap_offset")) {
		uint32_t *want = malloc(64 << 10);

		pattern(want, 16384, 0xb0b0);
		memcpy(p, want, 64 << 10);
		munmap(p, 64 << 10);
		p = mmap(NULL, 64 << 10, PROT_READ, MAP_SHARED, g_fd, i.mmap_offset);
		if (ok(p != MAP_FAILED, "mmap again")) {
			same(p, want, 16384, "a pattern written through one "
			     "mapping reads back through another");
			munmap(p, 64 << 10);
		}
		free(want);
	}
	i2 = i;
	i2.pad = 1;
	expect(io(g_fd, DRM_IOCTL_MVGPU_GEM_INFO, &i2), EINVAL, "GEM_INFO pad 1");
	expect(gem_create(0, 0, 0), EINVAL, "GEM_CREATE size 0");
	e = gem_create(MVGPU_GEM_MAX_SIZE + 1, 0, 0);
	ok(e == EINVAL || e == E2BIG, "GEM_CREATE size MAX + 1 -> EINVAL/E2BIG (%s)", en(e));
	e = gem_create(~0ull, 0, 0);
	ok(e == EINVAL || e == E2BIG, "GEM_CREATE size ~0 -> EINVAL/E2BIG (%s)", en(e));
	expect(gem_create(4096, 1, 0), EINVAL, "GEM_CREATE flags 1");
	expect(gem_create(4096, 0x80000000u, 0), EINVAL, "GEM_CREATE flags 1 << 31");
	expect(gem_create(4096, 0, 1), EINVAL, "GEM_CREATE pad 1");
	expect(gem_info(g_fd, 0xdeadbeef, &i2), ENOENT, "GEM_INFO handle 0xdeadbeef");
	expect(gem_info(g_fd, 0, &i2), ENOENT, "GEM_INFO handle 0");
	if (mkbo(g_fd, 12288, &b2)) {
		ok(b2.va + b2.size <= c.va || c.va + (64 << 10) <= b2.va,
		   "two BOs: [%#" PRIx64 ", +64K) and [%#" PRIx64 ", +12K) disjoint",
		   c.va, b2.va);
		bo_free(g_fd, &b2);
	}
	gem_close(g_fd, c.handle);
	expect(gem_info(g_fd, c.handle, &i2), ENOENT, "GEM_INFO after GEM_CLOSE");
}

/* ---- 3-6. fill, copy, saxpy, checksum ------------------------------- */

static void t_fill(void)
{
	struct bo t;
	uint32_t *want;

	if (!mkbo(g_fd, SURF, &t))
		return;
	if (fill_bo(g_fd, &t, 0xff3366cc, "XY_COLOR_BLT 256x256 on BCS"))
		expect(gem_wait(g_fd, t.handle, WAIT_MS), 0, "GEM_WAIT after the fill");
	/* A sub-rectangle over it: exclusive x2/y2. */
	want = malloc(SURF);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			want[y * W + x] = x >= 10 && x < 100 && y >= 20 && y < 50 ?
					  0x00c0ffee : 0xff3366cc;
	{
		struct drm_mvgpu_bo_ref r = REF(&t, MVGPU_BO_WRITE);
		struct batch b = { 0 };
		int e;

		b_fill(&b, t.va, PITCH, 10, 20, 100, 50, 0x00c0ffee);
		b_end(&b);
		e = run(g_fd, &b, BCS, &r, 1);
		if (ok(!e, "sub-rectangle fill (%s)", en(e)))
			same(t.map, want, W * H, "(10,20)-(100,50) filled, the rest kept");
	}
	free(want);
	bo_free(g_fd, &t);
}

static void t_copy(void)
{
	struct bo s = { 0 }, d = { 0 };
	uint32_t *want = malloc(SURF);
	const uint32_t *src;

	if (!mkbo(g_fd, SURF, &s) || !mkbo(g_fd, SURF, &d))
		goto out;
	src = s.map;
	pattern(s.map, W * H, 0x5a5a1234);
	for (int pass = 0; pass < 2; pass++) {
		struct drm_mvgpu_bo_ref r[2] = { REF(&s, 0), REF(&d, MVGPU_BO_WRITE) };
		struct batch b = { 0 };
		int e;

		memset(d.map, 0, SURF);
		if (!pass) {
			b_copy(&b, d.va, 0, 0, W, H, s.va, 0, 0);
			memcpy(want, s.map, SURF);
		} else {
			/* dst (16,8)-(144,72) from src (32,100) */
			b_copy(&b, d.va, 16, 8, 144, 72, s.va, 32, 100);
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++)
					want[y * W + x] = x >= 16 && x < 144 && y >= 8 && y < 72 ?
						src[(y - 8 + 100) * W + x - 16 + 32] : 0;
		}
		b_end(&b);
		e = run(g_fd, &b, BCS, r, 2);
		if (ok(!e, "XY_SRC_COPY_BLT %s (%s)", pass ? "sub-rectangle" : "256x256", en(e)))
			same(d.map, want, W * H, pass ? "sub-rectangle copy exact" : "copy exact");
	}
out:
	free(want);
	bo_free(g_fd, &s);
	bo_free(g_fd, &d);
}

#define SAXPY_N	65536

static void t_saxpy(void)
{
	struct bo a = { 0 }, b = { 0 }, d = { 0 };
	uint32_t *want = malloc(SAXPY_N * 4), *pa, *pb, s = 0x9e3779b1;
	struct batch bt = { 0 };
	int e;

	if (!mkbo(g_fd, SAXPY_N * 4, &a) || !mkbo(g_fd, SAXPY_N * 4, &b) ||
	    !mkbo(g_fd, SAXPY_N * 4, &d))
		goto out;
	pa = a.map;
	pb = b.map;
	pattern(pa, SAXPY_N, 0x1111);
	pattern(pb, SAXPY_N, 0xf0f0f0f0);
	memset(d.map, 0, SAXPY_N * 4);
	for (int i = 0; i < SAXPY_N; i++)
		want[i] = s * pa[i] + pb[i];
	{
		struct drm_mvgpu_bo_ref r[3] = { REF(&a, 0), REF(&b, 0),
						 REF(&d, MVGPU_BO_WRITE) };

		b_compute(&bt, MVGPU_KERNEL_SAXPY, SAXPY_N, a.va, b.va, d.va, s);
		b_end(&bt);
		e = run(g_fd, &bt, RCS, r, 3);
	}
	if (ok(!e, "SAXPY over %d elements on RCS (%s)", SAXPY_N, en(e)))
		same(d.map, want, SAXPY_N, "dst = s * a + b, every element");
out:
	free(want);
	bo_free(g_fd, &a);
	bo_free(g_fd, &b);
	bo_free(g_fd, &d);
}

static void t_checksum(void)
{
	static const uint32_t counts[] = { 16384, 1000, 1 };
	struct bo s = { 0 }, d = { 0 };

	if (!mkbo(g_fd, 64 << 10, &s) || !mkbo(g_fd, 4096, &d))
		goto out;
	pattern(s.map, 16384, 0xc5c5);
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		uint32_t want = fnv1a(s.map, counts[i] * 4), *got = d.map;
		int e;

		got[0] = ~want;
		e = gpu_checksum(g_fd, s.va, counts[i], &d, &s);
		ok(!e && got[0] == want, "CHECKSUM of %u dwords %#x == FNV-1a %#x (%s)",
		   counts[i], got[0], want, en(e));
	}
out:
	bo_free(g_fd, &s);
	bo_free(g_fd, &d);
}

/* ---- 7. store ------------------------------------------------------- */

static void t_store(void)
{
	struct bo t;
	struct drm_mvgpu_bo_ref r;
	uint32_t want[64], *p;
	uint64_t *q;
	int e;

	if (!mkbo(g_fd, 8192, &t))
		return;
	r = REF(&t, MVGPU_BO_WRITE);
	p = t.map;
	for (unsigned int eng = RCS; eng <= BCS; eng++) {
		struct batch b = { 0 };
		uint64_t base = t.va + eng * 1024;

		memset(t.map, 0, t.size);
		for (int i = 0; i < 64; i++) {
			want[i] = 0x5d100000u + i + (eng << 8);
			b_sdi(&b, base + 4 * i, want[i]);
		}
		b_sdi64(&b, base + 512, 0x0123456789abcdefull ^ eng);
		b_end(&b);
		e = run(g_fd, &b, eng, &r, 1);
		q = (uint64_t *)(p + eng * 256 + 128);
		if (ok(!e, "64 MI_STORE_DATA_IMM + a 64-bit one on %s (%s)",
		       eng ? "BCS" : "RCS", en(e))) {
			same(p + eng * 256, want, 64, "64 dwords stored");
			ok(*q == (0x0123456789abcdefull ^ eng), "64-bit store %#" PRIx64, *q);
		}
	}
	{
		struct batch b = { 0 };

		b_pc_store(&b, t.va + 4096, 0xfeedface00c0ffeeull);
		b_end(&b);
		e = run(g_fd, &b, RCS, &r, 1);
		q = (uint64_t *)(p + 1024);
		ok(!e && *q == 0xfeedface00c0ffeeull,
		   "PIPE_CONTROL post-sync write on RCS (%s, %#" PRIx64 ")", en(e), *q);
	}
	{
		struct batch b = { 0 };

		b_flush_store(&b, t.va + 4096 + 64, 0xf1a5d00d);
		b_end(&b);
		e = run(g_fd, &b, BCS, &r, 1);
		ok(!e && p[1024 + 16] == 0xf1a5d00d,
		   "MI_FLUSH_DW post-sync store on BCS (%s, %#x)", en(e), p[1024 + 16]);
	}
	bo_free(g_fd, &t);
}

/* ---- 8. sync -------------------------------------------------------- */

/*
 * A slow RCS batch: 16 SAXPYs over a 4 MiB scratch buffer, then
 * x = s * p + z over a surface.
 */
static void slow_write(struct batch *b, struct bo *scr, struct bo *p,
		       struct bo *z, struct bo *x, uint32_t s)
{
	for (int i = 0; i < 16; i++)
		b_compute(b, MVGPU_KERNEL_SAXPY, 1 << 20, scr->va, scr->va,
			  scr->va, 3);
	b_compute(b, MVGPU_KERNEL_SAXPY, W * H, p->va, z->va, x->va, s);
	b_end(b);
}

static void t_sync(void)
{
	struct bo scr = { 0 }, p = { 0 }, z = { 0 }, x = { 0 }, y = { 0 };
	uint32_t *want = malloc(SURF), sa, sb;
	int e;

	if (!mkbo(g_fd, 4 << 20, &scr) || !mkbo(g_fd, SURF, &p) ||
	    !mkbo(g_fd, SURF, &z) || !mkbo(g_fd, SURF, &x) || !mkbo(g_fd, SURF, &y))
		goto out;
	pattern(p.map, W * H, 0x77);
	memset(z.map, 0, SURF);
	for (int v = 0; v < 3; v++) {
		static const char *const what[] = {
			"explicit: B (BCS) waits for A (RCS) through in_syncs",
			"implicit: both jobs list the BO with MVGPU_BO_WRITE",
			"implicit: read-after-write (B lists the BO read-only)",
		};
		uint32_t s = 3 + 2 * v, *pp = p.map;
		struct drm_mvgpu_bo_ref ra[4] = { REF(&scr, MVGPU_BO_WRITE), REF(&p, 0),
						  REF(&z, 0), REF(&x, MVGPU_BO_WRITE) };
		/* Explicit: B lists only its destination. */
		struct drm_mvgpu_bo_ref rb[2] = {
			REF(&y, MVGPU_BO_WRITE), REF(&x, v == 1 ? MVGPU_BO_WRITE : 0) };
		struct batch a = { 0 }, b = { 0 };

		memset(x.map, 0, SURF);
		memset(y.map, 0, SURF);
		for (int i = 0; i < W * H; i++)
			want[i] = s * pp[i];
		slow_write(&a, &scr, &p, &z, &x, s);
		b_copy(&b, y.va, 0, 0, W, H, x.va, 0, 0);
		b_end(&b);
		sa = syncobj(g_fd, 0);
		sb = syncobj(g_fd, 0);
		e = submit(g_fd, &a, RCS, ra, 4, NULL, 0, v ? 0 : sa);
		if (!e)
			e = submit(g_fd, &b, BCS, rb, v ? 2 : 1, v ? NULL : &sa,
				   v ? 0 : 1, sb);
		if (!e)
			e = sync_wait(g_fd, &sb, 1, WAIT_MS);
		if (ok(!e, "%s: submitted, signalled (%s)", what[v], en(e)))
			same(y.map, want, W * H, what[v]);
		expect(gem_wait(g_fd, x.handle, WAIT_MS), 0, "GEM_WAIT on A's target");
		drmSyncobjDestroy(g_fd, sa);
		drmSyncobjDestroy(g_fd, sb);
	}
	{
		/* An in-sync that is already signalled does not hold a job. */
		struct drm_mvgpu_bo_ref r = REF(&y, MVGPU_BO_WRITE);
		struct batch b = { 0 };

		sa = syncobj(g_fd, DRM_SYNCOBJ_CREATE_SIGNALED);
		sb = syncobj(g_fd, 0);
		b_fill(&b, y.va, PITCH, 0, 0, W, H, 0x12345678);
		b_end(&b);
		e = submit(g_fd, &b, BCS, &r, 1, &sa, 1, sb);
		if (!e)
			e = sync_wait(g_fd, &sb, 1, WAIT_MS);
		if (ok(!e, "in_sync already signalled: job runs (%s)", en(e)))
			all_eq(y.map, W * H, 0x12345678, "its fill exact");
		drmSyncobjDestroy(g_fd, sa);
		drmSyncobjDestroy(g_fd, sb);
	}
out:
	free(want);
	bo_free(g_fd, &scr);
	bo_free(g_fd, &p);
	bo_free(g_fd, &z);
	bo_free(g_fd, &x);
	bo_free(g_fd, &y);
}

/* ---- 9. bad-input --------------------------------------------------- */

static void t_bad_input(void)
{
	static struct drm_mvgpu_bo_ref refs[MVGPU_SUBMIT_MAX_BOS + 1];
	static struct batch b, x;
	uint32_t syncs[MVGPU_SUBMIT_MAX_IN_SYNCS + 1], good;
	struct drm_mvgpu_bo_ref bad;
	struct drm_mvgpu_submit base, a;
	uint64_t faults0 = param(g_fd, MVGPU_PARAM_FILE_FAULTS);
	const uint64_t END = MVGPU_VA_USER_END;
	uint32_t *big;
	void *gone;
	struct bo s;

	if (!mkbo(g_fd, 4096, &s))
		return;
	b.n = 0;
	b_sdi(&b, s.va, 1);
	b_end(&b);
	for (int i = 0; i <= MVGPU_SUBMIT_MAX_BOS; i++)
		refs[i] = REF(&s, MVGPU_BO_WRITE);
	good = syncobj(g_fd, DRM_SYNCOBJ_CREATE_SIGNALED);
	for (int i = 0; i <= MVGPU_SUBMIT_MAX_IN_SYNCS; i++)
		syncs[i] = good;
	base = (struct drm_mvgpu_submit){
		.batch = (uintptr_t)b.dw, .batch_size = b.n * 4, .engine = RCS,
		.bos = (uintptr_t)refs, .bo_count = 1,
		.in_syncs = (uintptr_t)syncs,
	};
#define TRY(want, desc, ...) do {					\
	a = base;							\
	__VA_ARGS__;							\
	expect(io(g_fd, DRM_IOCTL_MVGPU_SUBMIT, &a), want, desc);	\
} while (0)
	TRY(0, "the valid base submission", (void)0);
	TRY(EINVAL, "batch_size 0", a.batch_size = 0);
	TRY(EINVAL, "batch_size 6", a.batch_size = 6);
	big = malloc(max_batch + 4);
	memset(big, 0, max_batch + 4);
	big[max_batch / 4] = MVGPU_MI_BATCH_BUFFER_END;
	TRY(EINVAL, "batch_size MAX_BATCH_SIZE + 4",
	    a.batch = (uintptr_t)big, a.batch_size = max_batch + 4);
	free(big);
	TRY(EFAULT, "batch NULL", a.batch = 0);
	gone = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(gone, 4096);
	TRY(EFAULT, "batch unmapped", a.batch = (uintptr_t)gone);
	TRY(EINVAL, "engine 2", a.engine = 2);
	TRY(EINVAL, "engine 0xffffffff", a.engine = 0xffffffff);
	TRY(EINVAL, "flags 1", a.flags = 1);
	TRY(EINVAL, "pad 1", a.pad = 1);
	TRY(EINVAL, "bo_count MAX_BOS + 1", a.bo_count = MVGPU_SUBMIT_MAX_BOS + 1);
	TRY(EFAULT, "bos NULL, bo_count 1", a.bos = 0);
	bad = (struct drm_mvgpu_bo_ref){ 0xdeadbeef, 0 };
	TRY(ENOENT, "bo handle 0xdeadbeef", a.bos = (uintptr_t)&bad);
	bad = (struct drm_mvgpu_bo_ref){ s.handle, 0x2 };
	TRY(EINVAL, "bo flags 0x2", a.bos = (uintptr_t)&bad);
	bad.flags = 0x80000001;
	TRY(EINVAL, "bo flags 0x80000001", a.bos = (uintptr_t)&bad);
	TRY(EINVAL, "in_sync_count MAX_IN_SYNCS + 1",
	    a.in_sync_count = MVGPU_SUBMIT_MAX_IN_SYNCS + 1);
	TRY(EFAULT, "in_syncs NULL, in_sync_count 1", a.in_syncs = 0, a.in_sync_count = 1);
	syncs[1] = 0xdead;
	TRY(ENOENT, "in_sync handle 0xdead", a.in_sync_count = 2);
	syncs[1] = good;
	TRY(ENOENT, "out_sync handle 0xdead", a.out_sync = 0xdead);
#define BAD(desc, eng, ...) do {					\
	x.n = 0;							\
	__VA_ARGS__;							\
	TRY(EINVAL, "batch with " desc, a.batch = (uintptr_t)x.dw,	\
	    a.batch_size = x.n * 4, a.engine = eng);			\
} while (0)
	BAD("MI_LOAD_REGISTER_IMM", RCS,
	    EMIT(&x, MVGPU_MI_LOAD_REGISTER_IMM | 1,
		 MVGPU_CS_GPR(MVGPU_RENDER_RING_BASE, 0), 1); b_end(&x));
	BAD("MI_STORE_DATA_IMM | MI_USE_GGTT", RCS,
	    EMIT(&x, MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 2, LO(s.va),
		 HI(s.va), 1); b_end(&x));
	BAD("PIPE_CONTROL | PC_GLOBAL_GTT", RCS,
	    EMIT(&x, MVGPU_PIPE_CONTROL, MVGPU_PC_WRITE_IMM | MVGPU_PC_GLOBAL_GTT,
		 LO(s.va), HI(s.va), 1, 0); b_end(&x));
	BAD("MI_FLUSH_DW store | FLUSH_DW_USE_GGTT", BCS,
	    EMIT(&x, MVGPU_MI_FLUSH_DW | MVGPU_FLUSH_DW_STORE_DATA | 2,
		 LO(s.va) | MVGPU_FLUSH_DW_USE_GGTT, HI(s.va), 1); b_end(&x));
	BAD("MI_BATCH_BUFFER_START (PPGTT)", RCS,
	    EMIT(&x, MVGPU_MI_BATCH_BUFFER_START | MVGPU_BB_PPGTT, LO(s.va),
		 HI(s.va)); b_end(&x));
	BAD("no MI_BATCH_BUFFER_END", RCS, b_sdi(&x, s.va, 1));
	BAD("only MI_NOOPs", RCS, EMIT(&x, 0, 0, 0, 0));
	BAD("unknown MI opcode 0x3f", RCS, EMIT(&x, MVGPU_MI_INSTR(0x3f, 0)); b_end(&x));
	BAD("unknown 2D opcode 0x7f", BCS, EMIT(&x, MVGPU_2D_INSTR(0x7f, 0), 0); b_end(&x));
	BAD("command type 1", RCS, EMIT(&x, 1u << 29); b_end(&x));
	BAD("XY_COLOR_BLT truncated by the batch's end", BCS,
	    EMIT(&x, MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB,
		 MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_PATCOPY | PITCH,
		 MVGPU_MI_BATCH_BUFFER_END));
	BAD("XY_COLOR_BLT on RCS (wrong engine)", RCS,
	    b_fill(&x, s.va, PITCH, 0, 0, 16, 1, 0); b_end(&x));
	BAD("MVGPU_COMPUTE on BCS (wrong engine)", BCS,
	    b_compute(&x, MVGPU_KERNEL_SAXPY, 16, s.va, s.va, s.va, 1); b_end(&x));
	BAD("PIPE_CONTROL on BCS (wrong engine)", BCS, b_pc_store(&x, s.va, 1); b_end(&x));
	BAD("MI_FLUSH_DW on RCS (wrong engine)", RCS, b_flush_store(&x, s.va, 1); b_end(&x));
	BAD("MI_STORE_DATA_IMM at MVGPU_VA_USER_END", RCS, b_sdi(&x, END, 1); b_end(&x));
	BAD("64-bit MI_STORE_DATA_IMM at USER_END - 4", RCS,
	    b_sdi64(&x, END - 4, 1); b_end(&x));
	BAD("MI_STORE_DATA_IMM at (1 << 48) + va", RCS,
	    b_sdi(&x, (1ull << 48) + s.va, 1); b_end(&x));
	BAD("64-bit MI_STORE_DATA_IMM at 2^64 - 4", RCS,
	    b_sdi64(&x, ~3ull, 1); b_end(&x));
	BAD("PIPE_CONTROL store at USER_END", RCS, b_pc_store(&x, END, 1); b_end(&x));
	BAD("MI_FLUSH_DW store at USER_END", BCS, b_flush_store(&x, END, 1); b_end(&x));
	BAD("XY_COLOR_BLT rows ending past USER_END", BCS,
	    b_fill(&x, END - (1 << 20), PITCH, 0, 0, W, 2048, 0); b_end(&x));
	BAD("XY_SRC_COPY_BLT to USER_END - 4 KiB", BCS,
	    b_copy(&x, END - 4096, 0, 0, W, H, s.va, 0, 0); b_end(&x));
	BAD("SAXPY dst at USER_END - 4 KiB, 64 Ki elements", RCS,
	    b_compute(&x, MVGPU_KERNEL_SAXPY, 65536, s.va, s.va, END - 4096, 1);
	    b_end(&x));
#undef BAD
#undef TRY
	expect(gem_wait(g_fd, s.handle, WAIT_MS), 0, "GEM_WAIT on the base job's BO");
	ok(param(g_fd, MVGPU_PARAM_FILE_FAULTS) == faults0,
	   "no job failed: refusals happen at SUBMIT");
	drmSyncobjDestroy(g_fd, good);
	bo_free(g_fd, &s);
	fill_check(g_fd, 0xabad1dea, "device still works: fill");
}

/* ---- 10. isolation -------------------------------------------------- */

#define ISO_SIZE	(64 << 10)

struct iso {
	int c2p[2], p2c[2];
};

static void secret(void *p, size_t n)
{
	pattern(p, n / 4, 0x5ec2e7);
}

static int iso_child(void *arg)
{
	struct iso *s = arg;
	uint8_t *want = malloc(ISO_SIZE);
	uint64_t va = 0;
	struct bo bo, d;
	int fd = child_open();
	char c;

	close(s->c2p[0]);
	close(s->p2c[1]);
	secret(want, ISO_SIZE);
	if (fd < 0 || !mkbo(fd, ISO_SIZE, &bo) || !mkbo(fd, 4096, &d)) {
		if (write(s->c2p[1], &va, 8) != 8)
			return 2;
		return 2;
	}
	memcpy(bo.map, want, ISO_SIZE);
	/* The GPU sees the secret in the child's own space. */
	ok(!gpu_checksum(fd, bo.va, ISO_SIZE / 4, &d, &bo) &&
	   *(uint32_t *)d.map == fnv1a(want, ISO_SIZE), "own CHECKSUM of the secret");
	if (write(s->c2p[1], &bo.va, 8) != 8)
		return 2;
	if (!ok(read_to(s->p2c[0], &c, 1, 120000), "parent signalled"))
		return 1;
	ok(!gem_wait(fd, bo.handle, WAIT_MS) && !memcmp(bo.map, want, ISO_SIZE),
	   "the child's BO is unchanged after the parent's jobs");
	return 0;
}

static void t_isolation(void)
{
	struct iso s;
	struct bo own, d;
	uint32_t *sum, secret_sum;
	uint8_t *tmp = malloc(ISO_SIZE);
	uint64_t va = 0;
	pid_t pid;
	int e, st;

	secret(tmp, ISO_SIZE);
	secret_sum = fnv1a(tmp, ISO_SIZE);
	free(tmp);
	if (pipe(s.c2p) || pipe(s.p2c)) {
		ok(false, "pipe");
		return;
	}
	/* A parent BO that may well get the same va in its own space. */
	if (!mkbo(g_fd, ISO_SIZE, &own) || !mkbo(g_fd, 4096, &d))
		return;
	memset(own.map, 0xa5, ISO_SIZE);
	pid = spawn(iso_child, &s);
	close(s.c2p[1]);
	close(s.p2c[0]);
	if (ok(read_to(s.c2p[0], &va, 8, WAIT_MS) && va, "child's va %#" PRIx64, va)) {
		struct drm_mvgpu_bo_ref r[2] = { REF(&own, MVGPU_BO_WRITE),
						 REF(&d, MVGPU_BO_WRITE) };
		struct batch b = { 0 };

		diag("parent's BO at %#" PRIx64 " %s the child's va", own.va,
		     own.va == va ? "is at" : "is not at");
		sum = d.map;
		sum[0] = secret_sum;
		/* Read first: a write first would hide a leak. */
		e = gpu_checksum(g_fd, va, ISO_SIZE / 4, &d, NULL);
		ok(e == 0 || e == EINVAL, "CHECKSUM at the child's va: %s", en(e));
		ok(e || sum[0] != secret_sum,
		   "the parent does not read the child's secret (%#x vs %#x)",
		   sum[0], secret_sum);
		for (uint32_t off = 0; off < ISO_SIZE; off += 1024)
			b_sdi(&b, va + off, 0xbad0bad0);
		b_end(&b);
		e = run(g_fd, &b, RCS, r, 2);
		ok(e == 0 || e == EINVAL, "SDIs at the child's va: %s", en(e));
	}
	if (write(s.p2c[1], "x", 1) != 1)
		ok(false, "signal the child");
	st = reap(pid, 120000);
	ok(st == 0, "child: its BO unchanged, its checks passed (status %d)", st);
	close(s.c2p[0]);
	close(s.p2c[1]);
	bo_free(g_fd, &own);
	bo_free(g_fd, &d);
}

/* ---- 11. concurrent ------------------------------------------------- */

#define CONC_JOBS	20

static int conc_child(void *arg)
{
	int *go = arg, fd = child_open();
	struct bo a, b, out[CONC_JOBS];
	uint32_t sy[CONC_JOBS], *want = malloc(SURF), seed32 = getpid() * 7919u;
	char c;
	int e = 0;

	close(go[1]);
	if (fd < 0 || !mkbo(fd, SURF, &a) || !mkbo(fd, SURF, &b))
		return 2;
	pattern(a.map, W * H, seed32);
	pattern(b.map, W * H, ~seed32);
	for (int j = 0; j < CONC_JOBS; j++)
		if (!mkbo(fd, SURF, &out[j]) || !(sy[j] = syncobj(fd, 0)))
			return 2;
	if (read_to(go[0], &c, 1, WAIT_MS))	/* EOF: go */
		return 2;
	for (int j = 0; j < CONC_JOBS && !e; j++) {
		struct drm_mvgpu_bo_ref r[3] = { REF(&out[j], MVGPU_BO_WRITE),
						 REF(&a, 0), REF(&b, 0) };
		struct batch bt = { 0 };

		if (j & 1)
			b_fill(&bt, out[j].va, PITCH, 0, 0, W, H, seed32 + j);
		else
			b_compute(&bt, MVGPU_KERNEL_SAXPY, W * H, a.va, b.va,
				  out[j].va, j + 1);
		b_end(&bt);
		e = submit(fd, &bt, j & 1 ? BCS : RCS, r, 3, NULL, 0, sy[j]);
	}
	if (!ok(!e, "%d jobs submitted (%s)", CONC_JOBS, en(e)))
		return 1;
	e = sync_wait(fd, sy, CONC_JOBS, WAIT_MS);
	if (!ok(!e, "all signalled (%s)", en(e)))
		return 1;
	for (int j = 0; j < CONC_JOBS; j++) {
		uint32_t *pa = a.map, *pb = b.map;

		for (int i = 0; i < W * H; i++)
			want[i] = j & 1 ? seed32 + j : (j + 1) * pa[i] + pb[i];
		if (!same(out[j].map, want, W * H, j & 1 ? "fill exact" : "SAXPY exact"))
			return 1;
	}
	return 0;
}

static void t_concurrent(void)
{
	int go[2], st;
	pid_t pid[2];

	if (pipe(go)) {
		ok(false, "pipe");
		return;
	}
	for (int i = 0; i < 2; i++)
		pid[i] = spawn(conc_child, go);
	close(go[0]);
	close(go[1]);	/* both start at EOF */
	for (int i = 0; i < 2; i++) {
		st = reap(pid[i], 180000);
		ok(st == 0, "process %d: %d jobs alternating RCS SAXPY / BCS fill, all "
		   "exact (status %d)", i, CONC_JOBS, st);
	}
}

/* ---- 12. hang ------------------------------------------------------- */

#define HOG_SIZE	((uint64_t)MVGPU_COMPUTE_MAX_COUNT * 4)	/* 64 MiB */

static int hang_a(void *arg)
{
	int *p = arg, fd = child_open();
	uint32_t ncmd = (hog_ms + hog_cmd_ms - 1) / hog_cmd_ms + 2, sy;
	uint64_t resets0, v;
	struct drm_mvgpu_bo_ref r;
	struct batch *b = calloc(1, sizeof(*b));
	struct bo hog, t;
	int64_t t0;
	int e;

	close(p[0]);
	if (fd < 0 || !mkbo(fd, HOG_SIZE, &hog))
		return 2;
	if (!ok(ncmd * 40 + 4 <= max_batch, "%u COMPUTEs fit a batch", ncmd))
		return 1;
	resets0 = param(fd, MVGPU_PARAM_ENGINE_RESETS);
	for (uint32_t i = 0; i < ncmd; i++)
		b_compute(b, MVGPU_KERNEL_SAXPY, MVGPU_COMPUTE_MAX_COUNT, hog.va,
			  hog.va, hog.va, 3);
	b_end(b);
	r = REF(&hog, MVGPU_BO_WRITE);
	sy = syncobj(fd, 0);
	t0 = now_ns();
	e = submit(fd, b, RCS, &r, 1, NULL, 0, sy);
	if (write(p[1], "x", 1) != 1 || !ok(!e, "hog: %u max-count SAXPYs (%s)", ncmd, en(e)))
		return 1;
	e = gem_wait(fd, hog.handle, 120000);
	diag("GEM_WAIT after %" PRId64 " ms", (now_ns() - t0) / 1000000);
	ok(e == EIO, "GEM_WAIT on the hog's buffer -> EIO (%s)", en(e));
	ok(!sync_wait(fd, &sy, 1, WAIT_MS), "its out_sync signalled");
	v = param(fd, MVGPU_PARAM_FILE_FAULTS);
	ok(v >= 1 && v != ~0ull, "FILE_FAULTS %" PRIu64 " >= 1", v);
	v = param(fd, MVGPU_PARAM_FILE_LAST_ERROR);
	ok(v == MVGPU_ERR_HANG, "FILE_LAST_ERROR %" PRIu64 " == MVGPU_ERR_HANG", v);
	fill_check(fd, 0x0dd0dd0d, "fill after the hang");
	if (mkbo(fd, 4096, &t)) {
		struct batch s = { 0 };

		r = REF(&t, MVGPU_BO_WRITE);
		b_compute(&s, MVGPU_KERNEL_SAXPY, 1024, t.va, t.va, t.va, 2);
		b_sdi(&s, t.va + 4092, 0x600d);
		b_end(&s);
		e = run(fd, &s, RCS, &r, 1);
		ok(!e && ((uint32_t *)t.map)[1023] == 0x600d && !gem_wait(fd, t.handle, WAIT_MS),
		   "RCS recovered: a job runs (%s)", en(e));
	}
	v = param(fd, MVGPU_PARAM_ENGINE_RESETS);
	ok(v > resets0 && v != ~0ull, "ENGINE_RESETS %" PRIu64 " > %" PRIu64, v, resets0);
	return 0;
}

static int hang_b(void *arg)
{
	int *p = arg, fd = child_open();
	char c;
	struct bo t;

	close(p[1]);
	if (fd < 0 || !mkbo(fd, SURF, &t) || !read_to(p[0], &c, 1, WAIT_MS))
		return 2;
	for (int i = 0; i < 10; i++) {
		int64_t t0 = now_ns();

		if (!fill_bo(fd, &t, 0xb0000000u + i, "BCS fill during the hang"))
			return 1;
		diag("fill %d: %" PRId64 " ms", i, (now_ns() - t0) / 1000000);
	}
	return 0;
}

static void t_hang(void)
{
	int p[2], st;
	pid_t a, b;

	if (!hog_ms) {
		printf("ok %d - hang # SKIP needs --hog-ms\n", ++tap_n);
		return;
	}
	if (pipe(p)) {
		ok(false, "pipe");
		return;
	}
	diag("hog: %u ms host timeout, %u ms per max-count SAXPY assumed",
	     hog_ms, hog_cmd_ms);
	a = spawn(hang_a, p);
	b = spawn(hang_b, p);
	close(p[0]);
	close(p[1]);
	st = reap(a, 240000);
	ok(st == 0, "process A: hog -> EIO, HANG, recovery (status %d)", st);
	st = reap(b, 240000);
	ok(st == 0, "process B: 10 BCS fills exact meanwhile (status %d)", st);
}

/* ---- 13. fuzz ------------------------------------------------------- */

static uint64_t rs;

static uint64_t rnd(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return rs * 2685821657736338717ull;
}

static uint32_t rn(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static uint64_t rval(void)
{
	static const uint64_t v[] = {
		0, 1, 2, 3, 4, 7, 8, 0x7f, 0x80, 0xff, 0x1000, 0xffff,
		0x7fffffff, 0x80000000, 0xffffffff, MVGPU_VA_USER_END,
		MVGPU_VA_USER_END - 4, 1ull << 48, ~0ull,
	};

	switch (rn(4)) {
	case 0: return rnd();
	case 1: return (uint32_t)rnd();
	default: return v[rn(sizeof(v) / sizeof(v[0]))];
	}
}

#define FZ_BOS	16
#define FZ_SYNC	8

static struct bo fz_bo[FZ_BOS];
static uint32_t fz_sync[FZ_SYNC];
static unsigned long fz_calls, fz_err[256], fz_bad;

static uint64_t faddr(void)
{
	struct bo *b = &fz_bo[rn(FZ_BOS)];

	switch (rn(6)) {
	case 0: return rval();
	case 1: return MVGPU_VA_USER_END - 4 * rn(64);
	case 2: return rnd() & ((1ull << 48) - 4);
	default: return b->handle ? b->va + (rn(b->size) & ~7u) : rval();
	}
}

static uint32_t fhandle(void)
{
	return rn(8) ? fz_bo[rn(FZ_BOS)].handle : (uint32_t)rval();
}

/* Commands with random fields, mostly well-formed. */
static void fz_batch(struct batch *b)
{
	uint32_t n = 1 + rn(6);

	b->n = 0;
	if (!rn(8)) {
		for (uint32_t i = rn(64) + 1; i--;)
			EMIT(b, (uint32_t)rval());
		n = 0;
	}
	while (n--) {
		uint64_t a = faddr(), c = faddr();
		uint32_t g = rn(8) ? 0 : 1;

		switch (rn(10)) {
		case 0: b_sdi(b, a, rnd()); b->dw[b->n - 4] |= g * MVGPU_MI_USE_GGTT; break;
		case 1: b_sdi64(b, a, rnd()); break;
		case 2: b_pc_store(b, a, rnd()); b->dw[b->n - 5] |= g * MVGPU_PC_GLOBAL_GTT; break;
		case 3: b_flush_store(b, a, rnd()); b->dw[b->n - 3] |= g * MVGPU_FLUSH_DW_USE_GGTT; break;
		case 4: b_fill(b, a, rn(2) ? PITCH : rn(65536), rn(64), rn(64),
			       rn(128), rn(128), rnd());
			if (g)
				b->dw[b->n - 6] = rnd();
			break;
		case 5: b_copy(b, a, rn(64), rn(64), rn(128), rn(128), c, rn(64), rn(64)); break;
		case 6: b_compute(b, rn(4), rn(8) ? rn(65536) : rval(), c, faddr(), a, rnd()); break;
		case 7: EMIT(b, rn(2) ? MVGPU_MI_NOOP : MVGPU_MI_ARB_CHECK); break;
		case 8: EMIT(b, MVGPU_MI_LOAD_REGISTER_IMM | 1, rn(0x80000), rnd()); break;
		default: EMIT(b, MVGPU_MI_BATCH_BUFFER_START | MVGPU_BB_PPGTT, LO(a), HI(a)); break;
		}
	}
	if (rn(8))
		b_end(b);
}

static void fz_note(int e, const char *what)
{
	static const int known[] = { 0, EINVAL, ENOENT, EFAULT, ENOMEM, E2BIG,
		ENOSPC, EIO, ETIMEDOUT, EBUSY, ENOTTY, EPERM, EACCES, EOPNOTSUPP };
	bool k = false;

	alarm(0);
	fz_calls++;
	fz_err[e & 255]++;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		k |= e == known[i];
	if (!k && fz_bad++ < 10)
		diag("  fuzz call %lu (%s) -> %s: not an expected errno", fz_calls, what, en(e));
}

static void fz_watchdog(int sig)
{
	static const char m[] = "Bail out! fuzz: an ioctl did not return in 30 s\n";

	(void)sig;
	if (write(1, m, sizeof(m) - 1))
		_exit(1);
	_exit(1);
}

static void fz_submit(int fd)
{
	static struct batch b;
	static struct drm_mvgpu_bo_ref refs[300];
	uint32_t in[32], out = 0;
	struct drm_mvgpu_submit s = { 0 };
	int e;

	fz_batch(&b);
	for (int i = 0; i < 300; i++)
		refs[i] = (struct drm_mvgpu_bo_ref){ fhandle(), rn(4) ? rn(2) : (uint32_t)rval() };
	for (int i = 0; i < 32; i++)
		in[i] = rn(8) ? fz_sync[rn(FZ_SYNC)] : (uint32_t)rval();
	s.batch = rn(32) ? (uintptr_t)b.dw : rn(2) ? 0 : rnd();
	s.batch_size = rn(16) ? b.n * 4 : (uint32_t)rval();
	s.engine = rn(8) ? rn(2) : (uint32_t)rval();
	s.bos = rn(32) ? (uintptr_t)refs : rval();
	s.bo_count = rn(8) ? rn(4) : rn(2) ? rn(300) : (uint32_t)rval();
	s.in_syncs = rn(32) ? (uintptr_t)in : rval();
	s.in_sync_count = rn(4) ? rn(2) : rn(2) ? rn(20) : (uint32_t)rval();
	s.out_sync = rn(8) ? (out = fz_sync[rn(FZ_SYNC)]) : rn(2) ? 0 : (uint32_t)rval();
	s.flags = rn(16) ? 0 : rval();
	s.pad = rn(16) ? 0 : rval();
	alarm(30);
	e = io(fd, DRM_IOCTL_MVGPU_SUBMIT, &s);
	fz_note(e, "SUBMIT");
	if (!e && out && sync_wait(fd, &out, 1, 10000))
		diag("  fuzz call %lu: job still running after 10 s", fz_calls);
}

static void fz_one(int fd)
{
	union {
		struct drm_mvgpu_get_param p;
		struct drm_mvgpu_gem_create c;
		struct drm_mvgpu_gem_info i;
		struct drm_mvgpu_gem_wait w;
		uint64_t raw[32];
	} u;
	uint32_t k = rn(16);
	struct bo *b;
	int e;

	memset(&u, 0, sizeof(u));
	if (k < 7) {
		fz_submit(fd);
		return;
	}
	alarm(30);
	switch (k) {
	case 7:
		u.p.param = rn(2) ? rn(12) : rval();
		u.p.pad = rn(8) ? 0 : rval();
		fz_note(io(fd, DRM_IOCTL_MVGPU_GET_PARAM, &u), "GET_PARAM");
		break;
	case 8:
		b = &fz_bo[rn(FZ_BOS)];
		bo_free(fd, b);
		u.c.size = rn(4) ? 4096 * (1 + rn(256)) : rval();
		if (u.c.size > (8 << 20) && u.c.size <= MVGPU_GEM_MAX_SIZE)
			u.c.size &= (8 << 20) - 1;
		u.c.flags = rn(8) ? 0 : rval();
		u.c.pad = rn(8) ? 0 : rval();
		e = io(fd, DRM_IOCTL_MVGPU_GEM_CREATE, &u);
		fz_note(e, "GEM_CREATE");
		if (!e)
			*b = (struct bo){ u.c.handle, u.c.va, u.c.size, NULL };
		break;
	case 9:
		u.i.handle = fhandle();
		u.i.pad = rn(8) ? 0 : rval();
		fz_note(io(fd, DRM_IOCTL_MVGPU_GEM_INFO, &u), "GEM_INFO");
		break;
	case 10: {
		int64_t now = now_ns(), t = rn(2) ? now + rn(50000000) : (int64_t)rval();

		u.w.handle = fhandle();
		u.w.flags = rn(8) ? 0 : rval();
		u.w.timeout_ns = t > now + 1000000000 ? now + rn(1000000000) : t;
		fz_note(io(fd, DRM_IOCTL_MVGPU_GEM_WAIT, &u), "GEM_WAIT");
		break;
	}
	default: {
		/* A driver ioctl number with a random direction, size, payload. */
		unsigned long dir = rn(4), nr = DRM_COMMAND_BASE + rn(32);
		unsigned int size = rn(4) ? rn(64) : rn(256);

		for (int i = 0; i < 32; i++)
			u.raw[i] = rval();
		if ((nr == DRM_COMMAND_BASE + DRM_MVGPU_GEM_WAIT) && size > 8)
			size = 8;	/* a random timeout could block for years */
		if (nr == DRM_COMMAND_BASE + DRM_MVGPU_GEM_CREATE)
			u.c.size = ~0ull;	/* at most tiny unrecorded BOs */
		e = io(fd, _IOC(dir, DRM_IOCTL_BASE, nr, size), rn(16) ? &u : NULL);
		fz_note(e, "raw ioctl");
		break;
	}
	}
}

static void t_fuzz(void)
{
	long n = fuzz_iters;
	int64_t t0 = now_ns();
	char path[64], link[128];
	struct sigaction sa = { .sa_handler = fz_watchdog };

	sigaction(SIGALRM, &sa, NULL);
	rs = seed ? seed : 1;
	diag("fuzz: seed %#" PRIx64 " (--seed), %ld iterations", seed, n);
	for (int i = 0; i < FZ_SYNC; i++)
		fz_sync[i] = syncobj(g_fd, i & 1 ? DRM_SYNCOBJ_CREATE_SIGNALED : 0);
	for (long i = 0; i < n; i++)
		fz_one(g_fd);
	alarm(0);
	diag("fuzz: %lu calls in %" PRId64 " ms: 0 x%lu, EINVAL x%lu, ENOENT x%lu, "
	     "EFAULT x%lu", fz_calls, (now_ns() - t0) / 1000000, fz_err[0],
	     fz_err[EINVAL], fz_err[ENOENT], fz_err[EFAULT]);
	ok(!fz_bad, "every call returned 0 or an expected errno (%lu did not)", fz_bad);
	/* Drain both engines: jobs of a file complete in order per engine. */
	for (uint32_t eng = RCS; eng <= BCS; eng++) {
		struct batch b = { 0 };

		b_end(&b);
		expect(run(g_fd, &b, eng, NULL, 0), 0, "an empty batch on %s after the fuzz",
		       eng ? "BCS" : "RCS");
	}
	for (int i = 0; i < FZ_BOS; i++)
		bo_free(g_fd, &fz_bo[i]);
	for (int i = 0; i < FZ_SYNC; i++)
		drmSyncobjDestroy(g_fd, fz_sync[i]);
	fill_check(g_fd, 0x0f0f0f0f, "fill after the fuzz");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", g_fd);
	ok(fcntl(g_fd, F_GETFD) >= 0 && readlink(path, link, sizeof(link)) > 0,
	   "the render fd is alive (%s)", path);
}

/* ---- 14. kms -------------------------------------------------------- */

#define KMS_WAIT_MS	10000		/* every flip or vblank event */
#define KMS_HOLD_MS	600000		/* --kms-hold: for FILE to appear */
#define KMS_FLIPS	30
#define KMS_COLOR_A	0x00336699u	/* XRGB; --kms-hold shows it */
#define KMS_COLOR_B	0x00996633u

/* A drmMode* or drm* call: 0 or the errno (they return -errno or -1). */
static int rc(int r)
{
	return r ? errno : 0;
}

static int open_card(void)
{
	char path[64];
	int i, fd;

	for (i = 0; i < 16; i++) {
		snprintf(path, sizeof(path), "/dev/dri/card%d", i);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd >= 0 && is_mvgpu(fd)) {
			diag("kms: %s", path);
			return fd;
		}
		if (fd >= 0)
			close(fd);
	}
	return -1;
}

struct dumb {
	uint32_t handle, pitch, fb;
	uint64_t size;
	uint32_t *map;
};

/* A 32 bpp dumb buffer, mapped, filled with @color: 0 or an errno. */
static int dumb_new(int fd, uint32_t w, uint32_t h, uint32_t color,
		    struct dumb *d)
{
	struct drm_mode_map_dumb m = { 0 };
	void *p;
	int e;

	memset(d, 0, sizeof(*d));
	e = rc(drmModeCreateDumbBuffer(fd, w, h, 32, 0, &d->handle, &d->pitch,
				       &d->size));
	if (e)
		return e;
	m.handle = d->handle;
	e = io(fd, DRM_IOCTL_MODE_MAP_DUMB, &m);
	if (!e) {
		p = mmap(NULL, d->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			 m.offset);
		e = p == MAP_FAILED ? errno : 0;
	}
	if (e) {
		drmModeDestroyDumbBuffer(fd, d->handle);
		memset(d, 0, sizeof(*d));
		return e;
	}
	d->map = p;
	for (uint64_t i = 0; i < d->size / 4; i++)
		d->map[i] = color;
	return 0;
}

/* dumb_new() that reports a failure as a check. */
static bool mkdumb(int fd, uint32_t w, uint32_t h, uint32_t color,
		   struct dumb *d)
{
	int e = dumb_new(fd, w, h, color, d);

	return !e || ok(false, "create+map a %ux%u dumb buffer: %s", w, h, en(e));
}

static int add_fb(int fd, const struct dumb *d, uint32_t w, uint32_t h,
		  uint32_t format, uint32_t pitch, uint32_t *fb)
{
	uint32_t hs[4] = { d->handle }, ps[4] = { pitch }, os[4] = { 0 };

	*fb = 0;
	return rc(drmModeAddFB2(fd, w, h, format, hs, ps, os, fb, 0));
}

static void dumb_free(int fd, struct dumb *d)
{
	if (d->fb)
		drmModeRmFB(fd, d->fb);
	if (d->map)
		munmap(d->map, d->size);
	if (d->handle)
		drmModeDestroyDumbBuffer(fd, d->handle);
	memset(d, 0, sizeof(*d));
}

/* The last event of each kind (drmEventContext version 2 handlers). */
static struct {
	int flips, vblanks;
	unsigned int seq;
	int64_t us;
	void *data;
} kev;

static void kev_note(unsigned int seq, unsigned int sec, unsigned int usec,
		     void *data)
{
	kev.seq = seq;
	kev.us = sec * 1000000ll + usec;
	kev.data = data;
}

static void on_flip(int fd, unsigned int seq, unsigned int sec,
		    unsigned int usec, void *data)
{
	(void)fd;
	kev.flips++;
	kev_note(seq, sec, usec, data);
}

static void on_vblank(int fd, unsigned int seq, unsigned int sec,
		      unsigned int usec, void *data)
{
	(void)fd;
	kev.vblanks++;
	kev_note(seq, sec, usec, data);
}

/* Handle events until *@count reaches @want: false if @ms passed first. */
static bool kms_wait(int fd, const int *count, int want, int ms)
{
	drmEventContext ctx = {
		.version = 2, .vblank_handler = on_vblank,
		.page_flip_handler = on_flip,
	};
	int64_t end = now_ns() + ms * 1000000ll;

	while (*count < want) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int64_t left = (end - now_ns()) / 1000000;
		int r;

		if (left < 0)
			return false;
		r = poll(&p, 1, (int)left);
		if (r < 0 && errno != EINTR)
			return false;
		if (r == 1 && (p.revents & POLLIN) && drmHandleEvent(fd, &ctx))
			return false;
	}
	return true;
}

/* The "type" property of a plane: DRM_PLANE_TYPE_*, or -1. */
static int plane_type(int fd, uint32_t id)
{
	drmModeObjectPropertiesPtr props =
		drmModeObjectGetProperties(fd, id, DRM_MODE_OBJECT_PLANE);
	int type = -1;

	for (uint32_t i = 0; props && i < props->count_props; i++) {
		drmModePropertyPtr p = drmModeGetProperty(fd, props->props[i]);

		if (p && !strcmp(p->name, "type"))
			type = (int)props->prop_values[i];
		drmModeFreeProperty(p);
	}
	drmModeFreeObjectProperties(props);
	return type;
}

static bool has_format(drmModePlanePtr p, uint32_t f)
{
	for (uint32_t i = 0; p && i < p->count_formats; i++)
		if (p->formats[i] == f)
			return true;
	return false;
}

static void kms_planes(int fd)
{
	drmModePlaneResPtr pr;
	drmModePlanePtr primary = NULL, cursor = NULL;
	int e = rc(drmSetClientCap(fd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1));

	if (!ok(!e, "DRM_CLIENT_CAP_UNIVERSAL_PLANES (%s)", en(e)))
		return;
	pr = drmModeGetPlaneResources(fd);
	if (!ok(pr, "drmModeGetPlaneResources (%s)", en(pr ? 0 : errno)))
		return;
	for (uint32_t i = 0; i < pr->count_planes; i++) {
		drmModePlanePtr p = drmModeGetPlane(fd, pr->planes[i]);
		int t = p ? plane_type(fd, p->plane_id) : -1;

		if (t == DRM_PLANE_TYPE_PRIMARY && !primary && (p->possible_crtcs & 1))
			primary = p;
		else if (t == DRM_PLANE_TYPE_CURSOR && !cursor && (p->possible_crtcs & 1))
			cursor = p;
		else
			drmModeFreePlane(p);
	}
	diag("  %u planes: primary %u (%u formats), cursor %u (%u formats)",
	     pr->count_planes, primary ? primary->plane_id : 0,
	     primary ? primary->count_formats : 0,
	     cursor ? cursor->plane_id : 0, cursor ? cursor->count_formats : 0);
	ok(primary && has_format(primary, DRM_FORMAT_XRGB8888) &&
	   has_format(primary, DRM_FORMAT_ARGB8888) &&
	   has_format(primary, DRM_FORMAT_XBGR8888) &&
	   has_format(primary, DRM_FORMAT_RGB565),
	   "a primary plane of the CRTC with XRGB8888, ARGB8888, XBGR8888, RGB565");
	ok(cursor && has_format(cursor, DRM_FORMAT_ARGB8888),
	   "a cursor plane of the CRTC with ARGB8888");
	drmModeFreePlane(primary);
	drmModeFreePlane(cursor);
	drmModeFreePlaneResources(pr);
}

/* --kms-hold: tell the harness, wait (bounded) until it made FILE. */
static void kms_hold_wait(uint32_t w, uint32_t h)
{
	int64_t t0 = now_ns();
	int i = 0;

	diag("KMS-HOLD %ux%u %06x", w, h, KMS_COLOR_A);
	while (access(kms_hold, F_OK) && i++ < KMS_HOLD_MS / 100)
		usleep(100000);
	ok(!access(kms_hold, F_OK), "--kms-hold: %s appeared after %" PRId64 " ms",
	   kms_hold, (now_ns() - t0) / 1000000);
}

static void kms_flips(int fd, uint32_t crtc, struct dumb *d)
{
	unsigned int seq[KMS_FLIPS];
	int64_t us[KMS_FLIPS], t0 = now_ns(), dt;
	int i, e = 0, e2 = 0, inc_seq = 1, inc_ts = 1;

	for (i = 0; i < KMS_FLIPS; i++) {
		struct dumb *to = &d[(i + 1) & 1];

		e = rc(drmModePageFlip(fd, crtc, to->fb, DRM_MODE_PAGE_FLIP_EVENT, to));
		if (e)
			break;
		if (!kms_wait(fd, &kev.flips, kev.flips + 1, KMS_WAIT_MS)) {
			e = ETIMEDOUT;
			break;
		}
		seq[i] = kev.seq;
		us[i] = kev.us;
		if (kev.data != to)
			diag("  flip %d: the event's user data is not its own", i);
		if (i && (int)(seq[i] - seq[i - 1]) <= 0 && inc_seq-- > 0)
			diag("  flip %d: sequence %u after %u", i, seq[i], seq[i - 1]);
		if (i && us[i] <= us[i - 1] && inc_ts-- > 0)
			diag("  flip %d: timestamp %" PRId64 " us after %" PRId64,
			     i, us[i], us[i - 1]);
	}
	dt = now_ns() - t0;
	if (!ok(i == KMS_FLIPS, "%d page flips A/B with DRM_MODE_PAGE_FLIP_EVENT, "
		"every event within %d ms (%d done, %s)", KMS_FLIPS, KMS_WAIT_MS,
		i, en(e)))
		return;
	diag("flips: %.1f per s (sequence %u..%u)", KMS_FLIPS / (dt / 1e9),
	     seq[0], seq[KMS_FLIPS - 1]);
	ok(inc_seq == 1, "flip event sequence numbers strictly increase");
	ok(inc_ts == 1, "flip event timestamps strictly increase");

	/*
	 * A second flip before the first's event: EBUSY.  It is accepted only
	 * if the first had already completed (a race, not expected within
	 * one vertical blank): then try again, up to 5 times.
	 */
	for (int attempt = 0; attempt < 5 && e2 != EBUSY; attempt++) {
		int want = kev.flips + 1;

		e = rc(drmModePageFlip(fd, crtc, d[1].fb, DRM_MODE_PAGE_FLIP_EVENT, &d[1]));
		if (e)
			break;
		e2 = rc(drmModePageFlip(fd, crtc, d[0].fb, DRM_MODE_PAGE_FLIP_EVENT, &d[0]));
		if (!e2) {
			want++;
			diag("  attempt %d: the second flip was accepted (the first "
			     "one done already?)", attempt);
		}
		if (!kms_wait(fd, &kev.flips, want, KMS_WAIT_MS)) {
			e = ETIMEDOUT;
			break;
		}
		if (e2 && e2 != EBUSY)
			break;
	}
	ok(!e, "flips for the EBUSY check queued, events received (%s)", en(e));
	/*
	 * Under nested TCG one ioctl can outlast a vertical blank: if every
	 * attempt found the first flip done, a pending flip was never seen
	 * (both events still had to arrive, in order, above).
	 */
	if (!e && !e2)
		printf("ok %d - %s: a flip while one is pending -> EBUSY # SKIP "
		       "the first flip was always done before the second ioctl\n",
		       ++tap_n, cur);
	else
		expect(e2, EBUSY, "a flip while one is pending");
}

static void kms_vblank(int fd, unsigned int vrefresh)
{
	drmVBlank vb = { .request = { .type = DRM_VBLANK_RELATIVE, .sequence = 0 } };
	unsigned int seq0, seq1;
	int64_t us0, us1;
	static int cookie;
	double hz;
	int e, want;

	e = rc(drmWaitVBlank(fd, &vb));
	seq0 = vb.reply.sequence;
	us0 = vb.reply.tval_sec * 1000000ll + vb.reply.tval_usec;
	if (!ok(!e, "drmWaitVBlank RELATIVE 0: sequence %u (%s)", seq0, en(e)))
		return;
	/* The kernel gives up after 3 s (EBUSY): bounded. */
	memset(&vb, 0, sizeof(vb));
	vb.request.type = DRM_VBLANK_RELATIVE;
	vb.request.sequence = 10;
	e = rc(drmWaitVBlank(fd, &vb));
	seq1 = vb.reply.sequence;
	us1 = vb.reply.tval_sec * 1000000ll + vb.reply.tval_usec;
	if (!ok(!e && (int)(seq1 - seq0) >= 10, "drmWaitVBlank RELATIVE 10: "
		"sequence %u, %d after %u (%s)", seq1, (int)(seq1 - seq0), seq0, en(e)))
		return;
	hz = us1 > us0 ? (seq1 - seq0) / ((us1 - us0) / 1e6) : 0;
	diag("vblank: %.1f Hz (mode %u Hz)", hz, vrefresh);
	ok(hz > 0, "vblank rate %.1f Hz > 0", hz);

	memset(&vb, 0, sizeof(vb));
	vb.request.type = DRM_VBLANK_EVENT | DRM_VBLANK_RELATIVE;
	vb.request.sequence = 1;
	vb.request.signal = (unsigned long)&cookie;
	want = kev.vblanks + 1;
	e = rc(drmWaitVBlank(fd, &vb));
	if (!ok(!e, "drmWaitVBlank EVENT | RELATIVE 1 (%s)", en(e)))
		return;
	ok(kms_wait(fd, &kev.vblanks, want, KMS_WAIT_MS) && kev.data == &cookie &&
	   (int)(kev.seq - seq1) >= 1, "its vblank event within %d ms, its own "
	   "signal, sequence %u after %u", KMS_WAIT_MS, kev.seq, seq1);
}

static void kms_cursor(int fd, uint32_t crtc)
{
	struct dumb c = { 0 }, big = { 0 };

	if (!mkdumb(fd, 64, 64, 0xc000ff00u, &c) ||
	    !mkdumb(fd, 128, 128, 0xc0ff00ffu, &big))
		goto out;
	expect(rc(drmModeSetCursor(fd, crtc, c.handle, 64, 64)), 0,
	       "drmModeSetCursor 64x64 ARGB8888");
	expect(rc(drmModeMoveCursor(fd, crtc, 10, 10)), 0, "drmModeMoveCursor (10,10)");
	expect(rc(drmModeMoveCursor(fd, crtc, -5, -5)), 0, "drmModeMoveCursor (-5,-5)");
	expect(rc(drmModeSetCursor(fd, crtc, 0, 0, 0)), 0, "drmModeSetCursor handle 0 (off)");
	/* The object is large enough: the cursor plane's check refuses it. */
	expect(rc(drmModeSetCursor(fd, crtc, big.handle, 100, 100)), EINVAL,
	       "drmModeSetCursor 100x100");
	drmModeSetCursor(fd, crtc, 0, 0, 0);
out:
	dumb_free(fd, &c);
	dumb_free(fd, &big);
}

/* Framebuffers the primary plane cannot scan out. */
static void kms_bad(int fd, uint32_t crtc, uint32_t conn,
		    drmModeModeInfoPtr mode)
{
	uint32_t w = mode->hdisplay, h = mode->vdisplay, fb;
	struct dumb big;
	int e;

	/* 16 pixels wider: room for pitch w * 4 + 4 and for panning. */
	if (!mkdumb(fd, w + 16, h, 0x00ff0000u, &big))
		return;
	e = add_fb(fd, &big, w, h, DRM_FORMAT_XRGB8888, w * 4 + 4, &fb);
	if (ok(!e, "AddFB2 %ux%u XRGB8888 pitch %u (%s)", w, h, w * 4 + 4, en(e))) {
		expect(rc(drmModeSetCrtc(fd, crtc, fb, 0, 0, &conn, 1, mode)), EINVAL,
		       "SetCrtc with pitch %u, not a multiple of 64", w * 4 + 4);
		drmModeRmFB(fd, fb);
	}
	/* drm_mode_addfb2 refuses a format no plane has: either is right. */
	e = add_fb(fd, &big, w, h, DRM_FORMAT_XRGB2101010, big.pitch, &fb);
	if (!e) {
		e = rc(drmModeSetCrtc(fd, crtc, fb, 0, 0, &conn, 1, mode));
		drmModeRmFB(fd, fb);
		expect(e, EINVAL, "XRGB2101010: SetCrtc");
	} else {
		expect(e, EINVAL, "XRGB2101010: AddFB2");
	}
	/* Wider than the mode, so the core's viewport check passes. */
	e = add_fb(fd, &big, w + 16, h, DRM_FORMAT_XRGB8888, big.pitch, &fb);
	if (ok(!e, "AddFB2 %ux%u XRGB8888 pitch %u (%s)", w + 16, h, big.pitch, en(e))) {
		expect(rc(drmModeSetCrtc(fd, crtc, fb, 8, 0, &conn, 1, mode)), EINVAL,
		       "SetCrtc at x 8, y 0 (panning)");
		drmModeRmFB(fd, fb);
	}
	dumb_free(fd, &big);
}

static void t_kms(void)
{
	drmModeConnectorPtr conn = NULL;
	drmModeModeInfoPtr mode = NULL;
	drmModeResPtr res = NULL;
	struct dumb d[2] = { { 0 } };
	uint32_t crtc, w, h;
	int fd, e, npref = 0;

	fd = open_card();
	if (fd < 0) {
		printf("ok %d - kms # SKIP no mvgpu primary node (/dev/dri/card0..15)\n",
		       ++tap_n);
		return;
	}
	if (drmSetMaster(fd)) {
		printf("ok %d - kms # SKIP not DRM master (%s)\n", ++tap_n,
		       strerror(errno));
		close(fd);
		return;
	}
	memset(&kev, 0, sizeof(kev));

	/* 1. resources, connector, modes */
	res = drmModeGetResources(fd);
	if (!ok(res && res->count_crtcs == 1 && res->count_connectors == 1,
		"drmModeGetResources: %d CRTC, %d connector (%s)",
		res ? res->count_crtcs : -1, res ? res->count_connectors : -1,
		en(res ? 0 : errno)))
		goto out;
	crtc = res->crtcs[0];
	conn = drmModeGetConnector(fd, res->connectors[0]);
	if (!ok(conn && conn->connection == DRM_MODE_CONNECTED && conn->count_modes >= 1,
		"connector connected with %d modes", conn ? conn->count_modes : -1))
		goto out;
	for (int i = conn->count_modes - 1; i >= 0; i--) {
		if (conn->modes[i].type & DRM_MODE_TYPE_PREFERRED) {
			mode = &conn->modes[i];
			npref++;
		}
	}
	ok(mode == &conn->modes[0], "the first mode is the preferred one "
	   "(%d preferred; first %s)", npref, conn->modes[0].name);
	if (!mode)
		goto out;
	w = mode->hdisplay;
	h = mode->vdisplay;
	diag("mode %s: %ux%u@%u, %d modes", mode->name, w, h, mode->vrefresh,
	     conn->count_modes);

	/* 2. planes */
	kms_planes(fd);

	/* 3. two buffers, mode set on A */
	if (!mkdumb(fd, w, h, KMS_COLOR_A, &d[0]) ||
	    !mkdumb(fd, w, h, KMS_COLOR_B, &d[1]))
		goto out;
	for (int i = 0; i < 2; i++) {
		e = add_fb(fd, &d[i], w, h, DRM_FORMAT_XRGB8888, d[i].pitch, &d[i].fb);
		if (!ok(!e, "AddFB2 %ux%u XRGB8888 pitch %u, buffer %c (%s)", w, h,
			d[i].pitch, 'A' + i, en(e)))
			goto out;
	}
	e = rc(drmModeSetCrtc(fd, crtc, d[0].fb, 0, 0, &conn->connector_id, 1, mode));
	if (!expect(e, 0, "drmModeSetCrtc %ux%u on buffer A", w, h))
		goto out;
	if (kms_hold)
		kms_hold_wait(w, h);

	/* 4. page flips, 5. vblank, 6. cursor, 7. bad input */
	kms_flips(fd, crtc, d);
	kms_vblank(fd, mode->vrefresh);
	kms_cursor(fd, crtc);
	kms_bad(fd, crtc, conn->connector_id, mode);

	/* 8. back on A; then fbcon gets the screen back */
	expect(rc(drmModeSetCrtc(fd, crtc, d[0].fb, 0, 0, &conn->connector_id, 1,
				 mode)), 0, "drmModeSetCrtc back on buffer A");
out:
	dumb_free(fd, &d[0]);
	dumb_free(fd, &d[1]);
	drmModeFreeConnector(conn);
	drmModeFreeResources(res);
	e = rc(drmDropMaster(fd));
	ok(!e, "drmDropMaster (%s)", en(e));
	close(fd);
}

/* ---- load ----------------------------------------------------------- */

#define LOAD_N		(1u << 20)	/* elements per SAXPY */
#define LOAD_CMDS	4		/* SAXPYs per job */
#define LOAD_DEPTH	2		/* jobs in flight */

/*
 * --load-seconds S: keep the render engine busy for S seconds with jobs
 * of LOAD_CMDS SAXPYs, LOAD_DEPTH in flight, so that the host always has
 * work of this vGPU queued (the two-VM share check of e2e/nested_qemu
 * runs it in two guests at once).  Prints "# LOAD-START" when it begins;
 * checks that every job completed and the result is exact.
 */
static void t_load(void)
{
	struct bo a = { 0 }, b = { 0 }, d = { 0 };
	uint32_t sy[LOAD_DEPTH] = { 0 }, *want = NULL, s = 0x2545f491;
	struct drm_mvgpu_bo_ref r[3];
	struct batch bt = { 0 };
	uint64_t jobs = 0;
	int64_t end;
	int e = 0;

	if (!load_s) {
		printf("ok %d - load # SKIP needs --load-seconds\n", ++tap_n);
		return;
	}
	if (!mkbo(g_fd, LOAD_N * 4, &a) || !mkbo(g_fd, LOAD_N * 4, &b) ||
	    !mkbo(g_fd, LOAD_N * 4, &d))
		goto out;
	want = malloc(LOAD_N * 4);
	if (!want)
		goto out;
	pattern(a.map, LOAD_N, 0x10ad);
	pattern(b.map, LOAD_N, 0xbeef);
	for (uint32_t i = 0; i < LOAD_N; i++)
		want[i] = s * ((uint32_t *)a.map)[i] + ((uint32_t *)b.map)[i];
	r[0] = REF(&a, 0);
	r[1] = REF(&b, 0);
	r[2] = REF(&d, MVGPU_BO_WRITE);
	for (int i = 0; i < LOAD_CMDS; i++)
		b_compute(&bt, MVGPU_KERNEL_SAXPY, LOAD_N, a.va, b.va, d.va, s);
	b_end(&bt);
	for (int i = 0; i < LOAD_DEPTH; i++)
		sy[i] = syncobj(g_fd, 0);
	printf("# LOAD-START\n");
	fflush(stdout);
	end = now_ns() + (int64_t)load_s * 1000000000;
	while (!e && now_ns() < end) {
		uint32_t *slot = &sy[jobs % LOAD_DEPTH];

		/* The job LOAD_DEPTH back must be done before its slot is reused. */
		if (jobs >= LOAD_DEPTH)
			e = sync_wait(g_fd, slot, 1, WAIT_MS);
		if (!e)
			e = submit(g_fd, &bt, RCS, r, 3, NULL, 0, *slot);
		jobs += !e;
	}
	if (!e)
		e = sync_wait(g_fd, sy, LOAD_DEPTH < jobs ? LOAD_DEPTH : jobs,
			      WAIT_MS);
	printf("# LOAD-DONE %" PRIu64 " jobs\n", jobs);
	if (ok(!e && jobs, "%" PRIu64 " jobs of %u SAXPYs in %u s (%s)", jobs,
	       LOAD_CMDS, load_s, en(e)))
		same(d.map, want, LOAD_N, "the last job's result");
out:
	for (int i = 0; i < LOAD_DEPTH; i++)
		if (sy[i])
			drmSyncobjDestroy(g_fd, sy[i]);
	free(want);
	bo_free(g_fd, &a);
	bo_free(g_fd, &b);
	bo_free(g_fd, &d);
}

/* ---- main ----------------------------------------------------------- */

static const struct {
	const char *name;
	void (*fn)(void);
	bool faults;	/* may make jobs of g_fd fail */
} tests[] = {
	{ "params", t_params, false }, { "bo", t_bo, false },
	{ "fill", t_fill, false }, { "copy", t_copy, false },
	{ "saxpy", t_saxpy, false }, { "checksum", t_checksum, false },
	{ "store", t_store, false }, { "sync", t_sync, false },
	{ "bad-input", t_bad_input, false }, { "isolation", t_isolation, false },
	{ "concurrent", t_concurrent, false }, { "kms", t_kms, false },
	{ "hang", t_hang, true },
	{ "fuzz", t_fuzz, true },
	{ "load", t_load, false },
};
#define NTESTS	(sizeof(tests) / sizeof(tests[0]))

static void usage(FILE *f)
{
	fprintf(f, "usage: mvgpu-drm-test [--device PATH] [--only NAME[,NAME...]] "
		"[--hog-ms N] [--hog-cmd-ms M] [--fuzz-iters N] [--seed S] "
		"[--kms-hold FILE] [--load-seconds S]\n"
		"subtests:");
	for (size_t i = 0; i < NTESTS; i++)
		fprintf(f, " %s", tests[i].name);
	fprintf(f, "\ndefault: all but hang (hang needs --hog-ms, the host's hang "
		"timeout in ms) and load (--load-seconds)\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "only", required_argument, NULL, 'o' },
		{ "hog-ms", required_argument, NULL, 'H' },
		{ "hog-cmd-ms", required_argument, NULL, 'C' },
		{ "fuzz-iters", required_argument, NULL, 'f' },
		{ "seed", required_argument, NULL, 's' },
		{ "kms-hold", required_argument, NULL, 'K' },
		{ "load-seconds", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	bool sel[NTESTS] = { false }, only = false;
	const char *device = NULL;
	drmVersionPtr v;
	int c;

	while ((c = getopt_long(argc, argv, "d:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': device = optarg; break;
		case 'H': hog_ms = strtoul(optarg, NULL, 0); break;
		case 'C': hog_cmd_ms = strtoul(optarg, NULL, 0); break;
		case 'f': fuzz_iters = strtol(optarg, NULL, 0); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'K': kms_hold = optarg; break;
		case 'L': load_s = strtoul(optarg, NULL, 0); break;
		case 'h': usage(stdout); return 0;
		case 'o':
			only = true;
			for (char *t = strtok(optarg, ","); t; t = strtok(NULL, ",")) {
				size_t i = 0;

				while (i < NTESTS && strcmp(tests[i].name, t))
					i++;
				if (i == NTESTS) {
					fprintf(stderr, "unknown subtest %s\n", t);
					usage(stderr);
					return 2;
				}
				sel[i] = true;
			}
			break;
		default: usage(stderr); return 2;
		}
	}
	if (!hog_cmd_ms)
		hog_cmd_ms = 1;
	for (size_t i = 0; i < NTESTS && !only; i++)
		sel[i] = strcmp(tests[i].name, "hang") &&
			 strcmp(tests[i].name, "load");
	if (fuzz_iters < 0)
		fuzz_iters = only ? 2000 : 200;
	g_fd = open_render(device);
	if (g_fd < 0) {
		printf("Bail out! no render node of driver mvgpu (%s)\n",
		       device ? device : "/dev/dri/renderD128..191");
		return 1;
	}
	v = drmGetVersion(g_fd);
	printf("# %s: %s %d.%d.%d, seed %#" PRIx64 "\n", dev_path, v->name,
	       v->version_major, v->version_minor, v->version_patchlevel, seed);
	drmFreeVersion(v);
	if (get_param(g_fd, MVGPU_PARAM_MAX_BATCH_SIZE, &max_batch) || max_batch < 4096)
		max_batch = 4096;
	for (size_t i = 0; i < NTESTS; i++) {
		uint64_t f0;

		if (!sel[i])
			continue;
		cur = tests[i].name;
		f0 = param(g_fd, MVGPU_PARAM_FILE_FAULTS);
		tests[i].fn();
		if (!tests[i].faults)
			ok(param(g_fd, MVGPU_PARAM_FILE_FAULTS) == f0,
			   "no job of this file failed (FILE_FAULTS %" PRIu64 ")", f0);
	}
	printf("1..%d\n", tap_n);
	close(g_fd);
	return tap_failed ? 1 : 0;
}
