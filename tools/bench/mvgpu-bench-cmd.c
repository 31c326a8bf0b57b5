// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-bench-cmd - command submission throughput, mediated against
 * native, side by side on the same software GPU.
 *
 *   mvgpu-bench-cmd [-p auto|group|cdev] [-w msi|poll] [-r ROUNDS]
 *                   [-n SMALL] [-m BLITS_ITERS] [-l LARGE] [-B BLITS]
 *                   [-c COUNT] UUID
 *
 * Three workloads, each on one engine, with the same commands (but for
 * their graphics addresses) and the same data on both sides:
 *   small  one XY_COLOR_BLT of 64x64 pixels and a MI_STORE_DATA_IMM
 *          breadcrumb (copy engine);
 *   blits  a batch buffer of BLITS XY_COLOR_BLTs of 64x64 tiles over a
 *          1024x1024 surface, started from the ring, and a breadcrumb
 *          (copy engine);
 *   large  MVGPU_COMPUTE SAXPY over COUNT elements (y = 3x + y) and a
 *          breadcrumb (render engine).
 * Native: the workload is submitted straight to the backend through
 * debugfs (mvgpu/<pgpu>/native/: the commands and data in the host arena,
 * one write of "<engine> <start> <size>" per workload, which returns on
 * completion).  Mediated: the vGPU UUID, opened through VFIO, plays the
 * guest driver: its memory is DMA-mapped and mapped by GTT entries of its
 * hidden slice, each workload is written to the engine's ring and
 * submitted by a TAIL write; completion arrives as MSI (eventfd, the IIR
 * is cleared each time) or, with -w poll, is seen by polling the HEAD the
 * engine stores in the status page (spinning: a CPU of its own helps).
 *
 * Each of ROUNDS rounds (default 6) runs a block of iterations of every
 * workload natively and one mediated, back to back, alternating which
 * goes first: SMALL (default 100), BLITS_ITERS (3) and LARGE (5)
 * iterations; BLITS defaults to 1024, COUNT to 4194304 (the data must fit
 * the native arena and the hidden slice).  A warm-up workload of each
 * kind precedes the timing.  Printed: throughput (workloads and MB of
 * data processed per second), median and p99 of the per-workload latency,
 * engine time per workload and engine utilization (from the software
 * GPU's debugfs), the ratios mediated/native, where the mediated time
 * goes (TAIL write: trap, shadow-and-scan and submission; wait; IIR
 * clear), and the kernel's shadow-and-scan microbenchmark
 * (mvgpu/cmd_bench).  The results are checked (breadcrumbs, pixels, SAXPY
 * output).  Speed is reported, never asserted: the exit status is 0
 * unless something failed.  Needs root and debugfs; the vGPU must exist
 * and not be open.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/mvgpu.h>

#include "mvgpu_stats.h"
#include "mvgpu_sysfs.h"
#include "mvgpu_vfio.h"

#define BAR0		VFIO_PCI_BAR0_REGION_INDEX
#define PG		4096ull
#define MIB		(1ull << 20)
#define IOVA		0x100000000ull
#define DEBUGFS		"/sys/kernel/debug"
#define WAIT_MS		60000

/*
 * Layout, the same offsets in the native arena (graphics address =
 * offset) and in the vGPU's hidden slice (graphics address = slice base +
 * offset).
 */
#define OFF_HWS(e)	((uint64_t)(e) * PG)	/* status page per engine */
#define OFF_STREAM(w)	(0x2000 + (uint64_t)(w) * 0x100) /* native streams */
#define OFF_RING(e)	(0x10000 + (uint64_t)(e) * RING_SIZE)
#define RING_SIZE	0x10000u
#define OFF_SMALL	0x30000ull	/* 64x64 pixels, pitch 256 */
#define OFF_BATCH	0x40000ull	/* the blits batch, up to 256 KiB */
#define OFF_SURF	0x100000ull	/* 1024x1024 pixels, pitch 4096 */
#define OFF_X		0x800000ull	/* SAXPY x, then y */
#define BREADCRUMB	(4 * MVGPU_HWS_SCRATCH)
#define SURF_W		1024u
#define TILE		64u
#define MAX_BLITS	((256u * 1024 - 8) / 28)
#define SCALAR		3u
#define MAX_CMDS	16u
/* The breadcrumb (and small blit colour) of native workloads. */
#define NATIVE_SEQ	0xc0de00u

enum { W_SMALL, W_BLITS, W_LARGE, NR_W };
enum { NATIVE, MEDIATED, NR_SIDES };

static const char *const side_names[NR_SIDES] = { "native", "mediated" };
static const char *const engine_names[] = { "rcs", "bcs" };

/**
 * struct stats - one workload on one side
 * @lat: per-workload latency, ns
 * @n: entries in @lat
 * @wall: ns spent in the timed blocks
 * @busy: engine busy ns during the timed blocks (-1: unknown)
 * @submit: mediated: ns in the TAIL write
 * @wait: mediated: ns waiting for completion
 * @ack: mediated: ns clearing the IIR
 * @done: workloads executed on this side, warm-up included
 */
struct stats {
	uint64_t *lat;
	unsigned int n;
	uint64_t wall;
	int64_t busy;
	uint64_t submit, wait, ack;
	unsigned int done;
};

/**
 * struct wl - a workload
 * @name: short name
 * @desc: what it does
 * @engine: MVGPU_ENGINE_*
 * @iters: iterations per round and side
 * @bytes: bytes of data it processes
 * @st: per side
 */
struct wl {
	const char *name;
	char desc[48];
	unsigned int engine;
	unsigned int iters;
	uint64_t bytes;
	struct stats st[NR_SIDES];
};

static struct mvgpu_dev dev;
static struct mvgpu_pv_info pv;
static char pgpu[64];
static const char *uuid;
static int mem_fd = -1, submit_fd = -1, efd = -1;
static bool poll_mode, dev_open;
static uint8_t *guest;		/* the vGPU's memory, at IOVA */
static uint64_t layout_size, count = 4u << 20;
static unsigned int blits = 1024;
static uint32_t ring_tail[2], seqno, small_seq;
static struct wl wls[NR_W] = {
	[W_SMALL] = { .name = "small", .engine = MVGPU_ENGINE_BCS, .iters = 100 },
	[W_BLITS] = { .name = "blits", .engine = MVGPU_ENGINE_BCS, .iters = 3 },
	[W_LARGE] = { .name = "large", .engine = MVGPU_ENGINE_RCS, .iters = 5 },
};

/* ---- helpers ------------------------------------------------------ */


static void cleanup(void)
{
	/* seq_file clears FMODE_PWRITE: write(), not pwrite(). */
	if (submit_fd >= 0 && write(submit_fd, "free\n", 5) != 5)
		fprintf(stderr, "mvgpu-bench-cmd: could not free the native arena\n");
	if (!dev_open)
		return;
	mvgpu_reset(&dev);
	if (guest)
		mvgpu_dma_unmap(&dev, IOVA, layout_size);
	mvgpu_close(&dev);
	dev_open = false;
}

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mvgpu-bench-cmd: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cleanup();
	exit(1);
}

static uint32_t rd32(uint64_t off)
{
	uint32_t v;
	int ret = mvgpu_mmio_read32(&dev, off, &v);

	if (ret)
		die("read of BAR0+%#llx: %s", (unsigned long long)off,
		    strerror(-ret));
	return v;
}

static void wr32(uint64_t off, uint32_t v)
{
	int ret = mvgpu_mmio_write32(&dev, off, v);

	if (ret)
		die("write of BAR0+%#llx: %s", (unsigned long long)off,
		    strerror(-ret));
}

static int64_t engine_busy(unsigned int engine)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), DEBUGFS "/mvgpu_sgpu/%s/engine%u", pgpu,
		 engine);
	return mvgpu_file_field(path, "busy_ns");
}

static void cat(const char *path, const char *indent)
{
	char line[512];
	FILE *f = fopen(path, "r");

	if (!f) {
		printf("%s(%s: %s)\n", indent, path, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f))
		printf("%s%s", indent, line);
	fclose(f);
}



/* ---- the workloads -------------------------------------------------- */

/* Graphics address of layout offset @off on @side. */
static uint64_t gm(int side, uint64_t off)
{
	return (side == MEDIATED ? pv.hid_base : 0) + off;
}

static uint32_t small_color(uint32_t seq)
{
	return 0xff000000u | seq;
}

static unsigned int put_addr(uint32_t *c, uint64_t a)
{
	c[0] = (uint32_t)a;
	c[1] = (uint32_t)(a >> 32);
	return 2;
}

static unsigned int color_blt(uint32_t *c, uint64_t dst, uint32_t pitch,
			      uint32_t x, uint32_t y, uint32_t color)
{
	c[0] = MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB;
	c[1] = MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_PATCOPY | pitch;
	c[2] = y << 16 | x;
	c[3] = (y + TILE) << 16 | (x + TILE);
	put_addr(c + 4, dst);
	c[6] = color;
	return 7;
}

/* The ring (or native stream) commands of @w on @side into @c. */
static unsigned int build(int w, int side, uint32_t *c, uint32_t seq)
{
	unsigned int n = 0;

	switch (w) {
	case W_SMALL:
		n += color_blt(c, gm(side, OFF_SMALL), TILE * 4, 0, 0,
			       small_color(seq));
		break;
	case W_BLITS:
		c[n++] = MVGPU_MI_BATCH_BUFFER_START;
		n += put_addr(c + n, gm(side, OFF_BATCH));
		c[n++] = MVGPU_MI_NOOP;
		break;
	case W_LARGE:
		c[n++] = MVGPU_COMPUTE;
		c[n++] = MVGPU_KERNEL_SAXPY;
		c[n++] = (uint32_t)count;
		n += put_addr(c + n, gm(side, OFF_X));
		n += put_addr(c + n, gm(side, OFF_X + 4 * count));
		n += put_addr(c + n, gm(side, OFF_X + 4 * count));
		c[n++] = SCALAR;
		break;
	}
	c[n++] = MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 2;
	n += put_addr(c + n, gm(side, OFF_HWS(wls[w].engine) + BREADCRUMB));
	c[n++] = seq;
	if (n & 1)
		c[n++] = MVGPU_MI_NOOP;
	return n;
}

/* The blits batch for @side into @c: BLITS tiles, then the end. */
static unsigned int build_batch(int side, uint32_t *c)
{
	unsigned int n = 0, i;

	for (i = 0; i < blits; i++) {
		unsigned int t = i % ((SURF_W / TILE) * (SURF_W / TILE));

		n += color_blt(c + n, gm(side, OFF_SURF), SURF_W * 4,
			       t % (SURF_W / TILE) * TILE,
			       t / (SURF_W / TILE) * TILE, i);
	}
	c[n++] = MVGPU_MI_BATCH_BUFFER_END;
	c[n++] = MVGPU_MI_NOOP;
	return n;
}

static uint32_t x0(uint64_t i)
{
	return (uint32_t)(i * 2654435761u) ^ 0x5bd1e995u;
}

static uint32_t y0(uint64_t i)
{
	return (uint32_t)i;
}

/* Fill @buf (layout_size bytes) with the data and batch of @side. */
static void fill(uint8_t *buf, int side)
{
	uint32_t *x = (uint32_t *)(buf + OFF_X), *y = x + count;
	uint64_t i;

	build_batch(side, (uint32_t *)(buf + OFF_BATCH));
	for (i = 0; i < count; i++) {
		x[i] = x0(i);
		y[i] = y0(i);
	}
}

/* ---- native --------------------------------------------------------- */

static void native_open(void)
{
	char path[PATH_MAX];
	uint64_t arena;
	uint8_t *buf;
	off_t end;
	int w;

	snprintf(path, sizeof(path), DEBUGFS "/mvgpu/%s/native/mem", pgpu);
	mem_fd = open(path, O_RDWR | O_CLOEXEC);
	if (mem_fd < 0)
		die("%s: %s (is debugfs mounted? root?)", path, strerror(errno));
	snprintf(path, sizeof(path), DEBUGFS "/mvgpu/%s/native/submit", pgpu);
	submit_fd = open(path, O_RDWR | O_CLOEXEC);
	if (submit_fd < 0)
		die("%s: %s", path, strerror(errno));
	end = lseek(mem_fd, 0, SEEK_END);
	if (end < 0)
		die("native arena size: %s", strerror(errno));
	arena = end;
	if (layout_size > arena)
		die("the workloads need %llu MiB, the native arena has %llu MiB (lower -c)",
		    (unsigned long long)(layout_size / MIB),
		    (unsigned long long)(arena / MIB));

	buf = calloc(1, layout_size);
	if (!buf)
		die("out of memory");
	fill(buf, NATIVE);
	for (w = 0; w < NR_W; w++)
		build(w, NATIVE, (uint32_t *)(buf + OFF_STREAM(w)), NATIVE_SEQ);
	if (pwrite(mem_fd, buf, layout_size, 0) != (ssize_t)layout_size)
		die("writing the native arena: %s", strerror(errno));
	free(buf);
}

static void native_result(void)
{
	char buf[512];
	ssize_t n = pread(submit_fd, buf, sizeof(buf) - 1, 0);

	if (n > 0) {
		buf[n] = '\0';
		fprintf(stderr, "%s", buf);
	}
}

/* Run workload @w natively once; return its latency in ns. */
static uint64_t native_run(int w)
{
	uint32_t c[MAX_CMDS];
	char req[64];
	int len = snprintf(req, sizeof(req), "%u %#llx %u\n", wls[w].engine,
			   (unsigned long long)OFF_STREAM(w),
			   4 * build(w, NATIVE, c, 0));
	uint64_t t0 = mvgpu_now_ns();
	ssize_t ret = write(submit_fd, req, len);
	uint64_t t1 = mvgpu_now_ns();

	if (ret != len) {
		fprintf(stderr, "mvgpu-bench-cmd: native %s workload: %s\n",
			wls[w].name, ret < 0 ? strerror(errno) : "short write");
		native_result();
		die("native submission failed");
	}
	wls[w].st[NATIVE].done++;
	return t1 - t0;
}

static void native_read(uint64_t off, void *buf, size_t len)
{
	if (pread(mem_fd, buf, len, off) != (ssize_t)len)
		die("reading the native arena: %s", strerror(errno));
}

/* ---- mediated ------------------------------------------------------- */

#define RING(e, reg)	reg(MVGPU_RING_BASE(e))
#define GT0(reg)	reg(MVGPU_IRQ_BANK_GT0)
#define ENGINE_IRQS(e)	(MVGPU_GT0_USER_INTERRUPT(e) | MVGPU_GT0_ERROR(e) | \
			 MVGPU_GT0_CTX_SWITCH(e))

static void mediated_open(enum mvgpu_vfio_path path)
{
	uint64_t i;
	int ret, e;

	ret = mvgpu_open(&dev, uuid, path);
	if (ret)
		die("open %s: %s", uuid, strerror(-ret));
	dev_open = true;
	ret = mvgpu_pv_handshake(&dev, &pv);
	if (ret)
		die("PV info: %s", strerror(-ret));
	if (layout_size > pv.hid_size)
		die("the workloads need %llu MiB, the vGPU's hidden slice has %llu MiB",
		    (unsigned long long)(layout_size / MIB),
		    (unsigned long long)(pv.hid_size / MIB));

	guest = mmap(NULL, layout_size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (guest == MAP_FAILED) {
		guest = NULL;
		die("guest memory: %s", strerror(errno));
	}
	fill(guest, MEDIATED);
	ret = mvgpu_dma_map(&dev, guest, IOVA, layout_size);
	if (ret) {
		munmap(guest, layout_size);
		guest = NULL;
		die("DMA map: %s", strerror(-ret));
	}
	for (i = 0; i < layout_size / PG; i++) {
		uint64_t idx = (pv.hid_base >> MVGPU_GTT_PAGE_SHIFT) + i;

		ret = mvgpu_mmio_write64(&dev, MVGPU_GTT_OFFSET +
					 idx * MVGPU_GTT_ENTRY_SIZE,
					 (IOVA + i * PG) | MVGPU_GTT_PTE_PRESENT);
		if (ret)
			die("GTT write: %s", strerror(-ret));
	}

	for (e = 0; e < 2; e++) {
		wr32(RING(e, MVGPU_RING_HWS_PGA), gm(MEDIATED, OFF_HWS(e)));
		wr32(RING(e, MVGPU_RING_HEAD), 0);
		wr32(RING(e, MVGPU_RING_TAIL), 0);
		wr32(RING(e, MVGPU_RING_START), gm(MEDIATED, OFF_RING(e)));
		wr32(RING(e, MVGPU_RING_CTL),
		     (RING_SIZE - 0x1000) | MVGPU_RING_VALID);
	}
	if (poll_mode)
		return;
	efd = mvgpu_eventfd_new();
	if (efd < 0)
		die("eventfd: %s", strerror(-efd));
	ret = mvgpu_irq_set_trigger(&dev, VFIO_PCI_MSI_IRQ_INDEX, efd);
	if (ret)
		die("MSI trigger: %s", strerror(-ret));
	wr32(GT0(MVGPU_IRQ_IMR), 0);
	wr32(GT0(MVGPU_IRQ_IER), ENGINE_IRQS(0) | ENGINE_IRQS(1));
	wr32(MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
}

static volatile uint32_t *hws(unsigned int e, uint32_t byte)
{
	return (volatile uint32_t *)(guest + OFF_HWS(e) + byte);
}

static void __attribute__((noreturn)) mediated_failed(int w, const char *why)
{
	unsigned int e = wls[w].engine;

	die("mediated %s workload %s: IIR %#x, engine error %u at offset %#x of %#x, HEAD %#x TAIL %#x",
	    wls[w].name, why, rd32(GT0(MVGPU_IRQ_IIR)),
	    rd32(MVGPU_PVINFO_OFFSET + MVGPU_PV_ENGINE_ERROR(e)),
	    rd32(MVGPU_PVINFO_OFFSET + MVGPU_PV_ENGINE_ERROR_OFFSET(e)),
	    rd32(MVGPU_PVINFO_OFFSET + MVGPU_PV_ENGINE_ERROR_BUF(e)),
	    rd32(RING(e, MVGPU_RING_HEAD)), rd32(RING(e, MVGPU_RING_TAIL)));
}

/* Wait until engine @e stored @tail as its HEAD (and @seq). */
static void mediated_wait(int w, uint32_t tail, uint32_t seq)
{
	unsigned int e = wls[w].engine;
	uint64_t deadline = mvgpu_now_ns() + WAIT_MS * 1000000ull, cnt;
	unsigned int spins = 0;
	int ret;

	while (*hws(e, 4 * MVGPU_HWS_RING_HEAD) != tail) {
		if (poll_mode) {
			if (++spins % 4096 == 0 && mvgpu_now_ns() > deadline)
				mediated_failed(w, "timed out");
			sched_yield();
			continue;
		}
		ret = mvgpu_eventfd_wait(efd, WAIT_MS);
		if (ret < 0)
			die("poll: %s", strerror(-ret));
		if (!ret)
			mediated_failed(w, "timed out");
		mvgpu_eventfd_consume(efd, &cnt);
		if (*hws(e, 4 * MVGPU_HWS_RING_HEAD) != tail &&
		    (rd32(GT0(MVGPU_IRQ_IIR)) & MVGPU_GT0_ERROR(e)))
			mediated_failed(w, "failed");
	}
	if (*hws(e, BREADCRUMB) != seq)
		mediated_failed(w, "left a wrong breadcrumb");
}

/* Run workload @w mediated once; return its latency in ns. */
static uint64_t mediated_run(int w)
{
	struct stats *st = &wls[w].st[MEDIATED];
	unsigned int e = wls[w].engine, n, i;
	uint32_t c[MAX_CMDS], tail = ring_tail[e];
	uint32_t *ring = (uint32_t *)(guest + OFF_RING(e));
	uint64_t t0, t1, t2, t3;

	n = build(w, MEDIATED, c, ++seqno);
	if (w == W_SMALL)
		small_seq = seqno;
	for (i = 0; i < n; i++) {
		ring[tail / 4] = c[i];
		tail = (tail + 4) % RING_SIZE;
	}
	ring_tail[e] = tail;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	t0 = mvgpu_now_ns();
	wr32(RING(e, MVGPU_RING_TAIL), tail);
	t1 = mvgpu_now_ns();
	mediated_wait(w, tail, seqno);
	t2 = mvgpu_now_ns();
	if (!poll_mode)
		wr32(GT0(MVGPU_IRQ_IIR), ENGINE_IRQS(e));
	t3 = mvgpu_now_ns();

	st->submit += t1 - t0;
	st->wait += t2 - t1;
	st->ack += t3 - t2;
	st->done++;
	return t2 - t0;
}

/* ---- measurement ---------------------------------------------------- */

static void block(int w, int side)
{
	struct wl *wl = &wls[w];
	struct stats *st = &wl->st[side];
	int64_t b0 = engine_busy(wl->engine), b1;
	uint64_t t0 = mvgpu_now_ns();
	unsigned int i;

	for (i = 0; i < wl->iters; i++)
		st->lat[st->n++] = side == NATIVE ? native_run(w) :
						     mediated_run(w);
	st->wall += mvgpu_now_ns() - t0;
	b1 = engine_busy(wl->engine);
	if (b0 < 0 || b1 < 0 || st->busy < 0)
		st->busy = -1;
	else
		st->busy += b1 - b0;
}

/* Check what the workloads left in memory on @side. */
static void verify(int side)
{
	uint32_t px[TILE * TILE], v[3];
	uint64_t idx[3] = { 0, count / 2, count - 1 };
	uint32_t k = wls[W_LARGE].st[side].done;
	unsigned int i, t;
	uint64_t off;

	/* The small blit: every pixel has the last one's colour. */
	if (side == NATIVE)
		native_read(OFF_SMALL, px, sizeof(px));
	else
		memcpy(px, guest + OFF_SMALL, sizeof(px));
	for (i = 0; i < TILE * TILE; i++)
		if (px[i] != small_color(side == NATIVE ? NATIVE_SEQ : small_seq))
			die("%s: small blit pixel %u is %#x", side_names[side],
			    i, px[i]);
	/* The blits: the last pixel of the last tile of each position. */
	for (i = blits > 256 ? blits - 256 : 0; i < blits; i++) {
		t = i % 256;
		off = OFF_SURF + ((uint64_t)(t / 16 * TILE + TILE - 1) * SURF_W +
				  t % 16 * TILE + TILE - 1) * 4;
		if (side == NATIVE)
			native_read(off, v, 4);
		else
			memcpy(v, guest + off, 4);
		if (v[0] != i)
			die("%s: blit %u left %#x", side_names[side], i, v[0]);
	}
	/* SAXPY k times: y = y0 + k * 3 * x (mod 2^32). */
	for (i = 0; i < 3; i++) {
		off = OFF_X + 4 * count + 4 * idx[i];
		if (side == NATIVE)
			native_read(off, v, 4);
		else
			memcpy(v, guest + off, 4);
		if (v[0] != y0(idx[i]) + k * SCALAR * x0(idx[i]))
			die("%s: SAXPY y[%llu] is %#x after %u runs", side_names[side],
			    (unsigned long long)idx[i], v[0], k);
	}
}

/* ---- output --------------------------------------------------------- */

static double per_s(uint64_t n, uint64_t ns)
{
	return ns ? n * 1e9 / ns : 0;
}

static void report(void)
{
	const char *goal = NULL;
	double large_ratio = 0;
	unsigned int i;
	int w, s;

	printf("\n%-30s %-6s %-9s %6s %10s %10s %10s %10s %9s %6s\n",
	       "workload", "engine", "side", "iters", "wl/s", "MB/s",
	       "median_us", "p99_us", "engine_us", "busy%");
	for (w = 0; w < NR_W; w++) {
		struct wl *wl = &wls[w];
		double rate[NR_SIDES], med[NR_SIDES], p99[NR_SIDES];

		for (s = 0; s < NR_SIDES; s++) {
			struct stats *st = &wl->st[s];
			char eng[16] = "n/a", busy[16] = "n/a";

			mvgpu_sort_u64(st->lat, st->n);
			rate[s] = per_s(st->n, st->wall);
			med[s] = mvgpu_percentile(st->lat, st->n, 50) / 1e3;
			p99[s] = mvgpu_percentile(st->lat, st->n, 99) / 1e3;
			if (st->busy >= 0 && st->n) {
				snprintf(eng, sizeof(eng), "%.1f",
					 st->busy / 1e3 / st->n);
				snprintf(busy, sizeof(busy), "%.1f",
					 100.0 * st->busy / st->wall);
			}
			printf("%-30s %-6s %-9s %6u %10.1f %10.1f %10.1f %10.1f %9s %6s\n",
			       s ? "" : wl->desc,
			       s ? "" : engine_names[wl->engine],
			       side_names[s], st->n, rate[s],
			       rate[s] * wl->bytes / 1e6, med[s], p99[s], eng,
			       busy);
		}
		printf("%-30s %-6s %-9s %6s %10.3f %10.3f %10.3f %10.3f\n", "",
		       "", "ratio", "", rate[MEDIATED] / rate[NATIVE],
		       rate[MEDIATED] / rate[NATIVE], med[MEDIATED] / med[NATIVE],
		       p99[MEDIATED] / p99[NATIVE]);
		if (w == W_LARGE)
			large_ratio = rate[MEDIATED] / rate[NATIVE];
	}

	printf("\nmean time per workload (us); mediated TAIL write = trap + shadow-and-scan + submission\n");
	for (w = 0; w < NR_W; w++) {
		struct stats *st = &wls[w].st[MEDIATED];
		struct stats *nat = &wls[w].st[NATIVE];
		double n = st->done ? st->done : 1;
		uint64_t sum = 0;

		for (i = 0; i < nat->n; i++)
			sum += nat->lat[i];
		printf("  %-6s mediated: TAIL write %9.1f  wait %10.1f  IIR clear %7.1f  | native write() %10.1f\n",
		       wls[w].name, st->submit / 1e3 / n, st->wait / 1e3 / n,
		       st->ack / 1e3 / n, nat->n ? sum / 1e3 / nat->n : 0);
	}
	goal = large_ratio >= 0.95 ? "met" : "NOT met";
	printf("\nlarge batch mediated/native throughput %.3f (goal >= 0.95: %s)\n",
	       large_ratio, goal);
}

static void usage(void)
{
	fprintf(stderr, "usage: mvgpu-bench-cmd [-p auto|group|cdev] [-w msi|poll] "
		"[-r ROUNDS] [-n SMALL] [-m BLITS_ITERS] [-l LARGE] [-B BLITS] "
		"[-c COUNT] UUID\n");
	exit(2);
}

/* The pGPU of vGPU @uuid: the name of its parent device. */
static void find_pgpu(void)
{
	int ret = mvgpu_vgpu_pgpu(uuid, pgpu, sizeof(pgpu));

	if (ret)
		die("vGPU %s: no parent device: %s", uuid, strerror(-ret));
}

int main(int argc, char **argv)
{
	enum mvgpu_vfio_path path = MVGPU_VFIO_AUTO;
	unsigned int rounds = 6, r, i;
	char file[PATH_MAX];
	int opt, w, s;

	while ((opt = getopt(argc, argv, "p:w:r:n:m:l:B:c:h")) != -1) {
		switch (opt) {
		case 'p':
			if (mvgpu_path_parse(optarg, &path))
				usage();
			break;
		case 'w':
			if (strcmp(optarg, "msi") && strcmp(optarg, "poll"))
				usage();
			poll_mode = !strcmp(optarg, "poll");
			break;
		case 'r':
			rounds = strtoul(optarg, NULL, 0);
			break;
		case 'n':
			wls[W_SMALL].iters = strtoul(optarg, NULL, 0);
			break;
		case 'm':
			wls[W_BLITS].iters = strtoul(optarg, NULL, 0);
			break;
		case 'l':
			wls[W_LARGE].iters = strtoul(optarg, NULL, 0);
			break;
		case 'B':
			blits = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			count = strtoull(optarg, NULL, 0);
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || !rounds || !blits || blits > MAX_BLITS ||
	    !count || count > MVGPU_COMPUTE_MAX_COUNT)
		usage();
	for (w = 0; w < NR_W; w++)
		if (!wls[w].iters)
			usage();
	uuid = argv[optind];
	layout_size = OFF_X + 8 * count;

	snprintf(wls[W_SMALL].desc, sizeof(wls[0].desc), "small: blt 64x64 + sdi");
	snprintf(wls[W_BLITS].desc, sizeof(wls[0].desc), "blits: batch of %u blt 64x64",
		 blits);
	snprintf(wls[W_LARGE].desc, sizeof(wls[0].desc), "large: saxpy %llu elements",
		 (unsigned long long)count);
	wls[W_SMALL].bytes = TILE * TILE * 4 + 4;
	wls[W_BLITS].bytes = (uint64_t)blits * TILE * TILE * 4 + 4;
	wls[W_LARGE].bytes = 12 * count + 4;
	for (w = 0; w < NR_W; w++) {
		for (s = 0; s < NR_SIDES; s++) {
			wls[w].st[s].lat = calloc((size_t)rounds * wls[w].iters,
						  sizeof(uint64_t));
			if (!wls[w].st[s].lat)
				die("out of memory");
		}
	}

	find_pgpu();
	native_open();
	mediated_open(path);
	printf("mvgpu-bench-cmd: vGPU %s (vgpu%u on %s, %s path), %u rounds, completion by %s\n",
	       uuid, pv.vgpu_id, pgpu, mvgpu_path_name(dev.path), rounds,
	       poll_mode ? "polling HEAD" : "MSI");
	printf("native: host arena through debugfs, one write() per workload; "
	       "mediated: ring + TAIL write through VFIO\n");
	fflush(stdout);

	/* Warm-up: one of each, both sides. */
	for (w = 0; w < NR_W; w++) {
		native_run(w);
		mediated_run(w);
	}
	for (r = 0; r < rounds; r++) {
		for (w = 0; w < NR_W; w++) {
			for (i = 0; i < NR_SIDES; i++) {
				s = (r + i) % NR_SIDES;
				block(w, s);
			}
		}
	}
	verify(NATIVE);
	verify(MEDIATED);
	report();

	snprintf(file, sizeof(file), DEBUGFS "/mvgpu/%s/vgpu%u/status", pgpu,
		 pv.vgpu_id);
	printf("\nvGPU engines (%s):\n", file);
	cat(file, "  ");
	/* Completion cost may scale with them: print them next to it. */
	snprintf(file, sizeof(file), DEBUGFS "/mvgpu/%s/vgpu%u/gtt", pgpu,
		 pv.vgpu_id);
	printf("  guest frames pinned: %lld (%s)\n",
	       (long long)mvgpu_file_field(file, "pinned_frames"), file);
	printf("\nshadow-and-scan microbenchmark (" DEBUGFS "/mvgpu/cmd_bench):\n");
	fflush(stdout);
	cat(DEBUGFS "/mvgpu/cmd_bench", "  ");
	cleanup();
	return 0;
}
