// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: per-file address spaces (mvgpu_vm.c): the four-level tables
 * built in guest RAM, the batch window, invalidation bookkeeping.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/dma-mapping.h>
#include <linux/scatterlist.h>

#include <drm/mvgpu_drm.h>

#include "../mvgpu_drv.h"

struct vm_ctx {
	struct mvgpu_device *mdev;
	struct mvgpu_vm *vm;
	struct device *dev;
};

static int vm_test_init(struct kunit *test)
{
	struct vm_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->dev = kunit_device_register(test, "mvgpu_vm_test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(ctx->dev));
	ctx->dev->coherent_dma_mask = DMA_BIT_MASK(39);
	ctx->dev->dma_mask = &ctx->dev->coherent_dma_mask;
	ctx->mdev = kunit_kzalloc(test, sizeof(*ctx->mdev), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->mdev);
	ctx->mdev->drm.dev = ctx->dev;
	ctx->vm = mvgpu_drm_vm_create(ctx->mdev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(ctx->vm));
	test->priv = ctx;
	return 0;
}

static void vm_test_exit(struct kunit *test)
{
	struct vm_ctx *ctx = test->priv;

	mvgpu_drm_vm_put(ctx->vm);
}

/* @n pages, DMA-mapped for the test device, in @sgt. */
static struct page **vm_test_pages(struct kunit *test, struct sg_table *sgt,
				   unsigned int n)
{
	struct vm_ctx *ctx = test->priv;
	struct page **pages = kunit_kcalloc(test, n, sizeof(*pages), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, pages);
	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, pages[i]);
	}
	KUNIT_ASSERT_EQ(test, sg_alloc_table_from_pages(sgt, pages, n, 0,
							n * PAGE_SIZE,
							GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, dma_map_sgtable(ctx->dev, sgt, DMA_BIDIRECTIONAL,
					      0), 0);
	return pages;
}

static void vm_test_put_pages(struct kunit *test, struct sg_table *sgt,
			      struct page **pages, unsigned int n)
{
	struct vm_ctx *ctx = test->priv;
	unsigned int i;

	dma_unmap_sgtable(ctx->dev, sgt, DMA_BIDIRECTIONAL, 0);
	sg_free_table(sgt);
	for (i = 0; i < n; i++)
		__free_page(pages[i]);
}

/* Each page of a mapped object is reached through all four levels. */
static void vm_test_map_walk_unmap(struct kunit *test)
{
	struct vm_ctx *ctx = test->priv;
	struct mvgpu_vma vma = { };
	struct sg_dma_page_iter iter;
	struct sg_table sgt;
	struct page **pages;
	u64 va, pte;

	pages = vm_test_pages(test, &sgt, 5);
	KUNIT_ASSERT_EQ(test, mvgpu_drm_vm_map(ctx->vm, &sgt, 5 * PAGE_SIZE, &vma),
			0);
	KUNIT_EXPECT_GE(test, vma.node.start, MVGPU_VA_USER_START);
	KUNIT_EXPECT_LE(test, vma.node.start + 5 * PAGE_SIZE, MVGPU_VA_USER_END);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(vma.node.start, PAGE_SIZE));
	KUNIT_EXPECT_PTR_EQ(test, vma.vm, ctx->vm);

	va = vma.node.start;
	for_each_sgtable_dma_page(&sgt, &iter, 0) {
		KUNIT_ASSERT_EQ(test, mvgpu_drm_vm_walk(ctx->vm, va, &pte), 0);
		KUNIT_EXPECT_EQ(test, pte & MVGPU_PPGTT_PTE_ADDR_MASK,
				(u64)sg_page_iter_dma_address(&iter));
		KUNIT_EXPECT_TRUE(test, pte & MVGPU_PPGTT_PTE_PRESENT);
		/* Only bits the device accepts. */
		KUNIT_EXPECT_EQ(test, pte & ~(MVGPU_PPGTT_PTE_ADDR_MASK |
					      MVGPU_PPGTT_PTE_IGNORED |
					      MVGPU_PPGTT_PTE_PRESENT), 0);
		va += PAGE_SIZE;
	}
	/* The page after the object is the space's scratch page. */
	KUNIT_ASSERT_EQ(test, mvgpu_drm_vm_walk(ctx->vm, va, &pte), 0);
	KUNIT_EXPECT_EQ(test, pte, ctx->vm->scratch[0]);

	va = vma.node.start;
	mvgpu_drm_vm_get(ctx->vm);	/* unmap drops the vma's reference */
	mvgpu_drm_vm_unmap(&vma);
	KUNIT_EXPECT_NULL(test, vma.vm);
	KUNIT_ASSERT_EQ(test, mvgpu_drm_vm_walk(ctx->vm, va, &pte), 0);
	KUNIT_EXPECT_EQ(test, pte, ctx->vm->scratch[0]);
	mvgpu_drm_vm_put(ctx->vm);
	vm_test_put_pages(test, &sgt, pages, 5);
}

/* Two objects get distinct ranges. */
static void vm_test_distinct(struct kunit *test)
{
	struct vm_ctx *ctx = test->priv;
	struct mvgpu_vma a = { }, b = { };
	struct sg_table sgt;
	struct page **pages;

	pages = vm_test_pages(test, &sgt, 2);
	KUNIT_ASSERT_EQ(test, mvgpu_drm_vm_map(ctx->vm, &sgt, 2 * PAGE_SIZE, &a), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_drm_vm_map(ctx->vm, &sgt, 2 * PAGE_SIZE, &b), 0);
	KUNIT_EXPECT_TRUE(test, a.node.start + a.node.size <= b.node.start ||
			  b.node.start + b.node.size <= a.node.start);
	mvgpu_drm_vm_unmap(&a);
	mvgpu_drm_vm_unmap(&b);
	vm_test_put_pages(test, &sgt, pages, 2);
}

/* The batch slots are mapped above the processes' range. */
static void vm_test_batch_window(struct kunit *test)
{
	struct vm_ctx *ctx = test->priv;
	unsigned int i;
	u64 pte;

	KUNIT_EXPECT_GE(test, ctx->vm->batch_va, MVGPU_VA_USER_END);
	for (i = 0; i < MVGPU_NUM_ENGINES * MVGPU_DRM_MAX_BATCH / PAGE_SIZE; i++) {
		KUNIT_ASSERT_EQ(test, mvgpu_drm_vm_walk(ctx->vm, ctx->vm->batch_va +
						    i * PAGE_SIZE, &pte), 0);
		KUNIT_EXPECT_TRUE(test, pte & MVGPU_PPGTT_PTE_PRESENT);
	}
	KUNIT_EXPECT_EQ(test, mvgpu_drm_vm_walk(ctx->vm, 1ull << 48, &pte), -EINVAL);
}

/* A submission invalidates the first time and after each change only. */
static void vm_test_invalidate(struct kunit *test)
{
	struct vm_ctx *ctx = test->priv;
	struct mvgpu_vma vma = { };
	struct sg_table sgt;
	struct page **pages;

	KUNIT_EXPECT_TRUE(test, mvgpu_drm_vm_needs_invalidate(ctx->vm));
	KUNIT_EXPECT_FALSE(test, mvgpu_drm_vm_needs_invalidate(ctx->vm));
	pages = vm_test_pages(test, &sgt, 1);
	KUNIT_ASSERT_EQ(test, mvgpu_drm_vm_map(ctx->vm, &sgt, PAGE_SIZE, &vma), 0);
	KUNIT_EXPECT_TRUE(test, mvgpu_drm_vm_needs_invalidate(ctx->vm));
	KUNIT_EXPECT_FALSE(test, mvgpu_drm_vm_needs_invalidate(ctx->vm));
	mvgpu_drm_vm_unmap(&vma);
	KUNIT_EXPECT_TRUE(test, mvgpu_drm_vm_needs_invalidate(ctx->vm));
	vm_test_put_pages(test, &sgt, pages, 1);
}

/* A space with no room left says so; a bigger mapping than pages fails. */
static void vm_test_short_sgt(struct kunit *test)
{
	struct vm_ctx *ctx = test->priv;
	struct mvgpu_vma vma = { };
	struct sg_table sgt;
	struct page **pages;

	pages = vm_test_pages(test, &sgt, 1);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_vm_map(ctx->vm, &sgt, 2 * PAGE_SIZE, &vma),
			-EINVAL);
	KUNIT_EXPECT_FALSE(test, drm_mm_node_allocated(&vma.node));
	vm_test_put_pages(test, &sgt, pages, 1);
}

/*
 * Nothing is left not-present: unused entries of every level name the
 * space's own scratch table, down to its own scratch page, so no process
 * reaches the vGPU-wide scratch page another one may have written.
 */
static void vm_test_scratch(struct kunit *test)
{
	struct vm_ctx *ctx = test->priv;
	struct mvgpu_vm *vm = ctx->vm;
	struct vm_ctx other = { .mdev = ctx->mdev };
	int level, i;
	u64 pte;

	for (level = 0; level < MVGPU_PPGTT_LEVELS; level++)
		KUNIT_EXPECT_TRUE(test, vm->scratch[level] &
				  MVGPU_PPGTT_PTE_PRESENT);
	KUNIT_EXPECT_EQ(test, vm->scratch[0] & MVGPU_PPGTT_PTE_ADDR_MASK,
			(u64)vm->scratch_dma);
	for (level = 1; level < MVGPU_PPGTT_LEVELS; level++)
		for (i = 0; i < MVGPU_PPGTT_ENTRIES; i += 73)
			KUNIT_EXPECT_EQ(test,
					le64_to_cpu(vm->scratch_pt[level - 1]->entries[i]),
					vm->scratch[level - 1]);
	/* The root's unused entries, and a far address's walk. */
	KUNIT_EXPECT_EQ(test, le64_to_cpu(vm->root->entries[5]),
			vm->scratch[MVGPU_PPGTT_LEVELS - 1]);
	KUNIT_ASSERT_EQ(test, mvgpu_drm_vm_walk(vm, 0x7f0000000000ull, &pte), 0);
	KUNIT_EXPECT_EQ(test, pte, vm->scratch[0]);

	/* Another space has another scratch page. */
	other.vm = mvgpu_drm_vm_create(ctx->mdev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(other.vm));
	KUNIT_EXPECT_NE(test, other.vm->scratch_dma, vm->scratch_dma);
	mvgpu_drm_vm_put(other.vm);
}

static struct kunit_case mvgpu_vm_cases[] = {
	KUNIT_CASE(vm_test_scratch),
	KUNIT_CASE(vm_test_map_walk_unmap),
	KUNIT_CASE(vm_test_distinct),
	KUNIT_CASE(vm_test_batch_window),
	KUNIT_CASE(vm_test_invalidate),
	KUNIT_CASE(vm_test_short_sgt),
	{ }
};

static struct kunit_suite mvgpu_vm_suite = {
	.name = "mvgpu_drm_vm",
	.init = vm_test_init,
	.exit = vm_test_exit,
	.test_cases = mvgpu_vm_cases,
};

kunit_test_suite(mvgpu_vm_suite);
