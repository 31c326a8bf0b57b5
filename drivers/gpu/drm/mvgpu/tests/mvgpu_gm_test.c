// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the guest driver's graphics memory (mvgpu_gm.c): binding objects
 * into the slices through GTT entries, pins, eviction of the least
 * recently used unpinned binding when the slices are full.  BAR0 is a
 * buffer in memory, the device a mock DRM device.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/dma-mapping.h>
#include <linux/vmalloc.h>

#include <drm/drm_drv.h>
#include <drm/drm_kunit_helpers.h>

#include "../mvgpu_drv.h"

#define SLICE		SZ_64K		/* each slice: 16 pages */
#define AP_BASE		0x0
#define HID_BASE	0x100000	/* a gap between the slices */

static const struct drm_driver gm_test_driver = {
	.driver_features = DRIVER_GEM,
	.gem_create_object = mvgpu_drm_gem_create_object,
};

struct gm_ctx {
	struct mvgpu_device *mdev;
	struct mvgpu_bo *bo[3];
};

static void gm_test_vfree(void *p)
{
	vfree(p);
}

static int gm_test_init(struct kunit *test)
{
	struct gm_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	struct device *dev;
	unsigned int i;
	void *bar0;

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	dev = drm_kunit_helper_alloc_device(test);
	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	dev->coherent_dma_mask = DMA_BIT_MASK(39);
	dev->dma_mask = &dev->coherent_dma_mask;
	ctx->mdev = drm_kunit_helper_alloc_drm_device_with_driver(test, dev,
								  struct mvgpu_device,
								  drm,
								  &gm_test_driver);
	KUNIT_ASSERT_FALSE(test, IS_ERR(ctx->mdev));
	bar0 = vzalloc(MVGPU_BAR0_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, bar0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, gm_test_vfree,
							bar0), 0);
	ctx->mdev->mmio = (__force void __iomem *)bar0;
	ctx->mdev->ap_base = AP_BASE;
	ctx->mdev->ap_size = SLICE;
	ctx->mdev->hid_base = HID_BASE;
	ctx->mdev->hid_size = SLICE;
	KUNIT_ASSERT_EQ(test, mvgpu_drm_gm_init(ctx->mdev), 0);
	for (i = 0; i < ARRAY_SIZE(ctx->bo); i++) {
		struct drm_gem_shmem_object *shmem;

		shmem = drm_gem_shmem_create(&ctx->mdev->drm, SLICE);
		KUNIT_ASSERT_FALSE(test, IS_ERR(shmem));
		ctx->bo[i] = container_of(shmem, struct mvgpu_bo, base);
	}
	test->priv = ctx;
	return 0;
}

static void gm_test_exit(struct kunit *test)
{
	struct gm_ctx *ctx = test->priv;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ctx->bo); i++) {
		while (ctx->bo[i]->gm.pin)
			mvgpu_drm_gm_unpin(ctx->mdev, &ctx->bo[i]->base);
		drm_gem_object_put(&ctx->bo[i]->base.base);
	}
	mvgpu_drm_gm_fini(ctx->mdev);
}

static u64 gtt_entry(struct mvgpu_device *mdev, u64 gm)
{
	return readq(mdev->mmio + MVGPU_GTT_OFFSET +
		     (gm >> MVGPU_GTT_PAGE_SHIFT) * MVGPU_GTT_ENTRY_SIZE);
}

/* Every page of the binding at @gm names the object's page, present. */
static void expect_bound(struct kunit *test, struct gm_ctx *ctx,
			 struct mvgpu_bo *bo, u64 gm)
{
	struct sg_dma_page_iter iter;
	u64 at = gm;

	for_each_sgtable_dma_page(bo->base.sgt, &iter, 0) {
		KUNIT_EXPECT_EQ(test, gtt_entry(ctx->mdev, at),
				(u64)sg_page_iter_dma_address(&iter) |
				MVGPU_GTT_PTE_PRESENT);
		at += PAGE_SIZE;
	}
	KUNIT_EXPECT_EQ(test, at, gm + SLICE);
}

static void expect_clear(struct kunit *test, struct gm_ctx *ctx, u64 gm)
{
	u64 at;

	for (at = gm; at < gm + SLICE; at += PAGE_SIZE)
		KUNIT_EXPECT_EQ(test, gtt_entry(ctx->mdev, at), 0);
}

/* Pins land in the slices, never in the gap; the entries name the pages. */
static void gm_test_pin(struct kunit *test)
{
	struct gm_ctx *ctx = test->priv;
	u64 a, b, again;

	KUNIT_ASSERT_EQ(test, mvgpu_drm_gm_pin(ctx->mdev, &ctx->bo[0]->base, &a), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_drm_gm_pin(ctx->mdev, &ctx->bo[1]->base, &b), 0);
	KUNIT_EXPECT_TRUE(test, a == AP_BASE || a == HID_BASE);
	KUNIT_EXPECT_EQ(test, a + b, (u64)AP_BASE + HID_BASE);
	expect_bound(test, ctx, ctx->bo[0], a);
	expect_bound(test, ctx, ctx->bo[1], b);
	/* A second pin of a bound object keeps its place. */
	KUNIT_ASSERT_EQ(test, mvgpu_drm_gm_pin(ctx->mdev, &ctx->bo[0]->base,
					       &again), 0);
	KUNIT_EXPECT_EQ(test, again, a);
	KUNIT_EXPECT_EQ(test, ctx->bo[0]->gm.pin, 2u);
}

/* Full of pinned objects: -ENOSPC, and nothing evicted. */
static void gm_test_full(struct kunit *test)
{
	struct gm_ctx *ctx = test->priv;
	u64 a, b, c;

	KUNIT_ASSERT_EQ(test, mvgpu_drm_gm_pin(ctx->mdev, &ctx->bo[0]->base, &a), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_drm_gm_pin(ctx->mdev, &ctx->bo[1]->base, &b), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_gm_pin(ctx->mdev, &ctx->bo[2]->base, &c),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, ctx->mdev->gm_evictions, 0ul);
	expect_bound(test, ctx, ctx->bo[0], a);
	expect_bound(test, ctx, ctx->bo[1], b);
}

/*
 * Unpinned bindings stay until the room is needed; then the least
 * recently used one goes: its entries are cleared and the new object
 * takes its place.
 */
static void gm_test_evict_lru(struct kunit *test)
{
	struct gm_ctx *ctx = test->priv;
	u64 a, b, c, again;

	KUNIT_ASSERT_EQ(test, mvgpu_drm_gm_pin(ctx->mdev, &ctx->bo[0]->base, &a), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_drm_gm_pin(ctx->mdev, &ctx->bo[1]->base, &b), 0);
	mvgpu_drm_gm_unpin(ctx->mdev, &ctx->bo[0]->base);
	mvgpu_drm_gm_unpin(ctx->mdev, &ctx->bo[1]->base);
	/* Using bo[0] again makes bo[1] the least recently used. */
	KUNIT_ASSERT_EQ(test, mvgpu_drm_gm_pin(ctx->mdev, &ctx->bo[0]->base,
					       &again), 0);
	KUNIT_EXPECT_EQ(test, again, a);
	mvgpu_drm_gm_unpin(ctx->mdev, &ctx->bo[0]->base);

	KUNIT_ASSERT_EQ(test, mvgpu_drm_gm_pin(ctx->mdev, &ctx->bo[2]->base, &c), 0);
	KUNIT_EXPECT_EQ(test, c, b);
	KUNIT_EXPECT_EQ(test, ctx->mdev->gm_evictions, 1ul);
	KUNIT_EXPECT_FALSE(test, drm_mm_node_allocated(&ctx->bo[1]->gm.node));
	KUNIT_EXPECT_TRUE(test, drm_mm_node_allocated(&ctx->bo[0]->gm.node));
	expect_bound(test, ctx, ctx->bo[2], c);
	expect_bound(test, ctx, ctx->bo[0], a);
}

/* Freeing a bound object clears its entries. */
static void gm_test_release(struct kunit *test)
{
	struct gm_ctx *ctx = test->priv;
	u64 a;

	KUNIT_ASSERT_EQ(test, mvgpu_drm_gm_pin(ctx->mdev, &ctx->bo[0]->base, &a), 0);
	mvgpu_drm_gm_unpin(ctx->mdev, &ctx->bo[0]->base);
	mvgpu_drm_gm_release(ctx->mdev, &ctx->bo[0]->base);
	expect_clear(test, ctx, a);
	KUNIT_EXPECT_FALSE(test, drm_mm_node_allocated(&ctx->bo[0]->gm.node));
}

static struct kunit_case mvgpu_gm_cases[] = {
	KUNIT_CASE(gm_test_pin),
	KUNIT_CASE(gm_test_full),
	KUNIT_CASE(gm_test_evict_lru),
	KUNIT_CASE(gm_test_release),
	{ }
};

static struct kunit_suite mvgpu_gm_suite = {
	.name = "mvgpu_drm_gm",
	.init = gm_test_init,
	.exit = gm_test_exit,
	.test_cases = mvgpu_gm_cases,
};

kunit_test_suite(mvgpu_gm_suite);
