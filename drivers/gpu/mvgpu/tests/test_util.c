// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers shared by the mvgpu KUnit suites: a vGPU with guest-visible
 * state but no VFIO device or physical GPU behind it.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/module.h>
#include <kunit/test.h>

#include "tests/test_util.h"

static void test_vgpu_free(void *data)
{
	struct mvgpu_vgpu *vgpu = data;

	mvgpu_regs_fini(&vgpu->regs);
	xa_destroy(&vgpu->unknown_mmio);
	mutex_destroy(&vgpu->lock);
}

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
	mvgpu_engines_init(vgpu);
	mutex_lock(&vgpu->lock);
	mvgpu_pvinfo_reset(vgpu);
	vgpu->pv_seen = true;	/* a PV-aware guest, unless a test says not */
	mutex_unlock(&vgpu->lock);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, test_vgpu_free,
							vgpu), 0);
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
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
