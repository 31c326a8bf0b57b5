// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_submit - command submission on both engines of several vGPUs at once.
 *
 * NR_VGPUS V1_4 vGPUs on the pGPU under test, each driven by its own
 * process at the same time (tests/e2e/common/gpu.c is the guest driver).
 * Each one builds its buffers in its own guest memory (one in the hidden
 * slice, the next in the aperture slice, and so on) and checks:
 *
 *  RCS  MI_STORE_DATA_IMM (dword and qword), PIPE_CONTROL post-sync write,
 *       MI_LOAD_REGISTER_IMM of a GPR (accepted; the value reaches the
 *       vGPU's engine context image, seen in mvgpu's debugfs), MVGPU_COMPUTE
 *       SAXPY over 64K elements and CHECKSUM (byte for byte against the
 *       CPU), batch buffers: first level, chained, second-level call and
 *       return, a batch on BCS too;
 *  BCS  XY_COLOR_BLT of a rectangle with a pitch (every byte of the
 *       surface checked), XY_SRC_COPY_BLT, MI_FLUSH_DW post-sync stores;
 *  both the MSI arrives; GT0 IIR has USER_INTERRUPT and CTX_SWITCH of the
 *       right engine (and no USER_INTERRUPT without MI_USER_INTERRUPT);
 *       HEAD == TAIL after completion and the status page's HEAD dword
 *       matches; ACTHD; the timestamps advance at about 12.5 MHz; the 4
 *       KiB ring wraps (several times, a segment across the end, a command
 *       across the end) with correct results; a second submission made
 *       while the first runs (TAIL moved twice) completes in order;
 *       MI_MODE STOP_RING holds submissions until cleared; GDRST of an idle
 *       engine zeroes CTL/HEAD/TAIL, reads back 0, leaves the other engine
 *       alone, and the engine works again afterwards; GDRST of a busy
 *       engine reads 1 until done (also across a GDRST write for the other
 *       engine), then 0 with the ring zeroed.
 *
 * The children cannot report TAP themselves: each writes its results to a
 * temporary file that the parent replays, prefixed with "vgpu<id>".
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"
#include "gpu.h"

#define TYPE		"V1_4"
#define NR_VGPUS	3
#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS
#define MEM_SIZE	(2u << 20)
#define IOVA		0x200000000ull
#define N_SAXPY		(64u << 10)
#define WAIT_MS		20000
/* A child's own watchdog: below the parent's. */
#define CHILD_TIMEOUT_S	(E2E_WATCHDOG_S - 40)

/* Surfaces for the blits: 32 bpp. */
#define DST_PITCH	1024u	/* 256 pixels */
#define DST_ROWS	64u
#define SRC_PITCH	768u	/* 192 pixels */
#define SRC_ROWS	48u

/* ---- one vGPU's suite ------------------------------------------------ */

struct ctx {
	struct gpu g;
	unsigned int idx;
	uint64_t res_gm;	/* results page */
	volatile uint32_t *res;
	uint64_t batch_gm;	/* batch pages */
	uint64_t a_gm, b_gm, d_gm;
	uint32_t *a, *b, *d;
	uint32_t *ref;		/* CPU SAXPY result */
	uint64_t dst_gm, src_gm;
	uint8_t *dst, *src;
	uint64_t wrap_gm;
	volatile uint32_t *wrap;
};

static const char *eng_name(unsigned int e)
{
	return e == RCS ? "RCS" : "BCS";
}

/* Staging buffer for ring submissions (one per process). */
static uint32_t stage[4096];

static void cs_ring(struct gpu_cs *cs)
{
	cs_init(cs, stage, 0, sizeof(stage));
}

/*
 * Submit @cs on @e and wait for it; returns the wait result and the
 * engine's IIR bits.  Reports a failure of either step.
 */
static int run(struct ctx *c, unsigned int e, struct gpu_cs *cs,
	       uint32_t *bits, uint32_t *tail, const char *what)
{
	uint32_t t = 0, b = 0;
	int ret;

	ret = gpu_submit(&c->g, e, cs, &t);
	if (!ret)
		ret = gpu_wait(&c->g, e, t, WAIT_MS, &b);
	if (ret) {
		uint32_t code, off;
		uint64_t buf;

		gpu_engine_error(&c->g, e, &code, &off, &buf);
		rep_diag("%s on %s: %s; PV error %s at %#x of %#llx", what,
		   eng_name(e), c->g.err, gpu_err_name(code), off,
		   (unsigned long long)buf);
	}
	if (bits)
		*bits = b;
	if (tail)
		*tail = t;
	return ret;
}

static uint64_t slot_gm(const struct ctx *c, unsigned int slot)
{
	return c->res_gm + 4 * slot;
}

/*
 * A GPR of this vGPU's engine context image (mvgpu debugfs), or -1 if
 * unavailable.  The physical engine's own registers hold whichever vGPU
 * ran last: the image is the vGPU's.
 */
static int64_t debugfs_gpr(struct ctx *c, unsigned int engine, unsigned int n)
{
	char path[128], key[16];

	snprintf(path, sizeof(path), "mvgpu/%s/vgpu%u/context", e2e_pgpu(),
		 c->g.vgpu_id);
	snprintf(key, sizeof(key), "%s.gpr%u", engine == RCS ? "rcs" : "bcs",
		 n);
	return e2e_debugfs_stat(path, key);
}

static void test_rcs_basic(struct ctx *c)
{
	struct gpu *g = &c->g;
	const uint32_t v32 = 0xa5000000u | c->idx << 16 | 0x1234;
	const uint64_t v64 = 0x1122334455660000ull | c->idx << 8 | 0x77;
	const uint64_t pc = 0xcafef00d00000000ull | c->idx;
	const unsigned int gpr = 2 + c->idx;
	const uint32_t glo = 0x600d0000u | c->idx, ghi = 0x0bad0000u | c->idx;
	uint32_t base = MVGPU_RENDER_RING_BASE, bits, tail, acthd;
	uint64_t msi0 = g->msi_count;
	struct gpu_cs cs;
	int64_t gv;

	cs_ring(&cs);
	cs_sdi32(&cs, slot_gm(c, 0), v32);
	cs_sdi64(&cs, slot_gm(c, 2), v64);
	cs_pipe_control_store(&cs, slot_gm(c, 4), pc);
	cs_lri(&cs, MVGPU_CS_GPR(base, gpr), glo);
	cs_lri(&cs, MVGPU_CS_GPR(base, gpr) + 4, ghi);
	cs_user_interrupt(&cs);
	if (!rep_ok(!run(c, RCS, &cs, &bits, &tail, "basic RCS"),
		"RCS: SDI, PIPE_CONTROL, LRI, USER_INTERRUPT complete"))
		return;
	rep_ok(g->msi_count > msi0, "RCS: the MSI eventfd was signalled");
	rep_eq(bits & (MVGPU_GT0_RCS_USER_INTERRUPT | MVGPU_GT0_CTX_SWITCH(RCS)),
	      MVGPU_GT0_RCS_USER_INTERRUPT | MVGPU_GT0_CTX_SWITCH(RCS),
	      "RCS: IIR had USER_INTERRUPT and CTX_SWITCH of RCS");
	rep_eq(bits & MVGPU_GT0_ERROR(RCS), 0, "RCS: no ERROR");
	rep_eq(g->irq_seen & GPU_GT0_BITS(BCS), 0, "RCS: no BCS bits raised");
	rep_eq(gpu_rd(g, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_GT0)), 0,
	      "RCS: IIR reads 0 after the handler cleared it");
	rep_eq(gpu_ring_head(g, RCS), tail, "RCS: HEAD == TAIL after completion");
	rep_eq(g->ring[RCS].hws[MVGPU_HWS_RING_HEAD], tail,
	      "RCS: status page HEAD dword == TAIL");
	acthd = gpu_rd(g, MVGPU_RING_ACTHD(base));
	rep_eq(acthd, (uint32_t)g->ring[RCS].gm + tail, "RCS: ACTHD == START + HEAD");
	rep_eq(c->res[0], v32, "RCS: MI_STORE_DATA_IMM dword");
	rep_eq(c->res[1], 0, "RCS: the dword store wrote 4 bytes only");
	rep_eq(c->res[2] | (uint64_t)c->res[3] << 32, v64,
	      "RCS: MI_STORE_DATA_IMM qword");
	rep_eq(c->res[4] | (uint64_t)c->res[5] << 32, pc,
	      "RCS: PIPE_CONTROL post-sync qword write");
	gv = debugfs_gpr(c, RCS, gpr);
	if (gv < 0)
		rep_skip("no mvgpu debugfs", "RCS: LRI loaded the GPR");
	else
		rep_eq((uint64_t)gv, (uint64_t)ghi << 32 | glo,
		      "RCS: LRI loaded GPR%u (its context image, debugfs)",
		      gpr);

	/* Without MI_USER_INTERRUPT: a context switch only. */
	cs_ring(&cs);
	cs_sdi32(&cs, slot_gm(c, 6), 6);
	if (rep_ok(!run(c, RCS, &cs, &bits, &tail, "RCS without user interrupt"),
	       "RCS: a submission without MI_USER_INTERRUPT completes"))
		rep_eq(bits & (MVGPU_GT0_RCS_USER_INTERRUPT |
			      MVGPU_GT0_CTX_SWITCH(RCS)),
		      MVGPU_GT0_CTX_SWITCH(RCS),
		      "RCS: ... with CTX_SWITCH and no USER_INTERRUPT");
	rep_eq(c->res[6], 6, "RCS: its store landed");
}

static void test_timestamps(struct ctx *c)
{
	struct gpu *g = &c->g;
	uint64_t t0[2], t1[2], w0, w1;
	uint32_t hi0[2], hi1[2];
	unsigned int e;

	w0 = e2e_now_ms();
	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		t0[e] = gpu_timestamp(g, e);
		hi0[e] = gpu_rd(g, MVGPU_RING_TIMESTAMP_UDW(MVGPU_RING_BASE(e)));
	}
	usleep(200 * 1000);
	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		t1[e] = gpu_timestamp(g, e);
		hi1[e] = gpu_rd(g, MVGPU_RING_TIMESTAMP_UDW(MVGPU_RING_BASE(e)));
	}
	w1 = e2e_now_ms();
	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		uint64_t ticks = t1[e] - t0[e], ms = w1 - w0;
		uint64_t lo = ms * (MVGPU_TIMESTAMP_HZ / 1000) / 2;
		uint64_t hi = (ms + 20) * (MVGPU_TIMESTAMP_HZ / 1000) * 2;

		rep_ok(t1[e] > t0[e], "%s: RING_TIMESTAMP (lo/hi) advances",
		       eng_name(e));
		/* 2^32 ticks are 343 s: the high half moves by 1 at most. */
		if (!rep_ok(hi1[e] - hi0[e] <= 1,
			    "%s: RING_TIMESTAMP_UDW is the high half (moves by 1 at most in 200 ms)",
			    eng_name(e)))
			rep_diag("  UDW %#x then %#x; timestamps %#llx then %#llx",
				 hi0[e], hi1[e], (unsigned long long)t0[e],
				 (unsigned long long)t1[e]);
		if (!rep_ok(ticks >= lo && ticks <= hi,
			    "%s: the timestamp runs at about 12.5 MHz",
			    eng_name(e)))
			rep_diag("  %llu ticks in %llu ms (%#llx -> %#llx)",
				 (unsigned long long)ticks,
				 (unsigned long long)ms,
				 (unsigned long long)t0[e],
				 (unsigned long long)t1[e]);
	}
}

static void test_compute(struct ctx *c)
{
	const uint32_t scalar = 3 + 2 * c->idx;
	uint32_t i, bits, want;
	struct gpu_cs cs;

	for (i = 0; i < N_SAXPY; i++) {
		c->a[i] = i * 2654435761u ^ (c->idx << 28);
		c->b[i] = ~i * 40503u + c->idx;
		c->d[i] = 0xdeadbeef;
	}
	gpu_saxpy_ref(c->ref, c->a, c->b, N_SAXPY, scalar);

	cs_ring(&cs);
	cs_compute(&cs, MVGPU_KERNEL_SAXPY, N_SAXPY, c->a_gm, c->b_gm, c->d_gm,
		   scalar);
	/* CHECKSUM of the SAXPY result: ordered after it. */
	cs_compute(&cs, MVGPU_KERNEL_CHECKSUM, N_SAXPY, c->d_gm, 0,
		   slot_gm(c, 16), 0);
	/* CHECKSUM at an unaligned source address. */
	cs_compute(&cs, MVGPU_KERNEL_CHECKSUM, 1000, c->a_gm + 1, 0,
		   slot_gm(c, 17), 0);
	/* CHECKSUM of nothing: the FNV-1a basis. */
	cs_compute(&cs, MVGPU_KERNEL_CHECKSUM, 0, 0, 0, slot_gm(c, 18), 0);
	cs_user_interrupt(&cs);
	if (!rep_ok(!run(c, RCS, &cs, &bits, NULL, "compute"),
		"RCS: SAXPY over %u elements and CHECKSUMs complete", N_SAXPY))
		return;
	if (!rep_ok(!memcmp(c->d, c->ref, N_SAXPY * 4),
		"RCS: SAXPY result equals the CPU's, byte for byte")) {
		for (i = 0; i < N_SAXPY && c->d[i] == c->ref[i]; i++)
			;
		rep_diag("  first difference at element %u: %#x, want %#x", i,
		   c->d[i], c->ref[i]);
	}
	want = gpu_fnv1a(c->ref, N_SAXPY * 4);
	rep_eq(c->res[16], want, "RCS: CHECKSUM of the SAXPY result");
	rep_eq(c->res[17], gpu_fnv1a((uint8_t *)c->a + 1, 4000),
	      "RCS: CHECKSUM at an unaligned address");
	rep_eq(c->res[18], 0x811c9dc5u, "RCS: CHECKSUM of 0 elements");
}

static void test_batches(struct ctx *c)
{
	struct gpu *g = &c->g;
	uint64_t b1 = c->batch_gm, b2 = b1 + GPU_PAGE, b3 = b2 + GPU_PAGE;
	uint64_t b4 = b3 + GPU_PAGE;
	uint32_t bits;
	struct gpu_cs cs, bb;

	/* First level: stores in the batch, then one in the ring after it. */
	cs_init_gm(&bb, g, b1, GPU_PAGE);
	cs_sdi32(&bb, slot_gm(c, 20), 0xb1);
	cs_pipe_control_store(&bb, slot_gm(c, 22), 0xb1b1b1b1b1ull);
	cs_bb_end(&bb);
	cs_sdi32(&bb, slot_gm(c, 24), 0xbad);	/* after the end */
	cs_ring(&cs);
	cs_bb_start(&cs, b1, 0);
	cs_sdi32(&cs, slot_gm(c, 21), 0x21);
	cs_user_interrupt(&cs);
	if (rep_ok(!run(c, RCS, &cs, &bits, NULL, "first-level batch"),
	       "batch: first-level batch completes")) {
		rep_eq(c->res[20], 0xb1, "batch: first-level batch's store");
		rep_eq(c->res[22] | (uint64_t)c->res[23] << 32, 0xb1b1b1b1b1ull,
		      "batch: first-level batch's PIPE_CONTROL");
		rep_eq(c->res[21], 0x21, "batch: the ring continues after it");
		rep_eq(c->res[24], 0, "batch: nothing after MI_BATCH_BUFFER_END runs");
	}

	/* Chained: A jumps to B; what follows the jump in A never runs. */
	cs_init_gm(&bb, g, b1, GPU_PAGE);
	cs_sdi32(&bb, slot_gm(c, 25), 0xa);
	cs_bb_start(&bb, b2, 0);
	cs_sdi32(&bb, slot_gm(c, 26), 0xbad);
	cs_bb_end(&bb);
	cs_init_gm(&bb, g, b2, GPU_PAGE);
	cs_sdi32(&bb, slot_gm(c, 27), 0xb);
	cs_bb_start(&bb, b3, 0);
	cs_init_gm(&bb, g, b3, GPU_PAGE);
	cs_sdi32(&bb, slot_gm(c, 28), 0xc);
	cs_bb_end(&bb);
	cs_ring(&cs);
	cs_bb_start(&cs, b1, 0);
	cs_sdi32(&cs, slot_gm(c, 29), 0x29);
	if (rep_ok(!run(c, RCS, &cs, &bits, NULL, "chained batches"),
	       "batch: a chain of three batches completes")) {
		rep_ok(c->res[25] == 0xa && c->res[27] == 0xb && c->res[28] == 0xc,
		   "batch: every chained batch ran");
		rep_eq(c->res[26], 0, "batch: a chain does not return");
		rep_eq(c->res[29], 0x29, "batch: the ring continues after the chain");
	}

	/* Second level: A calls S, S returns into A. */
	cs_init_gm(&bb, g, b1, GPU_PAGE);
	cs_sdi32(&bb, slot_gm(c, 30), 1);		/* Q = 1 */
	cs_sdi32(&bb, slot_gm(c, 31), 1);		/* P = 1 */
	cs_bb_start(&bb, b4, MVGPU_BB_SECOND_LEVEL);
	cs_sdi32(&bb, slot_gm(c, 31), 3);		/* P = 3 after S */
	cs_bb_start(&bb, b4 + 64, MVGPU_BB_SECOND_LEVEL);
	cs_bb_end(&bb);
	cs_init_gm(&bb, g, b4, GPU_PAGE);
	cs_sdi32(&bb, slot_gm(c, 30), 2);		/* Q = 2 after A */
	cs_sdi32(&bb, slot_gm(c, 31), 2);
	cs_bb_end(&bb);
	cs_init_gm(&bb, g, b4 + 64, 64);
	cs_sdi32(&bb, slot_gm(c, 32), 0x5ec);		/* second call */
	cs_bb_end(&bb);
	cs_ring(&cs);
	cs_bb_start(&cs, b1, 0);
	cs_sdi32(&cs, slot_gm(c, 33), 0x33);
	cs_user_interrupt(&cs);
	if (rep_ok(!run(c, RCS, &cs, &bits, NULL, "second-level batches"),
	       "batch: second-level calls complete")) {
		rep_eq(c->res[30], 2, "batch: the second-level batch ran after the caller's first store");
		rep_eq(c->res[31], 3, "batch: it returned into the first-level batch");
		rep_eq(c->res[32], 0x5ec, "batch: a second call from the same batch ran");
		rep_eq(c->res[33], 0x33, "batch: the ring continues afterwards");
	}

	/* A batch on the blitter: a fill and a flush store. */
	cs_init_gm(&bb, g, b3, GPU_PAGE);
	cs_color_blt(&bb, c->dst_gm, DST_PITCH, 0, 0, 4, 1, 0x0b0b0b0b);
	cs_flush_dw_store32(&bb, slot_gm(c, 34), 0xbc5);
	cs_bb_end(&bb);
	cs_ring(&cs);
	cs_bb_start(&cs, b3, 0);
	if (rep_ok(!run(c, BCS, &cs, &bits, NULL, "BCS batch"),
	       "batch: a batch on BCS completes")) {
		rep_eq(c->res[34], 0xbc5, "batch: BCS batch's MI_FLUSH_DW store");
		rep_eq(((uint32_t *)c->dst)[3], 0x0b0b0b0b, "batch: BCS batch's fill");
	}
}

static void pattern(uint8_t *p, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(i * 7 + (i >> 8) * 13 + seed * 31 + 1);
}

/* Compare a whole surface; reports the first differing pixel. */
static bool same_surface(const uint8_t *got, const uint8_t *want,
			 size_t len, uint32_t pitch, const char *what)
{
	size_t i;

	for (i = 0; i < len; i += 4) {
		if (memcmp(got + i, want + i, 4)) {
			rep_diag("  %s: first difference at byte %zu (x %zu, y %zu): %#x, want %#x",
			   what, i, (i % pitch) / 4, i / pitch,
			   *(const uint32_t *)(got + i),
			   *(const uint32_t *)(want + i));
			return false;
		}
	}
	return true;
}

static void test_blits(struct ctx *c)
{
	struct gpu *g = &c->g;
	const size_t dlen = DST_PITCH * DST_ROWS, slen = SRC_PITCH * SRC_ROWS;
	const uint32_t color = 0xff003355u | c->idx << 16;
	/* fill [13, 201) x [5, 50); copy [20, 100) x [10, 40) from (7, 3) */
	const uint32_t fx1 = 13, fy1 = 5, fx2 = 201, fy2 = 50;
	const uint32_t cx1 = 20, cy1 = 10, cx2 = 100, cy2 = 40, sx = 7, sy = 3;
	uint8_t *exp = malloc(dlen + GPU_PAGE);
	uint32_t bits, x, y;
	uint64_t msi0 = g->msi_count;
	struct gpu_cs cs;

	if (!exp) {
		rep_ok(false, "BCS: memory for the expected surface");
		return;
	}
	/* The surface and the page after it (must stay untouched). */
	pattern(c->dst, dlen + GPU_PAGE, c->idx);
	pattern(c->src, slen, c->idx + 100);
	memcpy(exp, c->dst, dlen + GPU_PAGE);

	cs_ring(&cs);
	cs_color_blt(&cs, c->dst_gm, DST_PITCH, fx1, fy1, fx2, fy2, color);
	cs_user_interrupt(&cs);
	if (rep_ok(!run(c, BCS, &cs, &bits, NULL, "fill"),
	       "BCS: XY_COLOR_BLT completes")) {
		rep_ok(g->msi_count > msi0, "BCS: the MSI eventfd was signalled");
		rep_eq(bits & (MVGPU_GT0_BCS_USER_INTERRUPT |
			      MVGPU_GT0_CTX_SWITCH(BCS)),
		      MVGPU_GT0_BCS_USER_INTERRUPT | MVGPU_GT0_CTX_SWITCH(BCS),
		      "BCS: IIR had USER_INTERRUPT and CTX_SWITCH of BCS");
		rep_eq(g->irq_seen & GPU_GT0_BITS(RCS), 0,
		      "BCS: no RCS bits raised");
		rep_eq(gpu_ring_head(g, BCS), g->ring[BCS].kicked,
		      "BCS: HEAD == TAIL after completion");
		rep_eq(g->ring[BCS].hws[MVGPU_HWS_RING_HEAD], g->ring[BCS].kicked,
		      "BCS: status page HEAD dword == TAIL");
		for (y = fy1; y < fy2; y++)
			for (x = fx1; x < fx2; x++)
				memcpy(exp + y * DST_PITCH + 4 * x, &color, 4);
		rep_ok(same_surface(c->dst, exp, dlen + GPU_PAGE, DST_PITCH, "fill"),
		   "BCS: fill: every pixel inside is the colour, every byte outside untouched");
	}

	cs_ring(&cs);
	cs_copy_blt(&cs, c->dst_gm, DST_PITCH, cx1, cy1, cx2, cy2, c->src_gm,
		    SRC_PITCH, sx, sy);
	if (rep_ok(!run(c, BCS, &cs, &bits, NULL, "copy"),
	       "BCS: XY_SRC_COPY_BLT completes")) {
		for (y = 0; y < cy2 - cy1; y++)
			memcpy(exp + (cy1 + y) * DST_PITCH + 4 * cx1,
			       c->src + (sy + y) * SRC_PITCH + 4 * sx,
			       4 * (cx2 - cx1));
		rep_ok(same_surface(c->dst, exp, dlen + GPU_PAGE, DST_PITCH, "copy"),
		   "BCS: copy: the rectangle matches the source, the rest untouched");
		pattern(exp, slen, c->idx + 100);
		rep_ok(!memcmp(c->src, exp, slen), "BCS: copy: the source is unchanged");
	}

	cs_ring(&cs);
	cs_flush_dw_store32(&cs, slot_gm(c, 40), 0xf1u | c->idx << 8);
	cs_flush_dw_store64(&cs, slot_gm(c, 42), 0xf1f2f3f4f5f6f7f8ull);
	cs_sdi32(&cs, slot_gm(c, 44), 0x5d1);
	if (rep_ok(!run(c, BCS, &cs, &bits, NULL, "flush"),
	       "BCS: MI_FLUSH_DW and MI_STORE_DATA_IMM complete")) {
		rep_eq(c->res[40], 0xf1u | c->idx << 8,
		      "BCS: MI_FLUSH_DW post-sync dword store");
		rep_eq(c->res[41], 0, "BCS: ... of 4 bytes only");
		rep_eq(c->res[42] | (uint64_t)c->res[43] << 32,
		      0xf1f2f3f4f5f6f7f8ull, "BCS: MI_FLUSH_DW post-sync qword store");
		rep_eq(c->res[44], 0x5d1, "BCS: MI_STORE_DATA_IMM");
		rep_eq(bits & MVGPU_GT0_BCS_USER_INTERRUPT, 0,
		      "BCS: no USER_INTERRUPT without MI_USER_INTERRUPT");
	}
	free(exp);
}

/*
 * Fill the ring well past its size in submissions of about 640 bytes: the
 * segments cross the end; then put a command across the end.
 */
static void test_wrap(struct ctx *c, unsigned int e)
{
	struct gpu *g = &c->g;
	struct gpu_ring *r = &g->ring[e];
	const unsigned int per = 40, subs = 16;
	unsigned int k, j, wraps = 0, bad = 0;
	bool ok = true;
	uint32_t bits, tail;
	struct gpu_cs cs;

	memset((void *)c->wrap, 0, GPU_PAGE);
	for (k = 0; k < subs && ok; k++) {
		uint32_t before = r->tail;

		cs_ring(&cs);
		for (j = 0; j < per; j++)
			cs_sdi32(&cs, c->wrap_gm + 4 * ((k * per + j) % 1024),
				 e << 31 | c->idx << 24 | k << 8 | j);
		ok = !run(c, e, &cs, &bits, &tail, "wrap");
		if (tail < before)
			wraps++;
		ok &= gpu_ring_head(g, e) == tail &&
		      r->hws[MVGPU_HWS_RING_HEAD] == tail;
		for (j = 0; j < per; j++)
			bad += c->wrap[(k * per + j) % 1024] !=
			       (e << 31 | c->idx << 24 | k << 8 | j);
	}
	rep_ok(ok, "%s: %u submissions through a 4 KiB ring complete with HEAD == TAIL",
	   eng_name(e), subs);
	rep_ok(wraps >= 2, "%s: the ring wrapped (%u times)", eng_name(e), wraps);
	rep_eq(bad, 0, "%s: every store of the wrapping submissions landed",
	      eng_name(e));

	/* A command across the end of the ring: pad up to 8 bytes before it. */
	cs_ring(&cs);
	while ((r->tail + 4 * cs.n) % r->size != r->size - 8)
		cs_noop(&cs);
	cs_sdi32(&cs, slot_gm(c, 50 + e), 0x3a9 + e);
	ok = !run(c, e, &cs, &bits, &tail, "command across the end");
	rep_ok(ok && tail < r->size - 8, "%s: a command across the end of the ring completes",
	   eng_name(e));
	rep_eq(c->res[50 + e], 0x3a9 + e, "%s: ... and its store landed",
	      eng_name(e));
}

/* A second submission while the first one runs: TAIL moved twice. */
static void test_inflight(struct ctx *c)
{
	struct gpu *g = &c->g;
	const uint32_t scalar = 7;
	uint32_t tail1, tail2, head_at, bits, i;
	struct gpu_cs cs;
	uint64_t t0;
	int ret;

	gpu_saxpy_ref(c->ref, c->a, c->b, N_SAXPY, scalar);
	t0 = e2e_now_ms();
	c->res[60] = 0;
	c->res[61] = 0;
	cs_ring(&cs);
	for (i = 0; i < 8; i++)
		cs_compute(&cs, MVGPU_KERNEL_SAXPY, N_SAXPY, c->a_gm, c->b_gm,
			   c->d_gm, scalar);
	cs_sdi32(&cs, slot_gm(c, 60), 1);
	ret = gpu_ring_emit(g, RCS, &cs);
	tail1 = gpu_ring_kick(g, RCS);

	cs_ring(&cs);
	cs_compute(&cs, MVGPU_KERNEL_CHECKSUM, N_SAXPY, c->d_gm, 0,
		   slot_gm(c, 62), 0);
	cs_sdi32(&cs, slot_gm(c, 60), 2);
	cs_sdi32(&cs, slot_gm(c, 61), 0x61);
	cs_user_interrupt(&cs);
	ret |= gpu_ring_emit(g, RCS, &cs);
	head_at = gpu_ring_head(g, RCS);
	tail2 = gpu_ring_kick(g, RCS);
	if (!rep_ok(!ret, "in flight: both submissions written")) {
		rep_diag("  %s", g->err);
		return;
	}
	if (head_at != tail1)
		rep_ok(true, "in flight: the first submission was still running at the second TAIL write");
	else
		rep_skip("the first submission had completed already",
			"in flight: the first submission was still running at the second TAIL write");
	ret = gpu_wait(g, RCS, tail2, WAIT_MS, &bits);
	rep_diag("in flight: 8 SAXPYs of %u elements and a CHECKSUM took %llu ms",
		 N_SAXPY, (unsigned long long)(e2e_now_ms() - t0));
	if (!rep_ok(!ret, "in flight: both complete, HEAD reaches the second TAIL")) {
		rep_diag("  %s", g->err);
		return;
	}
	rep_eq(g->ring[RCS].hws[MVGPU_HWS_RING_HEAD], tail2,
	      "in flight: status page HEAD dword == second TAIL");
	rep_eq(c->res[60], 2, "in flight: the second submission ran after the first");
	rep_eq(c->res[61], 0x61, "in flight: the second submission's store");
	rep_ok(!memcmp(c->d, c->ref, N_SAXPY * 4),
	   "in flight: the first submission's SAXPY result is right");
	rep_eq(c->res[62], gpu_fnv1a(c->ref, N_SAXPY * 4),
	      "in flight: the second saw the first's result (CHECKSUM)");
}

static void test_stop_ring(struct ctx *c, unsigned int e)
{
	struct gpu *g = &c->g;
	uint32_t base = MVGPU_RING_BASE(e), mode, head, tail, bits;
	struct gpu_cs cs;

	c->res[70 + e] = 0;
	gpu_wr(g, MVGPU_RING_MI_MODE(base),
	       MVGPU_MASKED_BIT_ENABLE(MVGPU_MI_MODE_STOP_RING));
	mode = gpu_rd(g, MVGPU_RING_MI_MODE(base));
	rep_eq(mode & (MVGPU_MI_MODE_STOP_RING | MVGPU_MI_MODE_IDLE),
	      MVGPU_MI_MODE_STOP_RING | MVGPU_MI_MODE_IDLE,
	      "%s: MI_MODE STOP_RING set; the idle engine reports MODE_IDLE",
	      eng_name(e));
	head = gpu_ring_head(g, e);
	cs_ring(&cs);
	cs_sdi32(&cs, slot_gm(c, 70 + e), 0x70 + e);
	cs_user_interrupt(&cs);
	gpu_submit(g, e, &cs, &tail);
	bits = gpu_irq_wait(g, GPU_GT0_BITS(e), E2E_QUIET_MS);
	rep_eq(bits, 0, "%s: STOP_RING: a submission raises nothing", eng_name(e));
	rep_eq(gpu_ring_head(g, e), head, "%s: STOP_RING: HEAD does not move",
	      eng_name(e));
	rep_eq(c->res[70 + e], 0, "%s: STOP_RING: nothing executed", eng_name(e));
	gpu_wr(g, MVGPU_RING_MI_MODE(base),
	       MVGPU_MASKED_BIT_DISABLE(MVGPU_MI_MODE_STOP_RING));
	if (rep_ok(!gpu_wait(g, e, tail, WAIT_MS, &bits),
	       "%s: clearing STOP_RING runs the held submission", eng_name(e)))
		rep_eq(c->res[70 + e], 0x70 + e, "%s: ... and its store landed",
		      eng_name(e));
	else
		rep_diag("  %s", g->err);
	mode = gpu_rd(g, MVGPU_RING_MI_MODE(base));
	rep_eq(mode & (MVGPU_MI_MODE_STOP_RING | MVGPU_MI_MODE_IDLE), 0,
	      "%s: MI_MODE reads STOP_RING and MODE_IDLE clear", eng_name(e));
}

static void test_gdrst(struct ctx *c, unsigned int e)
{
	struct gpu *g = &c->g;
	unsigned int o = !e;
	uint32_t base = MVGPU_RING_BASE(e), obase = MVGPU_RING_BASE(o);
	uint32_t octl = gpu_rd(g, MVGPU_RING_CTL(obase));
	uint32_t ohead = gpu_ring_head(g, o), bits, tail;
	struct gpu_cs cs;
	int ret;

	rep_ok(gpu_ring_head(g, e) != 0, "%s: HEAD is not 0 before GDRST (%#x)",
	   eng_name(e), gpu_ring_head(g, e));
	ret = gpu_engine_reset(g, e, 2000);
	if (!rep_ok(!ret, "%s: GDRST of the idle engine: the bit reads back 0",
		eng_name(e)))
		rep_diag("  %s", g->err);
	rep_eq(gpu_rd(g, MVGPU_REG_GDRST), 0, "%s: GDRST reads 0", eng_name(e));
	rep_eq(gpu_rd(g, MVGPU_RING_CTL(base)), 0, "%s: GDRST: CTL reads 0",
	      eng_name(e));
	rep_eq(gpu_rd(g, MVGPU_RING_HEAD(base)), 0, "%s: GDRST: HEAD reads 0",
	      eng_name(e));
	rep_eq(gpu_rd(g, MVGPU_RING_TAIL(base)), 0, "%s: GDRST: TAIL reads 0",
	      eng_name(e));
	rep_ok(gpu_rd(g, MVGPU_RING_CTL(obase)) == octl &&
	   gpu_ring_head(g, o) == ohead,
	   "%s: GDRST leaves %s's ring alone", eng_name(e), eng_name(o));

	gpu_ring_restart(g, e);
	c->res[80 + e] = 0;
	cs_ring(&cs);
	cs_sdi32(&cs, slot_gm(c, 80 + e), 0x80 + e);
	cs_user_interrupt(&cs);
	if (rep_ok(!run(c, e, &cs, &bits, &tail, "after GDRST"),
	       "%s: after GDRST and a ring restart the engine works",
	       eng_name(e)))
		rep_eq(c->res[80 + e], 0x80 + e, "%s: ... and its store landed",
		      eng_name(e));
}

/*
 * GDRST of a busy engine: the bit reads 1 until the reset is done (a
 * GDRST write for the other engine meanwhile does not clear it), then 0
 * with the ring registers zeroed.
 */
static void test_gdrst_busy(struct ctx *c)
{
	struct gpu *g = &c->g;
	uint32_t base = MVGPU_RENDER_RING_BASE, tail, g1, g2, h, i, bits;
	uint64_t t0;
	struct gpu_cs cs;
	int ret;

	c->res[90] = 0;
	cs_ring(&cs);
	for (i = 0; i < 64; i++)
		cs_compute(&cs, MVGPU_KERNEL_SAXPY, N_SAXPY, c->a_gm, c->b_gm,
			   c->d_gm, 5);
	cs_sdi32(&cs, slot_gm(c, 90), 0x90);
	cs_user_interrupt(&cs);
	if (gpu_submit(g, RCS, &cs, &tail)) {
		rep_ok(false, "busy GDRST: submission written");
		return;
	}
	t0 = e2e_now_ms();
	gpu_wr(g, MVGPU_REG_GDRST, MVGPU_GDRST_RENDER);
	g1 = gpu_rd(g, MVGPU_REG_GDRST);
	if (!(g1 & MVGPU_GDRST_RENDER)) {
		/* Dropped (or completed) before the read: both are right. */
		rep_diag("busy GDRST: the reset was done by the first read");
	} else {
		rep_ok(true, "busy GDRST: the RENDER bit reads 1 while the reset is pending");
		gpu_wr(g, MVGPU_REG_GDRST, MVGPU_GDRST_BLT);
		g2 = gpu_rd(g, MVGPU_REG_GDRST);
		h = gpu_rd(g, MVGPU_RING_HEAD(base));
		if (h != tail && gpu_rd(g, MVGPU_RING_CTL(base)))
			rep_eq(g2 & MVGPU_GDRST_RENDER, MVGPU_GDRST_RENDER,
			       "busy GDRST: a GDRST write for BCS keeps the pending RENDER bit");
		else
			rep_skip("RCS finished meanwhile",
				 "busy GDRST: a GDRST write for BCS keeps the pending RENDER bit");
	}
	ret = -ETIMEDOUT;
	while (e2e_now_ms() - t0 < 10000) {
		if (!(gpu_rd(g, MVGPU_REG_GDRST) &
		      (MVGPU_GDRST_RENDER | MVGPU_GDRST_BLT))) {
			ret = 0;
			break;
		}
		usleep(2000);
	}
	rep_ok(!ret, "busy GDRST: the bits read 0 once done (%llu ms)",
	       (unsigned long long)(e2e_now_ms() - t0));
	rep_ok(!gpu_rd(g, MVGPU_RING_CTL(base)) && !gpu_rd(g, MVGPU_RING_HEAD(base)) &&
	       !gpu_rd(g, MVGPU_RING_TAIL(base)),
	       "busy GDRST: when GDRST reads 0, RCS CTL, HEAD and TAIL read 0");
	/* Whatever GDRST said: let the reset really finish before going on. */
	while (e2e_now_ms() - t0 < 10000 && gpu_rd(g, MVGPU_RING_CTL(base)))
		usleep(2000);
	usleep(E2E_QUIET_MS * 1000);
	gpu_irq_poll(g, 0);
	bits = gpu_irq_take(g, GPU_GT0_BITS(RCS) | GPU_GT0_BITS(BCS));
	rep_diag("busy GDRST: the workload in flight %s (store %#x, IIR bits %#x, HWS HEAD %#x)",
		 c->res[90] ? "completed" : "was dropped", c->res[90], bits,
		 g->ring[RCS].hws[MVGPU_HWS_RING_HEAD]);
	gpu_engine_error(g, RCS, &g1, NULL, NULL);
	rep_eq(g1, MVGPU_ERR_NONE, "busy GDRST: no engine error reported");
	g->ring[RCS].tail = 0;
	g->ring[BCS].tail = 0;
	gpu_ring_restart(g, RCS);
	gpu_ring_restart(g, BCS);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		c->res[91 + i] = 0;
		cs_ring(&cs);
		cs_sdi32(&cs, slot_gm(c, 91 + i), 0x91 + i);
		rep_ok(!run(c, i, &cs, &bits, NULL, "after busy GDRST") &&
		       c->res[91 + i] == 0x91 + i,
		       "busy GDRST: %s works again after a ring restart",
		       eng_name(i));
	}
}

static int child(unsigned int idx, const char *uuid)
{
	struct ctx *c = calloc(1, sizeof(*c));
	struct gpu *g;
	uint64_t gm_base, id = 0;
	int ret;

	if (!c)
		return 1;
	g = &c->g;
	c->idx = idx;
	ret = gpu_open(g, uuid, MVGPU_VFIO_AUTO);
	mvgpu_vgpu_attr_u64(uuid, "vgpu_id", &id);
	{
		char tag[32];

		snprintf(tag, sizeof(tag), "vgpu%llu", (unsigned long long)id);
		rep_init(rep_file(), tag);
	}
	if (!rep_ok(!ret, "open through %s, PV magic and version",
		g->d ? mvgpu_path_name(g->d->path) : "?")) {
		rep_diag("  %s", g->err);
		goto out;
	}
	rep_eq(g->vgpu_id, id, "PV vgpu_id matches sysfs");
	/* Alternate slices: even children in hidden, odd in the aperture. */
	gm_base = idx % 2 ? g->ap_base : g->hid_base;
	rep_diag("guest memory at gm %#llx (%s slice), vGPU aperture %#llx+%#llx hidden %#llx+%#llx",
	   (unsigned long long)gm_base, idx % 2 ? "aperture" : "hidden",
	   (unsigned long long)g->ap_base, (unsigned long long)g->ap_size,
	   (unsigned long long)g->hid_base, (unsigned long long)g->hid_size);
	ret = gpu_mem_init(g, gm_base, MEM_SIZE, IOVA);
	if (!rep_ok(!ret, "map %u KiB of guest memory and its GTT entries",
		MEM_SIZE >> 10)) {
		rep_diag("  %s", g->err);
		goto out;
	}
	ret = gpu_irq_init(g);
	if (!rep_ok(!ret, "MSI eventfd and GT0 interrupts set up")) {
		rep_diag("  %s", g->err);
		goto out;
	}

	{
		uint64_t r0 = gpu_alloc(g, GPU_RING_SIZE, 0);
		uint64_t r1 = gpu_alloc(g, GPU_RING_SIZE, 0);
		uint64_t h0 = gpu_alloc(g, GPU_PAGE, 0);
		uint64_t h1 = gpu_alloc(g, GPU_PAGE, 0);
		unsigned int e;

		ret = gpu_ring_init(g, RCS, r0, GPU_RING_SIZE, h0) ||
		      gpu_ring_init(g, BCS, r1, GPU_RING_SIZE, h1);
		if (!rep_ok(!ret, "rings and status pages programmed")) {
			rep_diag("  %s", g->err);
			goto out;
		}
		for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
			uint32_t b = MVGPU_RING_BASE(e);

			rep_ok(gpu_rd(g, MVGPU_RING_START(b)) == (uint32_t)g->ring[e].gm &&
			   gpu_rd(g, MVGPU_RING_HWS_PGA(b)) == (uint32_t)g->ring[e].hws_gm &&
			   gpu_rd(g, MVGPU_RING_CTL(b)) == MVGPU_RING_VALID &&
			   gpu_rd(g, MVGPU_RING_HEAD(b)) == 0 &&
			   gpu_rd(g, MVGPU_RING_TAIL(b)) == 0,
			   "%s: ring registers read back as programmed",
			   eng_name(e));
		}
	}
	c->res_gm = gpu_alloc(g, GPU_PAGE, 0);
	c->batch_gm = gpu_alloc(g, 8 * GPU_PAGE, 0);
	c->wrap_gm = gpu_alloc(g, GPU_PAGE, 0);
	c->a_gm = gpu_alloc(g, N_SAXPY * 4, 0);
	c->b_gm = gpu_alloc(g, N_SAXPY * 4, 0);
	c->d_gm = gpu_alloc(g, N_SAXPY * 4, 0);
	c->dst_gm = gpu_alloc(g, DST_PITCH * DST_ROWS + GPU_PAGE, 0);
	c->src_gm = gpu_alloc(g, SRC_PITCH * SRC_ROWS, 0);
	c->ref = malloc(N_SAXPY * 4);
	if (!rep_ok(c->src_gm && c->ref, "buffers allocated in guest memory"))
		goto out;
	c->res = gpu_va(g, c->res_gm);
	c->wrap = gpu_va(g, c->wrap_gm);
	c->a = gpu_va(g, c->a_gm);
	c->b = gpu_va(g, c->b_gm);
	c->d = gpu_va(g, c->d_gm);
	c->dst = gpu_va(g, c->dst_gm);
	c->src = gpu_va(g, c->src_gm);

	test_rcs_basic(c);
	test_timestamps(c);
	test_compute(c);
	test_batches(c);
	test_blits(c);
	test_wrap(c, RCS);
	test_wrap(c, BCS);
	test_inflight(c);
	test_stop_ring(c, RCS);
	test_stop_ring(c, BCS);
	test_gdrst(c, RCS);
	test_gdrst(c, BCS);
	test_gdrst_busy(c);
	rep_diag("MSIs %llu, handler passes with bits %llu",
	   (unsigned long long)g->msi_count,
	   (unsigned long long)g->irq_handled);
out:
	gpu_release(g);
	free(c->ref);
	free(c);
	return 0;
}

int main(void)
{
	char uuid[NR_VGPUS][MVGPU_UUID_LEN + 1];
	FILE *out[NR_VGPUS] = { NULL };
	pid_t pid[NR_VGPUS];
	unsigned int i, n = 0;
	uint64_t t0;

	e2e_init("cmd_submit", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();
	for (i = 0; i < NR_VGPUS; i++) {
		if (!tap_rc(e2e_vgpu_create(TYPE, uuid[i]), 0,
			    "create %s vGPU %u", TYPE, i))
			break;
		n++;
	}
	if (n < NR_VGPUS)
		goto out;

	t0 = e2e_now_ms();
	for (i = 0; i < n; i++) {
		out[i] = tmpfile();
		if (!out[i]) {
			tap_ok(false, "temporary file for child %u", i);
			pid[i] = -1;
			continue;
		}
		fflush(NULL);
		pid[i] = fork();
		if (pid[i] == 0) {
			signal(SIGALRM, SIG_DFL);
			alarm(CHILD_TIMEOUT_S);
			rep_init(out[i], NULL);
			_exit(child(i, uuid[i]));
		}
	}
	for (i = 0; i < n; i++) {
		int status = 0;

		if (pid[i] <= 0)
			continue;
		waitpid(pid[i], &status, 0);
		rep_replay(out[i]);
		fclose(out[i]);
		if (!tap_ok(WIFEXITED(status) && !WEXITSTATUS(status),
			    "child %u (%s) exited normally", i, uuid[i]))
			tap_diag("wait status %#x%s", status,
				 WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM ?
				 " (its watchdog fired)" : "");
	}
	tap_diag("%u vGPUs ran concurrently in %llu ms", n,
		 (unsigned long long)(e2e_now_ms() - t0));
out:
	for (i = 0; i < n; i++)
		tap_rc(e2e_vgpu_remove(uuid[i]), 0, "remove vGPU %u", i);
	return tap_done();
}
