// SPDX-License-Identifier: GPL-2.0
/*
 * sched_preempt - time slices, preemption, the hang rule and GDRST under
 * the engine scheduler.
 *
 * Three V1_4 vGPUs (equal weights, policy weighted, 1 ms slices), driven
 * by one process: A runs long workloads; B (and C) are "workers" that
 * keep a few short workloads queued all the time (SAXPY into a buffer,
 * CHECKSUM of it, sequence stores), each result checked on completion.
 *
 *  preemption, batch   A submits one batch of many in-place SAXPYs
 *                      (b = 3a + b: repeating or losing any chunk changes
 *                      the result), a CHECKSUM of b every 16 of them and
 *                      a MI_STORE_DATA_IMM sequence marker after each,
 *                      lasting thousands of slices.  Meanwhile B's
 *                      workloads complete, correct; over a window after
 *                      settling, A's and B's busy shares (debugfs sched)
 *                      are 50% within 2% (plus the lag overrun slices
 *                      cause, see lag_allowance()); A's preemptions grow;
 *                      A's final b, every checkpoint and every marker are
 *                      right.
 *  preemption, command one SAXPY of millions of elements (preempted
 *                      between 4 KiB chunks): B completes work while it
 *                      runs, A's preemptions grow, its result is exact.
 *  hang                hang_timeout_ms = HANG_MS; A submits work needing
 *                      many times that, B and C keep working: A gets the
 *                      ERROR interrupt and MVGPU_ERR_HANG when its engine
 *                      time (not wall time: it has a third of the engine)
 *                      reaches the timeout; B and C keep their third each
 *                      and never see an error; the hangs counters are A 1,
 *                      B and C 0; GDRST recovers A, which then computes
 *                      correctly.
 *  GDRST               GDRST of A's busy engine (a workload of seconds)
 *                      cancels it promptly: the bit reads 0 after a small
 *                      fraction of the remaining time, the workload did
 *                      not complete, the ring reads zero, no error; A
 *                      works again after a ring restart.
 *
 * Shares are asserted, wall times are only printed.  The policy, the
 * slice and hang_timeout_ms are restored at exit.  Without the
 * scheduler's sysfs interface the test skips ("1..0 # SKIP").
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e.h"
#include "gpu.h"

#define TYPE		"V1_4"
#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS
#define A_IOVA		0x100000000ull
#define W_IOVA		0x200000000ull
#define W_MEM		(12u << 20)
#define SLICE_MS	1
#define LONG_HANG_MS	20000		/* hang_timeout_ms outside the hang case */
#define HANG_MS		1200		/* ... in the hang case */
#define SETTLE_MS	500
#define WINDOW_MS	2000
#define TOL		0.02
#define WAIT_MS		30000

/*
 * Worker workloads: this much engine time each, DEPTH of them queued, so
 * that a worker stays runnable even when its process waits for a CPU.
 */
#define WL_NS		20000000.0
#define W_MAX_N		(256u << 10)
#define SLOTS		8u
#define DEPTH		6u

/* A's batch: about A_BATCH_NS of engine time, a checkpoint every CK. */
#define A_BATCH_NS	2.5e9
#define A_MAX_ITERS	2000u
#define CK		16u
#define A_CMD_NS	0.8e9		/* the single long command */
#define A_MAX_NH	(8u << 20)
#define A_BB_SIZE	(192u << 10)
#define A_SMALL_N	1024u
/* Scratch pages of A's hidden slice, far behind its mapped memory. */
#define HOG_OFF		(128ull << 20)

/* ---- the workers ------------------------------------------------------ */

struct worker {
	struct gpu g;
	char uuid[MVGPU_UUID_LEN + 1];
	const char *name;
	uint32_t n, reps;		/* elements, SAXPYs per workload */
	uint64_t a_gm, b_gm, d_gm[SLOTS], res_gm;
	uint32_t *a, *b, *d[SLOTS], *ref;
	volatile uint32_t *res;		/* [0] last seq, [16+s] cks, [32+s] seq */
	uint32_t submitted, checked;
	uint64_t t_sub[SLOTS];
	bool active;
	unsigned int bad, errors, lost;
	uint64_t *lat;
	unsigned int nlat, maxlat;
};

static struct worker B, C;
static struct worker *const workers[] = { &B, &C };
#define NR_WORKERS	2u

static uint32_t stage[1024];
static double ns_per_elem;		/* SAXPY engine time per element */

static int worker_open(struct worker *w, uint64_t iova)
{
	struct gpu *g = &w->g;
	unsigned int s;
	int ret;

	ret = gpu_setup(g, w->uuid, W_MEM, iova, 1u << RCS);
	if (ret)
		return ret;
	w->res_gm = gpu_alloc(g, GPU_PAGE, 0);
	w->a_gm = gpu_alloc(g, W_MAX_N * 4, 0);
	w->b_gm = gpu_alloc(g, W_MAX_N * 4, 0);
	for (s = 0; s < SLOTS; s++)
		w->d_gm[s] = gpu_alloc(g, W_MAX_N * 4, 0);
	w->ref = malloc(W_MAX_N * 4);
	w->maxlat = 100000;
	w->lat = calloc(w->maxlat, sizeof(*w->lat));
	if (!w->d_gm[SLOTS - 1] || !w->ref || !w->lat)
		return -ENOMEM;
	w->res = gpu_va(g, w->res_gm);
	w->a = gpu_va(g, w->a_gm);
	w->b = gpu_va(g, w->b_gm);
	for (s = 0; s < SLOTS; s++)
		w->d[s] = gpu_va(g, w->d_gm[s]);
	for (s = 0; s < W_MAX_N; s++) {
		w->a[s] = s * 2654435761u + w->g.vgpu_id;
		w->b[s] = ~s * 40503u;
	}
	w->n = W_MAX_N;
	w->reps = 1;
	return 0;
}

static void worker_close(struct worker *w)
{
	gpu_release(&w->g);
	free(w->ref);
	free(w->lat);
	w->ref = NULL;
	w->lat = NULL;
}

static int worker_submit(struct worker *w)
{
	uint32_t k = w->submitted + 1, s = k % SLOTS, i, buf[256];
	struct gpu_cs cs;
	int ret;

	/* Not stage[]: A's commands may be waiting there. */
	cs_init(&cs, buf, 0, sizeof(buf));
	for (i = 0; i < w->reps; i++)
		cs_compute(&cs, MVGPU_KERNEL_SAXPY, w->n, w->a_gm, w->b_gm,
			   w->d_gm[s], k);
	cs_compute(&cs, MVGPU_KERNEL_CHECKSUM, w->n, w->d_gm[s], 0,
		   w->res_gm + 4 * (16 + s), 0);
	cs_sdi32(&cs, w->res_gm + 4 * (32 + s), k);
	cs_sdi32(&cs, w->res_gm, k);
	cs_user_interrupt(&cs);
	w->res[16 + s] = 0;
	w->res[32 + s] = 0;
	w->t_sub[s] = e2e_now_ns();
	ret = gpu_submit(&w->g, RCS, &cs, NULL);
	if (!ret)
		w->submitted = k;
	return ret;
}

static void worker_check(struct worker *w, uint32_t k)
{
	uint32_t s = k % SLOTS;

	gpu_saxpy_ref(w->ref, w->a, w->b, w->n, k);
	if (w->res[32 + s] != k || w->res[16 + s] != gpu_fnv1a(w->ref, w->n * 4) ||
	    memcmp(w->d[s], w->ref, w->n * 4)) {
		if (!w->bad)
			rep_diag("%s: workload %u: sequence %u, checksum %#x, want %#x",
				 w->name, k, w->res[32 + s], w->res[16 + s],
				 gpu_fnv1a(w->ref, w->n * 4));
		w->bad++;
	}
	if (w->nlat < w->maxlat)
		w->lat[w->nlat++] = e2e_now_ns() - w->t_sub[s];
}

/* Handle completions and errors; keep DEPTH workloads queued if active. */
static void worker_pump(struct worker *w)
{
	struct gpu *g = &w->g;
	uint32_t last;

	gpu_irq_poll(g, 0);
	if (g->irq_seen & MVGPU_GT0_ERROR(RCS)) {
		uint32_t code, off;

		gpu_engine_error(g, RCS, &code, &off, NULL);
		tap_diag("%s: engine error %s at %#x", w->name,
			 gpu_err_name(code), off);
		w->errors++;
		w->lost += w->submitted - w->checked;
		gpu_engine_reset(g, RCS, 5000);
		gpu_ring_restart(g, RCS);
		w->checked = w->submitted;
		w->res[0] = w->submitted;
	}
	gpu_irq_take(g, GPU_GT0_BITS(RCS));
	last = w->res[0];
	while (w->checked != w->submitted && (int32_t)(last - w->checked) > 0)
		worker_check(w, ++w->checked);
	while (w->active && w->submitted - w->checked < DEPTH) {
		int ret = worker_submit(w);

		if (ret == -ENOSPC)	/* the ring is full: later */
			break;
		if (ret) {
			tap_diag("%s: submit: %s", w->name, g->err);
			w->errors++;
			w->active = false;
		}
	}
}

static unsigned int worker_done(const struct worker *w)
{
	return w->checked;
}

/* ---- vGPU A ----------------------------------------------------------- */

struct a_state {
	struct gpu g;
	char uuid[MVGPU_UUID_LEN + 1];
	uint64_t res_gm, seq_gm, cks_gm, bb_gm;
	uint64_t a_gm, b_gm, ah_gm, bh_gm, sa_gm, sb_gm;
	volatile uint32_t *res, *seq, *cks;
	uint32_t *a, *b, *ah, *bh, *sa, *sb;
	uint32_t na, iters, nh;
	uint32_t tail;
} A;

/* Slots of A's results page. */
#define A_DONE		0
#define A_START		1
#define A_SMALL_CKS	2

static uint32_t a_init_val(uint32_t i, uint32_t salt)
{
	return (i * 2246822519u) ^ salt;
}

static int a_open(void)
{
	struct gpu *g = &A.g;
	size_t mem;
	int ret;

	mem = (1u << 20) + A_BB_SIZE + 8ull * A.na + 8ull * A.nh +
	      8 * A_SMALL_N;
	mem = (mem + GPU_PAGE - 1) & ~(size_t)(GPU_PAGE - 1);
	ret = gpu_setup(g, A.uuid, mem, A_IOVA, 1u << RCS);
	if (ret)
		return ret;
	A.res_gm = gpu_alloc(g, GPU_PAGE, 0);
	A.seq_gm = gpu_alloc(g, A_MAX_ITERS * 4, 0);
	A.cks_gm = gpu_alloc(g, GPU_PAGE, 0);
	A.bb_gm = gpu_alloc(g, A_BB_SIZE, 0);
	A.a_gm = gpu_alloc(g, A.na * 4, 0);
	A.b_gm = gpu_alloc(g, A.na * 4, 0);
	A.ah_gm = gpu_alloc(g, A.nh * 4ull, 0);
	A.bh_gm = gpu_alloc(g, A.nh * 4ull, 0);
	A.sa_gm = gpu_alloc(g, A_SMALL_N * 4, 0);
	A.sb_gm = gpu_alloc(g, A_SMALL_N * 4, 0);
	if (!A.sb_gm || g->hid_base + mem > g->hid_base + HOG_OFF)
		return -ENOMEM;
	A.res = gpu_va(g, A.res_gm);
	A.seq = gpu_va(g, A.seq_gm);
	A.cks = gpu_va(g, A.cks_gm);
	A.a = gpu_va(g, A.a_gm);
	A.b = gpu_va(g, A.b_gm);
	A.ah = gpu_va(g, A.ah_gm);
	A.bh = gpu_va(g, A.bh_gm);
	A.sa = gpu_va(g, A.sa_gm);
	A.sb = gpu_va(g, A.sb_gm);
	return 0;
}

/* Wait until A's results page shows @seq at @slot, pumping the workers. */
static void pump_all(int timeout_ms);

static bool a_wait_marker(unsigned int slot, uint32_t seq, unsigned int ms)
{
	uint64_t end = e2e_now_ms() + ms;

	while (A.res[slot] != seq) {
		if (e2e_now_ms() > end ||
		    (A.g.irq_seen & MVGPU_GT0_ERROR(RCS)))
			return false;
		pump_all(5);
	}
	return true;
}

/* ---- the event loop --------------------------------------------------- */

static void pump_all(int timeout_ms)
{
	struct pollfd pfd[NR_WORKERS + 1];
	unsigned int i, n = 0;

	for (i = 0; i < NR_WORKERS; i++)
		if (workers[i]->g.efd >= 0)
			pfd[n++] = (struct pollfd){ .fd = workers[i]->g.efd,
						    .events = POLLIN };
	if (A.g.efd >= 0)
		pfd[n++] = (struct pollfd){ .fd = A.g.efd, .events = POLLIN };
	poll(pfd, n, timeout_ms);
	for (i = 0; i < NR_WORKERS; i++)
		if (workers[i]->g.d)
			worker_pump(workers[i]);
	if (A.g.d)
		gpu_irq_poll(&A.g, 0);
}

static void pump_for(unsigned int ms)
{
	uint64_t end = e2e_now_ms() + ms;

	while (e2e_now_ms() < end)
		pump_all(5);
}

static void workers_start(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		workers[i]->active = true;
		worker_pump(workers[i]);
	}
}

/* Stop submitting and wait for what is queued. */
static void workers_stop(void)
{
	uint64_t end = e2e_now_ms() + WAIT_MS;
	unsigned int i;
	bool busy = true;

	for (i = 0; i < NR_WORKERS; i++)
		workers[i]->active = false;
	while (busy && e2e_now_ms() < end) {
		pump_all(5);
		busy = false;
		for (i = 0; i < NR_WORKERS; i++)
			busy |= workers[i]->g.d &&
				workers[i]->checked != workers[i]->submitted;
	}
	for (i = 0; i < NR_WORKERS; i++)
		if (workers[i]->g.d && workers[i]->checked != workers[i]->submitted)
			tap_diag("%s: %u workloads never completed", workers[i]->name,
				 workers[i]->submitted - workers[i]->checked);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Report a worker's record since @done0/@bad0 and reset its latencies. */
static void worker_report(struct worker *w, const char *phase,
			  unsigned int done0, unsigned int during)
{
	unsigned int n = worker_done(w) - done0;

	qsort(w->lat, w->nlat, sizeof(*w->lat), cmp_u64);
	tap_diag("%s: %s: %u workloads (%u while A ran), latency submit->seen median %.1f ms, max %.1f ms",
		 phase, w->name, n, during,
		 w->nlat ? w->lat[w->nlat / 2] / 1e6 : 0,
		 w->nlat ? w->lat[w->nlat - 1] / 1e6 : 0);
	tap_ok(n > 0 && !w->bad, "%s: %s's workloads all completed with correct results",
	       phase, w->name);
	tap_eq(w->errors, 0, "%s: %s saw no engine error", phase, w->name);
	w->bad = 0;
	w->errors = 0;
	w->nlat = 0;
}

/* ---- helpers ---------------------------------------------------------- */

static bool stats(unsigned int vgpu_id, struct e2e_sched_stats *st)
{
	return !e2e_sched_stats(vgpu_id, RCS, st);
}

static double share(const struct e2e_sched_stats *s0,
		    const struct e2e_sched_stats *s1)
{
	if (s1->ts_ns <= s0->ts_ns)
		return 0;
	return (double)(s1->busy_ns - s0->busy_ns) / (s1->ts_ns - s0->ts_ns);
}

/*
 * The scheduler charges a slice that overran (a host that stalled its
 * thread, a late preemption) to the vGPU that held the engine, which
 * repays it in later periods: the shares of vGPUs that all have work lag
 * each other by up to the longest slice held (debugfs max_held_ns).  Over
 * a window that lag counts twice, at its start and at its end: allow it
 * on top of TOL.  On an idle host the longest slice is a few ms (0.3% of
 * the window); a host that stalls the VM for 100 ms makes it 10%.
 */
static double lag_allowance(const struct e2e_sched_stats *s0,
			    const struct e2e_sched_stats *const *s1,
			    unsigned int n)
{
	uint64_t held = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		held = s1[i]->max_held_ns > held ? s1[i]->max_held_ns : held;
	if (s1[0]->ts_ns <= s0->ts_ns)
		return 0;
	return 2.0 * held / (s1[0]->ts_ns - s0->ts_ns);
}

static bool near(double got, double want, double lag)
{
	return got >= want - TOL - lag && got <= want + TOL + lag;
}

/* A's engine: wait for TAIL @tail to complete (marker already seen). */
static bool a_finish(uint32_t tail, const char *what)
{
	uint32_t bits = 0;
	int ret = gpu_wait(&A.g, RCS, tail, WAIT_MS, &bits);

	if (ret) {
		uint32_t code, off;

		gpu_engine_error(&A.g, RCS, &code, &off, NULL);
		tap_diag("%s: %s; PV error %s at %#x", what, A.g.err,
			 gpu_err_name(code), off);
	}
	return !ret;
}

/*
 * Report whether A's long workload completed (@done: its marker landed,
 * TAIL @tail reached) after @ms of wall time, and what the scheduler
 * counted for it between @s0 and @s1; reset A's engine if it did not.
 */
static void a_complete(bool done, uint32_t tail, const char *ph, uint64_t ms,
		       const struct e2e_sched_stats *s0,
		       const struct e2e_sched_stats *s1, const char *what)
{
	if (!tap_ok(done && a_finish(tail, ph), "%s: %s", ph, what)) {
		tap_diag("  after %llu ms: %s", (unsigned long long)ms, A.g.err);
		gpu_engine_reset(&A.g, RCS, 10000);
		gpu_ring_restart(&A.g, RCS);
		gpu_irq_poll(&A.g, 0);
		gpu_irq_take(&A.g, GPU_GT0_BITS(RCS));
	}
	tap_diag("%s: A ran %llu ms (wall), %.0f ms engine time, %llu slices, %llu preemptions",
		 ph, (unsigned long long)ms, (s1->busy_ns - s0->busy_ns) / 1e6,
		 (unsigned long long)(s1->slices - s0->slices),
		 (unsigned long long)(s1->preemptions - s0->preemptions));
}

/* A's small SAXPY + CHECKSUM after a reset; checks the result. */
static bool a_small(uint32_t salt)
{
	uint32_t ref[A_SMALL_N], i, tail;
	struct gpu_cs cs;

	for (i = 0; i < A_SMALL_N; i++) {
		A.sa[i] = a_init_val(i, salt);
		A.sb[i] = i;
	}
	gpu_saxpy_ref(ref, A.sa, A.sb, A_SMALL_N, 5);
	A.res[A_SMALL_CKS] = 0;
	A.res[A_DONE] = 0;
	cs_init(&cs, stage, 0, sizeof(stage));
	cs_compute(&cs, MVGPU_KERNEL_SAXPY, A_SMALL_N, A.sa_gm, A.sb_gm, A.sb_gm, 5);
	cs_compute(&cs, MVGPU_KERNEL_CHECKSUM, A_SMALL_N, A.sb_gm, 0,
		   A.res_gm + 4 * A_SMALL_CKS, 0);
	cs_sdi32(&cs, A.res_gm + 4 * A_DONE, salt);
	cs_user_interrupt(&cs);
	if (gpu_submit(&A.g, RCS, &cs, &tail))
		return false;
	if (!a_wait_marker(A_DONE, salt, WAIT_MS) || !a_finish(tail, "small"))
		return false;
	return !memcmp(A.sb, ref, sizeof(ref)) &&
	       A.res[A_SMALL_CKS] == gpu_fnv1a(ref, sizeof(ref));
}

/* ---- calibration ------------------------------------------------------ */

/*
 * SAXPY engine time per element, on worker @w alone: the wall time from
 * TAIL to completion (an upper bound; busy_ns is printed next to it) of
 * a workload of about 60 ms, the smallest of three (a loaded host only
 * makes it longer).
 */
static bool calibrate(struct worker *w)
{
	struct e2e_sched_stats s0, s1;
	uint32_t reps = 4, i, tail;
	uint64_t t0, wall = 0;
	double best = 0;
	struct gpu_cs cs;
	int ret = 0;

	for (i = 0; i < 6; i++) {
		unsigned int k;

		cs_init(&cs, stage, 0, sizeof(stage));
		for (k = 0; k < reps; k++)
			cs_compute(&cs, MVGPU_KERNEL_SAXPY, W_MAX_N, w->a_gm,
				   w->b_gm, w->d_gm[0], 3);
		ret = e2e_sched_stats(w->g.vgpu_id, RCS, &s0);
		t0 = e2e_now_ns();
		if (!ret)
			ret = gpu_submit(&w->g, RCS, &cs, &tail);
		if (!ret)
			ret = gpu_wait(&w->g, RCS, tail, WAIT_MS, NULL);
		wall = e2e_now_ns() - t0;
		if (!ret)
			ret = e2e_sched_stats(w->g.vgpu_id, RCS, &s1);
		if (ret || !wall)
			break;
		tap_diag("calibration: %u SAXPYs of %u elements: %.2f ms wall, busy_ns grew by %.2f ms",
			 reps, W_MAX_N, wall / 1e6, (s1.busy_ns - s0.busy_ns) / 1e6);
		if (wall > 40000000ull || reps >= 64) {
			double t = (double)wall / ((double)reps * W_MAX_N);

			best = best && best < t ? best : t;
			if (i >= 3)
				break;
			continue;
		}
		reps = reps * 60000000ull / wall + 1;
		if (reps > 64)
			reps = 64;
	}
	if (!tap_ok(!ret && best > 0, "calibrate the engine on %s: SAXPY time per element",
		    w->name)) {
		tap_diag("  %s (%s)", w->g.err, tap_errname(ret));
		return false;
	}
	ns_per_elem = best;
	tap_diag("calibration: %.3f ns per SAXPY element", ns_per_elem);
	return true;
}

static void size_worker(struct worker *w)
{
	double per = W_MAX_N * ns_per_elem;

	if (per * 2 > WL_NS) {
		w->n = (uint32_t)(WL_NS / 2 / ns_per_elem) & ~1023u;
		if (w->n < 1024)
			w->n = 1024;
		w->reps = 1;
	} else {
		w->n = W_MAX_N;
		w->reps = (uint32_t)(WL_NS / per) - 1;
		if (w->reps > 8)
			w->reps = 8;
		if (!w->reps)
			w->reps = 1;
	}
}

static uint32_t clamp_u32(double x, uint32_t lo, uint32_t hi)
{
	return x < lo ? lo : x > hi ? hi : (uint32_t)x;
}

/* ---- the cases -------------------------------------------------------- */

/* A batch of A.iters in-place SAXPYs with markers and checkpoints. */
static void test_batch(void)
{
	const char *ph = "preempt batch";
	struct e2e_sched_stats a_st, a0, a1, b0, b1, a_end;
	uint32_t *bref = malloc(A.na * 4), i, k, tail, bad_seq = 0, bad_ck = 0;
	unsigned int done0, during = 0;
	struct gpu_cs bb, cs;
	uint64_t t0, t_win = 0, t_done;
	bool win0 = false, win1 = false, ok;
	double sa, sb;

	if (!bref) {
		tap_ok(false, "%s: memory", ph);
		return;
	}
	for (i = 0; i < A.na; i++) {
		A.a[i] = a_init_val(i, 0xa0);
		A.b[i] = a_init_val(i, 0xb0) >> 3;
		bref[i] = A.b[i];
	}
	memset((void *)A.seq, 0, A.iters * 4);
	memset((void *)A.cks, 0, GPU_PAGE);
	A.res[A_DONE] = 0;
	cs_init_gm(&bb, &A.g, A.bb_gm, A_BB_SIZE);
	for (k = 0; k < A.iters; k++) {
		cs_compute(&bb, MVGPU_KERNEL_SAXPY, A.na, A.a_gm, A.b_gm, A.b_gm, 3);
		cs_sdi32(&bb, A.seq_gm + 4 * k, k + 1);
		if (k % CK == CK - 1)
			cs_compute(&bb, MVGPU_KERNEL_CHECKSUM, A.na, A.b_gm, 0,
				   A.cks_gm + 4 * (k / CK), 0);
	}
	cs_bb_end(&bb);
	cs_init(&cs, stage, 0, sizeof(stage));
	cs_bb_start(&cs, A.bb_gm, 0);
	cs_sdi32(&cs, A.res_gm + 4 * A_DONE, 0xba7c4);
	cs_user_interrupt(&cs);
	if (!tap_ok(!bb.overflow, "%s: a batch of %u SAXPYs of %u elements (%u KiB)",
		    ph, A.iters, A.na, cs_bytes(&bb) >> 10)) {
		free(bref);
		return;
	}

	workers_start(1);
	pump_for(50);
	done0 = worker_done(&B);
	ok = stats(A.g.vgpu_id, &a_st) && gpu_submit(&A.g, RCS, &cs, &tail) == 0;
	t0 = e2e_now_ms();
	while (ok && A.res[A_DONE] != 0xba7c4 && e2e_now_ms() - t0 < WAIT_MS &&
	       !(A.g.irq_seen & MVGPU_GT0_ERROR(RCS))) {
		unsigned int d = worker_done(&B);

		pump_all(5);
		if (A.res[A_DONE] != 0xba7c4)
			during += worker_done(&B) - d;
		if (!win0 && e2e_now_ms() - t0 >= SETTLE_MS) {
			win0 = stats(A.g.vgpu_id, &a0) && stats(B.g.vgpu_id, &b0);
			t_win = e2e_now_ms();
		}
		if (win0 && !win1 && e2e_now_ms() - t_win >= WINDOW_MS)
			win1 = stats(A.g.vgpu_id, &a1) && stats(B.g.vgpu_id, &b1);
	}
	t_done = e2e_now_ms() - t0;
	stats(A.g.vgpu_id, &a_end);
	workers_stop();
	a_complete(ok && A.res[A_DONE] == 0xba7c4, tail, ph, t_done, &a_st,
		   &a_end, "A's batch completes");
	if (tap_ok(win1, "%s: a %u ms window while A ran, after %u ms settling",
		   ph, WINDOW_MS, SETTLE_MS)) {
		const struct e2e_sched_stats *end[] = { &a1, &b1 };
		double lag = lag_allowance(&a0, end, 2);

		sa = share(&a0, &a1);
		sb = share(&b0, &b1);
		tap_diag("%s: busy shares: A %.2f%%, B %.2f%% (want 50%% each); longest slice held %.1f ms, %.2f%% allowed on top",
			 ph, 100 * sa, 100 * sb,
			 (a1.max_held_ns > b1.max_held_ns ? a1.max_held_ns :
			  b1.max_held_ns) / 1e6, 100 * lag);
		tap_ok(near(sb, 0.5, lag),
		       "%s: B's busy share is 50%% within 2%% (and the lag of overrun slices)",
		       ph);
		tap_ok(near(sa, 0.5, lag),
		       "%s: A's busy share is 50%% within 2%% (and the lag of overrun slices)",
		       ph);
	}
	tap_ok(a_end.preemptions - a_st.preemptions >= 10,
	       "%s: A's preemptions counter grew (by at least 10)", ph);
	tap_ok(during >= 3, "%s: B completed workloads while A's batch ran", ph);
	worker_report(&B, ph, done0, during);

	/* The result: b = b0 + 3 * iters * a, checkpoints, every marker. */
	for (k = 0; k < A.iters; k++) {
		if (A.seq[k] != k + 1)
			bad_seq++;
		gpu_saxpy_ref(bref, A.a, bref, A.na, 3);
		if (k % CK == CK - 1 &&
		    A.cks[k / CK] != gpu_fnv1a(bref, A.na * 4))
			bad_ck++;
	}
	tap_eq(bad_seq, 0, "%s: every sequence marker in the batch was stored once, in place", ph);
	tap_eq(bad_ck, 0, "%s: every CHECKSUM checkpoint matches (no lost or repeated chunk)", ph);
	if (!tap_ok(!memcmp(A.b, bref, A.na * 4),
		    "%s: A's final result equals the CPU's, byte for byte", ph)) {
		for (i = 0; i < A.na && A.b[i] == bref[i]; i++)
			;
		tap_diag("  first difference at element %u: %#x, want %#x", i,
			 A.b[i], bref[i]);
	}
	free(bref);
}

/* One long in-place SAXPY: preempted between chunks. */
static void test_long_command(void)
{
	const char *ph = "preempt command";
	struct e2e_sched_stats a0, a1;
	uint32_t *ref = malloc(A.nh * 4ull), i, tail;
	unsigned int done0, during = 0;
	struct gpu_cs cs;
	uint64_t t0, t_done;
	bool ok;

	if (!ref) {
		tap_ok(false, "%s: memory", ph);
		return;
	}
	for (i = 0; i < A.nh; i++) {
		A.ah[i] = a_init_val(i, 0xa1);
		A.bh[i] = a_init_val(i, 0xb1);
	}
	gpu_saxpy_ref(ref, A.ah, A.bh, A.nh, 7);
	A.res[A_DONE] = 0;
	A.res[A_START] = 0;
	cs_init(&cs, stage, 0, sizeof(stage));
	cs_sdi32(&cs, A.res_gm + 4 * A_START, 0x57a7);
	cs_compute(&cs, MVGPU_KERNEL_SAXPY, A.nh, A.ah_gm, A.bh_gm, A.bh_gm, 7);
	cs_sdi32(&cs, A.res_gm + 4 * A_DONE, 0xc0d);
	cs_user_interrupt(&cs);

	workers_start(1);
	pump_for(50);
	done0 = worker_done(&B);
	ok = stats(A.g.vgpu_id, &a0) && !gpu_submit(&A.g, RCS, &cs, &tail);
	t0 = e2e_now_ms();
	while (ok && A.res[A_DONE] != 0xc0d && e2e_now_ms() - t0 < WAIT_MS &&
	       !(A.g.irq_seen & MVGPU_GT0_ERROR(RCS))) {
		unsigned int d = worker_done(&B);

		pump_all(5);
		if (A.res[A_START] == 0x57a7 && A.res[A_DONE] != 0xc0d)
			during += worker_done(&B) - d;
	}
	t_done = e2e_now_ms() - t0;
	stats(A.g.vgpu_id, &a1);
	workers_stop();
	a_complete(ok && A.res[A_DONE] == 0xc0d, tail, ph, t_done, &a0, &a1,
		   "A's long SAXPY completes");
	tap_ok(a1.preemptions - a0.preemptions >= 10,
	       "%s: A's preemptions counter grew inside the one command (by at least 10)",
	       ph);
	tap_ok(during >= 2, "%s: B completed workloads while A's command ran", ph);
	worker_report(&B, ph, done0, during);
	if (!tap_ok(!memcmp(A.bh, ref, A.nh * 4ull),
		    "%s: A's result equals the CPU's, byte for byte", ph)) {
		for (i = 0; i < A.nh && A.bh[i] == ref[i]; i++)
			;
		tap_diag("  first difference at element %u of %u: %#x, want %#x",
			 i, A.nh, A.bh[i], ref[i]);
	}
	free(ref);
}

/*
 * Start (in @cs) a batch of SAXPYs over A's scratch pages needing about
 * @ns of engine time.
 */
static void a_hog(struct gpu_cs *cs, double ns)
{
	uint64_t hog = A.g.hid_base + HOG_OFF;
	double elems = ns / ns_per_elem;
	struct gpu_cs bb;

	cs_init_gm(&bb, &A.g, A.bb_gm, A_BB_SIZE);
	while (elems > 0 && !bb.overflow) {
		uint32_t n = elems > MVGPU_COMPUTE_MAX_COUNT ?
			     MVGPU_COMPUTE_MAX_COUNT : (uint32_t)elems + 1;

		cs_compute(&bb, MVGPU_KERNEL_SAXPY, n, hog, hog, hog, 3);
		elems -= n;
	}
	cs_bb_end(&bb);
	cs->overflow |= bb.overflow;
	cs_bb_start(cs, A.bb_gm, 0);
}

static void test_hang(void)
{
	const char *ph = "hang";
	struct e2e_sched_stats a0, a1, b0, b1, c0, c1, ah0, ah1, bh0, bh1,
			       ch0, ch1;
	unsigned int done0b, done0c;
	uint32_t bits, code, off;
	uint64_t t0, t_win = 0, dt;
	bool win0 = false, win1 = false, ok;
	struct gpu_cs cs;
	double sa, sb, sc;
	int64_t a_exec0;

	if (!tap_rc(e2e_param_write_u64("hang_timeout_ms", HANG_MS), 0,
		    "%s: set hang_timeout_ms to %u", ph, HANG_MS))
		return;
	A.res[A_DONE] = 0;
	cs_init(&cs, stage, 0, sizeof(stage));
	a_hog(&cs, 8.0 * HANG_MS * 1e6);
	cs_sdi32(&cs, A.res_gm + 4 * A_DONE, 0xdead);
	cs_user_interrupt(&cs);

	workers_start(2);
	pump_for(50);
	done0b = worker_done(&B);
	done0c = worker_done(&C);
	{
		char path[256];

		snprintf(path, sizeof(path), E2E_DEBUGFS_MVGPU "/%s/vgpu%u/sched",
			 e2e_pgpu(), A.g.vgpu_id);
		a_exec0 = e2e_debugfs_field(path, "rcs:", "exec_ns");
	}
	ok = stats(A.g.vgpu_id, &ah0) && stats(B.g.vgpu_id, &bh0) &&
	     stats(C.g.vgpu_id, &ch0) && !cs.overflow &&
	     !gpu_submit(&A.g, RCS, &cs, NULL);
	t0 = e2e_now_ms();
	while (ok && e2e_now_ms() - t0 < WAIT_MS &&
	       !(A.g.irq_seen & (MVGPU_GT0_ERROR(RCS) | MVGPU_GT0_CTX_SWITCH(RCS)))) {
		pump_all(5);
		if (!win0 && e2e_now_ms() - t0 >= SETTLE_MS) {
			win0 = stats(A.g.vgpu_id, &a0) && stats(B.g.vgpu_id, &b0) &&
			       stats(C.g.vgpu_id, &c0);
			t_win = e2e_now_ms();
		}
		if (win0 && !win1 && e2e_now_ms() - t_win >= WINDOW_MS &&
		    !(A.g.irq_seen & MVGPU_GT0_ERROR(RCS)))
			win1 = stats(A.g.vgpu_id, &a1) && stats(B.g.vgpu_id, &b1) &&
			       stats(C.g.vgpu_id, &c1);
	}
	dt = e2e_now_ms() - t0;
	stats(A.g.vgpu_id, &ah1);
	bits = gpu_irq_take(&A.g, GPU_GT0_BITS(RCS));
	gpu_engine_error(&A.g, RCS, &code, &off, NULL);
	tap_diag("%s: A's ERROR after %llu ms (wall) and %.0f ms of engine time (busy_ns); PV error %s at %#x",
		 ph, (unsigned long long)dt, (ah1.busy_ns - ah0.busy_ns) / 1e6,
		 gpu_err_name(code), off);
	{
		char path[256];
		double eng = (ah1.busy_ns - ah0.busy_ns) / 1e6, exec = -1;
		int64_t x1;

		snprintf(path, sizeof(path), E2E_DEBUGFS_MVGPU "/%s/vgpu%u/sched",
			 e2e_pgpu(), A.g.vgpu_id);
		x1 = e2e_debugfs_field(path, "rcs:", "exec_ns");
		if (a_exec0 >= 0 && x1 >= 0)
			exec = (x1 - a_exec0) / 1e6;
		tap_diag("%s: ... of which exec_ns (debugfs: the backend's execution time) %.0f ms",
			 ph, exec);
		tap_ok(ok && (bits & MVGPU_GT0_ERROR(RCS)), "%s: A gets the ERROR interrupt", ph);
		tap_eq(bits & MVGPU_GT0_CTX_SWITCH(RCS), 0, "%s: ... and no CTX_SWITCH", ph);
		tap_eq(code, MVGPU_ERR_HANG, "%s: A's PV engine error is HANG", ph);
		tap_eq(A.res[A_DONE], 0, "%s: A's workload did not complete", ph);
		/*
		 * The hang clock is the engine time the backend reports
		 * executing (exec_ns).  busy_ns, the time A held the engine,
		 * adds the switches around each slice: on a loaded host they
		 * take as long again, so it only bounds the clock from above.
		 */
		tap_ok(exec >= 0.9 * HANG_MS && exec <= 1.3 * HANG_MS + 20 &&
		       eng >= exec,
		       "%s: declared after about hang_timeout_ms of A's engine time", ph);
		tap_ok(dt >= 2 * HANG_MS,
		       "%s: ... which is engine time across slices, not wall time (A has a third)",
		       ph);
	}
	if (tap_ok(win1, "%s: a %u ms window while A, B and C ran", ph, WINDOW_MS)) {
		const struct e2e_sched_stats *end[] = { &a1, &b1, &c1 };
		double lag = lag_allowance(&a0, end, 3);

		sa = share(&a0, &a1);
		sb = share(&b0, &b1);
		sc = share(&c0, &c1);
		tap_diag("%s: busy shares before the hang: A %.2f%%, B %.2f%%, C %.2f%% (want 33.33%% each); %.2f%% allowed on top for overrun slices",
			 ph, 100 * sa, 100 * sb, 100 * sc, 100 * lag);
		tap_ok(near(sb, 1.0 / 3, lag) && near(sc, 1.0 / 3, lag),
		       "%s: B and C keep a third each within 2%% (and the lag of overrun slices) while A runs",
		       ph);
	}

	/* A recovers while B and C keep going. */
	ok = !gpu_engine_reset(&A.g, RCS, 5000);
	tap_ok(ok, "%s: GDRST of A's engine completes", ph);
	gpu_ring_restart(&A.g, RCS);
	gpu_engine_error(&A.g, RCS, &code, NULL, NULL);
	tap_eq(code, MVGPU_ERR_NONE, "%s: GDRST clears A's engine error", ph);
	tap_ok(a_small(0x5a11), "%s: A computes correctly after GDRST", ph);
	pump_for(300);
	workers_stop();
	stats(A.g.vgpu_id, &ah1);
	stats(B.g.vgpu_id, &bh1);
	stats(C.g.vgpu_id, &ch1);
	tap_diag("%s: hangs counters: A %llu, B %llu, C %llu (deltas)", ph,
		 (unsigned long long)(ah1.hangs - ah0.hangs),
		 (unsigned long long)(bh1.hangs - bh0.hangs),
		 (unsigned long long)(ch1.hangs - ch0.hangs));
	tap_eq(ah1.hangs - ah0.hangs, 1, "%s: A's debugfs hangs counter went up by 1", ph);
	tap_ok(bh1.hangs == bh0.hangs && ch1.hangs == ch0.hangs,
	       "%s: B's and C's hangs counters did not move", ph);
	worker_report(&B, ph, done0b, worker_done(&B) - done0b);
	worker_report(&C, ph, done0c, worker_done(&C) - done0c);
	tap_rc(e2e_param_write_u64("hang_timeout_ms", LONG_HANG_MS), 0,
	       "%s: hang_timeout_ms back to %u", ph, LONG_HANG_MS);
}

/*
 * The physical engine faults (the software GPU's fault injection, as a
 * hardware engine can): its error interrupt reaches mvgpu from hard
 * interrupt context, the scheduler resets the engine at once, and the
 * vGPU whose workload was on it sees ENGINE_FAULT, long before any hang
 * timeout.  A runs alone so that the fault is its; B and C work before
 * and after, and A recovers with GDRST.
 */
static void test_engine_fault(void)
{
	const char *ph = "engine fault";
	char fault[256], sched[256];
	unsigned int done0b, done0c;
	uint32_t bits, code, off;
	uint64_t t0, dt;
	int64_t f0, f1;
	struct gpu_cs cs;
	bool ok;

	snprintf(fault, sizeof(fault), "/sys/kernel/debug/mvgpu_sgpu/%s/fault0",
		 e2e_pgpu());
	snprintf(sched, sizeof(sched), E2E_DEBUGFS_MVGPU "/%s/sched",
		 e2e_pgpu());
	A.res[A_DONE] = 0;
	cs_init(&cs, stage, 0, sizeof(stage));
	a_hog(&cs, 4.0 * LONG_HANG_MS * 1e6);
	cs_sdi32(&cs, A.res_gm + 4 * A_DONE, 0xdead);
	cs_user_interrupt(&cs);
	f0 = e2e_debugfs_field(sched, "rcs:", "faults");
	ok = tap_ok(f0 >= 0 && !cs.overflow && !gpu_submit(&A.g, RCS, &cs, NULL),
		    "%s: A submits a workload of %u s", ph, 4 * LONG_HANG_MS / 1000);
	pump_for(500);
	t0 = e2e_now_ms();
	ok = ok && tap_rc(mvgpu_sysfs_write_str(fault, "1"), 0,
			  "%s: fault the render engine (debugfs fault0)", ph);
	while (ok && e2e_now_ms() - t0 < WAIT_MS &&
	       !(A.g.irq_seen & (MVGPU_GT0_ERROR(RCS) | MVGPU_GT0_CTX_SWITCH(RCS))))
		pump_all(5);
	dt = e2e_now_ms() - t0;
	bits = gpu_irq_take(&A.g, GPU_GT0_BITS(RCS));
	gpu_engine_error(&A.g, RCS, &code, &off, NULL);
	f1 = e2e_debugfs_field(sched, "rcs:", "faults");
	tap_diag("%s: A's ERROR %llu ms after the fault; PV error %s at %#x; faults %lld -> %lld",
		 ph, (unsigned long long)dt, gpu_err_name(code), off,
		 (long long)f0, (long long)f1);
	tap_ok(bits & MVGPU_GT0_ERROR(RCS), "%s: A gets the ERROR interrupt", ph);
	tap_eq(code, MVGPU_ERR_ENGINE_FAULT, "%s: A's PV engine error is ENGINE_FAULT", ph);
	tap_eq(A.res[A_DONE], 0, "%s: A's workload did not complete", ph);
	/* Not the hang detection: that would take LONG_HANG_MS. */
	tap_ok(dt < LONG_HANG_MS / 2, "%s: ... within %u ms, not after the hang timeout",
	       ph, LONG_HANG_MS / 2);
	tap_eq(f1 - f0, 1, "%s: the pGPU's rcs faults counter went up by 1", ph);

	/* The engine works again: for B and C, and for A after GDRST. */
	ok = !gpu_engine_reset(&A.g, RCS, 5000);
	tap_ok(ok, "%s: GDRST of A's engine completes", ph);
	gpu_ring_restart(&A.g, RCS);
	tap_ok(a_small(0xfa17), "%s: A computes correctly after GDRST", ph);
	done0b = worker_done(&B);
	done0c = worker_done(&C);
	workers_start(2);
	/* Until both got work done, however slow the host (bounded). */
	t0 = e2e_now_ms();
	while (e2e_now_ms() - t0 < WAIT_MS &&
	       (worker_done(&B) <= done0b || worker_done(&C) <= done0c ||
		e2e_now_ms() - t0 < 500))
		pump_all(5);
	workers_stop();
	tap_ok(worker_done(&B) > done0b && worker_done(&C) > done0c,
	       "%s: B and C complete work on the engine after the fault", ph);
	worker_report(&B, ph, done0b, worker_done(&B) - done0b);
	worker_report(&C, ph, done0c, worker_done(&C) - done0c);
}

static void test_gdrst_cancel(void)
{
	const char *ph = "GDRST cancel";
	const double work_ns = 4e9;
	struct e2e_sched_stats s0 = { 0 }, s1 = { 0 }, s2 = { 0 };
	uint32_t base = MVGPU_RENDER_RING_BASE, g1, code, bits;
	uint64_t t0, t1, t2, end;
	struct gpu_cs cs;
	bool ok, cleared = false;
	unsigned int done0;

	A.res[A_DONE] = 0;
	cs_init(&cs, stage, 0, sizeof(stage));
	a_hog(&cs, work_ns);
	cs_sdi32(&cs, A.res_gm + 4 * A_DONE, 0xcafe);
	cs_user_interrupt(&cs);
	workers_start(1);
	pump_for(50);
	done0 = worker_done(&B);
	ok = stats(A.g.vgpu_id, &s0) && !cs.overflow &&
	     !gpu_submit(&A.g, RCS, &cs, NULL);
	/*
	 * Let it run for 600 ms (wall): about 300 ms of engine time next to
	 * B.  busy_ns is charged at slice ends, so it is not waited for.
	 */
	end = e2e_now_ms() + 600;
	while (ok && e2e_now_ms() < end && A.res[A_DONE] == 0)
		pump_all(5);
	ok = ok && stats(A.g.vgpu_id, &s1);
	if (!tap_ok(ok && s1.queued && A.res[A_DONE] == 0,
		    "%s: A's long workload is running", ph)) {
		gpu_engine_error(&A.g, RCS, &code, NULL, NULL);
		tap_diag("  submitted %s; A's busy_ns grew by %.1f ms, queued %llu; done marker %#x; PV error %s; IIR bits seen %#x",
			 ok ? "yes" : "no", (s1.busy_ns - s0.busy_ns) / 1e6,
			 (unsigned long long)s1.queued, A.res[A_DONE],
			 gpu_err_name(code), A.g.irq_seen);
		workers_stop();
		return;
	}
	t0 = e2e_now_ns();
	gpu_wr(&A.g, MVGPU_REG_GDRST, MVGPU_GDRST_RENDER);
	g1 = gpu_rd(&A.g, MVGPU_REG_GDRST);
	end = e2e_now_ms() + 10000;
	while (e2e_now_ms() < end) {
		if (!(gpu_rd(&A.g, MVGPU_REG_GDRST) & MVGPU_GDRST_RENDER)) {
			cleared = true;
			break;
		}
		pump_all(1);
	}
	t1 = e2e_now_ns();
	stats(A.g.vgpu_id, &s2);
	{
		double left = work_ns - (double)(s1.busy_ns - s0.busy_ns);
		double used = (double)(s2.busy_ns - s1.busy_ns);

		tap_diag("%s: GDRST read %#x right after the write; the bit cleared after %.1f ms (wall); A used %.1f ms of engine time meanwhile, of about %.0f ms left",
			 ph, g1, (t1 - t0) / 1e6, used / 1e6, left / 1e6);
		tap_ok(cleared, "%s: the GDRST bit reads 0 once done", ph);
		/* With B next to it the rest would take about twice left. */
		tap_ok(cleared && (double)(t1 - t0) < 0.1 * left,
		       "%s: prompt: done within a tenth of the time the workload had left", ph);
		tap_ok(used < 0.1 * left,
		       "%s: A used under a tenth of its remaining engine time after the write",
		       ph);
	}
	tap_ok(!gpu_rd(&A.g, MVGPU_RING_CTL(base)) && !gpu_rd(&A.g, MVGPU_RING_HEAD(base)) &&
	       !gpu_rd(&A.g, MVGPU_RING_TAIL(base)),
	       "%s: RCS CTL, HEAD and TAIL read 0", ph);
	t2 = e2e_now_ms();
	pump_for(200);
	gpu_irq_poll(&A.g, 0);
	bits = gpu_irq_take(&A.g, GPU_GT0_BITS(RCS));
	gpu_engine_error(&A.g, RCS, &code, NULL, NULL);
	tap_eq(A.res[A_DONE], 0, "%s: the cancelled workload did not complete", ph);
	tap_eq(bits & MVGPU_GT0_ERROR(RCS), 0, "%s: no ERROR interrupt", ph);
	tap_eq(code, MVGPU_ERR_NONE, "%s: no engine error reported", ph);
	A.g.ring[RCS].tail = 0;
	gpu_ring_restart(&A.g, RCS);
	tap_ok(a_small(0x600d), "%s: A computes correctly after a ring restart", ph);
	workers_stop();
	worker_report(&B, ph, done0, 0);
	(void)t2;
}

/* ---- main ------------------------------------------------------------- */

static char old_policy[96], old_slice[32];
static uint64_t old_hang;
static bool saved;

static void restore(void)
{
	unsigned int i;

	gpu_release(&A.g);
	for (i = 0; i < NR_WORKERS; i++)
		worker_close(workers[i]);
	if (!saved)
		return;
	saved = false;
	if (e2e_pgpu_attr_write("sched_policy", old_policy) ||
	    e2e_pgpu_attr_write("sched_slice_ms", old_slice) ||
	    e2e_param_write_u64("hang_timeout_ms", old_hang))
		tap_diag("could not restore the scheduler settings (%s, %s ms, %llu ms)",
			 old_policy, old_slice, (unsigned long long)old_hang);
}

int main(void)
{
	char slice[16];
	int ret;

	e2e_init("sched_preempt", E2E_WATCHDOG_S);
	if (!mvgpu_pgpu_exists(e2e_pgpu()) || !e2e_sched_present())
		return e2e_require_sched();
	tap_ok(true, "pGPU %s has the scheduler's sysfs interface", e2e_pgpu());
	B.name = "B";
	C.name = "C";
	if (!tap_ok(!e2e_pgpu_attr_read("sched_policy", old_policy, sizeof(old_policy)) &&
		    !e2e_pgpu_attr_read("sched_slice_ms", old_slice, sizeof(old_slice)) &&
		    !e2e_param_read_u64("hang_timeout_ms", &old_hang),
		    "read sched_policy, sched_slice_ms and hang_timeout_ms"))
		return tap_done();
	if (strchr(old_policy, '[')) {
		/* A list with the policy in force in brackets. */
		char *l = strchr(old_policy, '['), *r = strchr(l, ']');

		if (r)
			*r = '\0';
		memmove(old_policy, l + 1, strlen(l + 1) + 1);
	}
	saved = true;
	atexit(restore);
	snprintf(slice, sizeof(slice), "%u", SLICE_MS);
	if (!tap_ok(!e2e_pgpu_attr_write("sched_policy", "weighted") &&
		    !e2e_pgpu_attr_write("sched_slice_ms", slice) &&
		    !e2e_param_write_u64("hang_timeout_ms", LONG_HANG_MS),
		    "policy weighted, %u ms slices, hang_timeout_ms %u", SLICE_MS,
		    LONG_HANG_MS))
		return tap_done();
	if (!tap_ok(!e2e_vgpu_create(TYPE, A.uuid) && !e2e_vgpu_create(TYPE, B.uuid) &&
		    !e2e_vgpu_create(TYPE, C.uuid), "create three %s vGPUs", TYPE))
		return tap_done();

	ret = worker_open(&B, W_IOVA);
	if (!tap_ok(!ret, "B: open, guest memory, interrupts, ring")) {
		tap_diag("  %s", B.g.err);
		return tap_done();
	}
	if (!calibrate(&B))
		return tap_done();
	size_worker(&B);
	A.na = clamp_u32(A_BATCH_NS / 500 / ns_per_elem, 16u << 10, 256u << 10) & ~255u;
	A.iters = clamp_u32(A_BATCH_NS / (A.na * ns_per_elem), 64, A_MAX_ITERS);
	A.nh = clamp_u32(A_CMD_NS / ns_per_elem, 256u << 10, A_MAX_NH) & ~255u;
	tap_diag("workers: %u x SAXPY of %u elements + CHECKSUM per workload; A: batch %u x %u, command %u",
		 B.reps, B.n, A.iters, A.na, A.nh);
	ret = worker_open(&C, W_IOVA + (1ull << 32));
	if (!ret) {
		C.n = B.n;
		C.reps = B.reps;
		ret = a_open();
	}
	if (!tap_ok(!ret, "A and C: open, guest memory, interrupts, rings")) {
		tap_diag("  A: %s; C: %s", A.g.err, C.g.err);
		return tap_done();
	}
	tap_diag("A vgpu%u, B vgpu%u, C vgpu%u", A.g.vgpu_id, B.g.vgpu_id,
		 C.g.vgpu_id);

	test_batch();
	test_long_command();
	test_hang();
	test_engine_fault();
	test_gdrst_cancel();

	restore();
	tap_rc(e2e_vgpu_remove(A.uuid), 0, "remove A");
	tap_rc(e2e_vgpu_remove(B.uuid), 0, "remove B");
	tap_rc(e2e_vgpu_remove(C.uuid), 0, "remove C");
	return tap_done();
}
