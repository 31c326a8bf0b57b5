// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu_drm: per-file address spaces.
 *
 * Each open file has a Gen8 48-bit four-level page table (PML4, PDP, PD,
 * PT; 4 KiB pages) in guest RAM.  Its entries name bus addresses: of the
 * next table, or of an object's page.  The host shadows the tables when a
 * submission loads the PML4 (include/uapi/linux/mvgpu.h, "Per-process
 * graphics translation tables") and sees changes only after an
 * invalidation, so:
 *
 *  - every change bumps @gen, and the next submission of the space
 *    carries a TLB invalidation (mvgpu_drm_vm_needs_invalidate());
 *  - an unmapped object's pages may still be reached by a job that was
 *    already running in the space, through the host's old translations:
 *    mvgpu_drm_vm_unmap() waits for the space's jobs in flight before it
 *    returns, so the pages are freed only after no job can use them;
 *  - tables stay until the space goes: a freed table page could be in
 *    use by the host's shadow of a job in flight;
 *  - nothing is left not-present: an entry with nothing to map names the
 *    space's own scratch table of the level below, down to its scratch
 *    page.  The host maps not-present entries to one scratch page per
 *    vGPU, which would let a process read what another one wrote to an
 *    address it does not have.
 *
 * The window above MVGPU_VA_USER_END holds the batch slots: SUBMIT
 * copies the validated batch there, and the validator refuses writes
 * into the window, so no job can change a batch after validation.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/dma-mapping.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <kunit/visibility.h>

#include <drm/mvgpu_drm.h>

#include "mvgpu_drv.h"

#define MVGPU_PTE_RW		0x2ull

#define MVGPU_BATCH_PAGES	(MVGPU_NUM_ENGINES * MVGPU_DRM_MAX_BATCH / PAGE_SIZE)

static struct device *vm_dev(struct mvgpu_vm *vm)
{
	return vm->mdev->drm.dev;
}

static struct mvgpu_pt *mvgpu_pt_alloc(struct mvgpu_vm *vm, int level)
{
	struct mvgpu_pt *pt;

	pt = kzalloc(sizeof(*pt), GFP_KERNEL);
	if (!pt)
		return NULL;
	pt->page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!pt->page)
		goto err_free;
	if (level > 1) {
		pt->child = kcalloc(MVGPU_PPGTT_ENTRIES, sizeof(*pt->child),
				    GFP_KERNEL);
		if (!pt->child)
			goto err_page;
	}
	pt->dma = dma_map_page(vm_dev(vm), pt->page, 0, PAGE_SIZE,
			       DMA_TO_DEVICE);
	if (dma_mapping_error(vm_dev(vm), pt->dma))
		goto err_child;
	pt->entries = page_address(pt->page);
	if (vm->scratch[level - 1]) {
		u64 e = vm->scratch[level - 1];
		unsigned int i;

		for (i = 0; i < MVGPU_PPGTT_ENTRIES; i++)
			pt->entries[i] = cpu_to_le64(e);
		dma_sync_single_for_device(vm_dev(vm), pt->dma, PAGE_SIZE,
					   DMA_TO_DEVICE);
	}
	return pt;

err_child:
	kfree(pt->child);
err_page:
	__free_page(pt->page);
err_free:
	kfree(pt);
	return NULL;
}

static void mvgpu_pt_free(struct mvgpu_vm *vm, struct mvgpu_pt *pt, int level)
{
	unsigned int i;

	if (!pt)
		return;
	if (pt->child)
		for (i = 0; i < MVGPU_PPGTT_ENTRIES; i++)
			mvgpu_pt_free(vm, pt->child[i], level - 1);
	dma_unmap_page(vm_dev(vm), pt->dma, PAGE_SIZE, DMA_TO_DEVICE);
	__free_page(pt->page);
	kfree(pt->child);
	kfree(pt);
}

static void mvgpu_pt_set(struct mvgpu_vm *vm, struct mvgpu_pt *pt,
			 unsigned int idx, u64 val)
{
	pt->entries[idx] = cpu_to_le64(val);
	dma_sync_single_for_device(vm_dev(vm), pt->dma + idx * 8, 8,
				   DMA_TO_DEVICE);
}

/* The PT covering @va, allocating the tables on the way if @alloc. */
static struct mvgpu_pt *mvgpu_vm_pt(struct mvgpu_vm *vm, u64 va, bool alloc)
{
	struct mvgpu_pt *pt = vm->root;
	int level;

	for (level = MVGPU_PPGTT_LEVELS; level > 1; level--) {
		unsigned int idx = MVGPU_PPGTT_INDEX(va, level);

		if (!pt->child[idx]) {
			if (!alloc)
				return NULL;
			pt->child[idx] = mvgpu_pt_alloc(vm, level - 1);
			if (!pt->child[idx])
				return NULL;
			mvgpu_pt_set(vm, pt, idx, pt->child[idx]->dma |
				     MVGPU_PTE_RW | MVGPU_PPGTT_PTE_PRESENT);
		}
		pt = pt->child[idx];
	}
	return pt;
}

static void mvgpu_vm_clear(struct mvgpu_vm *vm, u64 start, u64 end)
{
	u64 va;

	for (va = start; va < end; va += PAGE_SIZE) {
		struct mvgpu_pt *pt = mvgpu_vm_pt(vm, va, false);

		if (pt)
			mvgpu_pt_set(vm, pt, MVGPU_PPGTT_INDEX(va, 1),
				     vm->scratch[0]);
	}
}

/* Map @n pages of bus addresses @dma() at @va. */
static int mvgpu_vm_fill(struct mvgpu_vm *vm, u64 va, struct sg_table *sgt,
			 u64 size)
{
	struct sg_dma_page_iter iter;
	u64 end = va + size, cur = va;

	for_each_sgtable_dma_page(sgt, &iter, 0) {
		struct mvgpu_pt *pt;

		if (cur >= end)
			break;
		pt = mvgpu_vm_pt(vm, cur, true);
		if (!pt) {
			mvgpu_vm_clear(vm, va, cur);
			return -ENOMEM;
		}
		mvgpu_pt_set(vm, pt, MVGPU_PPGTT_INDEX(cur, 1),
			     sg_page_iter_dma_address(&iter) | MVGPU_PTE_RW |
			     MVGPU_PPGTT_PTE_PRESENT);
		cur += PAGE_SIZE;
	}
	if (cur < end) {
		mvgpu_vm_clear(vm, va, cur);
		return -EINVAL;
	}
	return 0;
}

/**
 * mvgpu_drm_vm_map - give an object a range in an address space
 * @vm: the space
 * @sgt: the object's pages, DMA-mapped
 * @size: its size
 * @vma: out, the range; holds a reference to @vm until mvgpu_drm_vm_unmap()
 *
 * Return: 0, -ENOSPC when the space is full, or -ENOMEM.
 */
int mvgpu_drm_vm_map(struct mvgpu_vm *vm, struct sg_table *sgt, u64 size,
		     struct mvgpu_vma *vma)
{
	int ret;

	mutex_lock(&vm->lock);
	ret = drm_mm_insert_node_in_range(&vm->mm, &vma->node, size, PAGE_SIZE,
					  0, MVGPU_VA_USER_START,
					  MVGPU_VA_USER_END,
					  DRM_MM_INSERT_BEST);
	if (ret)
		goto out;
	ret = mvgpu_vm_fill(vm, vma->node.start, sgt, size);
	if (ret) {
		drm_mm_remove_node(&vma->node);
		goto out;
	}
	vm->gen++;
	vma->vm = mvgpu_drm_vm_get(vm);
out:
	mutex_unlock(&vm->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_vm_map);

/**
 * mvgpu_drm_vm_unmap - take an object's range away
 * @vma: the range, from mvgpu_drm_vm_map()
 *
 * Clears the entries, then waits until the jobs of the space that were
 * pushed before have finished: they may still reach the pages through
 * the host's old translations.  The next submission of the space
 * invalidates them.
 */
void mvgpu_drm_vm_unmap(struct mvgpu_vma *vma)
{
	struct mvgpu_vm *vm = vma->vm;
	struct dma_fence *busy[MVGPU_NUM_ENGINES];
	unsigned int e;

	mutex_lock(&vm->lock);
	mvgpu_vm_clear(vm, vma->node.start,
		       vma->node.start + vma->node.size);
	drm_mm_remove_node(&vma->node);
	vm->gen++;
	for (e = 0; e < MVGPU_NUM_ENGINES; e++)
		busy[e] = dma_fence_get(vm->busy[e]);
	mutex_unlock(&vm->lock);

	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		if (busy[e])
			dma_fence_wait(busy[e], false);
		dma_fence_put(busy[e]);
	}
	vma->vm = NULL;
	mvgpu_drm_vm_put(vm);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_vm_unmap);

/**
 * mvgpu_drm_vm_set_busy - record the last job pushed in a space on an engine
 * @vm: the space
 * @engine: MVGPU_ENGINE_*
 * @fence: the job's finished fence
 */
void mvgpu_drm_vm_set_busy(struct mvgpu_vm *vm, unsigned int engine,
			   struct dma_fence *fence)
{
	mutex_lock(&vm->lock);
	dma_fence_put(vm->busy[engine]);
	vm->busy[engine] = dma_fence_get(fence);
	mutex_unlock(&vm->lock);
}

/**
 * mvgpu_drm_vm_root - the bus address of the space's PML4
 * @vm: the space
 *
 * Return: the address, for MVGPU_RING_PML4_LDW/UDW.
 */
u64 mvgpu_drm_vm_root(struct mvgpu_vm *vm)
{
	return vm->root->dma;
}

/**
 * mvgpu_drm_vm_needs_invalidate - whether a submission must invalidate
 * @vm: the space
 *
 * Called when a submission of the space is written to a ring: true when
 * the tables changed since the last submission that invalidated (or
 * none did yet), and then the caller must invalidate in this one.
 *
 * Return: whether to invalidate.
 */
bool mvgpu_drm_vm_needs_invalidate(struct mvgpu_vm *vm)
{
	bool ret;

	mutex_lock(&vm->lock);
	ret = vm->submitted_gen != vm->gen;
	vm->submitted_gen = vm->gen;
	mutex_unlock(&vm->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_vm_needs_invalidate);

/**
 * mvgpu_drm_vm_walk - translate an address as the engines would
 * @vm: the space
 * @va: the address
 * @pte: out, the PT entry (the scratch page's when a level is missing)
 *
 * Return: 0, or -EINVAL for an address outside the 48-bit space.
 */
int mvgpu_drm_vm_walk(struct mvgpu_vm *vm, u64 va, u64 *pte)
{
	struct mvgpu_pt *pt;

	if (va >> MVGPU_PPGTT_VA_BITS)
		return -EINVAL;
	mutex_lock(&vm->lock);
	pt = mvgpu_vm_pt(vm, va, false);
	*pte = pt ? le64_to_cpu(pt->entries[MVGPU_PPGTT_INDEX(va, 1)]) :
		    vm->scratch[0];
	mutex_unlock(&vm->lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_vm_walk);

static int mvgpu_vm_batch_init(struct mvgpu_vm *vm)
{
	struct sg_table sgt;
	unsigned int i;
	int ret;

	vm->batch = kcalloc(MVGPU_BATCH_PAGES, sizeof(*vm->batch), GFP_KERNEL);
	if (!vm->batch)
		return -ENOMEM;
	for (i = 0; i < MVGPU_BATCH_PAGES; i++) {
		vm->batch[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!vm->batch[i]) {
			ret = -ENOMEM;
			goto err_pages;
		}
	}
	vm->batch_vaddr = vmap(vm->batch, MVGPU_BATCH_PAGES, VM_MAP,
			       PAGE_KERNEL);
	if (!vm->batch_vaddr) {
		ret = -ENOMEM;
		goto err_pages;
	}
	ret = sg_alloc_table_from_pages(&sgt, vm->batch, MVGPU_BATCH_PAGES, 0,
					MVGPU_BATCH_PAGES * PAGE_SIZE,
					GFP_KERNEL);
	if (ret)
		goto err_vunmap;
	ret = dma_map_sgtable(vm_dev(vm), &sgt, DMA_TO_DEVICE, 0);
	if (ret)
		goto err_sgt;
	vm->batch_va = MVGPU_VA_USER_END;
	mutex_lock(&vm->lock);
	ret = mvgpu_vm_fill(vm, vm->batch_va, &sgt,
			    MVGPU_BATCH_PAGES * PAGE_SIZE);
	mutex_unlock(&vm->lock);
	/*
	 * The pages stay mapped for the device until the space goes; the
	 * table keeps their addresses, so the sg_table can go now.
	 */
	if (ret)
		dma_unmap_sgtable(vm_dev(vm), &sgt, DMA_TO_DEVICE, 0);
	sg_free_table(&sgt);
	if (ret)
		goto err_vunmap;
	return 0;

err_sgt:
	sg_free_table(&sgt);
err_vunmap:
	vunmap(vm->batch_vaddr);
err_pages:
	while (i--)
		__free_page(vm->batch[i]);
	kfree(vm->batch);
	return ret;
}

static void mvgpu_vm_batch_fini(struct mvgpu_vm *vm)
{
	unsigned int i;
	u64 pte;

	vunmap(vm->batch_vaddr);
	for (i = 0; i < MVGPU_BATCH_PAGES; i++) {
		u64 va = vm->batch_va + i * PAGE_SIZE;
		struct mvgpu_pt *pt = mvgpu_vm_pt(vm, va, false);

		pte = pt ? le64_to_cpu(pt->entries[MVGPU_PPGTT_INDEX(va, 1)]) : 0;
		if (pte & MVGPU_PPGTT_PTE_PRESENT)
			dma_unmap_page(vm_dev(vm), pte & MVGPU_PPGTT_PTE_ADDR_MASK,
				       PAGE_SIZE, DMA_TO_DEVICE);
		__free_page(vm->batch[i]);
	}
	kfree(vm->batch);
}

/* The scratch page and tables, each entry of a level naming the next. */
static int mvgpu_vm_scratch_init(struct mvgpu_vm *vm)
{
	int level;

	vm->scratch_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!vm->scratch_page)
		return -ENOMEM;
	vm->scratch_dma = dma_map_page(vm_dev(vm), vm->scratch_page, 0,
				       PAGE_SIZE, DMA_BIDIRECTIONAL);
	if (dma_mapping_error(vm_dev(vm), vm->scratch_dma)) {
		__free_page(vm->scratch_page);
		return -ENOMEM;
	}
	vm->scratch[0] = vm->scratch_dma | MVGPU_PTE_RW |
			 MVGPU_PPGTT_PTE_PRESENT;
	for (level = 1; level < MVGPU_PPGTT_LEVELS; level++) {
		/* Filled with vm->scratch[level - 1]. */
		vm->scratch_pt[level - 1] = mvgpu_pt_alloc(vm, level);
		if (!vm->scratch_pt[level - 1])
			return -ENOMEM;
		vm->scratch[level] = vm->scratch_pt[level - 1]->dma |
				     MVGPU_PTE_RW | MVGPU_PPGTT_PTE_PRESENT;
	}
	return 0;
}

static void mvgpu_vm_scratch_fini(struct mvgpu_vm *vm)
{
	int level;

	for (level = 1; level < MVGPU_PPGTT_LEVELS; level++)
		if (vm->scratch_pt[level - 1])
			mvgpu_pt_free(vm, vm->scratch_pt[level - 1], 1);
	if (vm->scratch[0]) {
		dma_unmap_page(vm_dev(vm), vm->scratch_dma, PAGE_SIZE,
			       DMA_BIDIRECTIONAL);
		__free_page(vm->scratch_page);
	}
}

/**
 * mvgpu_drm_vm_create - a new, empty address space with its batch slots
 * @mdev: the device
 *
 * Return: the space (one reference), or an ERR_PTR().
 */
struct mvgpu_vm *mvgpu_drm_vm_create(struct mvgpu_device *mdev)
{
	struct mvgpu_vm *vm;
	int ret;

	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	if (!vm)
		return ERR_PTR(-ENOMEM);
	vm->mdev = mdev;
	kref_init(&vm->ref);
	mutex_init(&vm->lock);
	drm_mm_init(&vm->mm, MVGPU_VA_USER_START,
		    MVGPU_VA_USER_END - MVGPU_VA_USER_START);
	vm->submitted_gen = ~0ull;
	ret = mvgpu_vm_scratch_init(vm);
	if (ret)
		goto err;
	vm->root = mvgpu_pt_alloc(vm, MVGPU_PPGTT_LEVELS);
	if (!vm->root) {
		ret = -ENOMEM;
		goto err;
	}
	ret = mvgpu_vm_batch_init(vm);
	if (ret)
		goto err_root;
	return vm;

err_root:
	mvgpu_pt_free(vm, vm->root, MVGPU_PPGTT_LEVELS);
err:
	mvgpu_vm_scratch_fini(vm);
	drm_mm_takedown(&vm->mm);
	mutex_destroy(&vm->lock);
	kfree(vm);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_vm_create);

/**
 * mvgpu_drm_vm_get - take a reference
 * @vm: the space
 *
 * Return: @vm.
 */
struct mvgpu_vm *mvgpu_drm_vm_get(struct mvgpu_vm *vm)
{
	kref_get(&vm->ref);
	return vm;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_vm_get);

static void mvgpu_vm_release(struct kref *ref)
{
	struct mvgpu_vm *vm = container_of(ref, struct mvgpu_vm, ref);
	unsigned int e;

	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		if (vm->busy[e])
			dma_fence_wait(vm->busy[e], false);
		dma_fence_put(vm->busy[e]);
	}
	mvgpu_vm_batch_fini(vm);
	mvgpu_pt_free(vm, vm->root, MVGPU_PPGTT_LEVELS);
	mvgpu_vm_scratch_fini(vm);
	drm_mm_takedown(&vm->mm);
	mutex_destroy(&vm->lock);
	kfree(vm);
}

/**
 * mvgpu_drm_vm_put - drop a reference; the last frees the space
 * @vm: the space
 */
void mvgpu_drm_vm_put(struct mvgpu_vm *vm)
{
	kref_put(&vm->ref, mvgpu_vm_release);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_vm_put);
