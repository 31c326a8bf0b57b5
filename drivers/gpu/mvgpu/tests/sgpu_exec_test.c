// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the software GPU's engines.  A bare device model (no bus device,
 * no mediation core) with test pages in its GGTT executes command streams
 * built in those pages; the tests check memory byte for byte.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/timekeeping.h>

#include "sgpu/sgpu.h"

/*
 * Graphics memory layout: the test pages are mapped at GGTT entries
 * [0, NR_PAGES); entries from UNMAPPED on are not present, except the
 * ALIAS_PAGES entries from ALIAS, which all map the last test page.
 */
#define NR_PAGES	32
#define NR_GGTT		32768			/* 128 MiB */
#define PG(n)		((u64)(n) * SZ_4K)
#define RING		PG(0)
#define BATCH_A		PG(1)
#define BATCH_B		PG(2)
#define BATCH_C		PG(3)
#define DATA		PG(4)			/* 4 pages */
#define SURF		PG(8)			/* 8 pages */
#define SRC_A		PG(16)			/* 4 pages */
#define SRC_B		PG(20)			/* 4 pages */
#define DST		PG(24)			/* 4 pages */
#define UNMAPPED	PG(NR_PAGES)
#define ALIAS		PG(4096)
#define ALIAS_PAGES	(MVGPU_COMPUTE_MAX_COUNT * 4 / SZ_4K)

#define WAIT		(10 * HZ)

/*
 * Per-process spaces: their tables and pages are pages outside the GGTT
 * (at most NR_XPAGES per test).  VA_X has a non-zero index at every
 * level; VA_ALIAS is 2 MiB aligned.
 */
#define NR_XPAGES	64
#define VA_X		0x00007f8040a03000ull
#define VA_ALIAS	BIT_ULL(40)
#define VA_PAGE(n)	(VA_X + PG(n))

#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS
#define GPR(e, n)	MVGPU_CS_GPR(MVGPU_RING_BASE(e), n)
#define PML4_LDW(e)	MVGPU_RING_PML4_LDW(MVGPU_RING_BASE(e))
#define PML4_UDW(e)	MVGPU_RING_PML4_UDW(MVGPU_RING_BASE(e))

struct env {
	struct sgpu_gpu *gpu;
	struct page *pages[NR_PAGES];
	struct page *xpages[NR_XPAGES];
	unsigned int nr_xpages;
};

/* A workload the test can wait for. */
struct twl {
	struct mvgpu_hw_workload wl;
	struct completion done;
};

/* Builds a command stream at a graphics address. */
struct stream {
	struct env *env;
	u64 start;
	u32 n;
};

static void twl_complete(struct mvgpu_hw_workload *wl)
{
	complete(&container_of(wl, struct twl, wl)->done);
}

/* Kernel address of graphics address @gm (mapped test pages only). */
static void *cpu(struct env *env, u64 gm)
{
	return page_address(env->pages[gm / SZ_4K]) + gm % SZ_4K;
}

static u32 rd32(struct env *env, u64 gm)
{
	return le32_to_cpu(*(__le32 *)cpu(env, gm));
}

static void wr32(struct env *env, u64 gm, u32 v)
{
	*(__le32 *)cpu(env, gm) = cpu_to_le32(v);
}

static struct stream at(struct env *env, u64 gm)
{
	return (struct stream){ .env = env, .start = gm };
}

static void out(struct stream *s, u32 dw)
{
	wr32(s->env, s->start + 4 * s->n++, dw);
}

static u32 bytes(const struct stream *s)
{
	return s->n * 4;
}

static void sdi(struct stream *s, u64 gm, u32 val)
{
	out(s, MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 2);
	out(s, lower_32_bits(gm));
	out(s, upper_32_bits(gm));
	out(s, val);
}

static void sdi64(struct stream *s, u64 gm, u64 val)
{
	out(s, MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 3);
	out(s, lower_32_bits(gm));
	out(s, upper_32_bits(gm));
	out(s, lower_32_bits(val));
	out(s, upper_32_bits(val));
}

static void bb_start(struct stream *s, u64 gm, u32 flags)
{
	out(s, MVGPU_MI_BATCH_BUFFER_START | flags);
	out(s, lower_32_bits(gm));
	out(s, upper_32_bits(gm));
}

static void compute(struct stream *s, u32 kernel, u32 count, u64 a, u64 b,
		    u64 dst, u32 scalar)
{
	out(s, MVGPU_COMPUTE);
	out(s, kernel);
	out(s, count);
	out(s, lower_32_bits(a));
	out(s, upper_32_bits(a));
	out(s, lower_32_bits(b));
	out(s, upper_32_bits(b));
	out(s, lower_32_bits(dst));
	out(s, upper_32_bits(dst));
	out(s, scalar);
}

static void twl_init(struct twl *t, u32 engine, u64 start, u32 size)
{
	*t = (struct twl){
		.wl = {
			.engine = engine,
			.ctx_id = 7,
			.start = start,
			.size = size,
			.complete = twl_complete,
		},
	};
	init_completion(&t->done);
}

static void submit(struct kunit *test, struct twl *t, u32 engine, u64 start,
		   u32 size)
{
	struct env *env = test->priv;

	twl_init(t, engine, start, size);
	KUNIT_ASSERT_EQ(test, sgpu_gpu_submit(env->gpu, &t->wl), 0);
}

static void wait(struct kunit *test, struct twl *t)
{
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&t->done, WAIT), 0);
}

/* Submit a stopped workload again, as it stands, and wait for it. */
static void resubmit(struct kunit *test, struct twl *t)
{
	struct env *env = test->priv;

	t->wl.status = 0;
	reinit_completion(&t->done);
	KUNIT_ASSERT_EQ(test, sgpu_gpu_submit(env->gpu, &t->wl), 0);
	wait(test, t);
}

/* Execute [@start, @start + @size) on @engine; the workload's status. */
static int run_wl(struct kunit *test, struct twl *t, u32 engine, u64 start,
		  u32 size)
{
	submit(test, t, engine, start, size);
	wait(test, t);
	return t->wl.status;
}

static int run(struct kunit *test, u32 engine, const struct stream *s)
{
	struct twl t;

	return run_wl(test, &t, engine, s->start, bytes(s));
}

/* A batch that chains to itself: the engine never finishes it. */
static void hang_stream(struct kunit *test, struct stream *ring, u64 batch)
{
	struct stream b = at(test->priv, batch);

	out(&b, MVGPU_MI_ARB_CHECK);
	bb_start(&b, batch, 0);
	*ring = at(test->priv, RING);
	bb_start(ring, batch, 0);
}

static void store_data_imm(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream s = at(env, RING);
	struct twl t;

	out(&s, MVGPU_MI_NOOP);
	out(&s, MVGPU_MI_ARB_CHECK);
	out(&s, MVGPU_MI_USER_INTERRUPT);
	out(&s, MVGPU_MI_BATCH_BUFFER_END);	/* a no-op in the ring */
	sdi(&s, DATA + 0x10, 0xdeadbeef);
	sdi64(&s, DATA + 0x20, 0x1122334455667788ull);
	sdi64(&s, DATA + SZ_4K - 4, 0xa5a5a5a5c3c3c3c3ull);	/* 2 pages */
	out(&s, MVGPU_MI_NOOP);

	KUNIT_ASSERT_EQ(test, run_wl(test, &t, RCS, s.start, bytes(&s)), 0);
	KUNIT_EXPECT_EQ(test, t.wl.head, bytes(&s));
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x0c), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x10), 0xdeadbeef);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x14), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x20), 0x55667788);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x24), 0x11223344);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + SZ_4K - 4), 0xc3c3c3c3);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + SZ_4K), 0xa5a5a5a5);

	/*
	 * The same on the copy engine.  Without the GGTT bit, outside a PPGTT
	 * batch, the address is a GGTT address all the same.
	 */
	s = at(env, RING);
	sdi(&s, DATA + 0x30, 0x600d);
	KUNIT_EXPECT_EQ(test, run(test, BCS, &s), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x30), 0x600d);
	s = at(env, RING);
	out(&s, MVGPU_MI_STORE_DATA_IMM | 2);
	out(&s, DATA + 0x34);
	out(&s, 0);
	out(&s, 1);
	KUNIT_EXPECT_EQ(test, run(test, BCS, &s), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x34), 1);
}

static void load_register_imm(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream s = at(env, RING);

	out(&s, MVGPU_MI_LOAD_REGISTER_IMM | 5);
	out(&s, GPR(RCS, 0));
	out(&s, 1);
	out(&s, GPR(RCS, 0) + 4);
	out(&s, 2);
	out(&s, GPR(RCS, 15) + 4);
	out(&s, 0xabc);
	KUNIT_ASSERT_EQ(test, run(test, RCS, &s), 0);
	KUNIT_EXPECT_EQ(test, sgpu_gpu_gpr(env->gpu, RCS, 0), 0x200000001ull);
	KUNIT_EXPECT_EQ(test, sgpu_gpu_gpr(env->gpu, RCS, 15), 0xabc00000000ull);
	KUNIT_EXPECT_EQ(test, sgpu_gpu_gpr(env->gpu, BCS, 0), 0);

	/* Each engine has its own. */
	s = at(env, RING);
	out(&s, MVGPU_MI_LOAD_REGISTER_IMM | 1);
	out(&s, GPR(BCS, 3));
	out(&s, 0x33);
	KUNIT_ASSERT_EQ(test, run(test, BCS, &s), 0);
	KUNIT_EXPECT_EQ(test, sgpu_gpu_gpr(env->gpu, BCS, 3), 0x33);
	KUNIT_EXPECT_EQ(test, sgpu_gpu_gpr(env->gpu, RCS, 3), 0);

	/* Any other register fails the whole command. */
	s = at(env, RING);
	out(&s, MVGPU_MI_LOAD_REGISTER_IMM | 3);
	out(&s, GPR(RCS, 1));
	out(&s, 5);
	out(&s, MVGPU_RING_TAIL(MVGPU_RING_BASE(RCS)));
	out(&s, 0);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &s), -EIO);
	KUNIT_EXPECT_EQ(test, sgpu_gpu_gpr(env->gpu, RCS, 1), 0);
	s = at(env, RING);
	out(&s, MVGPU_MI_LOAD_REGISTER_IMM | 1);
	out(&s, GPR(BCS, 1));
	out(&s, 5);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &s), -EIO);
	KUNIT_EXPECT_EQ(test, sgpu_gpu_gpr(env->gpu, BCS, 1), 0);

	/* PML4: each half on its own, the other engine's is refused. */
	s = at(env, RING);
	out(&s, MVGPU_MI_LOAD_REGISTER_IMM | 1);
	out(&s, PML4_UDW(BCS));
	out(&s, 0x12);
	out(&s, MVGPU_MI_LOAD_REGISTER_IMM | 1);
	out(&s, PML4_LDW(BCS));
	out(&s, 0x3456f000);
	KUNIT_ASSERT_EQ(test, run(test, BCS, &s), 0);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[BCS].pml4, 0x123456f000ull);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].pml4, 0);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &s), -EIO);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].last_error,
			MVGPU_ERR_REGISTER);
}

static void post_sync_writes(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream s = at(env, RING);

	out(&s, MVGPU_MI_FLUSH_DW | 2);			/* no post-sync op */
	out(&s, (DATA + 0x40) | MVGPU_FLUSH_DW_USE_GGTT);
	out(&s, 0);
	out(&s, 0xbad);
	out(&s, MVGPU_MI_FLUSH_DW | MVGPU_FLUSH_DW_STORE_DATA | 2);
	out(&s, (DATA + 0x48) | MVGPU_FLUSH_DW_USE_GGTT);
	out(&s, 0);
	out(&s, 0x1234);
	out(&s, MVGPU_MI_FLUSH_DW | MVGPU_FLUSH_DW_STORE_DATA | 3);
	out(&s, (DATA + 0x50) | MVGPU_FLUSH_DW_USE_GGTT);
	out(&s, 0);
	out(&s, 0x89abcdef);
	out(&s, 0x01234567);
	KUNIT_ASSERT_EQ(test, run(test, BCS, &s), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x40), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x48), 0x1234);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x4c), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x50), 0x89abcdef);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x54), 0x01234567);

	s = at(env, RING);
	out(&s, MVGPU_PIPE_CONTROL);
	out(&s, MVGPU_PC_CS_STALL);			/* no post-sync op */
	out(&s, DATA + 0x60);
	out(&s, 0);
	out(&s, 0xbad);
	out(&s, 0xbad);
	out(&s, MVGPU_PIPE_CONTROL);
	out(&s, MVGPU_PC_WRITE_IMM | MVGPU_PC_GLOBAL_GTT | MVGPU_PC_CS_STALL);
	out(&s, DATA + 0x68);
	out(&s, 0);
	out(&s, 0xfeedface);
	out(&s, 0x0badf00d);
	KUNIT_ASSERT_EQ(test, run(test, RCS, &s), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x60), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x68), 0xfeedface);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x6c), 0x0badf00d);

	/* PIPE_CONTROL belongs to the render engine, MI_FLUSH_DW to copy. */
	KUNIT_EXPECT_EQ(test, run(test, BCS, &s), -EIO);
	s = at(env, RING);
	out(&s, MVGPU_MI_FLUSH_DW | 2);
	out(&s, 0);
	out(&s, 0);
	out(&s, 0);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &s), -EIO);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].last_error,
			MVGPU_ERR_WRONG_ENGINE);
}

static void color_blt(struct kunit *test)
{
	struct env *env = test->priv;
	const u32 pitch = 256, x1 = 3, y1 = 2, x2 = 10, y2 = 5;
	struct stream s = at(env, RING);
	u32 x, y;

	for (y = 0; y < 16; y++)
		for (x = 0; x < pitch / 4; x++)
			wr32(env, SURF + y * pitch + x * 4, 0x80808080);
	out(&s, MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB);
	out(&s, MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_PATCOPY | pitch);
	out(&s, y1 << 16 | x1);
	out(&s, y2 << 16 | x2);
	out(&s, SURF);
	out(&s, 0);
	out(&s, 0x11223344);
	/* Alpha only, over rows 4..6 (overlapping the first fill). */
	out(&s, MVGPU_XY_COLOR_BLT | BIT(21));
	out(&s, MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_PATCOPY | pitch);
	out(&s, 4 << 16 | x1);
	out(&s, 7 << 16 | x2);
	out(&s, SURF);
	out(&s, 0);
	out(&s, 0xff000000);
	KUNIT_ASSERT_EQ(test, run(test, BCS, &s), 0);

	for (y = 0; y < 16; y++) {
		for (x = 0; x < pitch / 4; x++) {
			bool in = x >= x1 && x < x2;
			u32 want = 0x80808080;

			if (in && y >= y1 && y < y2)
				want = 0x11223344;
			if (in && y >= 4 && y < 7)
				want = 0xff000000 | (want & 0xffffff);
			KUNIT_EXPECT_EQ_MSG(test, rd32(env, SURF + y * pitch + x * 4),
					    want, "pixel (%u, %u)", x, y);
		}
	}

	/* Blits belong to the copy engine; other depths are unsupported. */
	KUNIT_EXPECT_EQ(test, run(test, RCS, &s), -EIO);
	s = at(env, RING);
	out(&s, MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB);
	out(&s, MVGPU_BLT_ROP_PATCOPY | pitch);	/* 8 bpp */
	out(&s, 0);
	out(&s, 1 << 16 | 1);
	out(&s, SURF);
	out(&s, 0);
	out(&s, 0);
	KUNIT_EXPECT_EQ(test, run(test, BCS, &s), -EIO);
	KUNIT_EXPECT_EQ(test, rd32(env, SURF), 0x80808080);

	/*
	 * Empty rectangles at misaligned addresses pass the parser, so the
	 * engine must run them as the no-ops they are, not fault.
	 */
	s = at(env, RING);
	out(&s, MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB);
	out(&s, MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_PATCOPY | pitch);
	out(&s, 1 << 16 | 5);
	out(&s, 9 << 16 | 5);			/* x2 == x1 */
	out(&s, SURF + 2);
	out(&s, 0);
	out(&s, 0x55555555);
	out(&s, MVGPU_XY_SRC_COPY_BLT | MVGPU_BLT_WRITE_RGB);
	out(&s, MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_SRCCOPY | pitch);
	out(&s, 3 << 16 | 1);
	out(&s, 3 << 16 | 4);			/* y2 == y1 */
	out(&s, SURF + 1);
	out(&s, 0);
	out(&s, 0);
	out(&s, pitch);
	out(&s, SURF + 3);
	out(&s, 0);
	KUNIT_EXPECT_EQ(test, run(test, BCS, &s), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, SURF), 0x80808080);
	KUNIT_EXPECT_EQ(test, rd32(env, SURF + pitch + 20), 0x80808080);
}

struct copy {
	u32 dpitch, dx1, dy1, dx2, dy2;
	u64 dst;
	u32 sx, sy, spitch;
	u64 src;
};

static void emit_copy(struct stream *s, const struct copy *c)
{
	out(s, MVGPU_XY_SRC_COPY_BLT | MVGPU_BLT_WRITE_RGB);
	out(s, MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_SRCCOPY | c->dpitch);
	out(s, c->dy1 << 16 | c->dx1);
	out(s, c->dy2 << 16 | c->dx2);
	out(s, lower_32_bits(c->dst));
	out(s, upper_32_bits(c->dst));
	out(s, c->sy << 16 | c->sx);
	out(s, c->spitch);
	out(s, lower_32_bits(c->src));
	out(s, upper_32_bits(c->src));
}

/*
 * Run one copy and compare the whole of [lo, hi) with a reference made
 * from a snapshot, which is what memmove() semantics give.
 */
static void check_copy(struct kunit *test, const struct copy *c, u64 lo,
		       u64 hi)
{
	struct env *env = test->priv;
	struct stream s = at(env, RING);
	u32 *ref, *snap, x, y;
	u64 gm;

	ref = kunit_kmalloc(test, hi - lo, GFP_KERNEL);
	snap = kunit_kmalloc(test, hi - lo, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ref);
	KUNIT_ASSERT_NOT_NULL(test, snap);
	for (gm = lo; gm < hi; gm += 4)
		snap[(gm - lo) / 4] = rd32(env, gm);
	memcpy(ref, snap, hi - lo);
	for (y = 0; y < c->dy2 - c->dy1; y++)
		for (x = 0; x < c->dx2 - c->dx1; x++) {
			u64 d = c->dst + (u64)(c->dy1 + y) * c->dpitch +
				(c->dx1 + x) * 4;
			u64 sa = c->src + (u64)(c->sy + y) * c->spitch +
				 (c->sx + x) * 4;

			ref[(d - lo) / 4] = snap[(sa - lo) / 4];
		}

	emit_copy(&s, c);
	KUNIT_ASSERT_EQ(test, run(test, BCS, &s), 0);
	for (gm = lo; gm < hi; gm += 4)
		if (rd32(env, gm) != ref[(gm - lo) / 4]) {
			KUNIT_FAIL(test, "copy differs at %#llx: %#x, want %#x",
				   gm, rd32(env, gm), ref[(gm - lo) / 4]);
			return;
		}
}

static void src_copy_blt(struct kunit *test)
{
	struct env *env = test->priv;
	u64 gm;

	/* Distinct surfaces, offsets and pitches. */
	for (gm = SRC_A; gm < DST + SZ_16K; gm += 4)
		wr32(env, gm, (u32)gm * 2654435761u);
	check_copy(test, &(struct copy){
		.dst = DST, .dpitch = 256, .dx1 = 5, .dy1 = 3, .dx2 = 9,
		.dy2 = 8, .src = SRC_A, .spitch = 128, .sx = 2, .sy = 1,
	}, SRC_A, DST + SZ_16K);

	/* Rows longer than a chunk, overlapping down and to the right... */
	for (gm = SURF; gm < SURF + SZ_32K; gm += 4)
		wr32(env, gm, (u32)gm ^ 0x5a5a0000);
	check_copy(test, &(struct copy){
		.dst = SURF, .dpitch = 8192, .dx1 = 100, .dy1 = 1,
		.dx2 = 1600, .dy2 = 4, .src = SURF, .spitch = 8192,
	}, SURF, SURF + SZ_32K);
	/* ...within one row to the right, and up to the left. */
	check_copy(test, &(struct copy){
		.dst = SURF, .dpitch = 8192, .dx1 = 300, .dy1 = 2,
		.dx2 = 1800, .dy2 = 3, .src = SURF, .spitch = 8192, .sy = 2,
	}, SURF, SURF + SZ_32K);
	check_copy(test, &(struct copy){
		.dst = SURF, .dpitch = 8192, .dx1 = 0, .dy1 = 0, .dx2 = 1500,
		.dy2 = 3, .src = SURF, .spitch = 8192, .sx = 7, .sy = 1,
	}, SURF, SURF + SZ_32K);
}

/* FNV-1a 32 of @n bytes at graphics address @gm, computed by the CPU. */
static u32 fnv1a(struct env *env, u64 gm, u32 n)
{
	u32 h = 0x811c9dc5;

	for (; n--; gm++)
		h = (h ^ *(u8 *)cpu(env, gm)) * 0x01000193;
	return h;
}

static void compute_saxpy(struct kunit *test)
{
	struct env *env = test->priv;
	const u32 count = 3000, scalar = 0x10001;	/* 3 chunks */
	struct stream s = at(env, RING);
	u32 i;

	for (i = 0; i < count; i++) {
		wr32(env, SRC_A + 4 * i, 7 * i + 1);
		wr32(env, SRC_B + 4 * i, 0xffffff00 + i);
	}
	wr32(env, SRC_A + 4 * count, 3);
	wr32(env, SRC_B + 4 * count, 4);
	wr32(env, DST + 4 * count, 0xdead);
	compute(&s, MVGPU_KERNEL_SAXPY, count, SRC_A, SRC_B, DST, scalar);
	compute(&s, MVGPU_KERNEL_SAXPY, 1, SRC_A + 4 * count,
		SRC_B + 4 * count, DST + 4 * count + 4, 5);
	KUNIT_ASSERT_EQ(test, run(test, RCS, &s), 0);

	for (i = 0; i < count; i++)
		if (rd32(env, DST + 4 * i) !=
		    scalar * (7 * i + 1) + 0xffffff00 + i) {
			KUNIT_FAIL(test, "saxpy element %u: %#x", i,
				   rd32(env, DST + 4 * i));
			break;
		}
	KUNIT_EXPECT_EQ(test, rd32(env, DST + 4 * count), 0xdead);
	KUNIT_EXPECT_EQ(test, rd32(env, DST + 4 * count + 4), 19);

	/* An unknown kernel is an engine error; compute is render only. */
	s = at(env, RING);
	compute(&s, 3, 1, SRC_A, SRC_B, DST, 0);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &s), -EIO);
	s = at(env, RING);
	compute(&s, MVGPU_KERNEL_SAXPY, 1, SRC_A, SRC_B, DST, 0);
	KUNIT_EXPECT_EQ(test, run(test, BCS, &s), -EIO);
	s = at(env, RING);
	compute(&s, MVGPU_KERNEL_SAXPY, MVGPU_COMPUTE_MAX_COUNT + 1, SRC_A,
		SRC_B, DST, 0);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &s), -EIO);
}

static void compute_checksum(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream s = at(env, RING);
	u32 i;

	memcpy(cpu(env, DATA), "abcdefgh", 8);
	for (i = 0; i < 3000; i++)
		wr32(env, SRC_A + 4 * i, i * 0x01010101);
	compute(&s, MVGPU_KERNEL_CHECKSUM, 0, DATA, 0, DATA + 0x100, 0);
	compute(&s, MVGPU_KERNEL_CHECKSUM, 2, DATA, 0, DATA + 0x104, 0);
	compute(&s, MVGPU_KERNEL_CHECKSUM, 3000, SRC_A, 0, DATA + 0x108, 0);
	compute(&s, MVGPU_KERNEL_CHECKSUM, 1, DATA + 3, 0, DATA + 0x110, 0);
	KUNIT_ASSERT_EQ(test, run(test, RCS, &s), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x100), 0x811c9dc5);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x104), 0x76daaa8d);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x108),
			fnv1a(env, SRC_A, 3000 * 4));
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x10c), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x110), fnv1a(env, DATA + 3, 4));
}

static void batch_call_return(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct twl t;

	sdi(&a, DATA, 2);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	sdi(&a, DATA + 8, 0xbad);
	sdi(&r, DATA, 1);
	bb_start(&r, BATCH_A, 0);
	sdi(&r, DATA + 4, 3);
	KUNIT_ASSERT_EQ(test, run_wl(test, &t, RCS, r.start, bytes(&r)), 0);
	KUNIT_EXPECT_EQ(test, t.wl.head, bytes(&r));
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 2);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 3);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 8), 0);

	/*
	 * A PPGTT batch is fetched through the GGTT, and its GGTT stores need
	 * no PML4; the ring has no second level.
	 */
	r = at(env, RING);
	bb_start(&r, BATCH_A, MVGPU_BB_PPGTT);
	wr32(env, DATA, 0);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &r), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 2);
	r = at(env, RING);
	bb_start(&r, BATCH_A, MVGPU_BB_SECOND_LEVEL);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &r), -EIO);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 3);
}

static void batch_chained(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct stream b = at(env, BATCH_B);

	sdi(&a, DATA, 1);
	bb_start(&a, BATCH_B, 0);
	sdi(&a, DATA + 4, 0xbad);
	sdi(&b, DATA + 8, 2);
	out(&b, MVGPU_MI_BATCH_BUFFER_END);
	bb_start(&r, BATCH_A, 0);
	sdi(&r, DATA + 12, 9);
	KUNIT_ASSERT_EQ(test, run(test, BCS, &r), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 1);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 8), 2);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 12), 9);
}

static void batch_second_level(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct stream b = at(env, BATCH_B), c = at(env, BATCH_C);
	struct twl t;

	bb_start(&a, BATCH_B, MVGPU_BB_SECOND_LEVEL);
	sdi(&a, DATA, 1);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	sdi(&b, DATA + 4, 2);
	bb_start(&b, BATCH_C, 0);		/* chain at the second level */
	sdi(&c, DATA + 8, 3);
	out(&c, MVGPU_MI_BATCH_BUFFER_END);
	bb_start(&r, BATCH_A, 0);
	sdi(&r, DATA + 12, 4);
	KUNIT_ASSERT_EQ(test, run(test, RCS, &r), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 1);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 2);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 8), 3);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 12), 4);

	/* A third level is too deep: the ring stays at the BB_START. */
	c = at(env, BATCH_C);
	bb_start(&c, BATCH_B, MVGPU_BB_SECOND_LEVEL);
	KUNIT_EXPECT_EQ(test, run_wl(test, &t, RCS, r.start, bytes(&r)), -EIO);
	KUNIT_EXPECT_EQ(test, t.wl.head, 0);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].last_error,
			MVGPU_ERR_NESTING);
}

static void invalid_commands(struct kunit *test)
{
	static const u32 bad[] = {
		0xffffffff,				/* command type 7 */
		0x20000000,				/* command type 1 */
		MVGPU_MI_INSTR(0x07, 0),		/* unknown MI */
		MVGPU_MI_INSTR(0x2f, 1),
		MVGPU_2D_INSTR(0x51, 5),		/* unknown 2D */
		MVGPU_GFX_INSTR(3, 0, 0, 0),		/* unknown 3D */
		MVGPU_PIPE_CONTROL + 1,			/* wrong length */
	};
	struct env *env = test->priv;
	struct stream s;
	struct twl t;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		u32 engine = MVGPU_CMD_TYPE(bad[i]) == MVGPU_CMD_TYPE_2D ?
			     BCS : RCS;

		s = at(env, RING);
		sdi(&s, DATA, i + 1);
		out(&s, bad[i]);
		out(&s, 0);
		out(&s, 0);
		sdi(&s, DATA + 4, i + 1);
		KUNIT_EXPECT_EQ_MSG(test, run_wl(test, &t, engine, s.start,
						 bytes(&s)),
				    -EIO, "command %#x", bad[i]);
		KUNIT_EXPECT_EQ(test, t.wl.head, 16);
		KUNIT_EXPECT_EQ(test, rd32(env, DATA), i + 1);
		KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 0);
	}

	/* A command that crosses the end of the stream. */
	s = at(env, RING);
	sdi(&s, DATA + 8, 1);
	KUNIT_EXPECT_EQ(test, run_wl(test, &t, RCS, s.start, 12), -EIO);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 8), 0);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].last_error,
			MVGPU_ERR_TRUNCATED);
	/* One of the bad commands went to the copy engine. */
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].stats.errors,
			ARRAY_SIZE(bad));
	KUNIT_EXPECT_EQ(test, env->gpu->engines[BCS].stats.errors, 1);
}

static void not_present(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream s = at(env, RING);
	struct twl t;

	sdi(&s, UNMAPPED + 0x10, 1);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &s), -EIO);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].last_error,
			MVGPU_ERR_ADDRESS);

	/* Half of the qword would land in an unmapped page: no write. */
	s = at(env, RING);
	sdi64(&s, UNMAPPED - 4, ~0ull);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &s), -EIO);
	KUNIT_EXPECT_EQ(test, rd32(env, UNMAPPED - 4), 0);

	/* Beyond the GGTT. */
	s = at(env, RING);
	sdi(&s, 1ull << 32, 1);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &s), -EIO);

	s = at(env, RING);
	bb_start(&s, UNMAPPED, 0);
	KUNIT_EXPECT_EQ(test, run(test, BCS, &s), -EIO);

	s = at(env, RING);
	compute(&s, MVGPU_KERNEL_CHECKSUM, SZ_4K, UNMAPPED - SZ_4K, 0, DATA, 0);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &s), -EIO);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 0);

	/* The stream itself is not mapped. */
	KUNIT_EXPECT_EQ(test, run_wl(test, &t, BCS, UNMAPPED, 16), -EIO);
	KUNIT_EXPECT_EQ(test, t.wl.head, 0);
}

static void hang_and_reset(struct kunit *test)
{
	struct env *env = test->priv;
	struct sgpu_engine *e = &env->gpu->engines[RCS];
	u64 cancelled = e->stats.cancelled;
	struct twl t[3], after;
	struct stream r;
	int i;

	hang_stream(test, &r, BATCH_A);
	for (i = 0; i < 3; i++)
		submit(test, &t[i], RCS, r.start, bytes(&r));
	msleep(50);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_FALSE(test, completion_done(&t[i].done));
	KUNIT_EXPECT_EQ(test, sgpu_engine_queued(e), 3);

	sgpu_gpu_engine_reset(env->gpu, RCS);
	/* Everything is complete when the reset returns. */
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_TRUE(test, completion_done(&t[i].done));
		KUNIT_EXPECT_EQ(test, t[i].wl.status, -ECANCELED);
	}
	KUNIT_EXPECT_EQ(test, t[0].wl.head, 0);
	KUNIT_EXPECT_GT(test, t[0].wl.busy_ns, 0);
	KUNIT_EXPECT_EQ(test, e->stats.cancelled, cancelled + 3);
	KUNIT_EXPECT_EQ(test, sgpu_engine_queued(e), 0);

	/* The engine works again. */
	r = at(env, RING);
	sdi(&r, DATA, 0x5);
	KUNIT_EXPECT_EQ(test, run_wl(test, &after, RCS, r.start, bytes(&r)), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 0x5);
}

/* A cancelled workload submitted again goes on from its ring head. */
static void resubmit_resumes_at_head(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct twl t;

	bb_start(&a, BATCH_A, 0);
	sdi(&r, DATA, 1);
	bb_start(&r, BATCH_A, 0);
	sdi(&r, DATA + 4, 2);
	submit(test, &t, RCS, r.start, bytes(&r));
	msleep(20);
	sgpu_gpu_engine_reset(env->gpu, RCS);
	KUNIT_ASSERT_EQ(test, t.wl.status, -ECANCELED);
	KUNIT_EXPECT_EQ(test, t.wl.head, 16);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 1);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 0);

	/* The batch now ends; the first store must not run again. */
	a = at(env, BATCH_A);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	wr32(env, DATA, 0);
	resubmit(test, &t);
	KUNIT_EXPECT_EQ(test, t.wl.status, 0);
	KUNIT_EXPECT_EQ(test, t.wl.head, bytes(&r));
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 2);
}

/*
 * A preemption stops the executing workload without a context image at a
 * ring command boundary: it completes with -EAGAIN and its head, queued
 * work runs next, and submitting it again resumes it without repeating a
 * command.
 */
static void preempt_resumes(struct kunit *test)
{
	struct env *env = test->priv;
	struct sgpu_engine *e = &env->gpu->engines[RCS];
	struct stream r = at(env, RING), q = at(env, BATCH_C);
	u64 preempted = e->stats.preempted;
	unsigned long timeout;
	struct twl t, t2, idle;
	u32 i, size;

	for (i = 0; i < ALIAS_PAGES; i++)
		sgpu_gpu_ggtt_write(env->gpu, ALIAS / SZ_4K + i,
				    page_to_phys(env->pages[NR_PAGES - 1]) |
				    MVGPU_GTT_PTE_PRESENT);
	/* Preempting an idle engine leaves nothing behind. */
	sgpu_gpu_engine_preempt(env->gpu, RCS);
	sdi(&q, DATA + 12, 4);
	KUNIT_EXPECT_EQ(test, run_wl(test, &idle, RCS, q.start, bytes(&q)), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 12), 4);

	sdi(&r, DATA, 1);
	for (i = 0; i < 16; i++)
		compute(&r, MVGPU_KERNEL_SAXPY, 1u << 20, ALIAS, ALIAS, ALIAS,
			3);
	sdi(&r, DATA + 4, 2);
	size = bytes(&r);
	q = at(env, BATCH_C);
	sdi(&q, DATA + 8, 3);
	submit(test, &t, RCS, r.start, size);
	submit(test, &t2, RCS, q.start, bytes(&q));

	/* Preempt once the first SAXPY is done: at least one remains. */
	timeout = jiffies + WAIT;
	while (READ_ONCE(t.wl.head) < 16 + 40 && time_before(jiffies, timeout))
		usleep_range(100, 200);
	sgpu_gpu_engine_preempt(env->gpu, RCS);
	wait(test, &t);
	KUNIT_ASSERT_EQ(test, t.wl.status, -EAGAIN);
	KUNIT_EXPECT_GE(test, t.wl.head, 16 + 40);
	KUNIT_EXPECT_LT(test, t.wl.head, size);
	KUNIT_EXPECT_EQ(test, (t.wl.head - 16) % 40, 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 1);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 0);
	KUNIT_EXPECT_EQ(test, e->stats.preempted, preempted + 1);

	/* The queued workload runs next. */
	wait(test, &t2);
	KUNIT_EXPECT_EQ(test, t2.wl.status, 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 8), 3);

	/* Resumed: the first store does not run again, the last one does. */
	wr32(env, DATA, 0);
	resubmit(test, &t);
	KUNIT_EXPECT_EQ(test, t.wl.status, 0);
	KUNIT_EXPECT_EQ(test, t.wl.head, size);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 2);
}

/* A workload whose completion holds the engine thread until released. */
struct held_twl {
	struct twl t;
	struct completion release;
};

static void held_complete(struct mvgpu_hw_workload *wl)
{
	struct held_twl *h = container_of(wl, struct held_twl, t.wl);

	complete(&h->t.done);
	wait_for_completion_timeout(&h->release, WAIT);
}

/*
 * A preemption that arrives while no workload executes yet, but one is
 * queued (the scheduler submitted and preempted before the engine picked
 * it up), stops that workload before its first command.
 */
static void preempt_before_start(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), q = at(env, BATCH_C);
	struct held_twl h;
	struct twl t2;

	sdi(&r, DATA, 1);
	sdi(&q, DATA + 4, 2);
	init_completion(&h.release);
	twl_init(&h.t, RCS, r.start, bytes(&r));
	h.t.wl.complete = held_complete;
	KUNIT_ASSERT_EQ(test, sgpu_gpu_submit(env->gpu, &h.t.wl), 0);
	wait(test, &h.t);
	/* The engine thread is in h's completion: t2 only waits in the queue. */
	submit(test, &t2, RCS, q.start, bytes(&q));
	sgpu_gpu_engine_preempt(env->gpu, RCS);
	complete(&h.release);
	wait(test, &t2);
	KUNIT_EXPECT_EQ(test, t2.wl.status, -EAGAIN);
	KUNIT_EXPECT_EQ(test, t2.wl.head, 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 0);	/* nothing ran */
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 1);

	/* Submitted again, it runs; the request was used up. */
	resubmit(test, &t2);
	KUNIT_EXPECT_EQ(test, t2.wl.status, 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 2);
}

/*
 * With a context image a preemption stops anywhere: inside batch buffers
 * and between the chunks of a long command.  The batch runs long in-place
 * SAXPYs over ALIAS, whose pages all map one page: each 4 KiB chunk
 * multiplies that page by 3 (x = 2x + x), so running a chunk twice, or
 * losing one, shows in the result.  Preempted over and over, it still
 * computes exactly what the CPU does, and the registers it loaded travel
 * with the image.
 */
static void preempt_anywhere_with_context(struct kunit *test)
{
	const u32 cmds = 2, chunks = cmds * ALIAS_PAGES;
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct sgpu_context ctx = {};
	unsigned int stops = 0, in_batch = 0, in_cmd = 0;
	u32 *page = kmap_local_page(env->pages[NR_PAGES - 1]);
	struct sgpu_exec_state st;
	struct twl t;
	u32 i, k;

	for (i = 0; i < ALIAS_PAGES; i++)
		sgpu_gpu_ggtt_write(env->gpu, ALIAS / SZ_4K + i,
				    page_to_phys(env->pages[NR_PAGES - 1]) |
				    MVGPU_GTT_PTE_PRESENT);
	for (i = 0; i < SZ_4K / 4; i++)
		page[i] = i + 1;
	out(&a, MVGPU_MI_LOAD_REGISTER_IMM | 1);
	out(&a, GPR(RCS, 5));
	out(&a, 0x5555);
	for (k = 0; k < cmds; k++)
		compute(&a, MVGPU_KERNEL_SAXPY, MVGPU_COMPUTE_MAX_COUNT, ALIAS,
			ALIAS, ALIAS, 2);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	sdi(&r, DATA, 1);
	bb_start(&r, BATCH_A, 0);
	sdi(&r, DATA + 4, 2);

	twl_init(&t, RCS, r.start, bytes(&r));
	t.wl.ctx = &ctx;
	for (;;) {
		KUNIT_ASSERT_EQ(test, sgpu_gpu_submit(env->gpu, &t.wl), 0);
		usleep_range(500, 1000);
		sgpu_gpu_engine_preempt(env->gpu, RCS);
		wait(test, &t);
		if (t.wl.status != -EAGAIN)
			break;
		stops++;
		/* Resubmitted, it resumes where the image says. */
		t.wl.flags |= MVGPU_WL_RESUME;
		sgpu_exec_start(&st, &t.wl);
		in_batch += st.depth > 0;
		in_cmd += st.cursor.done > 0;
		t.wl.status = 0;
		reinit_completion(&t.done);
	}
	KUNIT_EXPECT_EQ(test, t.wl.status, 0);
	KUNIT_EXPECT_EQ(test, t.wl.head, bytes(&r));
	kunit_info(test, "%u preemptions: %u inside the batch, %u inside a command\n",
		   stops, in_batch, in_cmd);
	KUNIT_EXPECT_GT(test, in_batch, 0u);
	KUNIT_EXPECT_GT(test, in_cmd, 0u);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 1);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 4), 2);
	for (i = 0; i < SZ_4K / 4; i++) {
		u32 x = i + 1;

		for (k = 0; k < chunks; k++)
			x *= 3;
		if (page[i] != x) {
			KUNIT_FAIL(test, "element %u: %#x, want %#x", i,
				   page[i], x);
			break;
		}
	}
	kunmap_local(page);
	/* The image holds the registers; the position is cleared at the end. */
	KUNIT_EXPECT_EQ(test, ctx.gpr[5], 0x5555);
	KUNIT_EXPECT_EQ(test, ctx.saved, 0);
}

/* A reset interrupts a long command between two chunks. */
static void reset_stops_long_command(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct twl t;
	u64 t0;
	u32 i;

	for (i = 0; i < ALIAS_PAGES; i++)
		sgpu_gpu_ggtt_write(env->gpu, ALIAS / SZ_4K + i,
				    page_to_phys(env->pages[NR_PAGES - 1]) |
				    MVGPU_GTT_PTE_PRESENT);
	compute(&a, MVGPU_KERNEL_SAXPY, MVGPU_COMPUTE_MAX_COUNT, ALIAS, ALIAS,
		ALIAS, 3);
	bb_start(&a, BATCH_A, 0);
	bb_start(&r, BATCH_A, 0);
	submit(test, &t, RCS, r.start, bytes(&r));
	msleep(20);
	KUNIT_EXPECT_FALSE(test, completion_done(&t.done));

	t0 = ktime_get_ns();
	sgpu_gpu_engine_reset(env->gpu, RCS);
	KUNIT_EXPECT_LT(test, ktime_get_ns() - t0, 1000 * NSEC_PER_MSEC);
	KUNIT_EXPECT_TRUE(test, completion_done(&t.done));
	KUNIT_EXPECT_EQ(test, t.wl.status, -ECANCELED);
}

static void timestamps(struct kunit *test)
{
	struct env *env = test->priv;
	u64 t0, t1, t2, k0, k1, expect;

	k0 = ktime_get_ns();
	t0 = sgpu_gpu_timestamp(env->gpu, RCS);
	msleep(20);
	t1 = sgpu_gpu_timestamp(env->gpu, RCS);
	k1 = ktime_get_ns();
	t2 = sgpu_gpu_timestamp(env->gpu, BCS);
	KUNIT_EXPECT_GT(test, t0, 0);
	/*
	 * The counter runs at MVGPU_TIMESTAMP_HZ of the kernel's monotonic
	 * clock: compare with that clock measured around the same interval
	 * (not with the sleep asked for), at most that much plus a tick.
	 */
	expect = div_u64((k1 - k0) * MVGPU_TIMESTAMP_HZ, NSEC_PER_SEC);
	KUNIT_EXPECT_LE(test, t1 - t0, expect + 1);
	KUNIT_EXPECT_GE(test, t1 - t0, expect / 2);
	KUNIT_EXPECT_GE(test, t2, t1);
}

static void busy_accounting(struct kunit *test)
{
	struct env *env = test->priv;
	struct sgpu_engine *e = &env->gpu->engines[RCS];
	struct sgpu_engine_stats before = e->stats;
	struct stream s = at(env, RING);
	struct twl t;

	compute(&s, MVGPU_KERNEL_SAXPY, 3000, SRC_A, SRC_B, DST, 2);
	out(&s, MVGPU_MI_NOOP);
	KUNIT_ASSERT_EQ(test, run_wl(test, &t, RCS, s.start, bytes(&s)), 0);
	KUNIT_EXPECT_GT(test, t.wl.busy_ns, 0);
	KUNIT_EXPECT_GE(test, e->stats.busy_ns, before.busy_ns + t.wl.busy_ns);
	KUNIT_EXPECT_EQ(test, e->stats.completed, before.completed + 1);
	KUNIT_EXPECT_EQ(test, e->stats.cmds, before.cmds + 2);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[BCS].stats.completed, 0);
}

/* A hung render engine does not hold up the copy engine. */
static void engines_run_concurrently(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r, b;
	struct twl hung, t;

	hang_stream(test, &r, BATCH_A);
	submit(test, &hung, RCS, r.start, bytes(&r));
	msleep(20);

	b = at(env, RING + 0x800);
	sdi(&b, DATA, 0xb);
	KUNIT_EXPECT_EQ(test, run_wl(test, &t, BCS, b.start, bytes(&b)), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 0xb);
	KUNIT_EXPECT_FALSE(test, completion_done(&hung.done));
	KUNIT_EXPECT_EQ(test, sgpu_engine_queued(&env->gpu->engines[RCS]), 1);

	sgpu_gpu_engine_reset(env->gpu, RCS);
	KUNIT_EXPECT_EQ(test, hung.wl.status, -ECANCELED);
}

static void bad_engine(struct kunit *test)
{
	struct env *env = test->priv;
	struct twl t;

	twl_init(&t, MVGPU_NUM_ENGINES, RING, 0);
	KUNIT_EXPECT_EQ(test, sgpu_gpu_submit(env->gpu, &t.wl), -EINVAL);

	/* An empty stream completes at once. */
	KUNIT_EXPECT_EQ(test, run_wl(test, &t, BCS, RING, 0), 0);
}

/* A zeroed page outside the GGTT, freed once the engines are stopped. */
static struct page *xpage(struct kunit *test)
{
	struct env *env = test->priv;
	struct page *page;

	KUNIT_ASSERT_LT(test, env->nr_xpages, NR_XPAGES);
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_NULL(test, page);
	env->xpages[env->nr_xpages++] = page;
	return page;
}

static u32 prd32(struct page *page, u32 offset)
{
	return le32_to_cpu(*(__le32 *)(page_address(page) + offset));
}

static void pwr32(struct page *page, u32 offset, u32 v)
{
	*(__le32 *)(page_address(page) + offset) = cpu_to_le32(v);
}

/* A new, empty per-process space: the PML4 value that names it. */
static u64 pt_root(struct kunit *test)
{
	return page_to_phys(xpage(test));
}

static u64 pte(struct page *page)
{
	return page_to_phys(page) | MVGPU_GTT_PTE_PRESENT;
}

/*
 * The entry of @va at @level (4: PML4 ... 1: PT) in the space rooted at
 * @root, made reachable: the tables above it are created as needed.
 */
static __le64 *pt_entry(struct kunit *test, u64 root, u64 va,
			unsigned int level)
{
	u64 table = root;
	unsigned int l;
	__le64 *e;

	for (l = MVGPU_PPGTT_LEVELS;; l--) {
		e = (__le64 *)page_address(pfn_to_page(PHYS_PFN(table))) +
		    MVGPU_PPGTT_INDEX(va, l);
		if (l == level)
			return e;
		if (!(le64_to_cpu(*e) & MVGPU_GTT_PTE_PRESENT))
			*e = cpu_to_le64(pte(xpage(test)));
		table = le64_to_cpu(*e) & MVGPU_GTT_PTE_ADDR_MASK;
	}
}

/* Map the page at @va of the space rooted at @root to @page. */
static void pt_map(struct kunit *test, u64 root, u64 va, struct page *page)
{
	*pt_entry(test, root, va, 1) = cpu_to_le64(pte(page));
}

/* MI_LOAD_REGISTER_IMM of PML4, both halves in one command. */
static void load_pml4(struct stream *s, u32 engine, u64 root)
{
	out(s, MVGPU_MI_LOAD_REGISTER_IMM | 3);
	out(s, PML4_LDW(engine));
	out(s, lower_32_bits(root));
	out(s, PML4_UDW(engine));
	out(s, upper_32_bits(root));
}

/* MI_STORE_DATA_IMM without the GGTT bit. */
static void sdi_pp(struct stream *s, u64 va, u32 val)
{
	out(s, MVGPU_MI_STORE_DATA_IMM | 2);
	out(s, lower_32_bits(va));
	out(s, upper_32_bits(va));
	out(s, val);
}

static void pipe_control(struct stream *s, u32 flags, u64 gm, u64 val)
{
	out(s, MVGPU_PIPE_CONTROL);
	out(s, MVGPU_PC_WRITE_IMM | MVGPU_PC_CS_STALL | flags);
	out(s, lower_32_bits(gm));
	out(s, upper_32_bits(gm));
	out(s, lower_32_bits(val));
	out(s, upper_32_bits(val));
}

static void flush_dw(struct stream *s, u32 addr_flags, u64 gm, u32 val)
{
	out(s, MVGPU_MI_FLUSH_DW | MVGPU_FLUSH_DW_STORE_DATA |
	       MVGPU_FLUSH_DW_INVALIDATE_TLB | 2);
	out(s, lower_32_bits(gm) | addr_flags);
	out(s, upper_32_bits(gm));
	out(s, val);
}

static void color_fill(struct stream *s, u64 dst, u32 pitch, u32 x2, u32 y2,
		       u32 color)
{
	out(s, MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB);
	out(s, MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_PATCOPY | pitch);
	out(s, 0);
	out(s, y2 << 16 | x2);
	out(s, lower_32_bits(dst));
	out(s, upper_32_bits(dst));
	out(s, color);
}

/*
 * The render engine's operands in a PPGTT batch: stores without their GGTT
 * bit, compute and PIPE_CONTROL go through the 4-level tables; stores with
 * it go to the GGTT.  A second-level batch without the PPGTT bit is GGTT,
 * and the first-level batch is back in its space after it.  The batch is
 * fetched through the GGTT.
 */
static void ppgtt_render_operands(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct stream c = at(env, BATCH_C);
	struct page *p0 = xpage(test), *pa = xpage(test), *pb = xpage(test);
	struct page *low = xpage(test);
	u64 root = pt_root(test), src = VA_PAGE(2) - 0x80;
	const u32 count = 96;		/* crosses from pa into pb */
	u32 i, k, fnv = 0x811c9dc5;

	pt_map(test, root, VA_PAGE(0), p0);
	pt_map(test, root, VA_PAGE(1), pa);
	pt_map(test, root, VA_PAGE(2), pb);
	/* A low address that is also a GGTT address of the test pages. */
	pt_map(test, root, DATA, low);
	for (i = 0; i < count; i++) {
		pwr32(i < 32 ? pa : pb, i < 32 ? 0xf80 + 4 * i : 4 * (i - 32),
		      i + 1);
		for (k = 0; k < 4; k++)
			fnv = (fnv ^ (u8)((i + 1) >> (8 * k))) * 0x01000193;
	}

	sdi_pp(&a, VA_PAGE(0) + 0x10, 0x1111);
	sdi_pp(&a, DATA + 0x20, 0x2222);
	sdi(&a, DATA + 0x24, 0x3333);
	compute(&a, MVGPU_KERNEL_SAXPY, count, src, src, VA_PAGE(0) + 0x200,
		3);
	compute(&a, MVGPU_KERNEL_CHECKSUM, count, src, 0, VA_PAGE(0) + 0x18,
		0);
	pipe_control(&a, 0, VA_PAGE(0) + 0x400, 0x5555555544444444ull);
	pipe_control(&a, MVGPU_PC_GLOBAL_GTT | MVGPU_PC_TLB_INVALIDATE,
		     DATA + 0x28, 0x66);
	bb_start(&a, BATCH_C, MVGPU_BB_SECOND_LEVEL);
	sdi_pp(&a, VA_PAGE(0) + 0x14, 0x7777);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	sdi_pp(&c, DATA + 0x30, 0x8888);	/* second level, GGTT */
	out(&c, MVGPU_MI_BATCH_BUFFER_END);

	/* The two halves of PML4 in two commands, the upper one first. */
	out(&r, MVGPU_MI_LOAD_REGISTER_IMM | 1);
	out(&r, PML4_UDW(RCS));
	out(&r, upper_32_bits(root));
	out(&r, MVGPU_MI_LOAD_REGISTER_IMM | 1);
	out(&r, PML4_LDW(RCS));
	out(&r, lower_32_bits(root));
	bb_start(&r, BATCH_A, MVGPU_BB_PPGTT);
	sdi_pp(&r, DATA + 0x34, 0x9999);	/* the ring is GGTT */
	KUNIT_ASSERT_EQ(test, run(test, RCS, &r), 0);

	KUNIT_EXPECT_EQ(test, prd32(p0, 0x10), 0x1111);
	KUNIT_EXPECT_EQ(test, prd32(low, 0x20), 0x2222);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x20), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x24), 0x3333);
	KUNIT_EXPECT_EQ(test, prd32(low, 0x24), 0);
	for (i = 0; i < count; i++)
		if (prd32(p0, 0x200 + 4 * i) != 4 * (i + 1)) {
			KUNIT_FAIL(test, "saxpy element %u: %#x", i,
				   prd32(p0, 0x200 + 4 * i));
			break;
		}
	KUNIT_EXPECT_EQ(test, prd32(p0, 0x18), fnv);
	KUNIT_EXPECT_EQ(test, prd32(p0, 0x400), 0x44444444);
	KUNIT_EXPECT_EQ(test, prd32(p0, 0x404), 0x55555555);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x28), 0x66);
	KUNIT_EXPECT_EQ(test, prd32(low, 0x28), 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x30), 0x8888);
	KUNIT_EXPECT_EQ(test, prd32(low, 0x30), 0);
	KUNIT_EXPECT_EQ(test, prd32(p0, 0x14), 0x7777);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x34), 0x9999);
	KUNIT_EXPECT_EQ(test, prd32(low, 0x34), 0);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].pml4, root);
}

/*
 * The copy engine's: blits' surfaces and MI_FLUSH_DW's store without
 * FLUSH_DW_USE_GGTT are per-process, with it GGTT.
 */
static void ppgtt_copy_operands(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct page *s0 = xpage(test), *s1 = xpage(test), *d = xpage(test);
	u64 root = pt_root(test);
	const u32 pitch = 0x800;
	u32 y;

	pt_map(test, root, VA_PAGE(4), s0);
	pt_map(test, root, VA_PAGE(5), s1);
	pt_map(test, root, VA_PAGE(9), d);
	/* Rows 0-1 in s0, 2-3 in s1. */
	color_fill(&a, VA_PAGE(4), pitch, 4, 4, 0xc0c0c0c0);
	emit_copy(&a, &(struct copy){
		.dst = VA_PAGE(9), .dpitch = 16, .dx2 = 4, .dy2 = 4,
		.src = VA_PAGE(4), .spitch = pitch,
	});
	flush_dw(&a, 0, VA_PAGE(4) + 0x20, 0xf1);
	flush_dw(&a, MVGPU_FLUSH_DW_USE_GGTT, DATA + 0x40, 0xf2);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	load_pml4(&r, BCS, root);
	bb_start(&r, BATCH_A, MVGPU_BB_PPGTT);
	KUNIT_ASSERT_EQ(test, run(test, BCS, &r), 0);

	for (y = 0; y < 4; y++) {
		struct page *row = y < 2 ? s0 : s1;
		u32 off = (y % 2) * pitch;

		KUNIT_EXPECT_EQ(test, prd32(row, off), 0xc0c0c0c0);
		KUNIT_EXPECT_EQ(test, prd32(row, off + 12), 0xc0c0c0c0);
		KUNIT_EXPECT_EQ(test, prd32(row, off + 16), 0);
		KUNIT_EXPECT_EQ(test, prd32(d, y * 16), 0xc0c0c0c0);
		KUNIT_EXPECT_EQ(test, prd32(d, y * 16 + 12), 0xc0c0c0c0);
	}
	KUNIT_EXPECT_EQ(test, prd32(s0, 0x20), 0xf1);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x40), 0xf2);
}

/*
 * The same address under two roots, loaded before two BB_STARTs of one
 * ring, reaches two pages.  A batch keeps the space of its BB_START when
 * it loads PML4 itself; the batch it chains to gets the new one.
 */
static void ppgtt_two_roots(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct stream b = at(env, BATCH_B), c = at(env, BATCH_C);
	struct page *p1 = xpage(test), *p2 = xpage(test);
	u64 root1 = pt_root(test), root2 = pt_root(test);

	pt_map(test, root1, VA_X, p1);
	pt_map(test, root2, VA_X, p2);
	sdi_pp(&a, VA_X, 0xa);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	load_pml4(&b, RCS, root1);
	sdi_pp(&b, VA_X + 4, 0xb);		/* still root2's */
	bb_start(&b, BATCH_C, MVGPU_BB_PPGTT);	/* chained: root1 */
	sdi_pp(&c, VA_X + 8, 0xc);
	out(&c, MVGPU_MI_BATCH_BUFFER_END);

	load_pml4(&r, RCS, root1);
	bb_start(&r, BATCH_A, MVGPU_BB_PPGTT);
	load_pml4(&r, RCS, root2);
	bb_start(&r, BATCH_A, MVGPU_BB_PPGTT);
	bb_start(&r, BATCH_B, MVGPU_BB_PPGTT);
	KUNIT_ASSERT_EQ(test, run(test, RCS, &r), 0);
	KUNIT_EXPECT_EQ(test, prd32(p1, 0), 0xa);
	KUNIT_EXPECT_EQ(test, prd32(p2, 0), 0xa);
	KUNIT_EXPECT_EQ(test, prd32(p1, 4), 0);
	KUNIT_EXPECT_EQ(test, prd32(p2, 4), 0xb);
	KUNIT_EXPECT_EQ(test, prd32(p1, 8), 0xc);
	KUNIT_EXPECT_EQ(test, prd32(p2, 8), 0);
}

/*
 * Run a PPGTT batch that stores @val at @va under @root; the status, with
 * the engine error and the fault count checked for a failure.
 */
static int ppgtt_store(struct kunit *test, u64 root, u64 va, u32 val)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	s64 faults = atomic64_read(&env->gpu->ppgtt_faults);
	struct twl t;
	int ret;

	sdi_pp(&a, va, val);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	if (root)
		load_pml4(&r, RCS, root);
	bb_start(&r, BATCH_A, MVGPU_BB_PPGTT);
	ret = run_wl(test, &t, RCS, r.start, bytes(&r));
	if (ret) {
		KUNIT_EXPECT_EQ(test, ret, -EIO);
		KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].last_error,
				MVGPU_ERR_ADDRESS);
		KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].st.error_buf,
				BATCH_A);
		KUNIT_EXPECT_EQ(test, t.wl.head, r.n * 4 - 12);
		KUNIT_EXPECT_GT(test, atomic64_read(&env->gpu->ppgtt_faults),
				faults);
	}
	return ret;
}

/*
 * A walk faults through an entry that is not present at any level, a
 * non-4 KiB entry, an address at or above 1 << 48, and a PML4 never
 * loaded: an engine error, as for a GGTT entry that is not present.
 */
static void ppgtt_faults(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct page *p = xpage(test);
	unsigned int level;
	__le64 *e, old;
	u64 root;

	for (level = 1; level <= MVGPU_PPGTT_LEVELS; level++) {
		root = pt_root(test);
		pt_map(test, root, VA_X, p);
		KUNIT_ASSERT_EQ(test, ppgtt_store(test, root, VA_X, level), 0);
		KUNIT_EXPECT_EQ(test, prd32(p, 0), level);
		e = pt_entry(test, root, VA_X, level);
		old = *e;
		*e = cpu_to_le64(le64_to_cpu(old) & ~MVGPU_GTT_PTE_PRESENT);
		KUNIT_EXPECT_EQ_MSG(test, ppgtt_store(test, root, VA_X, 0xbad),
				    -EIO, "level %u", level);
		KUNIT_EXPECT_EQ(test, prd32(p, 0), level);
		if (level > 1) {
			*e = cpu_to_le64(le64_to_cpu(old) | MVGPU_PPGTT_PTE_PS);
			KUNIT_EXPECT_EQ_MSG(test,
					    ppgtt_store(test, root, VA_X, 0xbad),
					    -EIO, "PS at level %u", level);
			KUNIT_EXPECT_EQ(test, prd32(p, 0), level);
		}
	}

	/* 48 bits of address: the last page below is fine, not the next. */
	root = pt_root(test);
	pt_map(test, root, (1ull << 48) - SZ_4K, p);
	KUNIT_EXPECT_EQ(test, ppgtt_store(test, root, (1ull << 48) - 4, 0x48),
			0);
	KUNIT_EXPECT_EQ(test, prd32(p, SZ_4K - 4), 0x48);
	KUNIT_EXPECT_EQ(test, ppgtt_store(test, root, 1ull << 48, 0xbad), -EIO);
	KUNIT_EXPECT_EQ(test, ppgtt_store(test, root, ~0ull - 3, 0xbad), -EIO);

	/* No PML4 loaded (a workload without an image starts from reset). */
	KUNIT_EXPECT_EQ(test, ppgtt_store(test, 0, 0, 0xbad), -EIO);

	/* A store crossing into an unmapped page writes nothing. */
	root = pt_root(test);
	pt_map(test, root, VA_X, p);
	r = at(env, RING);
	a = at(env, BATCH_A);
	out(&a, MVGPU_MI_STORE_DATA_IMM | 3);
	out(&a, lower_32_bits(VA_X + SZ_4K - 4));
	out(&a, upper_32_bits(VA_X + SZ_4K - 4));
	out(&a, 1);
	out(&a, 2);
	load_pml4(&r, RCS, root);
	bb_start(&r, BATCH_A, MVGPU_BB_PPGTT);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &r), -EIO);
	KUNIT_EXPECT_EQ(test, prd32(p, SZ_4K - 4), 0x48);

	/* Compute and blits fault the same way. */
	a = at(env, BATCH_A);
	compute(&a, MVGPU_KERNEL_CHECKSUM, 2048, VA_X, 0, VA_X, 0);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	KUNIT_EXPECT_EQ(test, run(test, RCS, &r), -EIO);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].last_error,
			MVGPU_ERR_ADDRESS);
	KUNIT_EXPECT_EQ(test, prd32(p, 0), MVGPU_PPGTT_LEVELS);
	r = at(env, RING);
	a = at(env, BATCH_A);
	color_fill(&a, VA_X + SZ_4K, 16, 1, 1, 0);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	load_pml4(&r, BCS, root);
	bb_start(&r, BATCH_A, MVGPU_BB_PPGTT);
	KUNIT_EXPECT_EQ(test, run(test, BCS, &r), -EIO);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[BCS].last_error,
			MVGPU_ERR_ADDRESS);
}

/*
 * PML4 loaded, then a batch without the PPGTT bit: its operands, with or
 * without their GGTT bit, are GGTT addresses.  PML4 is kept in the image
 * like the other registers: a new workload with it starts with it.
 */
static void ppgtt_pml4_then_ggtt_batch(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct stream b = at(env, BATCH_B);
	struct page *p = xpage(test);
	struct sgpu_context ctx = {};
	u64 root = pt_root(test);
	struct twl t;

	pt_map(test, root, DATA, p);
	sdi_pp(&a, DATA + 0x10, 0x10);
	compute(&a, MVGPU_KERNEL_CHECKSUM, 0, DATA, 0, DATA + 0x14, 0);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	load_pml4(&r, RCS, root);
	bb_start(&r, BATCH_A, 0);
	twl_init(&t, RCS, r.start, bytes(&r));
	t.wl.ctx = &ctx;
	KUNIT_ASSERT_EQ(test, sgpu_gpu_submit(env->gpu, &t.wl), 0);
	wait(test, &t);
	KUNIT_ASSERT_EQ(test, t.wl.status, 0);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x10), 0x10);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x14), 0x811c9dc5);
	KUNIT_EXPECT_EQ(test, prd32(p, 0x10), 0);
	KUNIT_EXPECT_EQ(test, prd32(p, 0x14), 0);
	KUNIT_EXPECT_EQ(test, ctx.pml4, root);

	/* Another workload's reset state in between. */
	r = at(env, RING);
	sdi(&r, DATA + 0x20, 1);
	KUNIT_ASSERT_EQ(test, run(test, RCS, &r), 0);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].pml4, 0);

	/* A new workload of the image: PPGTT batch without a load. */
	sdi_pp(&b, DATA + 0x18, 0x18);
	out(&b, MVGPU_MI_BATCH_BUFFER_END);
	r = at(env, RING);
	bb_start(&r, BATCH_B, MVGPU_BB_PPGTT);
	twl_init(&t, RCS, r.start, bytes(&r));
	t.wl.ctx = &ctx;
	KUNIT_ASSERT_EQ(test, sgpu_gpu_submit(env->gpu, &t.wl), 0);
	wait(test, &t);
	KUNIT_ASSERT_EQ(test, t.wl.status, 0);
	KUNIT_EXPECT_EQ(test, prd32(p, 0x18), 0x18);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA + 0x18), 0);

	/* An engine reset clears PML4. */
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].pml4, root);
	sgpu_gpu_engine_reset(env->gpu, RCS);
	KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].pml4, 0);
}

/*
 * Map [VA_ALIAS, VA_ALIAS + ALIAS_PAGES pages) of @root to @page: the
 * page directory entries all name one page table whose entries all name
 * @page.
 */
static void pt_map_alias(struct kunit *test, u64 root, struct page *page)
{
	struct page *pt = xpage(test);
	__le64 *e = page_address(pt);
	u32 i;

	for (i = 0; i < MVGPU_PPGTT_ENTRIES; i++)
		e[i] = cpu_to_le64(pte(page));
	for (i = 0; i < ALIAS_PAGES / MVGPU_PPGTT_ENTRIES; i++)
		*pt_entry(test, root, VA_ALIAS + (u64)i * SZ_2M, 2) =
			cpu_to_le64(pte(pt));
}

/*
 * Preempted inside a PPGTT batch, in the middle of a long command, a
 * workload resumes in the space of its batch: with the root its BB_START
 * saw, though the batch loaded another into PML4 since, and though
 * another workload with another image and root ran on the engine in
 * between.  The batch's in-place SAXPY over VA_ALIAS (every page of it
 * one page) triples that page per 4 KiB chunk, so a chunk run twice,
 * lost, or run elsewhere shows.  The PML4 the batch loaded is the one a
 * later PPGTT batch of the ring uses.
 */
static void ppgtt_preempt_resume(struct kunit *test)
{
	struct env *env = test->priv;
	struct stream r = at(env, RING), a = at(env, BATCH_A);
	struct stream b = at(env, BATCH_B), c = at(env, BATCH_C);
	struct stream rb = at(env, RING + 0x800);
	struct page *p = xpage(test), *q2 = xpage(test), *q3 = xpage(test);
	u64 root1 = pt_root(test), root2 = pt_root(test);
	u64 root3 = pt_root(test);
	struct sgpu_context *ctx, *other;
	unsigned int stops = 0, in_batch = 0, others = 0;
	struct twl t, tb;
	u32 i, x;

	/* Two images: too large for the stack together. */
	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	other = kunit_kzalloc(test, sizeof(*other), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	KUNIT_ASSERT_NOT_NULL(test, other);
	pt_map_alias(test, root1, p);
	pt_map(test, root2, VA_X, q2);
	pt_map(test, root3, VA_X, q3);
	for (i = 0; i < SZ_4K / 4; i++)
		pwr32(p, 4 * i, i + 1);

	load_pml4(&a, RCS, root2);
	compute(&a, MVGPU_KERNEL_SAXPY, MVGPU_COMPUTE_MAX_COUNT, VA_ALIAS,
		VA_ALIAS, VA_ALIAS, 2);
	out(&a, MVGPU_MI_BATCH_BUFFER_END);
	sdi_pp(&c, VA_X, 0xa2);
	out(&c, MVGPU_MI_BATCH_BUFFER_END);
	load_pml4(&r, RCS, root1);
	bb_start(&r, BATCH_A, MVGPU_BB_PPGTT);
	bb_start(&r, BATCH_C, MVGPU_BB_PPGTT);
	sdi(&r, DATA, 1);

	/* The other workload: its own root and image. */
	sdi_pp(&b, VA_X + 4, 0xb3);
	out(&b, MVGPU_MI_BATCH_BUFFER_END);
	load_pml4(&rb, RCS, root3);
	bb_start(&rb, BATCH_B, MVGPU_BB_PPGTT);

	twl_init(&t, RCS, r.start, bytes(&r));
	t.wl.ctx = ctx;
	for (;;) {
		KUNIT_ASSERT_EQ(test, sgpu_gpu_submit(env->gpu, &t.wl), 0);
		usleep_range(500, 1000);
		sgpu_gpu_engine_preempt(env->gpu, RCS);
		wait(test, &t);
		if (t.wl.status != -EAGAIN)
			break;
		stops++;
		if (ctx->saved && ctx->depth == 1) {
			in_batch++;
			KUNIT_EXPECT_TRUE(test, ctx->stack[1].as.ppgtt);
			KUNIT_EXPECT_EQ(test, ctx->stack[1].as.pml4, root1);
		}
		/* Another workload with another image runs in between. */
		twl_init(&tb, RCS, rb.start, bytes(&rb));
		tb.wl.ctx = other;
		KUNIT_ASSERT_EQ(test, sgpu_gpu_submit(env->gpu, &tb.wl), 0);
		wait(test, &tb);
		KUNIT_EXPECT_EQ(test, tb.wl.status, 0);
		others++;
		KUNIT_EXPECT_EQ(test, env->gpu->engines[RCS].pml4, root3);

		t.wl.flags |= MVGPU_WL_RESUME;
		t.wl.status = 0;
		reinit_completion(&t.done);
	}
	KUNIT_EXPECT_EQ(test, t.wl.status, 0);
	kunit_info(test, "%u preemptions, %u inside the PPGTT batch\n", stops,
		   in_batch);
	KUNIT_EXPECT_GT(test, in_batch, 0u);
	KUNIT_EXPECT_EQ(test, rd32(env, DATA), 1);
	for (i = 0; i < SZ_4K / 4; i++) {
		u32 k;

		x = i + 1;
		for (k = 0; k < ALIAS_PAGES; k++)
			x *= 3;
		if (prd32(p, 4 * i) != x) {
			KUNIT_FAIL(test, "element %u: %#x, want %#x", i,
				   prd32(p, 4 * i), x);
			break;
		}
	}
	/* The batch's PML4 stayed A's register; B's root did not leak. */
	KUNIT_EXPECT_EQ(test, ctx->pml4, root2);
	KUNIT_EXPECT_EQ(test, ctx->saved, 0);
	KUNIT_EXPECT_EQ(test, prd32(q2, 0), 0xa2);
	KUNIT_EXPECT_EQ(test, prd32(q3, 0), 0);
	KUNIT_EXPECT_EQ(test, prd32(q3, 4), others ? 0xb3 : 0);
	KUNIT_EXPECT_EQ(test, prd32(q2, 4), 0);
	KUNIT_EXPECT_EQ(test, other->pml4, others ? root3 : 0);
}

static int sgpu_exec_test_init(struct kunit *test)
{
	struct env *env;
	int i;

	env = kunit_kzalloc(test, sizeof(*env), GFP_KERNEL);
	if (!env)
		return -ENOMEM;
	env->gpu = kunit_kzalloc(test, sizeof(*env->gpu), GFP_KERNEL);
	if (!env->gpu)
		return -ENOMEM;
	for (i = 0; i < NR_PAGES; i++) {
		env->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!env->pages[i])
			goto err_pages;
	}
	if (sgpu_gpu_init(env->gpu, "sgpu-test", NR_GGTT, NULL))
		goto err_pages;
	for (i = 0; i < NR_PAGES; i++)
		sgpu_gpu_ggtt_write(env->gpu, i,
				    page_to_phys(env->pages[i]) |
				    MVGPU_GTT_PTE_PRESENT);
	test->priv = env;
	return 0;

err_pages:
	while (i--)
		__free_page(env->pages[i]);
	return -ENOMEM;
}

static void sgpu_exec_test_exit(struct kunit *test)
{
	struct env *env = test->priv;
	int i;

	/* The engines stop before the pages they use go away. */
	sgpu_gpu_fini(env->gpu);
	for (i = 0; i < NR_PAGES; i++)
		__free_page(env->pages[i]);
	for (i = 0; i < env->nr_xpages; i++)
		__free_page(env->xpages[i]);
}

static struct kunit_case sgpu_exec_cases[] = {
	KUNIT_CASE(store_data_imm),
	KUNIT_CASE(load_register_imm),
	KUNIT_CASE(post_sync_writes),
	KUNIT_CASE(color_blt),
	KUNIT_CASE(src_copy_blt),
	KUNIT_CASE(compute_saxpy),
	KUNIT_CASE(compute_checksum),
	KUNIT_CASE(batch_call_return),
	KUNIT_CASE(batch_chained),
	KUNIT_CASE(batch_second_level),
	KUNIT_CASE(invalid_commands),
	KUNIT_CASE(not_present),
	KUNIT_CASE(hang_and_reset),
	KUNIT_CASE(resubmit_resumes_at_head),
	KUNIT_CASE(reset_stops_long_command),
	KUNIT_CASE(preempt_resumes),
	KUNIT_CASE(preempt_before_start),
	KUNIT_CASE_SLOW(preempt_anywhere_with_context),
	KUNIT_CASE(timestamps),
	KUNIT_CASE(busy_accounting),
	KUNIT_CASE(engines_run_concurrently),
	KUNIT_CASE(bad_engine),
	KUNIT_CASE(ppgtt_render_operands),
	KUNIT_CASE(ppgtt_copy_operands),
	KUNIT_CASE(ppgtt_two_roots),
	KUNIT_CASE(ppgtt_faults),
	KUNIT_CASE(ppgtt_pml4_then_ggtt_batch),
	KUNIT_CASE_SLOW(ppgtt_preempt_resume),
	{}
};

static struct kunit_suite sgpu_exec_suite = {
	.name = "mvgpu_sgpu_exec",
	.init = sgpu_exec_test_init,
	.exit = sgpu_exec_test_exit,
	.test_cases = sgpu_exec_cases,
};

kunit_test_suite(sgpu_exec_suite);
