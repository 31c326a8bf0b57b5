// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_malicious - the command parser and the hang watchdog against a
 * hostile guest, while a well-behaved guest works next to it.
 *
 * Two V1_4 vGPUs: the attacker (this process) and a victim driven by a
 * forked process that runs correct work on both engines in a loop (SAXPY,
 * CHECKSUM, stores, fill and copy blits, flush stores), verifying every
 * result, until the attacks are over.  The victim's guest memory is a
 * shared mapping, so the attacker also checks right after each attack
 * that the victim's pages it aimed at are unchanged.
 *
 * Each violation is one submission that first stores a marker (all or
 * nothing: it must not land) and then breaks one rule:
 *   UNKNOWN_OPCODE  an undefined MI opcode
 *   WRONG_ENGINE    PIPE_CONTROL / MVGPU_COMPUTE on BCS, MI_FLUSH_DW /
 *                   XY_COLOR_BLT on RCS
 *   REGISTER        LRI of MASTER_IRQ, of the other engine's GPR, and a
 *                   GPR + GDRST pair
 *   ADDRESS         MI_STORE_DATA_IMM into the victim's slice, into the
 *                   host aperture, into the host's hidden reservation (the
 *                   victim's shadow buffer); a fill running past the end of
 *                   the slice; a copy reading the victim; SAXPY writing and
 *                   CHECKSUM reading the victim
 *   UNTERMINATED    a batch of MI_NOOPs without an end within 256 KiB
 *   BAD_FIELD       BB_START with the PPGTT bit; second-level from the ring
 *   NESTING         a chain of 17 batches; a batch chaining to itself; a
 *                   second-level batch starting a batch
 *   TOO_LARGE       a chain of ~252 KiB batches overflowing the shadow
 *   BAD_RING        ring START in the victim's slice; a ring running past
 *                   the end of the slice
 *   TRUNCATED       a command cut by TAIL
 * and for each: the ERROR interrupt of that engine (no CTX_SWITCH), the PV
 * error code, offset (of the offending command in its buffer) and buffer,
 * HEAD unchanged, the marker not stored, the victim's pages unchanged, new
 * work refused until GDRST, the other engine still working, GDRST clearing
 * the error and the engine working again, and a kernel log line
 * "vgpu<id>: engine <e>: workload rejected: <reason>" (paced to stay
 * within the log's rate limit).
 *
 * Then: a batch rewritten right after the TAIL write runs what was
 * scanned (TOCTOU), and a hang: with hang_timeout_ms at HANG_MS, MVGPU_COMPUTE
 * SAXPYs of MVGPU_COMPUTE_MAX_COUNT elements (over unmapped, i.e. scratch,
 * pages of the attacker's own slice) run too long; the watchdog resets
 * the engine, MVGPU_ERR_HANG is reported, GDRST recovers, and the
 * victim's work that was queued behind completes correctly.  Last, with
 * the victim stopped: three more vGPUs each submit legal work taking about
 * 0.45 of hang_timeout_ms and the attacker a single store behind them;
 * hang_timeout_ms bounds engine time, so none may be declared hung.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"
#include "gpu.h"

#define TYPE		"V1_4"
#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))
#define MEM_SIZE	(2u << 20)
#define A_IOVA		0x300000000ull
#define V_IOVA		0x380000000ull
#define WAIT_MS		20000
#define HANG_MS		200
#define HANG_PARAM	"/sys/module/mvgpu/parameters/hang_timeout_ms"

/* The victim's pages the attacks aim at: SENT_PAGES at SENT_OFF. */
#define SENT_OFF	(1u << 20)
#define SENT_PAGES	4u
#define SENT_SIZE	(SENT_PAGES * GPU_PAGE)

/* Victim workload sizes. */
#define V_N		(16u << 10)
#define V_PITCH		512u
#define V_ROWS		32u

/* Attacker result slots (dwords of its results page). */
#define S_MARK		1	/* stored before the bad command */
#define S_REFUSED	2	/* stored by work sent to a broken engine */
#define S_AFTER		3	/* stored after GDRST */
#define S_OTHER		4	/* the other engine's work */
#define S_TOCTOU	5
#define S_TOCTOU_BAD	6
#define S_HANG_END	7
#define S_CHAIN		32	/* 32..48: stores in chained batches */

/* Rate limit of the driver's log line: 10 per 5 s per call site. */
#define LOG_BATCH	8
#define LOG_SLEEP_MS	5500

static const char *eng_name(unsigned int e)
{
	return e == RCS ? "RCS" : "BCS";
}

static uint32_t sent_word(unsigned int i)
{
	return 0x5e000000u ^ (i * 2654435761u);
}

static bool sentinel_intact(const uint8_t *vmem)
{
	const uint32_t *w = (const uint32_t *)(vmem + SENT_OFF);
	unsigned int i;

	for (i = 0; i < SENT_SIZE / 4; i++)
		if (w[i] != sent_word(i))
			return false;
	return true;
}

/* ---- the victim -------------------------------------------------------- */

struct victim {
	struct gpu g;
	uint64_t res_gm, a_gm, b_gm, d_gm, dst_gm, src_gm;
	volatile uint32_t *res;
	uint32_t *a, *b, *d, *ref;
	uint8_t *dst, *src, *exp;
};

static uint32_t stage[4096];

/*
 * One iteration: RCS and BCS work in flight together.  Returns false (and
 * says why) when something went wrong.
 */
static bool victim_iteration(struct victim *v, unsigned int k, uint32_t *errs)
{
	struct gpu *g = &v->g;
	const uint32_t color = 0xff000000u | k * 0x010307u;
	const uint32_t x1 = k % 7, y1 = k % 5, x2 = x1 + 60, y2 = y1 + 20;
	uint32_t t_rcs, t_bcs, i, y;
	struct gpu_cs cs;
	bool ok = true;
	int r1, r2;

	for (i = 0; i < V_N; i++)
		v->d[i] = 0;
	memset((void *)v->res, 0, 64);
	gpu_saxpy_ref(v->ref, v->a, v->b, V_N, k);
	memcpy(v->exp, v->dst, V_PITCH * V_ROWS);

	cs_init(&cs, stage, 0, sizeof(stage));
	cs_compute(&cs, MVGPU_KERNEL_SAXPY, V_N, v->a_gm, v->b_gm, v->d_gm, k);
	cs_compute(&cs, MVGPU_KERNEL_CHECKSUM, V_N, v->d_gm, 0, v->res_gm + 4, 0);
	cs_sdi32(&cs, v->res_gm + 8, k);
	cs_user_interrupt(&cs);
	r1 = gpu_submit(g, RCS, &cs, &t_rcs);

	cs_init(&cs, stage, 0, sizeof(stage));
	cs_color_blt(&cs, v->dst_gm, V_PITCH, x1, y1, x2, y2, color);
	cs_copy_blt(&cs, v->dst_gm, V_PITCH, 64, 0, 96, 16, v->src_gm, V_PITCH,
		    k % 30, k % 15);
	cs_flush_dw_store32(&cs, v->res_gm + 16, ~k);
	r2 = gpu_submit(g, BCS, &cs, &t_bcs);

	if (!r1)
		r1 = gpu_wait(g, RCS, t_rcs, WAIT_MS, NULL);
	if (r1)
		rep_diag("iteration %u: RCS: %s", k, g->err);
	if (!r2)
		r2 = gpu_wait(g, BCS, t_bcs, WAIT_MS, NULL);
	if (r2)
		rep_diag("iteration %u: BCS: %s", k, g->err);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		uint32_t code;

		gpu_engine_error(g, i, &code, NULL, NULL);
		if (code != MVGPU_ERR_NONE || (i ? r2 : r1) == -EIO) {
			uint32_t off;
			uint64_t buf;

			gpu_engine_error(g, i, &code, &off, &buf);
			rep_diag("iteration %u: %s: engine error %s at %#x of %#llx",
				 k, eng_name(i), gpu_err_name(code), off,
				 (unsigned long long)buf);
			(*errs)++;
			gpu_engine_reset(g, i, 2000);
			gpu_ring_restart(g, i);
		}
	}
	if (r1 || r2)
		return false;

	for (y = y1; y < y2; y++)
		for (i = x1; i < x2; i++)
			memcpy(v->exp + y * V_PITCH + 4 * i, &color, 4);
	for (y = 0; y < 16; y++)
		memcpy(v->exp + y * V_PITCH + 4 * 64,
		       v->src + (k % 15 + y) * V_PITCH + 4 * (k % 30), 4 * 32);
	if (memcmp(v->d, v->ref, V_N * 4)) {
		rep_diag("iteration %u: SAXPY result wrong", k);
		ok = false;
	}
	if (v->res[1] != gpu_fnv1a(v->ref, V_N * 4) || v->res[2] != k ||
	    v->res[4] != ~k) {
		rep_diag("iteration %u: checksum %#x, store %#x, flush %#x", k,
			 v->res[1], v->res[2], v->res[4]);
		ok = false;
	}
	if (memcmp(v->dst, v->exp, V_PITCH * V_ROWS)) {
		rep_diag("iteration %u: blit result wrong", k);
		ok = false;
	}
	return ok;
}

static int victim_main(const char *uuid, uint8_t *mem, int ready_fd,
		       int stop_fd)
{
	struct victim *v = calloc(1, sizeof(*v));
	struct gpu *g = &v->g;
	unsigned int k = 0, bad = 0, sent_bad = 0;
	uint32_t errs = 0, i;
	uint64_t t0;
	char tag[32];
	int ret;

	ret = gpu_open(g, uuid, MVGPU_VFIO_AUTO);
	snprintf(tag, sizeof(tag), "victim vgpu%u", g->vgpu_id);
	rep_init(rep_file(), tag);
	if (!ret)
		ret = gpu_mem_init_buf(g, g->hid_base, mem, MEM_SIZE, V_IOVA);
	if (!ret)
		ret = gpu_irq_init(g);
	if (!ret) {
		uint64_t r0 = gpu_alloc(g, GPU_RING_SIZE, 0);
		uint64_t r1 = gpu_alloc(g, GPU_RING_SIZE, 0);
		uint64_t h0 = gpu_alloc(g, GPU_PAGE, 0);
		uint64_t h1 = gpu_alloc(g, GPU_PAGE, 0);

		ret = gpu_ring_init(g, RCS, r0, GPU_RING_SIZE, h0) ||
		      gpu_ring_init(g, BCS, r1, GPU_RING_SIZE, h1) ? -EIO : 0;
	}
	v->res_gm = gpu_alloc(g, GPU_PAGE, 0);
	v->a_gm = gpu_alloc(g, V_N * 4, 0);
	v->b_gm = gpu_alloc(g, V_N * 4, 0);
	v->d_gm = gpu_alloc(g, V_N * 4, 0);
	v->dst_gm = gpu_alloc(g, V_PITCH * V_ROWS, 0);
	v->src_gm = gpu_alloc(g, V_PITCH * V_ROWS, 0);
	v->ref = malloc(V_N * 4);
	v->exp = malloc(V_PITCH * V_ROWS);
	if (!rep_ok(!ret && v->src_gm && g->brk <= SENT_OFF && v->ref && v->exp,
		    "set up guest memory, interrupts and rings")) {
		rep_diag("  %s", g->err);
		if (write(ready_fd, "F", 1) < 0)
			rep_diag("write to the parent failed");
		goto out;
	}
	v->res = gpu_va(g, v->res_gm);
	v->a = gpu_va(g, v->a_gm);
	v->b = gpu_va(g, v->b_gm);
	v->d = gpu_va(g, v->d_gm);
	v->dst = gpu_va(g, v->dst_gm);
	v->src = gpu_va(g, v->src_gm);
	for (i = 0; i < V_N; i++) {
		v->a[i] = i * 7919u + 1;
		v->b[i] = i ^ 0x5a5a5a5au;
	}
	for (i = 0; i < V_PITCH * V_ROWS; i++)
		v->src[i] = (uint8_t)(i * 13 + 5);
	for (i = 0; i < SENT_SIZE / 4; i++)
		((uint32_t *)(mem + SENT_OFF))[i] = sent_word(i);
	/* Make sure the sentinel pages have GTT entries (they do: mapped). */
	if (write(ready_fd, "R", 1) < 0)
		rep_diag("write to the parent failed");

	t0 = e2e_now_ms();
	for (;;) {
		struct pollfd pfd = { .fd = stop_fd, .events = POLLIN };

		if (poll(&pfd, 1, 0) > 0)
			break;
		if (!victim_iteration(v, ++k, &errs))
			bad++;
		if (!sentinel_intact(mem))
			sent_bad++;
		if (e2e_now_ms() - t0 > 200 * 1000)
			break;
	}
	rep_diag("%u iterations in %llu ms", k,
		 (unsigned long long)(e2e_now_ms() - t0));
	rep_ok(k > 1, "ran work on both engines during the attacks (%u iterations)", k);
	rep_eq(bad, 0, "every iteration completed with correct results");
	rep_eq(errs, 0, "no engine error was ever reported to the victim");
	rep_eq(sent_bad, 0, "the pages the attacker aimed at stayed unchanged");
out:
	gpu_release(g);
	free(v->ref);
	free(v->exp);
	free(v);
	return 0;
}

/* ---- the kernel log --------------------------------------------------- */

static int kmsg_fd = -1;
static char *klog;
static size_t klog_used, klog_cap;

static void kmsg_open(void)
{
	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg_fd >= 0)
		lseek(kmsg_fd, 0, SEEK_END);
}

static void kmsg_pull(void)
{
	char rec[8192];

	if (kmsg_fd < 0)
		return;
	for (;;) {
		ssize_t n = read(kmsg_fd, rec, sizeof(rec));

		if (n < 0 && errno == EPIPE)
			continue;
		if (n <= 0)
			break;
		if (klog_used + n + 1 > klog_cap) {
			size_t cap = (klog_cap + n + 1) * 2;
			char *p = realloc(klog, cap);

			if (!p)
				return;
			klog = p;
			klog_cap = cap;
		}
		memcpy(klog + klog_used, rec, n);
		klog_used += n;
		klog[klog_used] = '\0';
	}
}

static size_t kmsg_mark(void)
{
	kmsg_pull();
	return klog_used;
}

/* Whether a line logged after @mark has @a and then @b. */
static bool kmsg_seen(size_t mark, const char *a, const char *b)
{
	char *line;

	kmsg_pull();
	if (!klog || mark >= klog_used)
		return false;
	for (line = klog + mark; line && *line; ) {
		char *end = strchr(line, '\n'), *p;
		bool hit;

		if (end)
			*end = '\0';
		p = strstr(line, a);
		hit = p && strstr(p, b);
		if (end)
			*end = '\n';
		if (hit)
			return true;
		line = end ? end + 1 : NULL;
	}
	return false;
}

/*
 * Keep the driver's rejection lines within its rate limit (10 lines per
 * 5 s window, the window starting at the first line after the previous
 * one expired): after LOG_BATCH lines, sleep past any window they started.
 */
static unsigned int log_lines;

static void log_pace(void)
{
	if (log_lines >= LOG_BATCH) {
		usleep(LOG_SLEEP_MS * 1000);
		log_lines = 0;
	}
}

static void log_counted(void)
{
	log_lines++;
}

/* ---- the attacker --------------------------------------------------- */

struct attacker {
	struct gpu g;
	uint64_t res_gm, bb_gm, noop_gm, buf_gm;
	volatile uint32_t *res;
	uint64_t v_sent_gm;	/* the victim's sentinel pages */
	uint64_t v_shadow_gm;	/* the victim's RCS shadow (host hidden) */
	uint64_t host_ap_gm;	/* in the host's aperture reservation */
	uint8_t *vmem;		/* the victim's guest memory (shared) */
} A;

#define BB_SIZE		(64u * GPU_PAGE)
#define NOOP_SIZE	(GPU_CMD_MAX_BATCH + 8 * GPU_PAGE)

static uint64_t slot(unsigned int i)
{
	return A.res_gm + 4 * i;
}

static uint64_t bb(unsigned int i)	/* 256-byte batch slots */
{
	return A.bb_gm + 256ull * i;
}

static void cs_ring(struct gpu_cs *cs)
{
	cs_init(cs, stage, 0, sizeof(stage));
}

static uint32_t ring_off(uint32_t seg, uint32_t bytes)
{
	return (seg + bytes) % GPU_RING_SIZE;
}

/* What the PV error report must say. */
struct want {
	uint32_t code;
	uint64_t buf;
	uint32_t off;
	bool any_off;
};

/*
 * A builder appends the violation to @cs (which holds the marker store and
 * starts at ring offset @seg of engine @e) and fills @w.  It returns true
 * if it wrote TAIL itself.
 */
typedef bool (*build_fn)(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			 struct want *w);

#define HERE(cs)	ring_off(seg, cs_bytes(cs))

static bool b_unknown(struct gpu_cs *cs, unsigned int e, uint32_t seg,
		      struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_dw(cs, MVGPU_MI_INSTR(0x3f, 0));
	return false;
}

static bool b_pipe_control(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			   struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_pipe_control_store(cs, slot(8), 1);
	return false;
}

static bool b_compute(struct gpu_cs *cs, unsigned int e, uint32_t seg,
		      struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_compute(cs, MVGPU_KERNEL_SAXPY, 16, A.buf_gm, A.buf_gm, A.buf_gm, 1);
	return false;
}

static bool b_flush_dw(struct gpu_cs *cs, unsigned int e, uint32_t seg,
		       struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_flush_dw_store32(cs, slot(8), 1);
	return false;
}

static bool b_color_blt(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_color_blt(cs, A.buf_gm, 256, 0, 0, 4, 4, 0xffffffff);
	return false;
}

static bool b_lri_master(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			 struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_lri(cs, MVGPU_REG_MASTER_IRQ, 0);
	return false;
}

static bool b_lri_other_gpr(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			    struct want *w)
{
	w->off = HERE(cs);
	cs_lri(cs, MVGPU_CS_GPR(MVGPU_RING_BASE(!e), 0), 1);
	return false;
}

static bool b_lri_pair(struct gpu_cs *cs, unsigned int e, uint32_t seg,
		       struct want *w)
{
	w->off = HERE(cs);
	cs_dw(cs, MVGPU_MI_LOAD_REGISTER_IMM | (5 - 2));
	cs_dw(cs, MVGPU_CS_GPR(MVGPU_RING_BASE(e), 1));
	cs_dw(cs, 0x12345678);
	cs_dw(cs, MVGPU_REG_GDRST);
	cs_dw(cs, MVGPU_GDRST_FULL);
	return false;
}

static bool b_sdi_victim(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			 struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_sdi32(cs, A.v_sent_gm + 0x10, 0xbadbad);
	return false;
}

static bool b_sdi_host_ap(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			  struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_sdi32(cs, A.host_ap_gm, 0xbadbad);
	return false;
}

static bool b_sdi_host_hidden(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			      struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_sdi64(cs, A.v_shadow_gm, 0xbadbadbadbadull);
	return false;
}

static bool b_fill_past_end(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			    struct want *w)
{
	uint64_t end = A.g.hid_base + A.g.hid_size;

	(void)e;
	w->off = HERE(cs);
	/* Row 0 is the slice's last page, row 1 the page after it. */
	cs_color_blt(cs, end - GPU_PAGE, GPU_PAGE, 0, 0, 16, 2, 0xbadbad);
	return false;
}

static bool b_copy_from_victim(struct gpu_cs *cs, unsigned int e,
			       uint32_t seg, struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_copy_blt(cs, A.buf_gm, 1024, 0, 0, 16, 4, A.v_sent_gm, 1024, 0, 0);
	return false;
}

static bool b_saxpy_to_victim(struct gpu_cs *cs, unsigned int e,
			      uint32_t seg, struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_compute(cs, MVGPU_KERNEL_SAXPY, 256, A.buf_gm, A.buf_gm,
		   A.v_sent_gm, 3);
	return false;
}

static bool b_checksum_victim(struct gpu_cs *cs, unsigned int e,
			      uint32_t seg, struct want *w)
{
	(void)e;
	w->off = HERE(cs);
	cs_compute(cs, MVGPU_KERNEL_CHECKSUM, SENT_SIZE / 4, A.v_sent_gm, 0,
		   slot(9), 0);
	return false;
}

static bool b_unterminated(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			   struct want *w)
{
	(void)e;
	(void)seg;
	memset(gpu_va(&A.g, A.noop_gm), 0, NOOP_SIZE);
	cs_bb_start(cs, A.noop_gm, 0);
	w->buf = A.noop_gm;
	w->off = GPU_CMD_MAX_BATCH;	/* where the batch exceeds the limit */
	return false;
}

static bool b_ppgtt(struct gpu_cs *cs, unsigned int e, uint32_t seg,
		    struct want *w)
{
	struct gpu_cs b;

	(void)e;
	cs_init_gm(&b, &A.g, bb(0), 256);
	cs_sdi32(&b, slot(10), 1);
	cs_bb_end(&b);
	w->off = HERE(cs);
	cs_bb_start(cs, bb(0), MVGPU_BB_PPGTT);
	return false;
}

static bool b_second_from_ring(struct gpu_cs *cs, unsigned int e,
			       uint32_t seg, struct want *w)
{
	struct gpu_cs b;

	(void)e;
	cs_init_gm(&b, &A.g, bb(0), 256);
	cs_sdi32(&b, slot(10), 1);
	cs_bb_end(&b);
	w->off = HERE(cs);
	cs_bb_start(cs, bb(0), MVGPU_BB_SECOND_LEVEL);
	return false;
}

/* 17 chained batches: batch 15's jump to the 17th is one too many. */
static bool b_chain17(struct gpu_cs *cs, unsigned int e, uint32_t seg,
		      struct want *w)
{
	unsigned int i;

	(void)e;
	(void)seg;
	for (i = 0; i <= GPU_CMD_MAX_BATCHES; i++) {
		struct gpu_cs b;

		cs_init_gm(&b, &A.g, bb(i), 256);
		cs_sdi32(&b, slot(S_CHAIN + i), 1);
		if (i < GPU_CMD_MAX_BATCHES)
			cs_bb_start(&b, bb(i + 1), 0);
		else
			cs_bb_end(&b);
	}
	cs_bb_start(cs, bb(0), 0);
	w->buf = bb(GPU_CMD_MAX_BATCHES - 1);
	w->off = 16;
	return false;
}

static bool b_self_chain(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			 struct want *w)
{
	struct gpu_cs b;

	(void)e;
	(void)seg;
	cs_init_gm(&b, &A.g, bb(0), 256);
	cs_bb_start(&b, bb(0), 0);
	cs_bb_start(cs, bb(0), 0);
	w->buf = bb(0);
	w->off = 0;
	return false;
}

static bool b_second_starts(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			    struct want *w)
{
	struct gpu_cs b;

	(void)e;
	(void)seg;
	cs_init_gm(&b, &A.g, bb(0), 256);
	cs_sdi32(&b, slot(10), 1);
	cs_bb_start(&b, bb(1), MVGPU_BB_SECOND_LEVEL);
	cs_bb_end(&b);
	cs_init_gm(&b, &A.g, bb(1), 256);
	cs_sdi32(&b, slot(11), 1);
	cs_bb_start(&b, bb(2), 0);
	cs_init_gm(&b, &A.g, bb(2), 256);
	cs_bb_end(&b);
	cs_bb_start(cs, bb(0), 0);
	w->buf = bb(1);
	w->off = 16;
	return false;
}

/* A ~252 KiB batch chaining to itself: five copies overflow 1 MiB. */
static bool b_too_large(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			struct want *w)
{
	uint32_t *p = gpu_va(&A.g, A.noop_gm);
	const uint32_t at = GPU_CMD_MAX_BATCH - GPU_PAGE;
	struct gpu_cs b;

	(void)e;
	(void)seg;
	memset(p, 0, NOOP_SIZE);
	cs_init_gm(&b, &A.g, A.noop_gm + at, 16);
	cs_bb_start(&b, A.noop_gm, 0);
	cs_bb_start(cs, A.noop_gm, 0);
	w->buf = A.noop_gm;
	w->any_off = true;
	return false;
}

static bool b_ring_victim(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			  struct want *w)
{
	struct gpu_ring *r = &A.g.ring[e];

	(void)cs;
	gpu_wr(&A.g, MVGPU_RING_START(r->base), (uint32_t)A.v_sent_gm);
	r->tail = ring_off(seg, 8);
	gpu_ring_kick(&A.g, e);
	w->buf = A.v_sent_gm;
	w->off = seg;
	return true;
}

static bool b_ring_span(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			struct want *w)
{
	struct gpu_ring *r = &A.g.ring[e];
	uint64_t start = A.g.hid_base + A.g.hid_size - GPU_PAGE;

	(void)cs;
	gpu_wr(&A.g, MVGPU_RING_CTL(r->base), 0);
	gpu_wr(&A.g, MVGPU_RING_START(r->base), (uint32_t)start);
	gpu_wr(&A.g, MVGPU_RING_CTL(r->base), MVGPU_RING_VALID | 1u << 12);
	r->tail = ring_off(seg, 8);
	gpu_ring_kick(&A.g, e);
	w->buf = start;
	w->off = seg;
	return true;
}

static bool b_truncated(struct gpu_cs *cs, unsigned int e, uint32_t seg,
			struct want *w)
{
	/* The first two dwords of a four-dword MI_STORE_DATA_IMM. */
	const uint32_t part[2] = {
		MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | (4 - 2),
		(uint32_t)slot(12),
	};

	w->off = HERE(cs);
	if (gpu_ring_emit(&A.g, e, cs) ||
	    gpu_ring_emit_raw(&A.g, e, part, 2))
		rep_diag("truncated: %s", A.g.err);
	gpu_ring_kick(&A.g, e);
	return true;
}

struct vcase {
	const char *name;
	unsigned int engine;
	uint32_t code;
	build_fn build;
	bool aims_at_victim;
};

static const struct vcase cases[] = {
	{ "unknown MI opcode", RCS, MVGPU_ERR_UNKNOWN_OPCODE, b_unknown, false },
	{ "unknown MI opcode", BCS, MVGPU_ERR_UNKNOWN_OPCODE, b_unknown, false },
	{ "PIPE_CONTROL on BCS", BCS, MVGPU_ERR_WRONG_ENGINE, b_pipe_control, false },
	{ "MVGPU_COMPUTE on BCS", BCS, MVGPU_ERR_WRONG_ENGINE, b_compute, false },
	{ "MI_FLUSH_DW on RCS", RCS, MVGPU_ERR_WRONG_ENGINE, b_flush_dw, false },
	{ "XY_COLOR_BLT on RCS", RCS, MVGPU_ERR_WRONG_ENGINE, b_color_blt, false },
	{ "LRI of MASTER_IRQ", RCS, MVGPU_ERR_REGISTER, b_lri_master, false },
	{ "LRI of the other engine's GPR", RCS, MVGPU_ERR_REGISTER,
	  b_lri_other_gpr, false },
	{ "LRI of a GPR and GDRST", BCS, MVGPU_ERR_REGISTER, b_lri_pair, false },
	{ "MI_STORE_DATA_IMM into the other vGPU's slice", RCS,
	  MVGPU_ERR_ADDRESS, b_sdi_victim, true },
	{ "MI_STORE_DATA_IMM into the host aperture", BCS, MVGPU_ERR_ADDRESS,
	  b_sdi_host_ap, false },
	{ "MI_STORE_DATA_IMM into the other vGPU's shadow (host hidden)", RCS,
	  MVGPU_ERR_ADDRESS, b_sdi_host_hidden, false },
	{ "XY_COLOR_BLT running past the end of the slice", BCS,
	  MVGPU_ERR_ADDRESS, b_fill_past_end, false },
	{ "XY_SRC_COPY_BLT reading the other vGPU", BCS, MVGPU_ERR_ADDRESS,
	  b_copy_from_victim, true },
	{ "SAXPY writing the other vGPU", RCS, MVGPU_ERR_ADDRESS,
	  b_saxpy_to_victim, true },
	{ "CHECKSUM reading the other vGPU", RCS, MVGPU_ERR_ADDRESS,
	  b_checksum_victim, true },
	{ "batch without MI_BATCH_BUFFER_END", RCS, MVGPU_ERR_UNTERMINATED,
	  b_unterminated, false },
	{ "BB_START with the PPGTT bit", RCS, MVGPU_ERR_BAD_FIELD, b_ppgtt, false },
	{ "second-level BB_START from the ring", BCS, MVGPU_ERR_BAD_FIELD,
	  b_second_from_ring, false },
	{ "a chain of 17 batches", RCS, MVGPU_ERR_NESTING, b_chain17, false },
	{ "a batch chaining to itself", BCS, MVGPU_ERR_NESTING, b_self_chain, false },
	{ "a second-level batch starting a batch", RCS, MVGPU_ERR_NESTING,
	  b_second_starts, false },
	{ "batches overflowing the shadow", RCS, MVGPU_ERR_TOO_LARGE,
	  b_too_large, false },
	{ "ring START in the other vGPU's slice", RCS, MVGPU_ERR_BAD_RING,
	  b_ring_victim, true },
	{ "ring running past the end of the slice", BCS, MVGPU_ERR_BAD_RING,
	  b_ring_span, false },
	{ "command truncated at TAIL", BCS, MVGPU_ERR_TRUNCATED, b_truncated, false },
};

/* Run valid work on @e: returns HEAD afterwards (0 on failure). */
static bool run_valid(unsigned int e, unsigned int s, uint32_t val,
		      uint32_t *head)
{
	struct gpu_cs cs;
	uint32_t tail;
	int ret;

	A.res[s] = 0;
	cs_ring(&cs);
	cs_sdi32(&cs, slot(s), val);
	ret = gpu_submit(&A.g, e, &cs, &tail);
	if (!ret)
		ret = gpu_wait(&A.g, e, tail, WAIT_MS, NULL);
	if (ret)
		rep_diag("  valid work on %s: %s", eng_name(e), A.g.err);
	if (head)
		*head = tail;
	return !ret && A.res[s] == val;
}

/* After an error: GDRST, restart, valid work.  Reports the points. */
static void recover(const char *what, unsigned int e)
{
	uint32_t code = ~0u;
	int ret;

	ret = gpu_engine_reset(&A.g, e, 2000);
	if (!rep_ok(!ret, "%s: GDRST completes (the bit reads back 0)", what))
		rep_diag("  %s", A.g.err);
	gpu_engine_error(&A.g, e, &code, NULL, NULL);
	rep_eq(code, MVGPU_ERR_NONE, "%s: GDRST clears the PV error", what);
	gpu_ring_restart(&A.g, e);
	gpu_irq_poll(&A.g, 0);
	gpu_irq_take(&A.g, GPU_GT0_BITS(e));
	rep_ok(run_valid(e, S_AFTER, 0xaf7e4, NULL),
	       "%s: after GDRST the engine runs new work", what);
}

/* The engine is broken: new work is refused and changes nothing. */
static void refused(const char *what, unsigned int e, uint32_t head)
{
	struct gpu_cs cs;
	uint32_t bits;

	A.res[S_REFUSED] = 0;
	cs_ring(&cs);
	cs_sdi32(&cs, slot(S_REFUSED), 0x4ef);
	gpu_submit(&A.g, e, &cs, NULL);
	bits = gpu_irq_wait(&A.g, GPU_GT0_BITS(e), E2E_QUIET_MS);
	gpu_irq_take(&A.g, GPU_GT0_BITS(e));
	rep_ok(bits == 0 && A.res[S_REFUSED] == 0 &&
	       gpu_ring_head(&A.g, e) == head,
	       "%s: the broken engine refuses new work until GDRST", what);
	if (bits || A.res[S_REFUSED])
		rep_diag("  bits %#x, store %#x", bits, A.res[S_REFUSED]);
}

static void violation(const struct vcase *vc)
{
	const unsigned int e = vc->engine, o = !e;
	char what[160];
	struct want w = { .code = vc->code };
	uint32_t h0 = 0, bits, code, off;
	uint64_t buf, msi0;
	struct gpu_cs cs;
	bool kicked;
	size_t mark;

	snprintf(what, sizeof(what), "%s: %s", eng_name(e), vc->name);
	if (!rep_ok(run_valid(e, S_AFTER, 0x1, &h0) && h0,
		    "%s: valid work first (HEAD moves off 0)", what))
		return;
	log_pace();
	mark = kmsg_mark();
	A.res[S_MARK] = 0;
	memset((void *)&A.res[S_CHAIN], 0, 4 * (GPU_CMD_MAX_BATCHES + 1));
	cs_ring(&cs);
	cs_sdi32(&cs, slot(S_MARK), 0xa11);
	w.buf = A.g.ring[e].gm;
	msi0 = A.g.msi_count;
	kicked = vc->build(&cs, e, h0, &w);
	if (!kicked && gpu_submit(&A.g, e, &cs, NULL))
		rep_diag("  submit: %s", A.g.err);
	log_counted();

	bits = gpu_irq_wait(&A.g, MVGPU_GT0_ERROR(e), 5000);
	gpu_irq_poll(&A.g, 0);
	bits = gpu_irq_take(&A.g, GPU_GT0_BITS(e));
	rep_ok(bits & MVGPU_GT0_ERROR(e), "%s: ERROR interrupt of %s",
	       what, eng_name(e));
	rep_ok(A.g.msi_count > msi0, "%s: delivered by MSI", what);
	rep_eq(bits & (MVGPU_GT0_CTX_SWITCH(e) | MVGPU_GT0_USER_INTERRUPT(e)), 0,
	       "%s: no CTX_SWITCH or USER_INTERRUPT", what);
	gpu_engine_error(&A.g, e, &code, &off, &buf);
	if (!rep_ok(code == w.code, "%s: PV error %s", what,
		    gpu_err_name(w.code)))
		rep_diag("  got %s (%u) at %#x of %#llx", gpu_err_name(code),
			 code, off, (unsigned long long)buf);
	if (w.any_off)
		rep_diag("%s: error offset %#x", what, off);
	else
		rep_eq(off, w.off, "%s: PV error offset is the offending command's",
		       what);
	rep_eq(buf, w.buf, "%s: PV error buffer", what);
	rep_eq(gpu_ring_head(&A.g, e), h0, "%s: HEAD unchanged", what);
	rep_eq(A.res[S_MARK], 0, "%s: nothing executed (a store before the bad command did not land)",
	       what);
	if (vc->build == b_chain17) {
		unsigned int i, n = 0;

		for (i = 0; i <= GPU_CMD_MAX_BATCHES; i++)
			n += A.res[S_CHAIN + i] != 0;
		rep_eq(n, 0, "%s: no chained batch executed", what);
	}
	if (vc->aims_at_victim)
		rep_ok(sentinel_intact(A.vmem),
		       "%s: the other vGPU's memory is unchanged", what);

	refused(what, e, h0);
	rep_ok(run_valid(o, S_OTHER, 0x07e4, NULL),
	       "%s: %s keeps working meanwhile", what, eng_name(o));
	{
		char a[64], b[96];

		snprintf(a, sizeof(a), "vgpu%u: engine %u", A.g.vgpu_id, e);
		snprintf(b, sizeof(b), "rejected: %s", gpu_err_name(w.code));
		if (!rep_ok(kmsg_seen(mark, a, b),
			    "%s: the kernel log names the vGPU and the reason",
			    what))
			rep_diag("  no line with \"%s\" and \"%s\"", a, b);
	}
	recover(what, e);
}

/* A batch rewritten right after TAIL: the scanned content runs. */
static void test_toctou(void)
{
	struct gpu_cs cs, b;
	uint32_t tail, bits;
	int ret;

	A.res[S_TOCTOU] = 0;
	A.res[S_TOCTOU_BAD] = 0;
	cs_init_gm(&b, &A.g, bb(20), 256);
	cs_sdi32(&b, slot(S_TOCTOU), 0x7007);
	cs_bb_end(&b);
	cs_ring(&cs);
	cs_bb_start(&cs, bb(20), 0);
	cs_user_interrupt(&cs);
	ret = gpu_submit(&A.g, RCS, &cs, &tail);
	/* Now make the batch hostile. */
	cs_init_gm(&b, &A.g, bb(20), 256);
	cs_sdi32(&b, A.v_sent_gm + 0x20, 0xbadbad);
	cs_sdi32(&b, slot(S_TOCTOU_BAD), 0xbad);
	cs_bb_end(&b);
	if (!ret)
		ret = gpu_wait(&A.g, RCS, tail, WAIT_MS, &bits);
	if (!rep_ok(!ret, "TOCTOU: a batch rewritten after the TAIL write completes"))
		rep_diag("  %s", A.g.err);
	rep_eq(A.res[S_TOCTOU], 0x7007, "TOCTOU: the scanned content ran");
	rep_eq(A.res[S_TOCTOU_BAD], 0, "TOCTOU: the rewritten content did not");
	rep_ok(sentinel_intact(A.vmem),
	       "TOCTOU: the other vGPU's memory is unchanged");
}

/* A counter of the software GPU's engine (debugfs), or -1. */
static long long sgpu_stat(unsigned int engine, const char *key)
{
	char path[128];

	snprintf(path, sizeof(path), "mvgpu_sgpu/%s/engine%u", e2e_pgpu(),
		 engine);
	return e2e_debugfs_stat(path, key);
}

static int param_read(unsigned int *v)
{
	uint64_t x;
	int ret = mvgpu_sysfs_read_u64(HANG_PARAM, &x);

	*v = x;
	return ret;
}

static int param_write(unsigned int v)
{
	char s[32];

	snprintf(s, sizeof(s), "%u", v);
	return mvgpu_sysfs_write_str(HANG_PARAM, s);
}

static void test_hang(void)
{
	const char *what = "hang";
	uint64_t hog = A.g.hid_base + (64ull << 20);
	unsigned int old = 5000, i;
	uint32_t h0 = 0, bits, code, off;
	uint64_t buf, t0, dt;
	long long cancelled = sgpu_stat(RCS, "cancelled");
	struct gpu_cs cs;
	size_t mark;
	char a[64];

	if (!rep_ok(!param_read(&old) && !param_write(HANG_MS),
		    "hang: set hang_timeout_ms to %u (was %u)", HANG_MS, old))
		return;
	if (!rep_ok(run_valid(RCS, S_AFTER, 1, &h0),
		    "hang: valid work first"))
		goto out;
	log_pace();
	mark = kmsg_mark();
	A.res[S_MARK] = 0;
	A.res[S_HANG_END] = 0;
	cs_ring(&cs);
	cs_sdi32(&cs, slot(S_MARK), 0xa11);
	/* Scratch pages behind the unmapped part of the slice: legal. */
	for (i = 0; i < 4; i++)
		cs_compute(&cs, MVGPU_KERNEL_SAXPY, MVGPU_COMPUTE_MAX_COUNT, hog,
			   hog, hog, 3);
	cs_sdi32(&cs, slot(S_HANG_END), 0xe4d);
	cs_user_interrupt(&cs);
	t0 = e2e_now_ms();
	if (gpu_submit(&A.g, RCS, &cs, NULL))
		rep_diag("  submit: %s", A.g.err);
	log_counted();
	bits = gpu_irq_wait(&A.g, MVGPU_GT0_ERROR(RCS) | MVGPU_GT0_CTX_SWITCH(RCS),
			    30000);
	dt = e2e_now_ms() - t0;
	gpu_irq_poll(&A.g, 0);
	bits = gpu_irq_take(&A.g, GPU_GT0_BITS(RCS));
	rep_diag("hang: reported after %llu ms; the RCS engine cancelled %lld workloads (sgpu debugfs)",
		 (unsigned long long)dt, sgpu_stat(RCS, "cancelled") - cancelled);
	rep_ok(bits & MVGPU_GT0_ERROR(RCS), "hang: ERROR interrupt of RCS");
	rep_eq(bits & MVGPU_GT0_CTX_SWITCH(RCS), 0, "hang: no CTX_SWITCH");
	rep_ok(dt >= HANG_MS - 20 && dt < 10000,
	       "hang: reported after about hang_timeout_ms (%llu ms)",
	       (unsigned long long)dt);
	gpu_engine_error(&A.g, RCS, &code, &off, &buf);
	rep_eq(code, MVGPU_ERR_HANG, "hang: PV error HANG");
	/*
	 * The offset is the ring position the engine had reached: past the
	 * first store (16 bytes), at one of the four 40-byte SAXPYs.
	 */
	{
		uint32_t rel = (off - h0) % GPU_RING_SIZE;

		rep_ok(rel >= 16 && rel < 16 + 4 * 40 && (rel - 16) % 40 == 0,
		       "hang: PV error offset is the position reached (a SAXPY)");
	}
	rep_eq(buf, A.g.ring[RCS].gm, "hang: PV error buffer is the ring");
	rep_eq(gpu_ring_head(&A.g, RCS), h0, "hang: HEAD unchanged");
	rep_eq(A.res[S_HANG_END], 0, "hang: the workload did not complete");
	rep_diag("hang: the store before the SAXPYs %s",
		 A.res[S_MARK] ? "ran" : "did not run");
	refused(what, RCS, h0);
	snprintf(a, sizeof(a), "vgpu%u: engine 0", A.g.vgpu_id);
	rep_ok(kmsg_seen(mark, a, "still running after"),
	       "hang: the kernel log reports the watchdog reset");
	rep_ok(kmsg_seen(mark, a, "rejected: hang"),
	       "hang: the kernel log reports the hang error");
	recover(what, RCS);
out:
	rep_ok(!param_write(old), "hang: restore hang_timeout_ms to %u", old);
}

/* ---- watchdog and queueing ------------------------------------------- */

#define Q_TIMEOUT_MS	1000
#define Q_HELPERS	3		/* vGPUs with long legal work */
#define Q_TYPE		"V1_8"

struct helper {
	struct gpu g;
	uint64_t res_gm;
	volatile uint32_t *res;
	uint32_t tail;
};

static int helper_open(struct helper *h, const char *uuid, uint64_t iova)
{
	struct gpu *g = &h->g;
	int ret = gpu_open(g, uuid, MVGPU_VFIO_AUTO);

	if (!ret)
		ret = gpu_mem_init(g, g->hid_base, 16 * GPU_PAGE, iova);
	if (!ret)
		ret = gpu_irq_init(g);
	if (!ret) {
		uint64_t r = gpu_alloc(g, GPU_RING_SIZE, 0);
		uint64_t hws = gpu_alloc(g, GPU_PAGE, 0);

		ret = gpu_ring_init(g, RCS, r, GPU_RING_SIZE, hws) ? -EIO : 0;
	}
	h->res_gm = gpu_alloc(g, GPU_PAGE, 0);
	h->res = gpu_va(g, h->res_gm);
	if (!ret && !h->res_gm)
		ret = -ENOMEM;
	return ret;
}

/* Legal SAXPYs over @count elements of scratch pages, then a store. */
static int helper_kick(struct helper *h, uint64_t count)
{
	uint64_t hog = h->g.hid_base + (64ull << 20);
	struct gpu_cs cs;

	h->res[0] = 0;
	cs_ring(&cs);
	while (count) {
		uint32_t n = count > MVGPU_COMPUTE_MAX_COUNT ?
			     MVGPU_COMPUTE_MAX_COUNT : (uint32_t)count;

		cs_compute(&cs, MVGPU_KERNEL_SAXPY, n, hog, hog, hog, 3);
		count -= n;
	}
	cs_sdi32(&cs, h->res_gm, 0xd0e);
	return gpu_submit(&h->g, RCS, &cs, &h->tail);
}

/*
 * hang_timeout_ms is "engine time a workload may take".  Q_HELPERS vGPUs
 * each submit legal work taking about 0.45 of it, back to back; the
 * attacker submits a single store right behind them.  Together they take
 * longer than the timeout, but no workload overruns it on the engine, so
 * none may be declared hung -- however long it waited in the queue.
 */
static void test_queueing(char uuids[][MVGPU_UUID_LEN + 1])
{
	struct helper h[Q_HELPERS];
	bool ok = true;
	unsigned int old = 5000, i;
	uint64_t t0, dt, count;
	uint32_t tail, code, off;
	uint64_t buf;
	struct gpu_cs cs;
	int ret[Q_HELPERS + 1];

	memset(h, 0, sizeof(h));
	for (i = 0; i < Q_HELPERS && ok; i++)
		ok = !helper_open(&h[i], uuids[i], 0x400000000ull +
				  i * 0x80000000ull);
	if (!rep_ok(ok, "queueing: %u more vGPUs set up", Q_HELPERS))
		goto out;
	/*
	 * Calibrate on the idle engine (default timeout): a workload of
	 * about 0.45 of Q_TIMEOUT_MS, measured, not guessed: together they
	 * exceed the timeout, each one leaves a margin for a noisy host.
	 */
	count = 4u << 20;
	for (i = 0; i < 6; i++) {
		t0 = e2e_now_ms();
		ret[0] = helper_kick(&h[0], count);
		if (!ret[0])
			ret[0] = gpu_wait(&h[0].g, RCS, h[0].tail, WAIT_MS, NULL);
		dt = e2e_now_ms() - t0;
		if (ret[0] || !dt)
			break;
		rep_diag("queueing: calibration: %llu elements in %llu ms",
			 (unsigned long long)count, (unsigned long long)dt);
		if (dt >= Q_TIMEOUT_MS * 36 / 100 && dt <= Q_TIMEOUT_MS * 6 / 10)
			break;
		count = count * (Q_TIMEOUT_MS * 45 / 100) / dt;
		if (count > 16ull * MVGPU_COMPUTE_MAX_COUNT)
			count = 16ull * MVGPU_COMPUTE_MAX_COUNT;
		dt = 0;
	}
	if (!ret[0] && !dt) {
		rep_skip("could not size a workload to 36-60% of the timeout",
			 "queueing: legal work queued behind others is not declared hung");
		goto out;
	}
	if (!rep_ok(!ret[0],
		    "queueing: one workload takes %llu ms of engine time (%llu elements)",
		    (unsigned long long)dt, (unsigned long long)count))
		goto out;
	if (!rep_ok(!param_read(&old) && !param_write(Q_TIMEOUT_MS),
		    "queueing: set hang_timeout_ms to %u", Q_TIMEOUT_MS))
		goto out;

	t0 = e2e_now_ms();
	for (i = 0; i < Q_HELPERS; i++)
		ret[i] = helper_kick(&h[i], count);
	A.res[S_AFTER] = 0;
	cs_ring(&cs);
	cs_sdi32(&cs, slot(S_AFTER), 0x9e);
	ret[Q_HELPERS] = gpu_submit(&A.g, RCS, &cs, &tail);
	for (i = 0; i < Q_HELPERS; i++) {
		if (!ret[i])
			ret[i] = gpu_wait(&h[i].g, RCS, h[i].tail, WAIT_MS, NULL);
		gpu_engine_error(&h[i].g, RCS, &code, &off, &buf);
		if (!rep_ok(!ret[i] && h[i].res[0] == 0xd0e,
			    "queueing: vgpu%u's legal workload (0.36-0.6 of hang_timeout_ms, queued behind %u) completes without a hang",
			    h[i].g.vgpu_id, i))
			rep_diag("  after %llu ms: %s; PV error %s",
				 (unsigned long long)(e2e_now_ms() - t0),
				 h[i].g.err, gpu_err_name(code));
	}
	if (!ret[Q_HELPERS])
		ret[Q_HELPERS] = gpu_wait(&A.g, RCS, tail, WAIT_MS, NULL);
	gpu_engine_error(&A.g, RCS, &code, &off, &buf);
	if (!rep_ok(!ret[Q_HELPERS] && A.res[S_AFTER] == 0x9e,
		    "queueing: vgpu%u's single store queued behind them completes without a hang",
		    A.g.vgpu_id))
		rep_diag("  after %llu ms: %s; PV error %s",
			 (unsigned long long)(e2e_now_ms() - t0), A.g.err,
			 gpu_err_name(code));
	rep_diag("queueing: all done after %llu ms",
		 (unsigned long long)(e2e_now_ms() - t0));
	rep_ok(!param_write(old), "queueing: restore hang_timeout_ms to %u", old);
	/* Leave the attacker's RCS usable whatever happened. */
	gpu_engine_reset(&A.g, RCS, 2000);
	gpu_ring_restart(&A.g, RCS);
out:
	for (i = 0; i < Q_HELPERS; i++)
		gpu_release(&h[i].g);
}

static bool read_u64(const char *uuid, const char *attr, uint64_t *v)
{
	return !mvgpu_vgpu_attr_u64(uuid, attr, v);
}

int main(void)
{
	char a_uuid[MVGPU_UUID_LEN + 1] = "", v_uuid[MVGPU_UUID_LEN + 1] = "";
	char q_uuid[Q_HELPERS][MVGPU_UUID_LEN + 1] = { "" };
	int ready[2] = { -1, -1 }, stop[2] = { -1, -1 };
	uint64_t v_id = 0, v_hid = 0, ap_size;
	struct gpu *g = &A.g;
	FILE *vout = NULL;
	pid_t vpid = -1;
	unsigned int i;
	char c = 0;
	int ret;

	e2e_init("cmd_malicious", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();
	if (!tap_rc(e2e_vgpu_create(TYPE, a_uuid), 0, "create the attacker vGPU") ||
	    !tap_rc(e2e_vgpu_create(TYPE, v_uuid), 0, "create the victim vGPU"))
		goto out;
	if (!tap_ok(read_u64(v_uuid, "vgpu_id", &v_id) &&
		    read_u64(v_uuid, "hidden_base", &v_hid),
		    "read the victim's slices from sysfs"))
		goto out;

	A.vmem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	vout = tmpfile();
	if (!tap_ok(A.vmem != MAP_FAILED && vout && !pipe(ready) && !pipe(stop),
		    "shared memory, result file and pipes for the victim"))
		goto out;
	fflush(NULL);
	vpid = fork();
	if (vpid == 0) {
		close(ready[0]);
		close(stop[1]);
		signal(SIGALRM, SIG_DFL);
		alarm(E2E_WATCHDOG_S - 30);
		rep_init(vout, NULL);
		_exit(victim_main(v_uuid, A.vmem, ready[1], stop[0]));
	}
	close(ready[1]);
	ready[1] = -1;
	close(stop[0]);
	stop[0] = -1;
	{
		struct pollfd pfd = { .fd = ready[0], .events = POLLIN };

		ret = poll(&pfd, 1, 60000) == 1 && read(ready[0], &c, 1) == 1 &&
		      c == 'R';
	}
	if (!tap_ok(vpid > 0 && ret, "the victim is set up and running"))
		goto stop_victim;

	ret = gpu_open(g, a_uuid, MVGPU_VFIO_AUTO);
	if (!ret)
		ret = gpu_mem_init(g, g->hid_base, MEM_SIZE, A_IOVA);
	if (!ret)
		ret = gpu_irq_init(g);
	if (!ret) {
		uint64_t r0 = gpu_alloc(g, GPU_RING_SIZE, 0);
		uint64_t r1 = gpu_alloc(g, GPU_RING_SIZE, 0);
		uint64_t h0 = gpu_alloc(g, GPU_PAGE, 0);
		uint64_t h1 = gpu_alloc(g, GPU_PAGE, 0);

		ret = gpu_ring_init(g, RCS, r0, GPU_RING_SIZE, h0) ||
		      gpu_ring_init(g, BCS, r1, GPU_RING_SIZE, h1) ? -EIO : 0;
	}
	A.res_gm = gpu_alloc(g, GPU_PAGE, 0);
	A.bb_gm = gpu_alloc(g, BB_SIZE, 0);
	A.buf_gm = gpu_alloc(g, 16 * GPU_PAGE, 0);
	A.noop_gm = gpu_alloc(g, NOOP_SIZE, 0);
	if (!tap_ok(!ret && A.noop_gm, "attacker: open, guest memory, interrupts, rings")) {
		tap_diag("%s", g->err);
		goto stop_victim;
	}
	A.res = gpu_va(g, A.res_gm);
	A.v_sent_gm = v_hid + SENT_OFF;
	ap_size = g->d->regions[VFIO_PCI_BAR2_REGION_INDEX].size;
	/* Shadow buffers: one 1 MiB slot per vGPU engine after the aperture. */
	A.v_shadow_gm = ap_size + (v_id - 1) * MVGPU_NUM_ENGINES * (1ull << 20);
	A.host_ap_gm = 0x1000;
	tap_diag("attacker vgpu%u hidden %#llx+%#llx; victim vgpu%llu's pages at %#llx, its RCS shadow at %#llx",
		 g->vgpu_id, (unsigned long long)g->hid_base,
		 (unsigned long long)g->hid_size, (unsigned long long)v_id,
		 (unsigned long long)A.v_sent_gm,
		 (unsigned long long)A.v_shadow_gm);
	tap_ok(!gpu_in_slices(g, A.v_sent_gm, 1) &&
	       !gpu_in_slices(g, A.v_shadow_gm, 1) &&
	       !gpu_in_slices(g, A.host_ap_gm, 1),
	       "the targets lie outside the attacker's slices");

	kmsg_open();
	/* Any earlier rejection may have started the log's rate window. */
	usleep(LOG_SLEEP_MS * 1000);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		violation(&cases[i]);
	test_toctou();
	test_hang();
	tap_ok(sentinel_intact(A.vmem),
	       "the victim's pages are unchanged after all attacks");

stop_victim:
	if (stop[1] >= 0) {
		close(stop[1]);
		stop[1] = -1;
	}
	if (vpid > 0) {
		int status = 0;

		waitpid(vpid, &status, 0);
		rep_replay(vout);
		if (!tap_ok(WIFEXITED(status) && !WEXITSTATUS(status),
			    "the victim exited normally"))
			tap_diag("wait status %#x", status);
	}
	if (g->d && A.res) {
		for (i = 0, ret = 0; i < Q_HELPERS && !ret; i++)
			ret = e2e_vgpu_create(Q_TYPE, q_uuid[i]);
		if (!ret)
			test_queueing(q_uuid);
		else
			tap_skip("no room for more vGPUs",
				 "queueing: legal work queued behind others is not declared hung");
	}
	gpu_release(g);
out:
	if (ready[0] >= 0)
		close(ready[0]);
	if (vout)
		fclose(vout);
	for (i = 0; i < Q_HELPERS; i++)
		if (q_uuid[i][0])
			tap_rc(e2e_vgpu_remove(q_uuid[i]), 0,
			       "remove queueing vGPU %u", i);
	if (v_uuid[0])
		tap_rc(e2e_vgpu_remove(v_uuid), 0, "remove the victim vGPU");
	if (a_uuid[0])
		tap_rc(e2e_vgpu_remove(a_uuid), 0, "remove the attacker vGPU");
	return tap_done();
}
