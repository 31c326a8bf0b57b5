// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-bench-ppgtt - per-process GTT (PPGTT) submission cost and PPGTT
 * against GGTT batches, side by side on one vGPU.
 *
 *   mvgpu-bench-ppgtt [-p auto|group|cdev] [-s MIB,MIB,...] [-r ROUNDS]
 *                     [-f FRESH] [-R TROUNDS] [-i ITERS] [-B BLITS]
 *                     [-S STORES] [-c COUNT] UUID
 *
 * The guest driver is tests/e2e/common/gpu.c: guest memory DMA-mapped
 * and mapped by GTT entries of the vGPU's hidden slice, address spaces
 * built as four-level tables in that memory (entries name its IOVAs).
 *
 * Part 1, submission latency (copy engine), once per address-space size
 * N in -s (MiB; default 1,16,64,256), each size on a freshly opened vGPU
 * (so no shadow of an earlier size is alive).  The space maps a batch
 * page, a results page near the top of the 48-bit space and N MiB of
 * data (the guest pages of the data area, cyclically when N exceeds it:
 * the tables are what costs).  Each round (-r, default 40) submits, in a
 * rotating order, a trivial batch (one MI_STORE_DATA_IMM and
 * MI_BATCH_BUFFER_END) in each mode:
 *   ggtt      the batch in the GGTT (a GGTT store), the baseline;
 *   cached    LRI of the root + PPGTT batch, the shadow up to date;
 *   inv-mmio  the same after a TLB_INV write (timed apart): the engine
 *             waits while a work item syncs the space (every table read
 *             again, nothing changed);
 *   inv-cmd   MI_FLUSH_DW with INVALIDATE_TLB ahead of the same LRI and
 *             batch in the ring: the same sync, asked for by the ring;
 *   fresh     a root never used before, with tables of its own (built up
 *             front): the space is shadowed from nothing (every entry
 *             validated, every data page referenced); -f (default 6)
 *             such roots per size at most, fewer when the vGPU's
 *             ppgtt_max_pages / ppgtt_max_tables would be reached (the
 *             sync would then evict the other roots).
 * Printed per size and mode: 10th percentile, median and p90 latency
 * (TAIL write to completion seen), the median TAIL write, the extra of
 * the median over ggtt's and its ratio to it, the hand-offs
 * per submission (debugfs status: "waited N times for an address
 * space"), builds and syncs per submission (debugfs ppgtt), and for the
 * sync modes the extra per MiB mapped; then a least-squares line
 * extra = fixed + per_MiB * N over the sizes, on the medians and on the
 * 10th percentiles (less disturbed by a busy host): the fixed part is
 * the hand-off to the work item (and back), the slope the sync itself.
 *
 * Part 2, throughput, on one more fresh open: the same workloads in a
 * GGTT batch and in a PPGTT batch (one space mapping their batches and
 * data), alternating which goes first, -R rounds (default 6) of -i
 * iterations (default 3) each:
 *   blits   BLITS (default 1024) XY_COLOR_BLTs of 64x64 over a 1024x1024
 *           surface (copy engine);
 *   saxpy   MVGPU_COMPUTE SAXPY over COUNT (default 4194304) elements,
 *           in place (render engine);
 *   stores  STORES (default 8192) MI_STORE_DATA_IMMs, each an address
 *           the parser sees (copy engine).
 * Printed: workloads/s, median latency, median TAIL write (trap + scan +
 * submission: the per-command address audit applies to GGTT addresses
 * only), the PPGTT/GGTT ratios, and the TAIL write saved per
 * address-bearing command.
 *
 * There is no native PPGTT baseline: native submission (debugfs native/,
 * mvgpu-bench-cmd) runs streams in a host arena, and a PPGTT space the
 * backend walks is made of host pages named by their DMA addresses, which
 * the arena does not expose.  mvgpu-bench-cmd gives mediated/native for
 * GGTT batches.
 *
 * Results are checked (stores, pixels, SAXPY output); speed is reported,
 * never asserted: exit status 0 unless something failed.  Needs root and
 * debugfs; the vGPU must exist and not be open.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/mvgpu.h>

#include "gpu.h"
#include "mvgpu_stats.h"
#include "mvgpu_sysfs.h"

#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS
#define PG		4096ull
#define MIB		(1ull << 20)
#define IOVA		0x100000000ull
#define DEBUGFS		"/sys/kernel/debug"
#define WAIT_MS		60000
#define MAX_SIZES	8
#define MAX_FRESH	64

/* The address-space layout (virtual addresses of the PPGTT side). */
#define VA_BB		0x0000000000400000ull	/* batches */
#define VA_RES		0x00007ffffffff000ull	/* results page */
#define VA_DATA		0x0000000040000000ull	/* data, 1 GiB up */

/* Guest memory: the data area (surfaces, SAXPY) and the rest. */
#define SURF_W		1024u
#define SURF_BYTES	(SURF_W * SURF_W * 4ull)
#define TILE		64u
#define SCALAR		3u
#define TABLE_ROOM	(6 * MIB)

enum { M_GGTT, M_CACHED, M_INV_MMIO, M_INV_CMD, M_FRESH, NR_MODES };
static const char *const mode_names[NR_MODES] = {
	"ggtt", "cached", "inv-mmio", "inv-cmd", "fresh",
};

enum { W_BLITS, W_SAXPY, W_STORES, NR_W };
enum { GGTT, PPGTT, NR_SIDES };
static const char *const side_names[NR_SIDES] = { "ggtt", "ppgtt" };

/* One mode of part 1, or one workload side of part 2. */
struct stats {
	uint64_t *lat;		/* TAIL write to completion, ns */
	uint64_t *tw;		/* the TAIL writes, ns */
	unsigned int n;
	uint64_t tail_ns;	/* sum of TAIL writes */
	uint64_t wall;		/* part 2: ns in the timed blocks */
	uint64_t waits, builds, syncs, evictions;
	uint64_t pre_ns;	/* inv-mmio: sum of TLB_INV writes */
};

struct size_result {
	unsigned int mib;
	unsigned int tables;	/* guest tables per space */
	unsigned int fresh;	/* fresh roots measured */
	double med[NR_MODES], p10[NR_MODES], p90[NR_MODES], tail[NR_MODES];
	double waits[NR_MODES], builds[NR_MODES], syncs[NR_MODES];
	double pre;
	unsigned int n[NR_MODES];
};

struct wl {
	const char *name;
	char desc[48];
	unsigned int engine;
	unsigned int cmds;	/* address-bearing commands in the batch */
	uint64_t bb_gm[NR_SIDES];	/* the batch of each side */
	uint32_t bb_bytes;
	struct stats st[NR_SIDES];
	unsigned int done;	/* runs, both sides, warm-up included */
};

static const char *uuid;
static enum mvgpu_vfio_path vpath = MVGPU_VFIO_AUTO;
static char pgpu[64];
static struct gpu G;
static bool open_;
static unsigned int sizes[MAX_SIZES] = { 1, 16, 64, 256 }, nr_sizes = 4;
static unsigned int rounds = 40, max_fresh = 6, trounds = 6, titers = 3;
static unsigned int blits = 1024, nstores = 8192;
static uint64_t count = 4u << 20;
static struct size_result results[MAX_SIZES];
static uint32_t seqno;
static bool failed;

/* Common allocations of an open vGPU. */
static uint64_t res_g, res_p;		/* results pages, GGTT and PPGTT */
static uint64_t bb_g, bb_p;		/* trivial batches */
static uint64_t data_gm, data_size;	/* the data area */
static struct wl wls[NR_W] = {
	[W_BLITS] = { .name = "blits", .engine = BCS },
	[W_SAXPY] = { .name = "saxpy", .engine = RCS },
	[W_STORES] = { .name = "stores", .engine = BCS },
};

/* ---- helpers -------------------------------------------------------- */

static void vgpu_close(void)
{
	if (open_)
		gpu_release(&G);
	open_ = false;
}

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mvgpu-bench-ppgtt: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (open_ && G.err[0])
		fprintf(stderr, " (%s)", G.err);
	fputc('\n', stderr);
	vgpu_close();
	exit(1);
}

static void vpath_file(char *buf, size_t len, const char *file)
{
	snprintf(buf, len, DEBUGFS "/mvgpu/%s/vgpu%u/%s", pgpu, G.vgpu_id,
		 file);
}

/* The number after "@key: " in the vGPU's debugfs ppgtt file, or -1. */
static int64_t ppgtt_stat(const char *key)
{
	char path[PATH_MAX];

	vpath_file(path, sizeof(path), "ppgtt");
	return mvgpu_file_field(path, key);
}

/* "waited N times for an address space" of engine @e (status), or -1. */
static int64_t as_waits(unsigned int e)
{
	char path[PATH_MAX], line[256], head[16];
	int64_t val = -1;
	bool in = false;
	FILE *f;

	vpath_file(path, sizeof(path), "status");
	f = fopen(path, "r");
	if (!f)
		return -1;
	snprintf(head, sizeof(head), "engine%u:", e);
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "engine", 6))
			in = !strncmp(line, head, strlen(head));
		else if (in && sscanf(line, " waited %lld times", (long long *)&val) == 1)
			break;
	}
	fclose(f);
	return val;
}

static uint64_t read_param(const char *name, uint64_t def)
{
	char path[PATH_MAX];
	uint64_t v;

	snprintf(path, sizeof(path), "/sys/module/mvgpu/parameters/%s", name);
	return mvgpu_sysfs_read_u64(path, &v) ? def : v;
}

/* Percentile @pct of the latencies (sorts them). */
static double median_us(struct stats *st, unsigned int pct)
{
	mvgpu_sort_u64(st->lat, st->n);
	return mvgpu_percentile(st->lat, st->n, pct) / 1e3;
}

/* Median of the TAIL writes (sorts them). */
static double tail_med_us(struct stats *st)
{
	mvgpu_sort_u64(st->tw, st->n);
	return mvgpu_percentile(st->tw, st->n, 50) / 1e3;
}

static void stats_alloc(struct stats *st, size_t n)
{
	memset(st, 0, sizeof(*st));
	st->lat = calloc(n, sizeof(uint64_t));
	st->tw = calloc(n, sizeof(uint64_t));
	if (!st->lat || !st->tw)
		die("out of memory");
}

static void stats_free(struct stats *st)
{
	free(st->lat);
	free(st->tw);
	st->lat = st->tw = NULL;
}

/* Counters snapshot around one submission. */
struct snap {
	int64_t waits, builds, syncs, evictions;
};

static void take(struct snap *s, unsigned int e)
{
	s->waits = as_waits(e);
	s->builds = ppgtt_stat("builds");
	s->syncs = ppgtt_stat("syncs");
	s->evictions = ppgtt_stat("evictions");
}

static void account(struct stats *st, const struct snap *a,
		    const struct snap *b)
{
	st->waits += b->waits - a->waits;
	st->builds += b->builds - a->builds;
	st->syncs += b->syncs - a->syncs;
	st->evictions += b->evictions - a->evictions;
}

/*
 * Copy @cs into engine @e's ring, write TAIL (timed) and wait; add to
 * @st.  Dies with the engine's error report on failure.
 */
static void run(unsigned int e, struct gpu_cs *cs, struct stats *st,
		const char *what)
{
	uint32_t tail, code, off;
	uint64_t t0, t1, t2, buf;
	int ret;

	ret = gpu_ring_emit(&G, e, cs);
	if (ret)
		die("%s: %s", what, G.err);
	t0 = mvgpu_now_ns();
	tail = gpu_ring_kick(&G, e);
	t1 = mvgpu_now_ns();
	ret = gpu_wait(&G, e, tail, WAIT_MS, NULL);
	t2 = mvgpu_now_ns();
	if (ret) {
		gpu_engine_error(&G, e, &code, &off, &buf);
		die("%s on %s: %s; PV error %s at %#x of %#llx", what,
		    e == RCS ? "rcs" : "bcs", G.err, gpu_err_name(code), off,
		    (unsigned long long)buf);
	}
	if (st) {
		st->tw[st->n] = t1 - t0;
		st->lat[st->n++] = t2 - t0;
		st->tail_ns += t1 - t0;
	}
}

/* Open the vGPU: @mem bytes of guest memory, rings, common pages. */
static void vgpu_open(uint64_t mem)
{
	unsigned int e;
	int ret;

	memset(&G, 0, sizeof(G));
	G.efd = -1;
	ret = gpu_open(&G, uuid, vpath);
	if (ret)
		die("open %s: %s", uuid, strerror(-ret));
	open_ = true;
	if (!(gpu_rd(&G, MVGPU_PVINFO_OFFSET + MVGPU_PV_CAPS) &
	      MVGPU_PV_CAP_PPGTT))
		die("the PV info page (version %#x) announces no PPGTT",
		    G.pv_version);
	if (mem > G.hid_size)
		die("%llu MiB of guest memory wanted, the hidden slice has %llu MiB",
		    (unsigned long long)(mem / MIB),
		    (unsigned long long)(G.hid_size / MIB));
	ret = gpu_mem_init(&G, G.hid_base, mem, IOVA);
	if (!ret)
		ret = gpu_irq_init(&G);
	for (e = 0; !ret && e < MVGPU_NUM_ENGINES; e++) {
		uint64_t ring = gpu_alloc(&G, GPU_RING_SIZE, 0);
		uint64_t hws = gpu_alloc(&G, PG, 0);

		ret = ring && hws ? gpu_ring_init(&G, e, ring, GPU_RING_SIZE,
						  hws) : -ENOMEM;
	}
	if (ret)
		die("vGPU setup: %s", strerror(-ret));
	res_g = gpu_alloc(&G, PG, 0);
	res_p = gpu_alloc(&G, PG, 0);
	bb_g = gpu_alloc(&G, PG, 0);
	bb_p = gpu_alloc(&G, PG, 0);
	if (!bb_p)
		die("guest memory: %s", G.err);
}

/* Map [va, va + size) cyclically over the data area. */
static void map_data(struct gpu_ppgtt *as, uint64_t va, uint64_t size)
{
	uint64_t off;

	for (off = 0; off < size; off += PG) {
		if (gpu_ppgtt_map_pa(as, va + off,
				     gpu_iova(&G, data_gm + off % data_size)))
			die("PPGTT map: %s", G.err);
	}
}

static void new_space(struct gpu_ppgtt *as)
{
	if (gpu_ppgtt_init(&G, as))
		die("PPGTT root: %s", G.err);
}

/* ---- part 1: submission latency ------------------------------------- */

/* The trivial batches: one store of @seq. */
static void trivial_batches(uint32_t seq)
{
	struct gpu_cs cs;

	cs_init_gm(&cs, &G, bb_g, PG);
	cs_sdi32(&cs, res_g, seq);
	cs_bb_end(&cs);
	cs_init_gm(&cs, &G, bb_p, PG);
	cs_sdi32_ppgtt(&cs, VA_RES, seq);
	cs_bb_end(&cs);
	if (cs.overflow)
		die("trivial batch overflow");
}

static void latency_one(int mode, struct gpu_ppgtt *as, struct stats *st)
{
	uint32_t ring[32], seq = ++seqno;
	volatile uint32_t *res;
	struct snap a, b;
	struct gpu_cs cs;
	uint64_t t0;

	trivial_batches(seq);
	cs_init(&cs, ring, 0, sizeof(ring));
	if (mode == M_GGTT) {
		cs_bb_start(&cs, bb_g, 0);
	} else {
		if (mode == M_INV_CMD)
			cs_flush_dw_invalidate(&cs);
		cs_lri_pml4(&cs, BCS, as->root);
		cs_bb_start_ppgtt(&cs, VA_BB);
	}
	take(&a, BCS);
	if (mode == M_INV_MMIO) {
		t0 = mvgpu_now_ns();
		if (gpu_wr(&G, MVGPU_REG_TLB_INV, MVGPU_TLB_INV_ALL))
			die("TLB_INV: %s", G.err);
		st->pre_ns += mvgpu_now_ns() - t0;
	}
	run(BCS, &cs, st, mode_names[mode]);
	take(&b, BCS);
	account(st, &a, &b);
	res = gpu_va(&G, mode == M_GGTT ? res_g : res_p);
	if (*res != seq)
		die("%s: the store left %#x, not %#x", mode_names[mode], *res, seq);
}

static void latency_size(struct size_result *r)
{
	uint64_t n_pages = (uint64_t)r->mib * MIB / PG;
	uint64_t max_pages = read_param("ppgtt_max_pages", 262144);
	uint64_t max_tables = read_param("ppgtt_max_tables", 2048);
	struct gpu_ppgtt trees[1 + MAX_FRESH];
	struct stats st[NR_MODES];
	unsigned int fresh, i, k, m, t0tables, nf = 0;
	uint64_t mem;

	/* Tables per space: PTs, PDs, PDPs (two PML4 slots), the PML4. */
	t0tables = (unsigned int)((n_pages + 511) / 512) +
		   (unsigned int)((n_pages / 512 + 511) / 512) + 6;
	fresh = max_fresh;
	while (fresh && ((1 + fresh) * (n_pages + 2) > max_pages ||
			 (1 + fresh) * t0tables > max_tables))
		fresh--;
	if (fresh > rounds)
		fresh = rounds;
	mem = data_size + 2 * MIB + (uint64_t)(1 + fresh) * t0tables * PG;
	vgpu_open((mem + MIB - 1) & ~(MIB - 1));
	data_gm = gpu_alloc(&G, data_size, 0);
	if (!data_gm)
		die("guest memory: %s", G.err);

	for (k = 0; k <= fresh; k++) {
		new_space(&trees[k]);
		if (gpu_ppgtt_map(&trees[k], VA_BB, bb_p, PG) ||
		    gpu_ppgtt_map(&trees[k], VA_RES, res_p, PG))
			die("PPGTT map: %s", G.err);
		map_data(&trees[k], VA_DATA, (uint64_t)r->mib * MIB);
	}
	r->tables = trees[0].tables;
	r->fresh = fresh;
	for (m = 0; m < NR_MODES; m++)
		stats_alloc(&st[m], rounds + 1);
	/* Warm-up: the GGTT path and the first shadow of tree 0 (untimed). */
	{
		struct stats w;

		stats_alloc(&w, 4);
		latency_one(M_GGTT, NULL, &w);
		latency_one(M_CACHED, &trees[0], &w);
		latency_one(M_CACHED, &trees[0], &w);
		stats_free(&w);
	}
	for (i = 0; i < rounds; i++) {
		for (k = 0; k < NR_MODES; k++) {
			m = (i + k) % NR_MODES;
			if (m == M_FRESH) {
				if (nf >= fresh)
					continue;
				latency_one(m, &trees[1 + nf++], &st[m]);
			} else {
				latency_one(m, &trees[0], &st[m]);
			}
		}
	}
	for (m = 0; m < NR_MODES; m++) {
		double n = st[m].n ? st[m].n : 1;

		r->n[m] = st[m].n;
		r->med[m] = median_us(&st[m], 50);
		r->p10[m] = median_us(&st[m], 10);
		r->p90[m] = median_us(&st[m], 90);
		r->tail[m] = tail_med_us(&st[m]);
		r->waits[m] = st[m].waits / n;
		r->builds[m] = st[m].builds / n;
		r->syncs[m] = st[m].syncs / n;
		if (st[m].evictions)
			printf("  note: %s: %llu evictions (the limits were reached)\n",
			       mode_names[m], (unsigned long long)st[m].evictions);
		stats_free(&st[m]);
	}
	r->pre = st[M_INV_MMIO].pre_ns / 1e3 /
		 (st[M_INV_MMIO].n ? st[M_INV_MMIO].n : 1);
	vgpu_close();
}

static void print_size(const struct size_result *r)
{
	int m;

	printf("\n%u MiB mapped (%u guest tables per space, %llu pages; %u fresh roots)\n",
	       r->mib, r->tables, (unsigned long long)r->mib * MIB / PG,
	       r->fresh);
	printf("  %-9s %4s %10s %10s %10s %9s %10s %8s %8s %7s %7s %11s\n",
	       "mode", "n", "p10_us", "median_us", "p90_us", "tail_us",
	       "extra_us", "x_ggtt", "handoff", "builds", "syncs", "extra/MiB");
	for (m = 0; m < NR_MODES; m++) {
		double extra = r->med[m] - r->med[M_GGTT];
		char per[16] = "";

		if (!r->n[m])
			continue;
		if (m == M_INV_MMIO || m == M_INV_CMD || m == M_FRESH)
			snprintf(per, sizeof(per), "%.1f", extra / r->mib);
		printf("  %-9s %4u %10.1f %10.1f %10.1f %9.1f %10.1f %8.2f %8.2f %7.2f %7.2f %11s\n",
		       mode_names[m], r->n[m], r->p10[m], r->med[m], r->p90[m],
		       r->tail[m], m == M_GGTT ? 0.0 : extra,
		       r->med[m] / r->med[M_GGTT], r->waits[m], r->builds[m],
		       r->syncs[m], per);
	}
	printf("  (inv-mmio: the TLB_INV write before it took %.1f us, not counted)\n",
	       r->pre);
}

/*
 * Least squares of extra(mode) = a + b * MiB over the sizes, on the
 * medians (@p10 false) or the 10th percentiles.
 */
static void print_fit(bool p10)
{
	static const int modes[] = { M_CACHED, M_INV_MMIO, M_INV_CMD, M_FRESH };
	unsigned int i, j;

	if (nr_sizes < 2)
		return;
	printf("\nextra over ggtt (%s) = fixed + per_MiB * MiB, least squares over the sizes:\n",
	       p10 ? "10th percentiles" : "medians");
	for (j = 0; j < sizeof(modes) / sizeof(modes[0]); j++) {
		int m = modes[j];
		double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0, a, b, d;
		double hand = -1, wsum = 0;

		for (i = 0; i < nr_sizes; i++) {
			const struct size_result *r = &results[i];
			double x = r->mib;
			double y = p10 ? r->p10[m] - r->p10[M_GGTT] :
					 r->med[m] - r->med[M_GGTT];

			if (!r->n[m])
				continue;
			sx += x;
			sy += y;
			sxx += x * x;
			sxy += x * y;
			wsum += r->waits[m];
			n++;
		}
		if (n < 2)
			continue;
		d = n * sxx - sx * sx;
		b = d ? (n * sxy - sx * sy) / d : 0;
		a = (sy - b * sx) / n;
		hand = wsum / n;
		printf("  %-9s fixed %8.1f us  per MiB %7.2f us  (hand-offs per submission %.2f)\n",
		       mode_names[m], a, b, hand);
	}
}

/* ---- part 2: throughput ---------------------------------------------- */

static uint64_t surf[NR_SIDES], xbuf, stores_gm[NR_SIDES];
static struct gpu_ppgtt tas;
#define VA_SURF		VA_DATA
#define VA_X		(VA_DATA + SURF_BYTES)
#define VA_STORES	(VA_DATA - PG)		/* the stores' target page */
#define VA_BB_W(w)	(VA_BB + 0x100000ull * (1 + (w)))

static uint32_t x0(uint64_t i)
{
	return (uint32_t)(i * 2654435761u) ^ 0x5bd1e995u;
}

static uint32_t y0(uint64_t i)
{
	return (uint32_t)i;
}

static uint32_t blit_color(int side, unsigned int i)
{
	return (side == PPGTT ? 0x80000000u : 0x40000000u) | i;
}

/* Write workload @w's batch of @side (stores: with @seq). */
static void build_batch(int w, int side, uint32_t seq)
{
	struct wl *wl = &wls[w];
	struct gpu_cs cs;
	unsigned int i;

	cs_init_gm(&cs, &G, wl->bb_gm[side], wl->bb_bytes);
	switch (w) {
	case W_BLITS:
		for (i = 0; i < blits; i++) {
			unsigned int t = i % ((SURF_W / TILE) * (SURF_W / TILE));
			uint32_t x = t % (SURF_W / TILE) * TILE;
			uint32_t y = t / (SURF_W / TILE) * TILE;

			cs_color_blt(&cs, side == PPGTT ? VA_SURF : surf[GGTT],
				     SURF_W * 4, x, y, x + TILE, y + TILE,
				     blit_color(side, i));
		}
		break;
	case W_SAXPY:
		cs_compute(&cs, MVGPU_KERNEL_SAXPY, (uint32_t)count,
			   side == PPGTT ? VA_X : xbuf,
			   side == PPGTT ? VA_X + 4 * count : xbuf + 4 * count,
			   side == PPGTT ? VA_X + 4 * count : xbuf + 4 * count,
			   SCALAR);
		break;
	case W_STORES:
		for (i = 0; i < nstores; i++) {
			if (side == PPGTT)
				cs_sdi32_ppgtt(&cs, VA_STORES + 4 * (i % 1024),
					       seq + i);
			else
				cs_sdi32(&cs, stores_gm[GGTT] + 4 * (i % 1024),
					 seq + i);
		}
		break;
	}
	cs_bb_end(&cs);
	if (cs.overflow)
		die("%s batch does not fit", wl->name);
}

static void tput_one(int w, int side, struct stats *st)
{
	struct wl *wl = &wls[w];
	uint32_t ring[32], seq = 0;
	struct gpu_cs cs;
	struct snap a, b;

	if (w == W_STORES) {
		seqno += nstores;
		seq = seqno;
		build_batch(w, side, seq);
	}
	cs_init(&cs, ring, 0, sizeof(ring));
	if (side == GGTT) {
		cs_bb_start(&cs, wl->bb_gm[GGTT], 0);
	} else {
		cs_lri_pml4(&cs, wl->engine, tas.root);
		cs_bb_start_ppgtt(&cs, VA_BB_W(w));
	}
	take(&a, wl->engine);
	run(wl->engine, &cs, st, wl->name);
	take(&b, wl->engine);
	account(st, &a, &b);
	wl->done++;
	if (w == W_STORES) {
		volatile uint32_t *p = gpu_va(&G, stores_gm[side]);
		unsigned int j[2] = { 0, (nstores - 1) % 1024 }, k, i;

		for (k = 0; k < 2; k++) {
			/* The last store of slot j[k]. */
			i = j[k] + 1024 * ((nstores - 1 - j[k]) / 1024);
			if (p[j[k]] != seq + i)
				die("%s stores: slot %u holds %#x, not %#x",
				    side_names[side], j[k], p[j[k]], seq + i);
		}
	}
}

static void tput_setup(void)
{
	uint64_t mem = 2 * SURF_BYTES + 8 * count + 2 * MIB + 2 * PG +
		       300 * 1024 + 2 * (28ull * blits + 16ull * nstores + 3 * PG) +
		       2 * MIB;
	int w, s;

	vgpu_open((mem + MIB - 1) & ~(MIB - 1));
	surf[GGTT] = gpu_alloc(&G, SURF_BYTES, 0);
	surf[PPGTT] = gpu_alloc(&G, SURF_BYTES, 0);
	xbuf = gpu_alloc(&G, 8 * count, 0);
	stores_gm[GGTT] = gpu_alloc(&G, PG, 0);
	stores_gm[PPGTT] = gpu_alloc(&G, PG, 0);
	wls[W_BLITS].bb_bytes = (28 * blits + 8 + PG - 1) & ~(PG - 1);
	wls[W_SAXPY].bb_bytes = PG;
	wls[W_STORES].bb_bytes = (16 * nstores + 8 + PG - 1) & ~(PG - 1);
	for (w = 0; w < NR_W; w++)
		for (s = 0; s < NR_SIDES; s++)
			wls[w].bb_gm[s] = gpu_alloc(&G, wls[w].bb_bytes, 0);
	if (!wls[W_STORES].bb_gm[PPGTT] || !xbuf)
		die("guest memory: %s", G.err);
	{
		uint32_t *x = gpu_va(&G, xbuf), *y = x + count;
		uint64_t i;

		for (i = 0; i < count; i++) {
			x[i] = x0(i);
			y[i] = y0(i);
		}
	}
	new_space(&tas);
	if (gpu_ppgtt_map(&tas, VA_SURF, surf[PPGTT], SURF_BYTES) ||
	    gpu_ppgtt_map(&tas, VA_X, xbuf, 8 * count) ||
	    gpu_ppgtt_map(&tas, VA_STORES, stores_gm[PPGTT], PG) ||
	    gpu_ppgtt_map(&tas, VA_RES, res_p, PG))
		die("PPGTT map: %s", G.err);
	for (w = 0; w < NR_W; w++) {
		if (gpu_ppgtt_map(&tas, VA_BB_W(w), wls[w].bb_gm[PPGTT],
				  wls[w].bb_bytes))
			die("PPGTT map: %s", G.err);
		for (s = 0; s < NR_SIDES; s++)
			build_batch(w, s, 0);
		wls[w].cmds = w == W_BLITS ? blits : w == W_SAXPY ? 1 : nstores;
		for (s = 0; s < NR_SIDES; s++)
			stats_alloc(&wls[w].st[s], (size_t)trounds * titers + 1);
	}
}

static void tput_block(int w, int side)
{
	struct stats *st = &wls[w].st[side];
	uint64_t t0 = mvgpu_now_ns();
	unsigned int i;

	for (i = 0; i < titers; i++)
		tput_one(w, side, st);
	st->wall += mvgpu_now_ns() - t0;
}

static void tput_verify(void)
{
	uint32_t *y = (uint32_t *)gpu_va(&G, xbuf) + count;
	uint64_t idx[3] = { 0, count / 2, count - 1 };
	uint32_t k = wls[W_SAXPY].done;
	unsigned int i, s;

	for (i = 0; i < 3; i++)
		if (y[idx[i]] != y0(idx[i]) + k * SCALAR * x0(idx[i]))
			die("SAXPY y[%llu] is %#x after %u runs",
			    (unsigned long long)idx[i], y[idx[i]], k);
	/* A last blit batch on each side into a cleared surface. */
	for (s = 0; s < NR_SIDES; s++) {
		uint32_t *px = gpu_va(&G, surf[s]);
		struct stats tmp;

		stats_alloc(&tmp, 1);
		memset(px, 0, SURF_BYTES);
		tput_one(W_BLITS, s, &tmp);
		stats_free(&tmp);
		for (i = blits > 256 ? blits - 256 : 0; i < blits; i++) {
			unsigned int t = i % 256;
			uint64_t off = (uint64_t)(t / 16 * TILE + TILE - 1) * SURF_W +
				       t % 16 * TILE + TILE - 1;

			if (px[off] != blit_color(s, i))
				die("%s: blit %u left %#x", side_names[s], i,
				    px[off]);
		}
	}
}

static void tput_report(void)
{
	int w, s;

	printf("\n%-28s %-4s %-6s %5s %9s %10s %10s %10s %8s %7s\n", "workload",
	       "eng", "side", "iters", "wl/s", "median_us", "p90_us",
	       "tail_us", "handoff", "builds");
	for (w = 0; w < NR_W; w++) {
		struct wl *wl = &wls[w];
		double rate[NR_SIDES], med[NR_SIDES], tail[NR_SIDES];

		for (s = 0; s < NR_SIDES; s++) {
			struct stats *st = &wl->st[s];
			double n = st->n ? st->n : 1;

			rate[s] = st->wall ? st->n * 1e9 / st->wall : 0;
			med[s] = median_us(st, 50);
			tail[s] = tail_med_us(st);
			printf("%-28s %-4s %-6s %5u %9.2f %10.1f %10.1f %10.1f %8.2f %7.2f\n",
			       s ? "" : wl->desc,
			       s ? "" : (wl->engine == RCS ? "rcs" : "bcs"),
			       side_names[s], st->n, rate[s], med[s],
			       median_us(st, 90), tail[s], st->waits / n,
			       st->builds / n);
		}
		printf("%-28s %-4s %-6s %5s %9.3f %10.3f %10s %10.3f\n", "", "",
		       "ratio", "", rate[PPGTT] / rate[GGTT],
		       med[PPGTT] / med[GGTT], "", tail[PPGTT] / tail[GGTT]);
	}
	printf("\nscan: median TAIL write (trap + scan + submission), and what a PPGTT batch saves per address-bearing command:\n");
	for (w = 0; w < NR_W; w++) {
		struct wl *wl = &wls[w];
		double tg = tail_med_us(&wl->st[GGTT]);
		double tp = tail_med_us(&wl->st[PPGTT]);

		printf("  %-6s %6u commands: ggtt %9.1f us, ppgtt %9.1f us, %+.3f us per command (ppgtt/ggtt %.3f)\n",
		       wl->name, wl->cmds, tg, tp, (tg - tp) / wl->cmds,
		       tp / tg);
	}
}

/* ---- main ------------------------------------------------------------- */

static void usage(void)
{
	fprintf(stderr, "usage: mvgpu-bench-ppgtt [-p auto|group|cdev] [-s MIB,MIB,...] "
		"[-r ROUNDS] [-f FRESH] [-R TROUNDS] [-i ITERS] [-B BLITS] "
		"[-S STORES] [-c COUNT] UUID\n");
	exit(2);
}

static void parse_sizes(char *arg)
{
	char *tok, *save = NULL;

	nr_sizes = 0;
	for (tok = strtok_r(arg, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		unsigned long v = strtoul(tok, NULL, 0);

		if (!v || v > 1024 || nr_sizes == MAX_SIZES)
			usage();
		sizes[nr_sizes++] = v;
	}
	if (!nr_sizes)
		usage();
}

int main(int argc, char **argv)
{
	unsigned int i, r;
	int opt, w, s;
	uint64_t t0;

	while ((opt = getopt(argc, argv, "p:s:r:f:R:i:B:S:c:h")) != -1) {
		switch (opt) {
		case 'p':
			if (mvgpu_path_parse(optarg, &vpath))
				usage();
			break;
		case 's':
			parse_sizes(optarg);
			break;
		case 'r':
			rounds = strtoul(optarg, NULL, 0);
			break;
		case 'f':
			max_fresh = strtoul(optarg, NULL, 0);
			break;
		case 'R':
			trounds = strtoul(optarg, NULL, 0);
			break;
		case 'i':
			titers = strtoul(optarg, NULL, 0);
			break;
		case 'B':
			blits = strtoul(optarg, NULL, 0);
			break;
		case 'S':
			nstores = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			count = strtoull(optarg, NULL, 0);
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || !rounds || max_fresh > MAX_FRESH ||
	    !trounds || !titers || !blits || 28ull * blits + 8 > GPU_CMD_MAX_BATCH ||
	    !nstores || 16ull * nstores + 8 > GPU_CMD_MAX_BATCH || !count ||
	    count > MVGPU_COMPUTE_MAX_COUNT)
		usage();
	uuid = argv[optind];
	if (mvgpu_vgpu_pgpu(uuid, pgpu, sizeof(pgpu)))
		die("vGPU %s: no parent device", uuid);
	/* The data area the spaces map, cyclically. */
	data_size = 16 * MIB;

	printf("mvgpu-bench-ppgtt: vGPU %s on %s, %s path; latency: %u rounds per size, copy engine, completion by MSI\n",
	       uuid, pgpu, mvgpu_path_name(vpath), rounds);
	printf("ppgtt_max_pages %llu, ppgtt_max_tables %llu; data pages mapped cyclically over %llu MiB of guest memory\n",
	       (unsigned long long)read_param("ppgtt_max_pages", 0),
	       (unsigned long long)read_param("ppgtt_max_tables", 0),
	       (unsigned long long)(data_size / MIB));
	printf("modes: ggtt = GGTT batch; cached = LRI + PPGTT batch, shadow up to date; inv-mmio = after a TLB_INV write;\n"
	       "       inv-cmd = MI_FLUSH_DW INVALIDATE_TLB in the ring; fresh = a root never used (shadowed from nothing)\n"
	       "columns: latency TAIL write to completion seen; tail_us = median TAIL write (trap + scan + submission);\n"
	       "         extra_us = median - ggtt median; handoff = submissions that waited for an address space, per submission\n");
	fflush(stdout);

	for (i = 0; i < nr_sizes; i++) {
		t0 = mvgpu_now_ns();
		results[i].mib = sizes[i];
		latency_size(&results[i]);
		print_size(&results[i]);
		printf("  (%.1f s)\n", (mvgpu_now_ns() - t0) / 1e9);
		fflush(stdout);
	}
	print_fit(false);
	print_fit(true);

	snprintf(wls[W_BLITS].desc, sizeof(wls[0].desc), "blits: %u blt 64x64", blits);
	snprintf(wls[W_SAXPY].desc, sizeof(wls[0].desc), "saxpy: %llu elements",
		 (unsigned long long)count);
	snprintf(wls[W_STORES].desc, sizeof(wls[0].desc), "stores: %u sdi", nstores);
	printf("\nthroughput: %u rounds of %u iterations per workload and side, alternating; the PPGTT space maps the batches and data\n",
	       trounds, titers);
	fflush(stdout);
	t0 = mvgpu_now_ns();
	tput_setup();
	/* Warm-up: one of each, both sides (shadows the space). */
	for (w = 0; w < NR_W; w++) {
		for (s = 0; s < NR_SIDES; s++) {
			struct stats tmp;

			stats_alloc(&tmp, 1);
			tput_one(w, s, &tmp);
			stats_free(&tmp);
		}
	}
	for (r = 0; r < trounds; r++)
		for (w = 0; w < NR_W; w++)
			for (i = 0; i < NR_SIDES; i++)
				tput_block(w, (r + i) % NR_SIDES);
	tput_verify();
	tput_report();
	printf("  (%.1f s)\n", (mvgpu_now_ns() - t0) / 1e9);
	printf("\nno native PPGTT baseline (native streams cannot name the host pages a space is made of); mediated/native of GGTT batches: mvgpu-bench-cmd\n");
	vgpu_close();
	return failed;
}
