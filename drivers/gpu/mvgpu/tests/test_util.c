// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers shared by the mvgpu KUnit suites: a vGPU with guest-visible
 * state but no VFIO device or physical GPU behind it.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <kunit/device.h>
#include <kunit/test.h>

#include "tests/test_util.h"

static void test_vgpu_free(void *data)
{
	struct mvgpu_vgpu *vgpu = data;

	mvgpu_display_stop(vgpu);
	mvgpu_ppgtt_fini(vgpu);
	mvgpu_regs_fini(&vgpu->regs);
	xa_destroy(&vgpu->unknown_mmio);
	mutex_destroy(&vgpu->lock);
}

/* A V1_4 of the software GPU: the type of the test vGPUs. */
const struct mvgpu_type_desc mvgpu_test_type = {
	.sysfs_name = "V1_4",
	.pretty_name = "mvgpu_V1_4",
	.aperture_size = 112ull << 20,
	.hidden_size = 832ull << 20,
	.weight = 4,
	.engine_mask = BIT(MVGPU_ENGINE_RCS) | BIT(MVGPU_ENGINE_BCS),
	.max_hres = 1920,
	.max_vres = 1200,
};
EXPORT_SYMBOL_GPL(mvgpu_test_type);

/**
 * mvgpu_test_vgpu() - a vGPU at reset state, freed with the test
 * @test: the running test
 *
 * Return: the vGPU (the test aborts if it cannot be built).
 */
struct mvgpu_vgpu *mvgpu_test_vgpu(struct kunit *test)
{
	struct mvgpu_cfg_params params = {
		.bar0_size = MVGPU_BAR0_SIZE,
		.bar2_size = MVGPU_BAR2_DEFAULT_SIZE,
		.weight = 4, .max_hres = 1920, .max_vres = 1200,
	};
	struct mvgpu_vgpu *vgpu;

	vgpu = kunit_kzalloc(test, sizeof(*vgpu), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, vgpu);
	vgpu->id = 3;
	vgpu->type = &mvgpu_test_type;
	vgpu->aperture = (struct mvgpu_gm_range){ 0x4000000, 0x6000000 };
	vgpu->hidden = (struct mvgpu_gm_range){ 0x30000000, 0x20000000 };
	mutex_init(&vgpu->lock);
	xa_init(&vgpu->unknown_mmio);
	ratelimit_state_init(&vgpu->log_rs, MVGPU_LOG_INTERVAL, MVGPU_LOG_BURST);
	mvgpu_irq_init(vgpu);
	/* No GTT slices: an empty pin cache so unlocking finds no zombies. */
	mvgpu_pin_cache_init(&vgpu->gtt.pins, NULL, NULL);
	KUNIT_ASSERT_EQ(test, mvgpu_regs_init(&vgpu->regs), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_cfg_init(&vgpu->cfg, &params), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_ppgtt_init(vgpu), 0);
	mvgpu_engines_init(vgpu);
	mvgpu_display_init(vgpu);
	mutex_lock(&vgpu->lock);
	mvgpu_pvinfo_reset(vgpu);
	vgpu->pv_seen = true;	/* a PV-aware guest, unless a test says not */
	mutex_unlock(&vgpu->lock);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, test_vgpu_free,
							vgpu), 0);
	return vgpu;
}

/**
 * mvgpu_test_ggtt_write() - fake backend GGTT write
 * @priv: the struct mvgpu_test_pgpu
 * @index: GGTT index
 * @pte: entry
 */
void mvgpu_test_ggtt_write(void *priv, u32 index, u64 pte)
{
	struct mvgpu_test_pgpu *tp = priv;

	xa_store(&tp->ggtt, index, xa_mk_value(pte), GFP_ATOMIC);
	WRITE_ONCE(tp->ggtt_dirty, true);
}

/**
 * mvgpu_test_ggtt_invalidate() - fake backend GGTT invalidate
 * @priv: the struct mvgpu_test_pgpu
 *
 * Counts, and marks the GGTT clean: a pin released or work submitted
 * while it is dirty breaks the backend contract (@tp->stale_unpins,
 * @tp->stale_submits).
 */
void mvgpu_test_ggtt_invalidate(void *priv)
{
	struct mvgpu_test_pgpu *tp = priv;

	WRITE_ONCE(tp->ggtt_dirty, false);
	WRITE_ONCE(tp->invalidates, tp->invalidates + 1);
}

/**
 * mvgpu_test_ggtt_read() - fake backend GGTT read
 * @priv: the struct mvgpu_test_pgpu
 * @index: GGTT index
 *
 * Return: the entry, 0 if never written.
 */
u64 mvgpu_test_ggtt_read(void *priv, u32 index)
{
	struct mvgpu_test_pgpu *tp = priv;
	void *v = xa_load(&tp->ggtt, index);

	return v ? xa_to_value(v) : 0;
}

static struct mvgpu_test_pgpu *ctx_to_tp(void *ctx)
{
	return container_of(((struct mvgpu_vgpu *)ctx)->pgpu,
			    struct mvgpu_test_pgpu, pgpu);
}

static unsigned long run_key(u64 gfn, unsigned int npages)
{
	return gfn * (MVGPU_PIN_MAX_PAGES + 1) + npages;
}

static int test_pin(void *ctx, u64 gfn, unsigned int npages,
		    struct page **pages)
{
	struct mvgpu_test_pgpu *tp = ctx_to_tp(ctx);
	unsigned long key = run_key(gfn, npages);
	void *old;
	u64 i;

	tp->pin_calls++;
	if (tp->pin_hook)
		tp->pin_hook(tp, gfn);
	for (i = gfn; i < gfn + npages; i++)
		if (i >= MVGPU_TEST_FRAMES || !tp->pages[i])
			return -EINVAL;
	old = xa_load(&tp->runs, key);
	if (xa_err(xa_store(&tp->runs, key,
			    xa_mk_value(old ? xa_to_value(old) + 1 : 1),
			    GFP_KERNEL)))
		return -ENOMEM;
	for (i = 0; i < npages; i++) {
		tp->pins[gfn + i]++;
		pages[i] = tp->pages[gfn + i];
	}
	return 0;
}

static void test_unpin(void *ctx, u64 gfn, unsigned int npages)
{
	struct mvgpu_test_pgpu *tp = ctx_to_tp(ctx);
	unsigned long key = run_key(gfn, npages);
	void *old = xa_load(&tp->runs, key);
	unsigned int i;

	if (!old) {
		tp->bad_unpins++;
		return;
	}
	/* The GPU could still reach the frame through a stale translation. */
	if (READ_ONCE(tp->ggtt_dirty))
		tp->stale_unpins++;
	if (xa_to_value(old) > 1)
		xa_store(&tp->runs, key, xa_mk_value(xa_to_value(old) - 1),
			 GFP_KERNEL);
	else
		xa_erase(&tp->runs, key);
	for (i = 0; i < npages; i++)
		tp->pins[gfn + i]--;
}

static int test_map(void *ctx, struct page *page, unsigned int npages,
		    u64 *addr)
{
	ctx_to_tp(ctx)->maps++;
	*addr = page_to_phys(page);
	return 0;
}

static void test_unmap(void *ctx, u64 addr, unsigned int npages)
{
	ctx_to_tp(ctx)->maps--;
}

static const struct mvgpu_pin_ops test_pin_ops = {
	.pin = test_pin, .unpin = test_unpin,
	.map = test_map, .unmap = test_unmap,
};

/* The front end's aperture zap: counted, with the bytes it covered. */
static void test_zap(void *ctx, u64 offset, u64 len)
{
	struct mvgpu_test_pgpu *tp = ctx_to_tp(ctx);

	tp->zaps++;
	tp->zapped += len;
}

static const struct mvgpu_vgpu_ops test_vgpu_ops = {
	.pin = &test_pin_ops,
	.zap_aperture = test_zap,
};

static void test_gtt_free(void *data)
{
	struct mvgpu_test_pgpu *tp = data;
	struct mvgpu_vgpu *vgpu = tp->vgpu;
	int i;

	mutex_lock(&vgpu->lock);
	mvgpu_ppgtt_reset(vgpu);
	mvgpu_gtt_reset(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	/* Its scratch tables were mapped through @tp's backend. */
	mvgpu_ppgtt_fini(vgpu);
	mvgpu_gtt_fini(vgpu);
	for (i = 0; i < MVGPU_TEST_CONTIG; i++)
		if (tp->pages[i])
			__free_page(tp->pages[i]);
	for (i = 0; i < ARRAY_SIZE(tp->blocks); i++)
		if (tp->blocks[i])
			__free_pages(tp->blocks[i], 5);
	xa_destroy(&tp->runs);
	xa_destroy(&tp->ggtt);
}

static void test_sched_free(void *data)
{
	mvgpu_sched_fini(data);
}

/**
 * mvgpu_test_gtt_vgpu() - a vGPU with GTT slices on a fake physical GPU
 * @test: the running test
 * @tp: zeroed fake physical GPU (possibly embedded in a larger fixture)
 * @ops: backend ops; their priv is @tp
 *
 * The vGPU's GTT pins the guest frames test_util.h describes (counted in
 * @tp->pins); its invalid entries point at MVGPU_TEST_SCRATCH.  The fake
 * physical GPU has a device and running scheduler threads (the vGPU is
 * not attached to them).  Freed with the test.
 *
 * Return: the vGPU (the test aborts if it cannot be built).
 */
struct mvgpu_vgpu *mvgpu_test_gtt_vgpu(struct kunit *test,
				       struct mvgpu_test_pgpu *tp,
				       const struct mvgpu_backend_ops *ops)
{
	static atomic_t fake_gpus = ATOMIC_INIT(0);
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);
	char name[32];
	int i;

	if (tp->type) {
		/* Nothing is allocated yet: the engines can start over. */
		vgpu->type = tp->type;
		mvgpu_engines_init(vgpu);
		mutex_lock(&vgpu->lock);
		mvgpu_pvinfo_reset(vgpu);
		vgpu->pv_seen = true;
		mutex_unlock(&vgpu->lock);
	}
	xa_init(&tp->ggtt);
	xa_init(&tp->runs);
	tp->vgpu = vgpu;
	tp->pgpu.ops = ops;
	tp->pgpu.priv = tp;
	/* The software GPU's engines, unless the suite says otherwise. */
	if (!tp->pgpu.caps.engine_mask)
		tp->pgpu.caps.engine_mask = mvgpu_test_type.engine_mask;
	tp->pgpu.scratch_addr = MVGPU_TEST_SCRATCH;
	mutex_init(&tp->pgpu.lock);
	INIT_LIST_HEAD(&tp->pgpu.vgpus);
	init_waitqueue_head(&tp->pgpu.open_wq);
	list_add_tail(&vgpu->node, &tp->pgpu.vgpus);
	/* Unique: a suite may build two (migration). */
	snprintf(name, sizeof(name), "mvgpu-fake-gpu%d",
		 atomic_inc_return(&fake_gpus));
	tp->pgpu.dev = kunit_device_register(test, name);
	KUNIT_ASSERT_FALSE(test, IS_ERR(tp->pgpu.dev));
	KUNIT_ASSERT_EQ(test, mvgpu_sched_init(&tp->pgpu), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, test_sched_free,
							&tp->pgpu), 0);
	vgpu->pgpu = &tp->pgpu;
	vgpu->ops = &test_vgpu_ops;
	vgpu->ops_ctx = vgpu;
	vgpu->scratch_addr = MVGPU_TEST_SCRATCH;
	KUNIT_ASSERT_EQ(test, mvgpu_gtt_init(vgpu, &test_pin_ops, vgpu), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, test_gtt_free,
							tp), 0);
	for (i = 0; i < 8; i++) {
		tp->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		KUNIT_ASSERT_NOT_NULL(test, tp->pages[i]);
	}
	for (i = 0; i < ARRAY_SIZE(tp->blocks); i++) {
		tp->blocks[i] = alloc_pages(GFP_KERNEL | __GFP_ZERO, 5);
		KUNIT_ASSERT_NOT_NULL(test, tp->blocks[i]);
	}
	for (i = 0; i < MVGPU_TEST_SPARSE - MVGPU_TEST_CONTIG; i++)
		tp->pages[MVGPU_TEST_CONTIG + i] = nth_page(tp->blocks[0], i);
	for (i = 0; i < MVGPU_TEST_FRAMES - MVGPU_TEST_SPARSE; i++)
		tp->pages[MVGPU_TEST_SPARSE + i] = nth_page(tp->blocks[1],
							    2 * i);
	return vgpu;
}

/**
 * mvgpu_test_ggtt_vgpu() - a vGPU on a new fake GPU with a GGTT table
 * @test: the running test
 * @out: receives the fake physical GPU
 *
 * The fake GPU's GGTT is a table (mvgpu_test_ggtt_backend) and its
 * aperture is 512 MiB: a reset rebuilds config space, whose BAR2 is the
 * aperture, as the display and migration suites need.  Freed with the
 * test.
 *
 * Return: the vGPU (the test aborts if it cannot be built).
 */
struct mvgpu_vgpu *mvgpu_test_ggtt_vgpu(struct kunit *test,
					struct mvgpu_test_pgpu **out)
{
	struct mvgpu_test_pgpu *tp = kunit_kzalloc(test, sizeof(*tp),
						   GFP_KERNEL);
	struct mvgpu_vgpu *vgpu;

	KUNIT_ASSERT_NOT_NULL(test, tp);
	*out = tp;
	vgpu = mvgpu_test_gtt_vgpu(test, tp, &mvgpu_test_ggtt_backend);
	tp->pgpu.caps.aperture_size = SZ_512M;
	return vgpu;
}

/**
 * mvgpu_test_rd() - 4-byte BAR0 read that must succeed
 * @test: the running test
 * @vgpu: the vGPU
 * @off: BAR0 offset
 *
 * Return: the value read.
 */
u32 mvgpu_test_rd(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off)
{
	__le32 v;

	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, off, &v, 4), 0);
	return le32_to_cpu(v);
}

/**
 * mvgpu_test_wr() - 4-byte BAR0 write that must succeed
 * @test: the running test
 * @vgpu: the vGPU
 * @off: BAR0 offset
 * @val: value
 */
void mvgpu_test_wr(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off,
		   u32 val)
{
	__le32 v = cpu_to_le32(val);

	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, off, &v, 4), 0);
}

MODULE_DESCRIPTION("KUnit suites for mvgpu");
MODULE_AUTHOR("The mvgpu developers");
MODULE_LICENSE("GPL");
/* A backend with a GGTT only: what suites that submit nothing need. */
const struct mvgpu_backend_ops mvgpu_test_ggtt_backend = {
	.ggtt_write = mvgpu_test_ggtt_write,
	.ggtt_read = mvgpu_test_ggtt_read,
	.ggtt_invalidate = mvgpu_test_ggtt_invalidate,
};
EXPORT_SYMBOL_GPL(mvgpu_test_ggtt_backend);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_IMPORT_NS(MVGPU);
