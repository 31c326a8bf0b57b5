// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu_drm: graphics memory.
 *
 * The vGPU owns two slices of the global graphics address space, the
 * mappable one (behind the BAR2 aperture) and the hidden one, as the PV
 * info page says.  One drm_mm covers both, with the gap between them
 * reserved.  An object gets a range on demand (mvgpu_drm_gm_pin(): scanout,
 * cursor, rings, status pages) and keeps it after its last unpin, on an
 * LRU list, until the space is needed: then the least recently used
 * unpinned bindings are evicted (their GTT entries cleared) until the
 * new one fits.  GTT entries name the pages' bus addresses; writing them
 * traps to the host, which shadows them.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/io-64-nonatomic-lo-hi.h>

#include <drm/drm_drv.h>
#include <drm/drm_print.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"

static void mvgpu_gtt_write(struct mvgpu_device *mdev, u64 gm, u64 pte)
{
	writeq(pte, mdev->mmio + MVGPU_GTT_OFFSET +
	       (gm >> MVGPU_GTT_PAGE_SHIFT) * MVGPU_GTT_ENTRY_SIZE);
}

/*
 * Clear the binding's entries and free its range.  @hw: BAR0 is known to
 * be mapped (probe and remove); else only while the device is plugged.
 */
static void __mvgpu_gm_unbind(struct mvgpu_device *mdev,
			      struct mvgpu_gm_binding *b, bool hw)
{
	u64 gm;
	int idx = -1;

	lockdep_assert_held(&mdev->gm_lock);
	if (hw || drm_dev_enter(&mdev->drm, &idx)) {
		for (gm = b->node.start; gm < b->node.start + b->node.size;
		     gm += PAGE_SIZE)
			mvgpu_gtt_write(mdev, gm, 0);
		if (idx >= 0)
			drm_dev_exit(idx);
	}
	drm_mm_remove_node(&b->node);
	list_del_init(&b->lru);
}

static void mvgpu_gm_unbind(struct mvgpu_device *mdev,
			    struct mvgpu_gm_binding *b)
{
	__mvgpu_gm_unbind(mdev, b, false);
}

/* Evict the least recently used unpinned binding; false if none. */
static bool mvgpu_gm_evict_one(struct mvgpu_device *mdev)
{
	struct mvgpu_gm_binding *b;

	lockdep_assert_held(&mdev->gm_lock);
	list_for_each_entry(b, &mdev->gm_lru, lru) {
		if (b->pin)
			continue;
		mvgpu_gm_unbind(mdev, b);
		mdev->gm_evictions++;
		return true;
	}
	return false;
}

static int mvgpu_gm_bind(struct mvgpu_device *mdev, struct mvgpu_gm_binding *b,
			 struct sg_table *sgt, size_t size)
{
	u64 lo = min(mdev->ap_base, mdev->hid_base);
	u64 hi = max(mdev->ap_base + mdev->ap_size,
		     mdev->hid_base + mdev->hid_size);
	struct sg_dma_page_iter iter;
	u64 gm;
	int ret, idx;

	lockdep_assert_held(&mdev->gm_lock);
	/* Scanout takes 32-bit graphics addresses: stay below 4 GiB. */
	hi = min_t(u64, hi, SZ_4G);
	for (;;) {
		ret = drm_mm_insert_node_in_range(&mdev->gm_mm, &b->node, size,
						  PAGE_SIZE, 0, lo, hi,
						  DRM_MM_INSERT_BEST);
		if (ret != -ENOSPC || !mvgpu_gm_evict_one(mdev))
			break;
	}
	if (ret)
		return ret;

	if (!drm_dev_enter(&mdev->drm, &idx)) {
		drm_mm_remove_node(&b->node);
		return -ENODEV;
	}
	gm = b->node.start;
	for_each_sgtable_dma_page(sgt, &iter, 0) {
		if (gm >= b->node.start + size)
			break;
		mvgpu_gtt_write(mdev, gm, sg_page_iter_dma_address(&iter) |
				MVGPU_GTT_PTE_PRESENT);
		gm += PAGE_SIZE;
	}
	drm_dev_exit(idx);
	list_add_tail(&b->lru, &mdev->gm_lru);
	return 0;
}

/**
 * mvgpu_drm_gm_pin - bind an object in graphics memory and keep it there
 * @mdev: the device
 * @shmem: the object (a struct mvgpu_bo)
 * @gm: out, its graphics address
 *
 * Binds the object if it is not bound, evicting unpinned bindings when
 * the slices are full.  Pins nest; mvgpu_drm_gm_unpin() undoes one.
 *
 * Return: 0, -ENOSPC when pinned objects fill the slices, or another
 * -errno.
 */
int mvgpu_drm_gm_pin(struct mvgpu_device *mdev, struct drm_gem_shmem_object *shmem,
		     u64 *gm)
{
	struct mvgpu_bo *bo = container_of(shmem, struct mvgpu_bo, base);
	struct mvgpu_gm_binding *b = &bo->gm;
	struct sg_table *sgt;
	int ret = 0;

	/* The pages stay until the object is freed. */
	sgt = drm_gem_shmem_get_pages_sgt(shmem);
	if (IS_ERR(sgt))
		return PTR_ERR(sgt);

	mutex_lock(&mdev->gm_lock);
	if (!drm_mm_node_allocated(&b->node))
		ret = mvgpu_gm_bind(mdev, b, sgt, shmem->base.size);
	else
		list_move_tail(&b->lru, &mdev->gm_lru);
	if (!ret) {
		b->pin++;
		*gm = b->node.start;
	}
	mutex_unlock(&mdev->gm_lock);
	if (ret == -ENOSPC)
		mvgpu_err_ratelimited(mdev, "graphics memory full: no room for %zu KiB\n",
				      shmem->base.size >> 10);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_gm_pin);

/**
 * mvgpu_drm_gm_unpin - undo one mvgpu_drm_gm_pin()
 * @mdev: the device
 * @shmem: the object
 *
 * The object stays bound, evictable, until its range is needed.
 */
void mvgpu_drm_gm_unpin(struct mvgpu_device *mdev,
			struct drm_gem_shmem_object *shmem)
{
	struct mvgpu_bo *bo = container_of(shmem, struct mvgpu_bo, base);

	mutex_lock(&mdev->gm_lock);
	if (!drm_WARN_ON(&mdev->drm, !bo->gm.pin))
		bo->gm.pin--;
	mutex_unlock(&mdev->gm_lock);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_gm_unpin);

/**
 * mvgpu_drm_gm_release - unbind an object that is being freed
 * @mdev: the device
 * @shmem: the object
 */
void mvgpu_drm_gm_release(struct mvgpu_device *mdev,
			  struct drm_gem_shmem_object *shmem)
{
	struct mvgpu_bo *bo = container_of(shmem, struct mvgpu_bo, base);

	mutex_lock(&mdev->gm_lock);
	drm_WARN_ON(&mdev->drm, bo->gm.pin);
	if (drm_mm_node_allocated(&bo->gm.node))
		mvgpu_gm_unbind(mdev, &bo->gm);
	mutex_unlock(&mdev->gm_lock);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_gm_release);

/**
 * mvgpu_drm_gm_init - graphics memory from the PV info page's slices
 * @mdev: the device, after mvgpu_drm_pv_init()
 *
 * Return: 0 or -errno.
 */
int mvgpu_drm_gm_init(struct mvgpu_device *mdev)
{
	u64 lo, hi, gap_start, gap_end;
	int ret;

	mutex_init(&mdev->gm_lock);
	INIT_LIST_HEAD(&mdev->gm_lru);
	if (!mdev->ap_size)
		mdev->ap_base = mdev->hid_base;
	else if (!mdev->hid_size)
		mdev->hid_base = mdev->ap_base;
	lo = min(mdev->ap_base, mdev->hid_base);
	hi = max(mdev->ap_base + mdev->ap_size, mdev->hid_base + mdev->hid_size);
	if (!IS_ALIGNED(lo | hi, PAGE_SIZE) ||
	    hi > (u64)MVGPU_GTT_NUM_ENTRIES << MVGPU_GTT_PAGE_SHIFT) {
		mvgpu_err(mdev, "unusable graphics memory slices [%#llx, %#llx)\n",
			  lo, hi);
		return -ENODEV;
	}
	drm_mm_init(&mdev->gm_mm, lo, hi - lo);

	/* The gap between the slices, if any, is not ours. */
	gap_start = min(mdev->ap_base + mdev->ap_size,
			mdev->hid_base + mdev->hid_size);
	gap_end = max(mdev->ap_base, mdev->hid_base);
	if (gap_end > gap_start) {
		mdev->gm_gap.start = gap_start;
		mdev->gm_gap.size = gap_end - gap_start;
		ret = drm_mm_reserve_node(&mdev->gm_mm, &mdev->gm_gap);
		if (ret) {
			drm_mm_takedown(&mdev->gm_mm);
			return ret;
		}
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_gm_init);

/**
 * mvgpu_drm_gm_fini - unbind everything, undo mvgpu_drm_gm_init()
 * @mdev: the device, BAR0 still mapped (probe failure or remove)
 *
 * Clears every entry the driver wrote, so that a driver loaded next
 * finds the GTT as the host reset it.
 */
void mvgpu_drm_gm_fini(struct mvgpu_device *mdev)
{
	struct mvgpu_gm_binding *b, *tmp;

	mutex_lock(&mdev->gm_lock);
	list_for_each_entry_safe(b, tmp, &mdev->gm_lru, lru)
		__mvgpu_gm_unbind(mdev, b, true);
	if (drm_mm_node_allocated(&mdev->gm_gap))
		drm_mm_remove_node(&mdev->gm_gap);
	mutex_unlock(&mdev->gm_lock);
	drm_mm_takedown(&mdev->gm_mm);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_gm_fini);
