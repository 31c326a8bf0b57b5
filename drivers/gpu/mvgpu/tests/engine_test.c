// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: guest engines: submission of shadowed workloads through the real
 * scheduler thread, completion, rejected and faulting workloads, GDRST,
 * STOP_RING, the failsafe for submissions, slice-end preemption and hang
 * recovery, against a fake physical GPU that records workloads and lets
 * the test complete them.  The scheduler submits from its own thread, so
 * the test waits for submissions and retirements (bounded).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/highmem.h>
#include <linux/hrtimer.h>
#include <linux/iopoll.h>
#include <linux/mm.h>
#include <linux/unaligned.h>

#include "tests/test_util.h"
#include "core/pvinfo.h"

#define GTT(gidx)	(MVGPU_GTT_OFFSET + 8 * (gidx))
/* The test vGPU's aperture slice (tests/test_util.c). */
#define AP_FIRST	(0x4000000 >> 12)
#define RING_GM		0x4000000u	/* frame 0 */
#define HWS_GM		0x4001000u	/* frame 1 */
#define RING_FRAME	0
#define HWS_FRAME	1
#define APERTURE	SZ_512M
/* vGPU 3, render engine: slot (3 - 1) * MVGPU_NUM_ENGINES + 0. */
#define RCS_SHADOW_GM	(APERTURE + 2ull * MVGPU_NUM_ENGINES * MVGPU_SHADOW_SIZE)
#define BUSY_NS		1000
/* The fake's context image: words of a size no real backend uses. */
#define CTX_WORDS	5
#define RCS		MVGPU_RENDER_RING_BASE
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))
#define BAD_OPCODE	0x1f000000u

struct fake {
	struct mvgpu_test_pgpu base;	/* the backend's priv */
	struct mvgpu_hw_workload *wl[MVGPU_NUM_ENGINES];
	struct mvgpu_hw_workload *last[MVGPU_NUM_ENGINES];
	int submits[MVGPU_NUM_ENGINES];
	int preempts[MVGPU_NUM_ENGINES];
};

static struct fake *to_fake(void *priv)
{
	return container_of(priv, struct fake, base);
}

static int fake_map_page(void *priv, struct page *page, u64 *addr)
{
	*addr = page_to_phys(page);
	return 0;
}

static void fake_unmap_page(void *priv, u64 addr)
{
}

/* Records the workload; the test completes it. */
static int fake_submit(void *priv, struct mvgpu_hw_workload *wl)
{
	struct fake *f = to_fake(priv);

	if (wl->engine >= MVGPU_NUM_ENGINES)
		return -EINVAL;
	/* The GPU must see the GGTT the work was audited against. */
	if (READ_ONCE(f->base.ggtt_dirty))
		f->base.stale_submits++;
	/* It starts executing at once. */
	wl->start_ns = ktime_get_ns();
	WRITE_ONCE(f->wl[wl->engine], wl);
	f->last[wl->engine] = wl;
	WRITE_ONCE(f->submits[wl->engine], f->submits[wl->engine] + 1);
	return 0;
}

/* Records the request; the test completes the workload with -EAGAIN. */
static void fake_preempt(void *priv, u32 engine)
{
	struct fake *f = to_fake(priv);

	WRITE_ONCE(f->preempts[engine], f->preempts[engine] + 1);
}

static void fake_engine_reset(void *priv, u32 engine)
{
	struct fake *f = to_fake(priv);
	struct mvgpu_hw_workload *wl = f->wl[engine];

	if (!wl)
		return;
	WRITE_ONCE(f->wl[engine], NULL);
	wl->status = -ECANCELED;
	wl->complete(wl);
}

static u64 fake_timestamp(void *priv, u32 engine)
{
	return 0;
}

static const struct mvgpu_backend_ops fake_backend = {
	.ggtt_write = mvgpu_test_ggtt_write,
	.ggtt_read = mvgpu_test_ggtt_read,
	.ggtt_invalidate = mvgpu_test_ggtt_invalidate,
	.map_page = fake_map_page,
	.unmap_page = fake_unmap_page,
	.submit = fake_submit,
	.engine_reset = fake_engine_reset,
	.timestamp = fake_timestamp,
	.preempt = fake_preempt,
};

#define WAIT_US		(2 * USEC_PER_SEC)

/* The scheduler thread works asynchronously: wait (bounded) for it. */
static bool wait_ge(const int *counter, int n)
{
	int v;

	return !read_poll_timeout(READ_ONCE, v, v >= n, 100, WAIT_US, false,
				  *counter);
}

static bool wait_ge_u64(const u64 *counter, u64 n)
{
	u64 v;

	return !read_poll_timeout(READ_ONCE, v, v >= n, 100, WAIT_US, false,
				  *counter);
}

static bool wait_wl(struct fake *f, u32 engine)
{
	struct mvgpu_hw_workload *wl;

	return !read_poll_timeout(READ_ONCE, wl, wl, 100, WAIT_US, false,
				  f->wl[engine]);
}

static u64 retired(struct fake *f, u32 engine)
{
	return READ_ONCE(f->base.pgpu.sched.engines[engine].stats.switches);
}

static bool wait_retired(struct fake *f, u32 engine, u64 n)
{
	u64 v;

	return !read_poll_timeout(retired, v, v >= n, 100, WAIT_US, false,
				  f, engine);
}

/* Wait for submission number @n. */
static void wait_submits(struct kunit *test, struct fake *f, u32 engine,
			 int n)
{
	wait_ge(&f->submits[engine], n);
	KUNIT_EXPECT_EQ(test, READ_ONCE(f->submits[engine]), n);
}

/*
 * Completes the workload with @engine and waits until the scheduler has
 * retired it; the vGPU lock is not held.
 */
static void complete_wl(struct fake *f, u32 engine, int status, u32 head)
{
	struct mvgpu_hw_workload *wl = READ_ONCE(f->wl[engine]);
	u64 r = retired(f, engine);

	if (WARN_ON(!wl))
		return;
	WRITE_ONCE(f->wl[engine], NULL);	/* a resubmission records it again */
	wl->status = status;
	wl->head = head;
	wl->busy_ns += BUSY_NS;
	wl->complete(wl);
	WARN_ON(!wait_retired(f, engine, r + 1));
}

/* Runs before the GTT teardown: nothing may stay in flight for the fini. */
static void engines_free(void *data)
{
	struct fake *f = data;
	int i, n;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		for (n = 0; READ_ONCE(f->wl[i]) && n < 16; n++)
			complete_wl(f, i, 0, f->wl[i]->size);
	mvgpu_engines_fini(f->base.vgpu);
}

static void wr(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off, u32 val)
{
	mvgpu_test_wr(test, vgpu, off, val);
}

static u32 rd(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off)
{
	return mvgpu_test_rd(test, vgpu, off);
}

static void wr_pte(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 gidx,
		   u64 gfn)
{
	u8 b[8];

	put_unaligned_le64(gfn << 12 | MVGPU_GTT_PTE_PRESENT, b);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, GTT(gidx), b, 8), 0);
}

static void frame_write(struct fake *f, unsigned int frame, u32 off,
			const u32 *dw, unsigned int n)
{
	u8 *va = kmap_local_page(f->base.pages[frame]);
	unsigned int i;

	for (i = 0; i < n; i++)
		put_unaligned_le32(dw[i], va + off + 4 * i);
	kunmap_local(va);
}

static u32 frame_read(struct fake *f, unsigned int frame, u32 off)
{
	u8 *va = kmap_local_page(f->base.pages[frame]);
	u32 v = get_unaligned_le32(va + off);

	kunmap_local(va);
	return v;
}

static u32 shadow_dw(struct mvgpu_engine *e, unsigned int i)
{
	return get_unaligned_le32((u8 *)e->shadow.vaddr + 4 * i);
}

/* A valid 24-byte segment: a store, a user interrupt, padding. */
static const u32 good_cmds[] = {
	MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 2, HWS_GM + 0x40, 0,
	0xcafe,
	MVGPU_MI_USER_INTERRUPT,
	MVGPU_MI_NOOP,
};

#define GOOD_BYTES	((u32)sizeof(good_cmds))

/*
 * A vGPU with the ring in frame 0 and the status page in frame 1, the
 * render ring programmed (empty, 4 KiB) and GT0 interrupts delivered.
 */
static struct mvgpu_vgpu *engine_vgpu_of(struct kunit *test, struct fake **out,
					 const struct mvgpu_type_desc *type)
{
	struct fake *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	struct mvgpu_vgpu *vgpu;

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->base.type = type;
	f->base.pgpu.caps.engine_mask = type->engine_mask;
	f->base.pgpu.caps.context_size = CTX_WORDS * sizeof(u64);
	vgpu = mvgpu_test_gtt_vgpu(test, &f->base, &fake_backend);
	f->base.pgpu.caps.aperture_size = APERTURE;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, engines_free, f),
			0);
	/* As open does: shadow buffers are not allocated on the MMIO path. */
	KUNIT_ASSERT_EQ(test, mvgpu_engines_prepare(vgpu), 0);
	KUNIT_EXPECT_NOT_NULL(test, vgpu->engines[0].shadow.vaddr);
	KUNIT_EXPECT_EQ(test, mvgpu_engines_prepare(vgpu), 0);	/* no-op */
	mvgpu_sched_attach(vgpu);

	wr_pte(test, vgpu, AP_FIRST, RING_FRAME);
	wr_pte(test, vgpu, AP_FIRST + 1, HWS_FRAME);
	wr(test, vgpu, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
	wr(test, vgpu, MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_GT0), 0);
	wr(test, vgpu, MVGPU_IRQ_IER(MVGPU_IRQ_BANK_GT0), MVGPU_GT0_VALID_MASK);
	*out = f;
	return vgpu;
}

static struct mvgpu_vgpu *engine_vgpu(struct kunit *test, struct fake **out)
{
	return engine_vgpu_of(test, out, &mvgpu_test_type);
}

static void ring_setup(struct kunit *test, struct mvgpu_vgpu *vgpu)
{
	wr(test, vgpu, MVGPU_RING_START(RCS), RING_GM);
	wr(test, vgpu, MVGPU_RING_HWS_PGA(RCS), HWS_GM);
	wr(test, vgpu, MVGPU_RING_HEAD(RCS), 0);
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), 0);
	wr(test, vgpu, MVGPU_RING_CTL(RCS), MVGPU_RING_VALID);
}

/* The good commands in a fresh ring, submitted: wait for that submission. */
static void submit_good(struct kunit *test, struct fake *f,
			struct mvgpu_vgpu *vgpu)
{
	frame_write(f, RING_FRAME, 0, good_cmds, ARRAY_SIZE(good_cmds));
	ring_setup(test, vgpu);
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), GOOD_BYTES);
	wait_submits(test, f, 0, f->submits[0] + 1);
}

static u32 gt0_iir(struct kunit *test, struct mvgpu_vgpu *vgpu)
{
	return rd(test, vgpu, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_GT0));
}

static void submit_and_queue(struct kunit *test)
{
	static const u32 more[] = { MVGPU_MI_USER_INTERRUPT, MVGPU_MI_NOOP };
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_RCS];

	frame_write(f, RING_FRAME, 0, good_cmds, ARRAY_SIZE(good_cmds));
	ring_setup(test, vgpu);
	KUNIT_EXPECT_EQ(test, f->submits[0], 0);	/* HEAD == TAIL */
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), GOOD_BYTES);

	wait_submits(test, f, 0, 1);
	KUNIT_ASSERT_EQ(test, f->submits[0], 1);
	wait_wl(f, 0);
	KUNIT_ASSERT_NOT_NULL(test, f->wl[0]);
	KUNIT_EXPECT_PTR_EQ(test, f->wl[0], &e->wl);
	KUNIT_EXPECT_EQ(test, f->wl[0]->engine, MVGPU_ENGINE_RCS);
	KUNIT_EXPECT_EQ(test, f->wl[0]->ctx_id, 3);
	KUNIT_EXPECT_EQ(test, f->wl[0]->start, RCS_SHADOW_GM);
	KUNIT_EXPECT_EQ(test, f->wl[0]->size, GOOD_BYTES);
	KUNIT_EXPECT_TRUE(test, e->busy);
	KUNIT_EXPECT_EQ(test, e->stats.submitted, 1);
	/* The shadow is GGTT-mapped where the workload points. */
	KUNIT_EXPECT_EQ(test, e->shadow.gm, RCS_SHADOW_GM);
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(&f->base, RCS_SHADOW_GM >> 12),
			page_to_phys(e->shadow.pages[0]) |
			MVGPU_GTT_PTE_PRESENT);
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(&f->base, (RCS_SHADOW_GM >> 12) +
					     MVGPU_SHADOW_PAGES - 1),
			page_to_phys(e->shadow.pages[MVGPU_SHADOW_PAGES - 1]) |
			MVGPU_GTT_PTE_PRESENT);
	/* ...and holds the audited copy: the user interrupt became a NOOP. */
	KUNIT_ASSERT_NOT_NULL(test, e->shadow.vaddr);
	KUNIT_EXPECT_EQ(test, shadow_dw(e, 0), good_cmds[0]);
	KUNIT_EXPECT_EQ(test, shadow_dw(e, 1), good_cmds[1]);
	KUNIT_EXPECT_EQ(test, shadow_dw(e, 3), 0xcafe);
	KUNIT_EXPECT_EQ(test, shadow_dw(e, 4), MVGPU_MI_NOOP);
	KUNIT_EXPECT_EQ(test, frame_read(f, RING_FRAME, 16),
			MVGPU_MI_USER_INTERRUPT);	/* guest copy intact */

	/* More work while busy waits for the completion. */
	frame_write(f, RING_FRAME, GOOD_BYTES, more, ARRAY_SIZE(more));
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), GOOD_BYTES + 8);
	KUNIT_EXPECT_EQ(test, f->submits[0], 1);
	KUNIT_EXPECT_EQ(test, f->wl[0]->size, GOOD_BYTES);

	complete_wl(f, 0, 0, GOOD_BYTES);
	wait_submits(test, f, 0, 2);
	KUNIT_ASSERT_EQ(test, f->submits[0], 2);
	wait_wl(f, 0);
	KUNIT_ASSERT_NOT_NULL(test, f->wl[0]);
	KUNIT_EXPECT_EQ(test, f->wl[0]->start, RCS_SHADOW_GM);
	KUNIT_EXPECT_EQ(test, f->wl[0]->size, 8);
	KUNIT_EXPECT_EQ(test, shadow_dw(e, 0), MVGPU_MI_NOOP);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, e->stats.submitted, 2);

	complete_wl(f, 0, 0, 8);
	KUNIT_EXPECT_NULL(test, f->wl[0]);
	KUNIT_EXPECT_FALSE(test, e->busy);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)),
			GOOD_BYTES + 8);
	KUNIT_EXPECT_EQ(test, e->stats.completed, 2);
	KUNIT_EXPECT_EQ(test, e->stats.busy_ns, 2 * BUSY_NS);
}

static void completion_updates_guest(struct kunit *test)
{
	static const u32 quiet[] = { MVGPU_MI_NOOP, MVGPU_MI_NOOP };
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_RCS];
	const u32 both = MVGPU_GT0_USER_INTERRUPT(0) |
			 MVGPU_GT0_CTX_SWITCH(0);

	submit_good(test, f, vgpu);
	KUNIT_ASSERT_NOT_NULL(test, f->wl[0]);
	/* Nothing is reported before the engine is done. */
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu), 0);
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, 0);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), 0);

	complete_wl(f, 0, 0, GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_TAIL(RCS)), GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_ACTHD(RCS)),
			RING_GM + GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, frame_read(f, HWS_FRAME,
					 4 * MVGPU_HWS_RING_HEAD), GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu), both);
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, 1);
	KUNIT_EXPECT_EQ(test, e->stats.submitted, 1);
	KUNIT_EXPECT_EQ(test, e->stats.completed, 1);
	KUNIT_EXPECT_EQ(test, e->stats.busy_ns, BUSY_NS);
	KUNIT_EXPECT_EQ(test, e->stats.rejected, 0);

	/* Without MI_USER_INTERRUPT only the context switch is reported. */
	wr(test, vgpu, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_GT0), both);
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu), 0);
	frame_write(f, RING_FRAME, GOOD_BYTES, quiet, ARRAY_SIZE(quiet));
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), GOOD_BYTES + 8);
	wait_wl(f, 0);
	KUNIT_ASSERT_NOT_NULL(test, f->wl[0]);
	complete_wl(f, 0, 0, 8);
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu), MVGPU_GT0_CTX_SWITCH(0));
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, 2);
	KUNIT_EXPECT_EQ(test, frame_read(f, HWS_FRAME,
					 4 * MVGPU_HWS_RING_HEAD),
			GOOD_BYTES + 8);
}

static void rejected_until_reset(struct kunit *test)
{
	static const u32 bad[] = { MVGPU_MI_NOOP, BAD_OPCODE,
				   MVGPU_MI_NOOP, MVGPU_MI_NOOP };
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_RCS];

	frame_write(f, RING_FRAME, 0, bad, ARRAY_SIZE(bad));
	ring_setup(test, vgpu);
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), 8);
	KUNIT_EXPECT_EQ(test, f->submits[0], 0);
	KUNIT_EXPECT_FALSE(test, e->busy);
	KUNIT_EXPECT_TRUE(test, e->broken);
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu), MVGPU_GT0_ERROR(0));
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, 1);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, PV(MVGPU_PV_ENGINE_ERROR(0))),
			MVGPU_ERR_UNKNOWN_OPCODE);
	KUNIT_EXPECT_EQ(test,
			rd(test, vgpu, PV(MVGPU_PV_ENGINE_ERROR_OFFSET(0))), 4);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, PV(MVGPU_PV_ENGINE_ERROR_BUF(0))),
			RING_GM);
	KUNIT_EXPECT_EQ(test, e->stats.rejected, 1);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), 0);

	/* Broken: more work is not even scanned. */
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), 16);
	KUNIT_EXPECT_EQ(test, f->submits[0], 0);
	KUNIT_EXPECT_EQ(test, e->stats.rejected, 1);

	/* GDRST clears it. */
	wr(test, vgpu, MVGPU_REG_GDRST, MVGPU_GDRST_RENDER);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_REG_GDRST), 0);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_CTL(RCS)), 0);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), 0);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_TAIL(RCS)), 0);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, PV(MVGPU_PV_ENGINE_ERROR(0))),
			MVGPU_ERR_NONE);
	KUNIT_EXPECT_FALSE(test, e->broken);
	KUNIT_EXPECT_EQ(test, e->stats.resets, 1);
	KUNIT_EXPECT_EQ(test, f->submits[0], 0);

	/* A fresh ring works again. */
	submit_good(test, f, vgpu);
	KUNIT_ASSERT_EQ(test, f->submits[0], 1);
	KUNIT_EXPECT_EQ(test, f->wl[0]->size, GOOD_BYTES);
	complete_wl(f, 0, 0, GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, e->stats.completed, 1);
}

static void gdrst_while_busy(struct kunit *test)
{
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_RCS];

	submit_good(test, f, vgpu);
	KUNIT_ASSERT_NOT_NULL(test, f->wl[0]);

	/* The workload is on the engine: the scheduler preempts it... */
	wr(test, vgpu, MVGPU_REG_GDRST, MVGPU_GDRST_RENDER);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_REG_GDRST),
			MVGPU_GDRST_RENDER);
	KUNIT_EXPECT_TRUE(test, e->reset_pending);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_CTL(RCS)),
			MVGPU_RING_VALID);
	KUNIT_EXPECT_TRUE(test, wait_ge(&f->preempts[0], 1));
	/* An idle engine's reset completes at once; RENDER stays pending. */
	wr(test, vgpu, MVGPU_REG_GDRST, MVGPU_GDRST_BLT);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_REG_GDRST),
			MVGPU_GDRST_RENDER);
	KUNIT_EXPECT_EQ(test, vgpu->engines[MVGPU_ENGINE_BCS].stats.resets, 1);
	KUNIT_EXPECT_EQ(test, f->submits[1], 0);

	/* ...and once it is off the engine it is dropped, not completed. */
	complete_wl(f, 0, -EAGAIN, 8);
	KUNIT_EXPECT_FALSE(test, e->busy);
	KUNIT_EXPECT_FALSE(test, e->reset_pending);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_REG_GDRST), 0);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_CTL(RCS)), 0);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), 0);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_TAIL(RCS)), 0);
	KUNIT_EXPECT_EQ(test, e->stats.resets, 1);
	KUNIT_EXPECT_EQ(test, e->stats.completed, 0);
	KUNIT_EXPECT_EQ(test, e->stats.cancelled, 1);
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu), 0);
	KUNIT_EXPECT_EQ(test, f->submits[0], 1);
	KUNIT_EXPECT_NULL(test, f->wl[0]);
	KUNIT_EXPECT_EQ(test, e->sched.stats.slices, 1);
}

/*
 * Equal share never lets a slice run on: at its end the workload is
 * preempted, and its next slice resumes it with its context image.
 */
static void slice_end_preemption(struct kunit *test)
{
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_RCS];
	u64 *img, held;
	int ret;

	ret = mvgpu_sched_pgpu_set_policy(&f->base.pgpu,
					  MVGPU_SCHED_EQUAL_SHARE);
	KUNIT_ASSERT_EQ(test, ret, 0);
	submit_good(test, f, vgpu);
	KUNIT_EXPECT_TRUE(test, wait_ge(&f->preempts[0], 1));
	KUNIT_ASSERT_NOT_NULL(test, f->wl[0]);
	KUNIT_EXPECT_PTR_EQ(test, f->wl[0]->ctx, e->ctx);
	KUNIT_EXPECT_EQ(test, f->wl[0]->flags, 0);	/* a new stream */
	/* The engine saved its state in the (opaque) image and stopped. */
	img = e->ctx;
	img[2] = 0x1234;
	img[CTX_WORDS - 1] = 0xfeed;
	complete_wl(f, 0, -EAGAIN, 8);

	wait_submits(test, f, 0, 2);
	KUNIT_ASSERT_NOT_NULL(test, f->wl[0]);
	KUNIT_EXPECT_EQ(test, f->wl[0]->head, 8);
	KUNIT_EXPECT_EQ(test, f->wl[0]->status, 0);
	/* Resubmitted to resume where the image says, the image untouched. */
	KUNIT_EXPECT_EQ(test, f->wl[0]->flags, MVGPU_WL_RESUME);
	KUNIT_EXPECT_EQ(test, img[2], 0x1234);
	KUNIT_EXPECT_EQ(test, img[CTX_WORDS - 1], 0xfeed);
	KUNIT_EXPECT_TRUE(test, e->busy);
	KUNIT_EXPECT_EQ(test, e->stats.resubmitted, 1);
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu), 0);
	KUNIT_EXPECT_EQ(test, e->sched.stats.preemptions, 1);
	/* Charged: the time it held the engine, at least what it executed. */
	KUNIT_EXPECT_EQ(test, e->sched.stats.exec_ns, BUSY_NS);
	KUNIT_EXPECT_GE(test, e->sched.stats.busy_ns, BUSY_NS);
	/* One slice, and no policy lets it run on alone: the longest hold. */
	KUNIT_EXPECT_EQ(test, e->sched.stats.max_held_ns, e->sched.stats.busy_ns);
	held = e->sched.stats.max_held_ns;

	complete_wl(f, 0, 0, GOOD_BYTES);
	KUNIT_EXPECT_FALSE(test, e->busy);
	KUNIT_EXPECT_EQ(test, e->stats.completed, 1);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, e->sched.stats.exec_ns, 2 * BUSY_NS);
	KUNIT_EXPECT_EQ(test, e->sched.stats.slices, 2);
	KUNIT_EXPECT_GE(test, e->sched.stats.max_held_ns, held);
	KUNIT_EXPECT_LT(test, e->sched.stats.max_held_ns, e->sched.stats.busy_ns);
	KUNIT_EXPECT_EQ(test, img[2], 0x1234);	/* the state persists */
}

/*
 * A workload that neither completes nor stops when preempted is hung once
 * its time is up: the physical engine is reset, the guest sees the hang
 * and recovers with GDRST.
 */
static void hang_resets_engine(struct kunit *test)
{
	unsigned int old = mvgpu_hang_timeout_ms;
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_RCS];

	WRITE_ONCE(mvgpu_hang_timeout_ms, 50);
	submit_good(test, f, vgpu);
	KUNIT_EXPECT_TRUE(test, wait_retired(f, 0, 1));
	WRITE_ONCE(mvgpu_hang_timeout_ms, old);

	KUNIT_EXPECT_NULL(test, f->wl[0]);	/* the reset completed it */
	KUNIT_EXPECT_FALSE(test, e->busy);
	KUNIT_EXPECT_TRUE(test, e->broken);
	KUNIT_EXPECT_EQ(test, e->stats.hangs, 1);
	KUNIT_EXPECT_EQ(test, e->sched.stats.hangs, 1);
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu), MVGPU_GT0_ERROR(0));
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, PV(MVGPU_PV_ENGINE_ERROR(0))),
			MVGPU_ERR_HANG);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), 0);

	wr(test, vgpu, MVGPU_REG_GDRST, MVGPU_GDRST_RENDER);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_REG_GDRST), 0);
	KUNIT_EXPECT_FALSE(test, e->broken);
	ring_setup(test, vgpu);
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), GOOD_BYTES);
	wait_submits(test, f, 0, 2);
	complete_wl(f, 0, 0, GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, e->stats.completed, 1);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, PV(MVGPU_PV_ENGINE_ERROR(0))),
			MVGPU_ERR_NONE);
}

static void failsafe_before_pv(struct kunit *test)
{
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_RCS];

	frame_write(f, RING_FRAME, 0, good_cmds, ARRAY_SIZE(good_cmds));
	ring_setup(test, vgpu);
	/* A guest that never read the PV info page. */
	mutex_lock(&vgpu->lock);
	vgpu->pv_seen = false;
	mutex_unlock(&vgpu->lock);
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, f->submits[0], 0);
	KUNIT_EXPECT_NULL(test, f->wl[0]);
	KUNIT_EXPECT_FALSE(test, e->busy);
	KUNIT_EXPECT_EQ(test, vgpu->failsafe, MVGPU_FAILSAFE_ENGINE_BEFORE_PV);
	KUNIT_EXPECT_EQ(test, vgpu->stats.failsafe_drops, 1);
	KUNIT_EXPECT_EQ(test, e->stats.submitted, 0);
	/* Nothing was even copied into the (zeroed) shadow buffer. */
	KUNIT_ASSERT_NOT_NULL(test, e->shadow.vaddr);
	KUNIT_EXPECT_EQ(test, *(u32 *)e->shadow.vaddr, 0);
	/* Not an engine error. */
	KUNIT_EXPECT_FALSE(test, e->broken);
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu), 0);
}

static void engine_fault_and_cancel(struct kunit *test)
{
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_RCS];

	submit_good(test, f, vgpu);
	KUNIT_ASSERT_NOT_NULL(test, f->wl[0]);

	/* Another vGPU's reset cancelled it: resubmitted, not reported. */
	complete_wl(f, 0, -ECANCELED, 16);
	wait_submits(test, f, 0, 2);
	KUNIT_ASSERT_EQ(test, f->submits[0], 2);
	wait_wl(f, 0);
	KUNIT_ASSERT_NOT_NULL(test, f->wl[0]);
	KUNIT_EXPECT_PTR_EQ(test, f->wl[0], f->last[0]);
	KUNIT_EXPECT_PTR_EQ(test, f->wl[0], &e->wl);
	KUNIT_EXPECT_EQ(test, f->wl[0]->status, 0);
	KUNIT_EXPECT_EQ(test, f->wl[0]->head, 16);	/* continues there */
	KUNIT_EXPECT_EQ(test, f->wl[0]->size, GOOD_BYTES);
	KUNIT_EXPECT_TRUE(test, e->busy);
	KUNIT_EXPECT_EQ(test, e->stats.resubmitted, 1);
	KUNIT_EXPECT_EQ(test, e->stats.completed, 0);
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu), 0);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), 0);

	/* The engine faulted at offset 16: reported, engine broken. */
	complete_wl(f, 0, -EIO, 16);
	KUNIT_EXPECT_NULL(test, f->wl[0]);
	KUNIT_EXPECT_FALSE(test, e->busy);
	KUNIT_EXPECT_TRUE(test, e->broken);
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu), MVGPU_GT0_ERROR(0));
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, PV(MVGPU_PV_ENGINE_ERROR(0))),
			MVGPU_ERR_ENGINE_FAULT);
	KUNIT_EXPECT_EQ(test,
			rd(test, vgpu, PV(MVGPU_PV_ENGINE_ERROR_OFFSET(0))),
			16);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, PV(MVGPU_PV_ENGINE_ERROR_BUF(0))),
			RING_GM);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), 0);
	KUNIT_EXPECT_EQ(test, e->stats.completed, 0);
	KUNIT_EXPECT_EQ(test, e->stats.hangs, 0);
	/* Engine time adds up across the workload's submissions. */
	KUNIT_EXPECT_EQ(test, e->stats.busy_ns, 2 * BUSY_NS);
	/* Broken until reset. */
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), 0);
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, f->submits[0], 2);
}

static void stop_ring_holds(struct kunit *test)
{
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_RCS];
	u32 mode = MVGPU_RING_MI_MODE(RCS);

	frame_write(f, RING_FRAME, 0, good_cmds, ARRAY_SIZE(good_cmds));
	ring_setup(test, vgpu);
	wr(test, vgpu, mode, MVGPU_MASKED_BIT_ENABLE(MVGPU_MI_MODE_STOP_RING));
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, mode),
			MVGPU_MI_MODE_STOP_RING | MVGPU_MI_MODE_IDLE);
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, f->submits[0], 0);
	KUNIT_EXPECT_FALSE(test, e->busy);

	wr(test, vgpu, mode, MVGPU_MASKED_BIT_DISABLE(MVGPU_MI_MODE_STOP_RING));
	wait_submits(test, f, 0, 1);
	KUNIT_ASSERT_EQ(test, f->submits[0], 1);
	KUNIT_EXPECT_EQ(test, f->wl[0]->size, GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, mode), 0);
	/* Stopping while busy: not idle until the workload completes. */
	wr(test, vgpu, mode, MVGPU_MASKED_BIT_ENABLE(MVGPU_MI_MODE_STOP_RING));
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, mode), MVGPU_MI_MODE_STOP_RING);
	complete_wl(f, 0, 0, GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, mode),
			MVGPU_MI_MODE_STOP_RING | MVGPU_MI_MODE_IDLE);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), GOOD_BYTES);
}

/* ---- the backend contract ------------------------------------------- */

static const struct mvgpu_type_desc rcs_only_type = {
	.sysfs_name = "V1_4", .pretty_name = "mvgpu_V1_4",
	.aperture_size = 112ull << 20, .hidden_size = 832ull << 20,
	.weight = 4, .engine_mask = BIT(MVGPU_ENGINE_RCS),
	.max_hres = 1920, .max_vres = 1200,
};

/*
 * A GPU with a render engine only: the PV info page says so, the copy
 * engine's timestamp reads 0, and work for it fails with NO_ENGINE and
 * the ERROR interrupt, without reaching the backend or its scheduler.
 */
static void engine_the_gpu_lacks(struct kunit *test)
{
	const u32 bcs = MVGPU_BLT_RING_BASE;
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu_of(test, &f, &rcs_only_type);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_BCS];

	KUNIT_EXPECT_EQ(test, rd(test, vgpu, PV(MVGPU_PV_ENGINES)),
			BIT(MVGPU_ENGINE_RCS));
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, PV(MVGPU_PV_VERSION)),
			MVGPU_PV_VERSION_MAJOR << 16 | MVGPU_PV_VERSION_MINOR);
	KUNIT_EXPECT_NULL(test, f->base.pgpu.sched.engines[1].thread);
	KUNIT_EXPECT_NULL(test, e->shadow.vaddr);	/* nothing allocated */
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_TIMESTAMP(bcs)), 0);

	frame_write(f, RING_FRAME, 0, good_cmds, ARRAY_SIZE(good_cmds));
	wr(test, vgpu, MVGPU_RING_START(bcs), RING_GM);
	wr(test, vgpu, MVGPU_RING_CTL(bcs), MVGPU_RING_VALID);
	wr(test, vgpu, MVGPU_RING_TAIL(bcs), GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu) & MVGPU_GT0_ERROR(1),
			MVGPU_GT0_ERROR(1));
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, PV(MVGPU_PV_ENGINE_ERROR(1))),
			MVGPU_ERR_NO_ENGINE);
	KUNIT_EXPECT_FALSE(test, e->busy);
	KUNIT_EXPECT_EQ(test, f->submits[1], 0);
	/* The render engine works as ever. */
	submit_good(test, f, vgpu);
	complete_wl(f, 0, 0, GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, vgpu->engines[0].stats.completed, 1);
}

struct irq_call {
	struct hrtimer timer;
	struct fake *f;
	bool fault;
	bool in_hardirq;
};

/* In hard interrupt context, as a GPU's interrupt handler runs. */
static enum hrtimer_restart irq_call_fn(struct hrtimer *t)
{
	struct irq_call *c = container_of(t, struct irq_call, timer);
	struct mvgpu_hw_workload *wl = READ_ONCE(c->f->wl[0]);

	c->in_hardirq = in_hardirq();
	if (c->fault) {
		mvgpu_pgpu_engine_error(&c->f->base.pgpu, MVGPU_ENGINE_RCS);
	} else if (wl) {
		WRITE_ONCE(c->f->wl[0], NULL);
		wl->status = 0;
		wl->head = wl->size;
		wl->busy_ns += BUSY_NS;
		wl->complete(wl);
	}
	return HRTIMER_NORESTART;
}

static void irq_call(struct kunit *test, struct fake *f, bool fault)
{
	struct irq_call c = { .f = f, .fault = fault };
	u64 r = retired(f, 0);

	hrtimer_init_on_stack(&c.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	c.timer.function = irq_call_fn;
	hrtimer_start(&c.timer, ns_to_ktime(1000), HRTIMER_MODE_REL_HARD);
	KUNIT_EXPECT_TRUE(test, wait_retired(f, 0, r + 1));
	hrtimer_cancel(&c.timer);
	destroy_hrtimer_on_stack(&c.timer);
	KUNIT_EXPECT_TRUE(test, c.in_hardirq);
}

/* A completion signalled from a hard interrupt retires the workload. */
static void complete_in_hardirq(struct kunit *test)
{
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);

	submit_good(test, f, vgpu);
	KUNIT_ASSERT_TRUE(test, wait_wl(f, 0));
	irq_call(test, f, false);
	KUNIT_EXPECT_EQ(test, vgpu->engines[0].stats.completed, 1);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_RING_HEAD(RCS)), GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, f->base.stale_submits, 0);
}

/*
 * An engine fault the backend reports from its interrupt handler: the
 * scheduler resets the physical engine at once (no hang timeout), the
 * workload on it fails with ENGINE_FAULT, and the engine works again after
 * the guest's GDRST.
 */
static void backend_engine_fault(struct kunit *test)
{
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_sched_engine *s = &f->base.pgpu.sched.engines[0];

	submit_good(test, f, vgpu);
	KUNIT_ASSERT_TRUE(test, wait_wl(f, 0));
	irq_call(test, f, true);
	KUNIT_EXPECT_EQ(test, READ_ONCE(s->stats.faults), 1);
	KUNIT_EXPECT_NULL(test, f->wl[0]);	/* the reset completed it */
	KUNIT_EXPECT_EQ(test, gt0_iir(test, vgpu) & MVGPU_GT0_ERROR(0),
			MVGPU_GT0_ERROR(0));
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, PV(MVGPU_PV_ENGINE_ERROR(0))),
			MVGPU_ERR_ENGINE_FAULT);
	KUNIT_EXPECT_EQ(test, vgpu->engines[0].stats.completed, 0);

	wr(test, vgpu, MVGPU_REG_GDRST, MVGPU_GDRST_RENDER);
	submit_good(test, f, vgpu);
	complete_wl(f, 0, 0, GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, vgpu->engines[0].stats.completed, 1);
	/* A fault while the engine is idle resets it too. */
	mvgpu_pgpu_engine_error(&f->base.pgpu, MVGPU_ENGINE_RCS);
	KUNIT_EXPECT_TRUE(test, wait_ge_u64(&s->stats.faults, 2));
}

/*
 * The context image is the backend's size and opaque: zeroed at reset,
 * and the GGTT is invalidated before any submission uses new entries.
 */
static void context_image_and_ggtt(struct kunit *test)
{
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_RCS];
	u64 *img = e->ctx;

	KUNIT_ASSERT_NOT_NULL(test, img);
	KUNIT_EXPECT_EQ(test, ksize(img) >= CTX_WORDS * sizeof(u64), true);
	KUNIT_EXPECT_GT(test, f->base.invalidates, 0);
	submit_good(test, f, vgpu);
	img[CTX_WORDS - 1] = 0x77;
	complete_wl(f, 0, 0, GOOD_BYTES);
	KUNIT_EXPECT_EQ(test, img[CTX_WORDS - 1], 0x77);
	wr(test, vgpu, MVGPU_REG_GDRST, MVGPU_GDRST_RENDER);
	KUNIT_EXPECT_EQ(test, img[CTX_WORDS - 1], 0);
	KUNIT_EXPECT_EQ(test, f->base.stale_submits, 0);
	KUNIT_EXPECT_EQ(test, f->base.stale_unpins, 0);
}

struct closer {
	struct delayed_work work;
	struct mvgpu_vgpu *vgpu;
};

static void close_fn(struct work_struct *work)
{
	struct closer *c = container_of(to_delayed_work(work), struct closer,
					work);

	mvgpu_vgpu_close(c->vgpu);
}

/*
 * A pGPU's removal: while it waits for an open vGPU's user, no vGPU opens;
 * the wait ends when the user closes, or after the timeout with -EBUSY,
 * and a cancelled removal lets vGPUs open again.
 */
static void removal_waits_for_users(struct kunit *test)
{
	struct fake *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	struct mvgpu_pgpu *pgpu;
	struct mvgpu_vgpu *vgpu;
	struct closer c;

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->base.pgpu.caps.engine_mask = mvgpu_test_type.engine_mask;
	f->base.pgpu.caps.context_size = CTX_WORDS * sizeof(u64);
	vgpu = mvgpu_test_gtt_vgpu(test, &f->base, &fake_backend);
	f->base.pgpu.caps.aperture_size = APERTURE;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, engines_free, f),
			0);
	pgpu = &f->base.pgpu;

	KUNIT_ASSERT_EQ(test, mvgpu_vgpu_open(vgpu), 0);
	KUNIT_EXPECT_TRUE(test, vgpu->open);
	KUNIT_EXPECT_EQ(test, pgpu->nr_open, 1);
	/* Nobody lets go: bounded, -EBUSY, and the vGPU stays open. */
	KUNIT_EXPECT_EQ(test, mvgpu_pgpu_remove_begin(pgpu, 20), -EBUSY);
	KUNIT_EXPECT_TRUE(test, pgpu->removing);
	KUNIT_EXPECT_TRUE(test, vgpu->open);
	mvgpu_pgpu_remove_cancel(pgpu);
	KUNIT_EXPECT_FALSE(test, pgpu->removing);

	/* The user closes while the removal waits: it returns at once. */
	c.vgpu = vgpu;
	INIT_DELAYED_WORK_ONSTACK(&c.work, close_fn);
	schedule_delayed_work(&c.work, msecs_to_jiffies(50));
	KUNIT_EXPECT_EQ(test, mvgpu_pgpu_remove_begin(pgpu, 600000), 0);
	flush_delayed_work(&c.work);
	destroy_delayed_work_on_stack(&c.work);
	KUNIT_EXPECT_FALSE(test, vgpu->open);
	KUNIT_EXPECT_EQ(test, pgpu->nr_open, 0);
	/* Being removed: no open. */
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_open(vgpu), -ENODEV);
	KUNIT_EXPECT_EQ(test, pgpu->nr_open, 0);
	mvgpu_pgpu_remove_cancel(pgpu);
	KUNIT_ASSERT_EQ(test, mvgpu_vgpu_open(vgpu), 0);
	mvgpu_vgpu_close(vgpu);
	KUNIT_EXPECT_EQ(test, pgpu->nr_open, 0);
}

struct host_client {
	struct mvgpu_sched_client c;
	struct mvgpu_hw_workload wl;
	struct mvgpu_pgpu *pgpu;
	struct fake *f;
	int retired;
	int status;
};

static void host_wl_complete(struct mvgpu_hw_workload *wl)
{
	struct host_client *h = container_of(wl, struct host_client, wl);

	mvgpu_sched_signal_done(h->pgpu, wl->engine);
}

static void host_retire(struct mvgpu_sched_client *c, int status, bool hung)
{
	struct host_client *h = container_of(c, struct host_client, c);

	if (!hung && status == -EAGAIN) {
		h->wl.flags |= MVGPU_WL_RESUME;
		return;
	}
	h->status = status;
	mvgpu_sched_client_done(h->pgpu, c);
	WRITE_ONCE(h->retired, h->retired + 1);
}

static const struct mvgpu_sched_client_ops host_ops = {
	.retire = host_retire,
};

/*
 * The host client leaves the scheduler before it is freed, however the
 * test ended: its workload, if still queued, is completed first.
 */
static void host_off(void *data)
{
	struct host_client *h = data;
	int n;

	for (n = 0; !READ_ONCE(h->retired) && n < 16 && wait_wl(h->f, 0);
	     n++)
		complete_wl(h->f, 0, 0, READ_ONCE(h->f->wl[0])->size);
	if (!READ_ONCE(h->retired))
		mvgpu_sched_client_done(h->pgpu, &h->c);
	mvgpu_sched_host_detach(h->pgpu, &h->c);
}

/*
 * The host (native submission) is a client of the scheduler like a vGPU
 * engine: its workload is preempted at the end of its slice when a vGPU
 * wants the engine, and resumes where it stopped.
 */
static void host_client_shares_engine(struct kunit *test)
{
	struct fake *f;
	struct mvgpu_vgpu *vgpu = engine_vgpu(test, &f);
	struct mvgpu_engine *e = &vgpu->engines[MVGPU_ENGINE_RCS];
	struct mvgpu_pgpu *pgpu = &f->base.pgpu;
	struct host_client *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	unsigned long end = jiffies + 10 * HZ;
	int resumed = 0, host_first = -1;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_EQ(test,
			mvgpu_sched_pgpu_set_policy(pgpu, MVGPU_SCHED_EQUAL_SHARE),
			0);
	h->pgpu = pgpu;
	h->f = f;
	h->wl.engine = MVGPU_ENGINE_RCS;
	h->wl.size = 64;
	h->wl.complete = host_wl_complete;
	mvgpu_sched_host_init(pgpu, &h->c, MVGPU_ENGINE_RCS, &h->wl, &host_ops);
	mvgpu_sched_host_attach(pgpu, &h->c);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, host_off, h), 0);
	mvgpu_sched_host_queue(pgpu, &h->c);
	KUNIT_ASSERT_TRUE(test, wait_wl(f, 0));
	KUNIT_EXPECT_PTR_EQ(test, f->wl[0], &h->wl);

	/* A vGPU wants the engine: the host is preempted at slice end. */
	frame_write(f, RING_FRAME, 0, good_cmds, ARRAY_SIZE(good_cmds));
	ring_setup(test, vgpu);
	wr(test, vgpu, MVGPU_RING_TAIL(RCS), GOOD_BYTES);
	KUNIT_EXPECT_TRUE(test, wait_ge(&f->preempts[0], 1));
	complete_wl(f, 0, -EAGAIN, 0);

	/*
	 * Both run to their end.  The vGPU, which waited, is owed more than
	 * the host, which had the engine to itself: it runs next.  The
	 * host's workload comes back after it and resumes where it stopped.
	 */
	while (!e->stats.completed || !READ_ONCE(h->retired)) {
		if (!wait_wl(f, 0) || time_after(jiffies, end)) {
			KUNIT_FAIL(test, "stuck: vGPU completed %llu, host retired %d, resumed %d",
				   e->stats.completed, READ_ONCE(h->retired),
				   resumed);
			return;
		}
		if (host_first < 0)
			host_first = f->wl[0] == &h->wl;
		if (f->wl[0] == &e->wl) {
			complete_wl(f, 0, 0, GOOD_BYTES);
			continue;
		}
		KUNIT_ASSERT_PTR_EQ(test, f->wl[0], &h->wl);
		KUNIT_EXPECT_EQ(test, h->wl.flags, MVGPU_WL_RESUME);
		resumed++;
		complete_wl(f, 0, e->stats.completed ? 0 : -EAGAIN, 64);
	}
	KUNIT_EXPECT_EQ(test, host_first, 0);
	KUNIT_EXPECT_EQ(test, e->stats.completed, 1);
	KUNIT_EXPECT_EQ(test, READ_ONCE(h->retired), 1);
	KUNIT_EXPECT_EQ(test, h->status, 0);
	KUNIT_EXPECT_GE(test, resumed, 1);
	KUNIT_EXPECT_EQ(test, h->c.stats.slices, resumed + 1);
}

static struct kunit_case engine_cases[] = {
	KUNIT_CASE(submit_and_queue),
	KUNIT_CASE(completion_updates_guest),
	KUNIT_CASE(rejected_until_reset),
	KUNIT_CASE(gdrst_while_busy),
	KUNIT_CASE(failsafe_before_pv),
	KUNIT_CASE(engine_fault_and_cancel),
	KUNIT_CASE(stop_ring_holds),
	KUNIT_CASE(slice_end_preemption),
	KUNIT_CASE_SLOW(hang_resets_engine),
	KUNIT_CASE(engine_the_gpu_lacks),
	KUNIT_CASE(complete_in_hardirq),
	KUNIT_CASE(backend_engine_fault),
	KUNIT_CASE(context_image_and_ggtt),
	KUNIT_CASE(host_client_shares_engine),
	KUNIT_CASE(removal_waits_for_users),
	{}
};

static struct kunit_suite engine_suite = {
	.name = "mvgpu_engine",
	.test_cases = engine_cases,
};

kunit_test_suite(engine_suite);
