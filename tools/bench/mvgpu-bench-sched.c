// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-bench-sched - what the engine scheduler costs and how fair it is.
 *
 *   mvgpu-bench-sched [-p auto|group|cdev] [-w WINDOW_MS] [-n ROUNDS]
 *                     [-i PERIOD_MS] UUID...
 *
 * The UUIDs name existing, closed vGPUs of one pGPU, all of the same type
 * (run-bench-sched.sh creates 64 x V1_64); each figure opens the first
 * few of them, so that only those take part in scheduling.  A "busy"
 * vGPU keeps the render engine saturated with one long legal workload (a
 * batch of MVGPU_COMPUTE CHECKSUMs over its hidden slice, sized from a
 * calibration to outlast the measurement); GDRST cancels it afterwards.
 * The policy is weighted (equal weights: same type).  Printed, from one
 * run:
 *
 *   sched overhead @1ms / @10ms  two busy vGPUs, slices of 1 and 10 ms:
 *         the engine time lost to switching, in % of the wall time of a
 *         WINDOW_MS window after 500 ms settling: switch_ns of debugfs
 *         mvgpu/<pgpu>/sched (wall time of the slices minus the engine
 *         time the workloads used in them); next to it the wall time
 *         minus the two vGPUs' busy_ns (which include the switching):
 *         the engine's idle time;
 *   interactive latency  four busy vGPUs and a light one that submits a
 *         single MI_STORE_DATA_IMM every PERIOD_MS (default 5), ROUNDS
 *         times (default 200), 1 ms slices.  Latency is from submission
 *         to the start of execution, in slices: with tracefs, from a
 *         trace_marker write just before the TAIL write to the light
 *         vGPU's next mvgpu_sched_switch_in event (the same trace clock,
 *         no user-space wake-up in it); always also from the TAIL write
 *         to the completion seen through the MSI eventfd, minus the light
 *         workload's own engine time (from busy_ns), which includes the
 *         trap, the interrupt and the wake-up, so it is an upper bound;
 *   jain index @8 / @64  Jain's fairness index (sum x)^2 / (n sum x^2)
 *         of the busy shares of 8 and 64 busy vGPUs (1.0: all equal).
 *
 * Speed is reported, never asserted.  Needs root and debugfs; the
 * scheduler settings (policy, slice, hang_timeout_ms, tracing) are
 * restored at exit.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/mvgpu.h>

#include "mvgpu_sysfs.h"
#include "mvgpu_stats.h"
#include "mvgpu_vfio.h"

#define PG		4096ull
#define MEM		(64u << 10)
#define IOVA		0x100000000ull
#define DEBUGFS		"/sys/kernel/debug/mvgpu"
#define TRACEFS		"/sys/kernel/tracing"
#define PARAM_HANG	"/sys/module/mvgpu/parameters/hang_timeout_ms"
#define RCS		MVGPU_ENGINE_RCS
#define RING_SIZE	0x1000u
#define OFF_RING	0x0000u
#define OFF_HWS		0x1000u
#define OFF_RES		0x2000u
#define OFF_BB		0x3000u
#define BB_MAX_CMDS	((MEM - OFF_BB - 64) / 40)
#define SETTLE_MS	500
#define MAX_V		64u
#define MARKER		"mvgpu-bench-sched submit"

#define RING(reg)	reg(MVGPU_RING_BASE(RCS))
#define GT0(reg)	reg(MVGPU_IRQ_BANK_GT0)
#define RCS_IRQS	(MVGPU_GT0_USER_INTERRUPT(RCS) | MVGPU_GT0_ERROR(RCS) | \
			 MVGPU_GT0_CTX_SWITCH(RCS))

struct bv {
	const char *uuid;
	struct mvgpu_dev dev;
	struct mvgpu_pv_info pv;
	bool open;
	uint8_t *mem;
	int efd;
	uint32_t tail;
	int64_t busy0, busy1;
	uint64_t ts0, ts1;
};

static struct bv V[MAX_V];
static unsigned int nuuid, window_ms = 3000, rounds = 200, period_ms = 5;
static enum mvgpu_vfio_path path = MVGPU_VFIO_AUTO;
static char pgpu[64], sysdir[192];
static char old_policy[96], old_slice[32], old_hang[32];
static double ns_per_elem;
static uint32_t seqno;

/* ---- helpers ---------------------------------------------------------- */


static void sleep_ms(unsigned int ms)
{
	usleep(ms * 1000u);
}

static void close_all(void);
static void restore(void);

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mvgpu-bench-sched: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	close_all();
	restore();
	exit(1);
}

static uint32_t rd32(struct bv *v, uint32_t off)
{
	uint32_t val = 0;
	int ret = mvgpu_mmio_read32(&v->dev, off, &val);

	if (ret)
		die("read of BAR0+%#x: %s", off, strerror(-ret));
	return val;
}

static void wr32(struct bv *v, uint32_t off, uint32_t val)
{
	int ret = mvgpu_mmio_write32(&v->dev, off, val);

	if (ret)
		die("write of BAR0+%#x: %s", off, strerror(-ret));
}

/* The number after "@key=" on the line of @path starting with @prefix. */
static int64_t field(const char *path, const char *prefix, const char *key)
{
	char line[512], *p;
	size_t n = strlen(key);
	int64_t val = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, prefix, strlen(prefix)))
			continue;
		for (p = strstr(line, key); p; p = strstr(p + 1, key))
			if ((p == line || p[-1] == ' ') && p[n] == '=') {
				val = strtoll(p + n + 1, NULL, 0);
				break;
			}
		break;
	}
	fclose(f);
	return val;
}

/* busy_ns of @v on RCS (debugfs), with the read's midpoint in *@ts. */
static int64_t vgpu_busy(struct bv *v, uint64_t *ts)
{
	char file[PATH_MAX];
	uint64_t t0 = mvgpu_now_ns();
	int64_t b;

	snprintf(file, sizeof(file), DEBUGFS "/%s/vgpu%u/sched", pgpu,
		 v->pv.vgpu_id);
	b = field(file, "rcs:", "busy_ns");
	if (ts)
		*ts = t0 + (mvgpu_now_ns() - t0) / 2;
	return b;
}

static int64_t pgpu_field(const char *key)
{
	char file[PATH_MAX];

	snprintf(file, sizeof(file), DEBUGFS "/%s/sched", pgpu);
	return field(file, "rcs:", key);
}

static int set_attr(const char *dir, const char *attr, const char *val)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", dir, attr);
	return mvgpu_sysfs_write_str(p, val);
}

static int get_attr(const char *dir, const char *attr, char *buf, size_t len)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", dir, attr);
	return mvgpu_sysfs_read(p, buf, len);
}

static void set_slice(unsigned int ms)
{
	char s[16];
	int ret;

	snprintf(s, sizeof(s), "%u", ms);
	ret = set_attr(sysdir, "sched_slice_ms", s);
	if (ret)
		die("sched_slice_ms %u: %s", ms, strerror(-ret));
}



/* ---- vGPUs ------------------------------------------------------------ */

static void ring_program(struct bv *v)
{
	wr32(v, RING(MVGPU_RING_CTL), 0);
	wr32(v, RING(MVGPU_RING_HWS_PGA), v->pv.hid_base + OFF_HWS);
	wr32(v, RING(MVGPU_RING_HEAD), 0);
	wr32(v, RING(MVGPU_RING_TAIL), 0);
	wr32(v, RING(MVGPU_RING_START), v->pv.hid_base + OFF_RING);
	wr32(v, RING(MVGPU_RING_CTL), (RING_SIZE - 0x1000) | MVGPU_RING_VALID);
	v->tail = 0;
}

static void bv_open(struct bv *v)
{
	uint64_t i;
	int ret;

	ret = mvgpu_open(&v->dev, v->uuid, path);
	if (ret)
		die("open %s: %s", v->uuid, strerror(-ret));
	v->open = true;
	v->efd = -1;
	ret = mvgpu_pv_handshake(&v->dev, &v->pv);
	if (ret)
		die("PV info of %s: %s", v->uuid, strerror(-ret));
	v->mem = mmap(NULL, MEM, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (v->mem == MAP_FAILED) {
		v->mem = NULL;
		die("guest memory: %s", strerror(errno));
	}
	ret = mvgpu_dma_map(&v->dev, v->mem, IOVA, MEM);
	if (ret) {
		munmap(v->mem, MEM);
		v->mem = NULL;
		die("DMA map: %s", strerror(-ret));
	}
	for (i = 0; i < MEM / PG; i++) {
		uint64_t idx = (v->pv.hid_base >> MVGPU_GTT_PAGE_SHIFT) + i;

		ret = mvgpu_mmio_write64(&v->dev, MVGPU_GTT_OFFSET +
					 idx * MVGPU_GTT_ENTRY_SIZE,
					 (IOVA + i * PG) | MVGPU_GTT_PTE_PRESENT);
		if (ret)
			die("GTT write: %s", strerror(-ret));
	}
	ring_program(v);
	v->efd = mvgpu_eventfd_new();
	if (v->efd < 0)
		die("eventfd: %s", strerror(-v->efd));
	ret = mvgpu_irq_set_trigger(&v->dev, VFIO_PCI_MSI_IRQ_INDEX, v->efd);
	if (ret)
		die("MSI trigger: %s", strerror(-ret));
	wr32(v, GT0(MVGPU_IRQ_IMR), ~RCS_IRQS & MVGPU_GT0_VALID_MASK);
	wr32(v, GT0(MVGPU_IRQ_IER), RCS_IRQS);
	wr32(v, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
}

static void bv_close(struct bv *v)
{
	if (!v->open)
		return;
	mvgpu_reset(&v->dev);
	if (v->mem) {
		mvgpu_dma_unmap(&v->dev, IOVA, MEM);
		munmap(v->mem, MEM);
		v->mem = NULL;
	}
	if (v->efd >= 0)
		close(v->efd);
	mvgpu_close(&v->dev);
	v->open = false;
}

static void close_all(void)
{
	unsigned int i;

	for (i = 0; i < MAX_V; i++)
		bv_close(&V[i]);
}

static void open_n(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < MAX_V; i++)
		if (i >= n)
			bv_close(&V[i]);
	for (i = 0; i < n; i++)
		if (!V[i].open)
			bv_open(&V[i]);
}

static volatile uint32_t *res(struct bv *v, unsigned int slot)
{
	return (volatile uint32_t *)(v->mem + OFF_RES) + slot;
}

static void emit(struct bv *v, const uint32_t *c, unsigned int n)
{
	uint32_t *ring = (uint32_t *)(v->mem + OFF_RING), i;

	for (i = 0; i < n; i++) {
		ring[v->tail / 4] = c[i];
		v->tail = (v->tail + 4) % RING_SIZE;
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static void kick(struct bv *v)
{
	wr32(v, RING(MVGPU_RING_TAIL), v->tail);
}

static unsigned int sdi(uint32_t *c, uint64_t gm, uint32_t val)
{
	c[0] = MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 2;
	c[1] = (uint32_t)gm;
	c[2] = (uint32_t)(gm >> 32);
	c[3] = val;
	return 4;
}

/* Largest CHECKSUM count inside the hidden slice (at most 8M). */
static uint32_t max_count(const struct bv *v)
{
	uint64_t n = v->pv.hid_size / 4;

	return n > (8u << 20) ? 8u << 20 : (uint32_t)n;
}

/* A batch of @cmds CHECKSUMs of @count elements, then a store of @seq. */
static void submit_long(struct bv *v, uint32_t cmds, uint32_t count,
			uint32_t seq)
{
	uint32_t *bb = (uint32_t *)(v->mem + OFF_BB), c[8], i, n = 0;
	uint64_t src = v->pv.hid_base, dst = v->pv.hid_base + OFF_RES + 4;

	if (cmds > BB_MAX_CMDS)
		cmds = BB_MAX_CMDS;
	for (i = 0; i < cmds; i++) {
		bb[n++] = MVGPU_COMPUTE;
		bb[n++] = MVGPU_KERNEL_CHECKSUM;
		bb[n++] = count;
		bb[n++] = (uint32_t)src;
		bb[n++] = (uint32_t)(src >> 32);
		bb[n++] = 0;
		bb[n++] = 0;
		bb[n++] = (uint32_t)dst;
		bb[n++] = (uint32_t)(dst >> 32);
		bb[n++] = 0;
	}
	bb[n++] = MVGPU_MI_BATCH_BUFFER_END;
	bb[n++] = MVGPU_MI_NOOP;
	*res(v, 0) = 0;
	c[0] = MVGPU_MI_BATCH_BUFFER_START;
	c[1] = (uint32_t)(v->pv.hid_base + OFF_BB);
	c[2] = (uint32_t)((v->pv.hid_base + OFF_BB) >> 32);
	c[3] = MVGPU_MI_NOOP;
	sdi(c + 4, v->pv.hid_base + OFF_RES, seq);
	emit(v, c, 8);
	kick(v);
}

/* Keep @v busy for about @ns of engine time. */
static void submit_busy(struct bv *v, double ns, uint32_t seq)
{
	double elems = ns / ns_per_elem;
	uint32_t cmds = (uint32_t)(elems / max_count(v)) + 1, count;

	if (cmds < 16)
		cmds = 16;
	if (cmds > BB_MAX_CMDS)
		cmds = BB_MAX_CMDS;
	count = (uint32_t)(elems / cmds) + 1;
	if (count > max_count(v))
		count = max_count(v);
	submit_long(v, cmds, count, seq);
}

/* GDRST of a busy engine cancels its workload; then restart the ring. */
static void cancel(struct bv *v)
{
	uint64_t end = mvgpu_now_ns() + 20000000000ull;

	wr32(v, MVGPU_REG_GDRST, MVGPU_GDRST_RENDER);
	while (rd32(v, MVGPU_REG_GDRST) & MVGPU_GDRST_RENDER) {
		if (mvgpu_now_ns() > end)
			die("vgpu%u: GDRST did not complete", v->pv.vgpu_id);
		usleep(1000);
	}
	ring_program(v);
	wr32(v, GT0(MVGPU_IRQ_IIR), MVGPU_GT0_VALID_MASK);
}

/* Wait for HEAD == TAIL on the status page; clear the interrupts. */
static void wait_idle(struct bv *v)
{
	volatile uint32_t *hws = (volatile uint32_t *)(v->mem + OFF_HWS);
	uint64_t end = mvgpu_now_ns() + 60000000000ull, cnt;

	while (hws[MVGPU_HWS_RING_HEAD] != v->tail) {
		if (mvgpu_now_ns() > end)
			die("vgpu%u: timeout (HEAD %#x, TAIL %#x, IIR %#x, error %u)",
			    v->pv.vgpu_id, rd32(v, RING(MVGPU_RING_HEAD)), v->tail,
			    rd32(v, GT0(MVGPU_IRQ_IIR)),
			    rd32(v, MVGPU_PVINFO_OFFSET + MVGPU_PV_ENGINE_ERROR(RCS)));
		if (mvgpu_eventfd_wait(v->efd, 100) > 0)
			mvgpu_eventfd_consume(v->efd, &cnt);
	}
	wr32(v, GT0(MVGPU_IRQ_IIR), RCS_IRQS);
}

static void snap(unsigned int n, bool first)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint64_t ts;
		int64_t b = vgpu_busy(&V[i], &ts);

		if (b < 0)
			die("no busy_ns in %s/%s/vgpu%u/sched", DEBUGFS, pgpu,
			    V[i].pv.vgpu_id);
		if (first) {
			V[i].busy0 = b;
			V[i].ts0 = ts;
		} else {
			V[i].busy1 = b;
			V[i].ts1 = ts;
		}
	}
}

static double vshare(const struct bv *v)
{
	return v->ts1 > v->ts0 ? (double)(v->busy1 - v->busy0) /
				 (v->ts1 - v->ts0) : 0;
}

/* Whether every one of the first @n still runs its long workload. */
static unsigned int finished_early(unsigned int n, uint32_t seq)
{
	unsigned int i, early = 0;

	for (i = 0; i < n; i++)
		early += *res(&V[i], 0) == seq;
	return early;
}

/* ---- calibration ------------------------------------------------------ */

/*
 * Engine time per CHECKSUM element on the first vGPU alone: the wall time
 * from the TAIL write to completion of a workload of about 150 ms.
 */
static void calibrate(void)
{
	struct bv *v = &V[0];
	uint32_t count = 1u << 20, cmds = 1;
	uint64_t t0, wall;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		t0 = mvgpu_now_ns();
		submit_long(v, cmds, count, ++seqno);
		wait_idle(v);
		wall = mvgpu_now_ns() - t0;
		ns_per_elem = (double)wall / ((double)cmds * count);
		if (wall >= 100000000)
			break;
		count = 150e6 / ns_per_elem / cmds;
		if (count > max_count(v)) {
			cmds = 150e6 / ns_per_elem / max_count(v) + 1;
			count = max_count(v);
		}
	}
	printf("calibration: %.3f ns of engine time per CHECKSUM element\n",
	       ns_per_elem);
}

/* ---- the figures ------------------------------------------------------ */

static void overhead(unsigned int slice_ms)
{
	int64_t sw0, sw1, sws0, sws1;
	uint64_t t0, t1;
	double wall, busy, seconds;
	uint32_t seq = ++seqno;
	unsigned int i;

	open_n(2);
	set_slice(slice_ms);
	seconds = (SETTLE_MS + window_ms + 1000) / 1e3;
	for (i = 0; i < 2; i++)
		submit_busy(&V[i], 0.5 * seconds * 2e9, seq);
	sleep_ms(SETTLE_MS);
	t0 = mvgpu_now_ns();
	sw0 = pgpu_field("switch_ns");
	sws0 = pgpu_field("switches");
	snap(2, true);
	sleep_ms(window_ms);
	snap(2, false);
	sw1 = pgpu_field("switch_ns");
	sws1 = pgpu_field("switches");
	t1 = mvgpu_now_ns();
	wall = t1 - t0;
	busy = (V[0].busy1 - V[0].busy0) + (V[1].busy1 - V[1].busy0);
	if (sw0 >= 0 && sw1 >= sw0)
		printf("sched overhead @%ums: %.1f %%", slice_ms,
		       100.0 * (sw1 - sw0) / wall);
	else
		printf("sched overhead @%ums: n/a (no switch_ns in %s/%s/sched)",
		       slice_ms, DEBUGFS, pgpu);
	printf("  (idle, wall - busy_ns: %.1f %%; %.0f switches/s; shares %.1f %% + %.1f %%)%s\n",
	       100.0 * (wall - busy) / wall,
	       sws0 >= 0 ? (sws1 - sws0) * 1e9 / wall : 0.0,
	       100 * vshare(&V[0]), 100 * vshare(&V[1]),
	       finished_early(2, seq) ? " [a workload ended early]" : "");
	fflush(stdout);
	for (i = 0; i < 2; i++)
		cancel(&V[i]);
}

/* Trace settings we change, restored at exit. */
static bool tracing;
static char old_clock[32] = "local";

static int tfs_write(const char *file, const char *val)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), TRACEFS "/%s", file);
	return mvgpu_sysfs_write_str(p, val);
}

static void trace_stop(void)
{
	if (!tracing)
		return;
	tfs_write("tracing_on", "0");
	tfs_write("events/mvgpu/mvgpu_sched_switch_in/enable", "0");
	tfs_write("events/mvgpu/mvgpu_sched_switch_in/filter", "0");
	tfs_write("trace_clock", old_clock);
	tracing = false;
}

static bool trace_start(unsigned int vgpu_id)
{
	char buf[512], *l, *r, filter[64];
	int fd;

	if (access(TRACEFS "/events/mvgpu/mvgpu_sched_switch_in/enable", W_OK) ||
	    access(TRACEFS "/trace_marker", W_OK))
		return false;
	if (!mvgpu_sysfs_read(TRACEFS "/trace_clock", buf, sizeof(buf))) {
		l = strchr(buf, '[');
		r = l ? strchr(l, ']') : NULL;
		if (l && r && r - l - 1 < (long)sizeof(old_clock)) {
			memcpy(old_clock, l + 1, r - l - 1);
			old_clock[r - l - 1] = '\0';
		}
	}
	tracing = true;
	tfs_write("tracing_on", "0");
	tfs_write("trace_clock", "mono");
	fd = open(TRACEFS "/trace", O_WRONLY | O_TRUNC);
	if (fd >= 0)
		close(fd);
	snprintf(filter, sizeof(filter), "vgpu == %u && engine == 0", vgpu_id);
	if (tfs_write("events/mvgpu/mvgpu_sched_switch_in/filter", filter) ||
	    tfs_write("events/mvgpu/mvgpu_sched_switch_in/enable", "1") ||
	    tfs_write("tracing_on", "1")) {
		trace_stop();
		return false;
	}
	return true;
}

/* The timestamp (s) of the event at @p (": <event>:") in a trace line. */
static double trace_ts(const char *line, const char *p)
{
	const char *s = p;

	while (s > line && s[-1] != ' ')
		s--;
	return strtod(s, NULL);
}

/*
 * From the trace: for each marker "submit <k>", the first later
 * switch-in of the light vGPU.  Returns the number of latencies (ns).
 */
static unsigned int trace_latencies(uint64_t *lat, unsigned int max)
{
	char line[1024];
	double sub = -1;
	unsigned int n = 0;
	FILE *f = fopen(TRACEFS "/trace", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f) && n < max) {
		char *p;

		if (line[0] == '#')
			continue;
		p = strstr(line, ": tracing_mark_write: " MARKER);
		if (!p)
			p = strstr(line, ": print: ");
		if (p && strstr(line, MARKER)) {
			sub = trace_ts(line, p);
			continue;
		}
		p = strstr(line, ": mvgpu_sched_switch_in:");
		if (p && sub >= 0) {
			double ts = trace_ts(line, p);

			if (ts >= sub)
				lat[n++] = (uint64_t)((ts - sub) * 1e9 + 0.5);
			sub = -1;
		}
	}
	fclose(f);
	return n;
}

static void latency(void)
{
	struct bv *light = &V[4];
	uint64_t *ulat = calloc(rounds, sizeof(*ulat));
	uint64_t *tlat = calloc(rounds, sizeof(*tlat));
	unsigned int i, nt = 0, busy_n = 4;
	uint32_t seq = ++seqno, c[4];
	double seconds, own;
	int64_t lb0, lb1;
	int mfd = -1;
	bool traced;

	if (!ulat || !tlat)
		die("out of memory");
	open_n(5);
	set_slice(1);
	seconds = rounds * (period_ms + 20) / 1e3 + SETTLE_MS / 1e3 + 1;
	for (i = 0; i < busy_n; i++)
		submit_busy(&V[i], seconds * 2e9 / (busy_n + 1), seq);
	sleep_ms(SETTLE_MS);
	traced = trace_start(light->pv.vgpu_id);
	if (traced)
		mfd = open(TRACEFS "/trace_marker", O_WRONLY | O_CLOEXEC);
	lb0 = vgpu_busy(light, NULL);
	for (i = 0; i < rounds; i++) {
		char msg[64];
		int len = snprintf(msg, sizeof(msg), MARKER " %u\n", i);
		uint64_t t0;

		sdi(c, light->pv.hid_base + OFF_RES + 8, i + 1);
		emit(light, c, 4);
		if (mfd >= 0 && write(mfd, msg, len) != len) {
			close(mfd);
			mfd = -1;
		}
		t0 = mvgpu_now_ns();
		kick(light);
		wait_idle(light);
		ulat[i] = mvgpu_now_ns() - t0;
		if (*res(light, 2) != i + 1)
			die("light vGPU: store %u missing", i + 1);
		sleep_ms(period_ms);
	}
	lb1 = vgpu_busy(light, NULL);
	if (mfd >= 0)
		close(mfd);
	if (traced) {
		tfs_write("tracing_on", "0");
		nt = trace_latencies(tlat, rounds);
		trace_stop();
	}
	own = lb0 >= 0 && lb1 >= lb0 ? (double)(lb1 - lb0) / rounds : 0;
	for (i = 0; i < rounds; i++)
		ulat[i] = ulat[i] > own ? ulat[i] - own : 0;
	mvgpu_sort_u64(ulat, rounds);
	mvgpu_sort_u64(tlat, nt);
	if (nt)
		printf("interactive latency (submit -> switch-in, trace; %u busy vGPUs, 1 ms slices): median %.2f slices, p99 %.2f slices (%u samples)\n",
		       busy_n, mvgpu_percentile(tlat, nt, 50) / 1e6,
		       mvgpu_percentile(tlat, nt, 99) / 1e6, nt);
	else
		printf("interactive latency (submit -> switch-in, trace): n/a (%s)\n",
		       traced ? "no events" : "no tracefs or no mvgpu_sched_switch_in");
	printf("interactive latency (TAIL write -> completion seen, minus %.1f us own engine time; %u busy vGPUs, 1 ms slices): median %.2f slices, p99 %.2f slices%s\n",
	       own / 1e3, busy_n, mvgpu_percentile(ulat, rounds, 50) / 1e6,
	       mvgpu_percentile(ulat, rounds, 99) / 1e6,
	       finished_early(busy_n, seq) ? " [a busy workload ended early]" : "");
	fflush(stdout);
	for (i = 0; i < busy_n; i++)
		cancel(&V[i]);
	free(ulat);
	free(tlat);
}

static void jain(unsigned int n)
{
	double sum = 0, sq = 0, lo = 1, hi = 0, seconds;
	uint32_t seq = ++seqno;
	unsigned int i;

	if (nuuid < n) {
		printf("jain index @%u vGPUs: n/a (only %u vGPUs given)\n", n, nuuid);
		return;
	}
	open_n(n);
	set_slice(1);
	seconds = (SETTLE_MS + window_ms + 1500) / 1e3;
	for (i = 0; i < n; i++)
		submit_busy(&V[i], seconds * 2e9 / n, seq);
	sleep_ms(SETTLE_MS);
	snap(n, true);
	sleep_ms(window_ms);
	snap(n, false);
	for (i = 0; i < n; i++) {
		double x = vshare(&V[i]);

		sum += x;
		sq += x * x;
		lo = x < lo ? x : lo;
		hi = x > hi ? x : hi;
	}
	printf("jain index @%u vGPUs: %.4f  (shares %.2f..%.2f %%, sum %.1f %%)%s\n",
	       n, sq ? sum * sum / (n * sq) : 0, 100 * lo, 100 * hi, 100 * sum,
	       finished_early(n, seq) ? " [a workload ended early]" : "");
	fflush(stdout);
	for (i = 0; i < n; i++)
		cancel(&V[i]);
}

/* ---- main ------------------------------------------------------------- */

static bool saved;

static void restore(void)
{
	trace_stop();
	if (!saved)
		return;
	saved = false;
	if (set_attr(sysdir, "sched_policy", old_policy) ||
	    set_attr(sysdir, "sched_slice_ms", old_slice) ||
	    mvgpu_sysfs_write_str(PARAM_HANG, old_hang))
		fprintf(stderr, "mvgpu-bench-sched: could not restore the settings (%s, %s ms, %s ms)\n",
			old_policy, old_slice, old_hang);
}

static void on_signal(int sig)
{
	(void)sig;
	die("interrupted");
}

/* The pGPU of vGPU @uuid: the name of its parent device. */
static void find_pgpu(const char *uuid)
{
	int ret = mvgpu_vgpu_pgpu(uuid, pgpu, sizeof(pgpu));

	if (ret)
		die("vGPU %s: no parent device: %s", uuid, strerror(-ret));
	snprintf(sysdir, sizeof(sysdir), MVGPU_MDEV_BUS_DIR "/%s/mvgpu", pgpu);
}

static void usage(void)
{
	fprintf(stderr, "usage: mvgpu-bench-sched [-p auto|group|cdev] [-w WINDOW_MS] "
		"[-n ROUNDS] [-i PERIOD_MS] UUID... (5 to %u)\n", MAX_V);
	exit(2);
}

int main(int argc, char **argv)
{
	char *l, *r;
	int opt, i;

	while ((opt = getopt(argc, argv, "p:w:n:i:h")) != -1) {
		switch (opt) {
		case 'p':
			if (mvgpu_path_parse(optarg, &path))
				usage();
			break;
		case 'w':
			window_ms = strtoul(optarg, NULL, 0);
			break;
		case 'n':
			rounds = strtoul(optarg, NULL, 0);
			break;
		case 'i':
			period_ms = strtoul(optarg, NULL, 0);
			break;
		default:
			usage();
		}
	}
	if (argc - optind < 5 || argc - optind > (int)MAX_V || window_ms < 500 ||
	    !rounds)
		usage();
	for (i = optind; i < argc; i++)
		V[nuuid++].uuid = argv[i];
	find_pgpu(V[0].uuid);
	if (get_attr(sysdir, "sched_policy", old_policy, sizeof(old_policy)) ||
	    get_attr(sysdir, "sched_slice_ms", old_slice, sizeof(old_slice)) ||
	    mvgpu_sysfs_read(PARAM_HANG, old_hang, sizeof(old_hang)))
		die("no scheduler on %s (%s/sched_policy, sched_slice_ms, %s)",
		    pgpu, sysdir, PARAM_HANG);
	l = strchr(old_policy, '[');
	r = l ? strchr(l, ']') : NULL;
	if (l && r) {
		*r = '\0';
		memmove(old_policy, l + 1, strlen(l + 1) + 1);
	}
	saved = true;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (set_attr(sysdir, "sched_policy", "weighted") ||
	    mvgpu_sysfs_write_str(PARAM_HANG, "120000"))
		die("cannot set the policy or hang_timeout_ms");

	printf("mvgpu-bench-sched: %u vGPUs of %s, policy weighted (equal weights), window %u ms after %u ms settling\n",
	       nuuid, pgpu, window_ms, SETTLE_MS);
	open_n(1);
	set_slice(1);
	calibrate();
	overhead(1);
	overhead(10);
	latency();
	jain(8);
	jain(64);
	close_all();
	restore();
	return 0;
}
