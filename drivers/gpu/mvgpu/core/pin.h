/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest page translation cache: guest frames -> pinned pages -> address the
 * physical GPU uses.  A cache entry is an extent: a naturally aligned,
 * power-of-two run of guest frames whose pages are physically contiguous,
 * pinned with one pin call, mapped for the GPU as one contiguous range,
 * and refcounted by the GTT entries that point at any of its frames.
 * Every frame of an extent has its own slot in the index, so a lookup of
 * any frame is one xarray load.
 *
 * Locking: the cache's structures are protected by the vGPU lock, but
 * pinning and unpinning never happen under it.  VFIO calls .dma_unmap with
 * its own locks held and the unmap path takes the vGPU lock, while pinning
 * takes VFIO's locks: pinning under the vGPU lock would invert that order.
 * So a new extent is reserved under the lock (mvgpu_pin_reserve()), pinned
 * unlocked (mvgpu_pin_fill()) and inserted under the lock; extents losing
 * their last reference become zombies, unpinned once the lock is dropped
 * (mvgpu_pin_take_zombies() and mvgpu_pin_release_list()).
 *
 * DMA unmap contract: when the unmap path returns, no pin of the unmapped
 * range may exist, in the cache or out of it.  Pins out of the cache are
 * "in flight": reserved under the vGPU lock before the lock is dropped to
 * pin them (mvgpu_pin_reserve()), and zombies from their eviction until
 * they are unpinned.  mvgpu_pin_settle() waits until no pin in flight
 * overlaps a range; the caller bars new reservations there first.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_PIN_H_
#define _MVGPU_PIN_H_

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/xarray.h>

/* Largest extent: what one vfio_pin_pages() call may pin. */
#define MVGPU_PIN_MAX_PAGES	512u
/*
 * A guest frame is 4 KiB, the GPU's page (MVGPU_GTT_PAGE_SHIFT), and the
 * cache pins one kernel page per frame: it needs 4 KiB kernel pages, which
 * pin.c asserts at build time.  Frame numbers become addresses with this
 * shift, never with PAGE_SHIFT.
 */
#define MVGPU_PIN_FRAME_SHIFT	12

/**
 * struct mvgpu_pin_ops - how the cache pins and maps guest frames
 * @pin: pin the @npages guest frames from @gfn in one call and return
 *	their pages in @pages
 * @unpin: undo @pin, with the same @gfn and @npages
 * @map: make the @npages physically contiguous pages from @page reachable
 *	by the GPU at contiguous addresses; return the first in @addr
 *	(-EINVAL when the GPU cannot reach them contiguously)
 * @unmap: undo @map, with the same @npages
 *
 * The VFIO front end pins through vfio_pin_pages() and maps through the
 * backend; KUnit substitutes fakes.  Called without the vGPU lock.
 */
struct mvgpu_pin_ops {
	int (*pin)(void *ctx, u64 gfn, unsigned int npages,
		   struct page **pages);
	void (*unpin)(void *ctx, u64 gfn, unsigned int npages);
	int (*map)(void *ctx, struct page *page, unsigned int npages,
		   u64 *addr);
	void (*unmap)(void *ctx, u64 addr, unsigned int npages);
};

/**
 * struct mvgpu_pin - one extent of pinned guest frames
 * @gfn: its first guest frame, aligned to @npages
 * @npages: frames, a power of two up to MVGPU_PIN_MAX_PAGES
 * @page: the first pinned page; the others follow it physically
 * @addr: GPU address of @page; the others follow it
 * @refs: GTT entries holding a frame of it
 * @zombie: entry in the list of extents waiting to be unpinned, or in the
 *	cache's @held list while the hold keeps it with no reference
 * @flight: entry in the cache's @flight list while it is out of the cache
 *	and may be pinned: reserved, or a zombie not yet unpinned
 */
struct mvgpu_pin {
	u64 gfn;
	unsigned int npages;
	struct page *page;
	u64 addr;
	unsigned int refs;
	struct list_head zombie;
	struct list_head flight;
};

/**
 * struct mvgpu_pin_cache - pinned extents of one vGPU, indexed by frame
 * @pins: gfn -> the struct mvgpu_pin containing it (one slot per frame)
 * @zombies: extents removed from @pins, to unpin once unlocked
 * @held: extents in @pins with no reference, kept by @hold
 * @ops: pinning operations
 * @ctx: cookie for @ops
 * @nr: extents in @pins
 * @nr_pages: frames in @pins
 * @hits: references served without pinning
 * @misses: extents pinned and inserted
 * @hold: extents whose last reference goes stay pinned (with no
 *	references) until the hold is lifted: the GPU may still be using
 *	them through a translation it made earlier
 * @flight_lock: protects @flight (taken without the vGPU lock too)
 * @flight: extents out of the cache that may hold pins (see above)
 * @flight_wq: woken when an extent leaves @flight
 */
struct mvgpu_pin_cache {
	struct xarray pins;
	struct list_head zombies;
	struct list_head held;
	const struct mvgpu_pin_ops *ops;
	void *ctx;
	unsigned long nr;
	unsigned long nr_pages;
	u64 hits;
	u64 misses;
	bool hold;
	spinlock_t flight_lock;	/* protects flight */
	struct list_head flight;
	wait_queue_head_t flight_wq;
};

/**
 * mvgpu_pin_addr() - GPU address of a frame inside an extent
 * @pin: the extent
 * @gfn: a frame of it
 *
 * Return: the address.
 */
static inline u64 mvgpu_pin_addr(const struct mvgpu_pin *pin, u64 gfn)
{
	return pin->addr + ((gfn - pin->gfn) << MVGPU_PIN_FRAME_SHIFT);
}

/**
 * mvgpu_pin_page() - pinned page of a frame inside an extent
 * @pin: the extent
 * @gfn: a frame of it
 *
 * Return: the page.
 */
static inline struct page *mvgpu_pin_page(const struct mvgpu_pin *pin,
					  u64 gfn)
{
	return nth_page(pin->page, gfn - pin->gfn);
}

void mvgpu_pin_cache_init(struct mvgpu_pin_cache *cache,
			  const struct mvgpu_pin_ops *ops, void *ctx);
struct mvgpu_pin *mvgpu_pin_lookup(struct mvgpu_pin_cache *cache, u64 gfn);
bool mvgpu_pin_range_cached(struct mvgpu_pin_cache *cache, u64 first,
			    u64 last);
struct mvgpu_pin *mvgpu_pin_ref(struct mvgpu_pin_cache *cache, u64 gfn);
struct mvgpu_pin *mvgpu_pin_reserve(struct mvgpu_pin_cache *cache, u64 gfn,
				    unsigned int npages);
int mvgpu_pin_fill(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin,
		   u64 gfn, unsigned int npages);
void mvgpu_pin_cancel(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin);
bool mvgpu_pin_in_flight(struct mvgpu_pin_cache *cache, u64 first,
			 u64 last);
void mvgpu_pin_settle(struct mvgpu_pin_cache *cache, u64 first, u64 last);
struct mvgpu_pin *mvgpu_pin_insert(struct mvgpu_pin_cache *cache,
				   struct mvgpu_pin *pin, u64 gfn);
void mvgpu_pin_discard(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin);
void mvgpu_pin_put(struct mvgpu_pin_cache *cache, u64 gfn);
void mvgpu_pin_set_hold(struct mvgpu_pin_cache *cache, bool hold);
void mvgpu_pin_widen(struct mvgpu_pin_cache *cache, u64 *first, u64 *last);
void mvgpu_pin_drop_range(struct mvgpu_pin_cache *cache, u64 first,
			  u64 last);
void mvgpu_pin_take_zombies(struct mvgpu_pin_cache *cache,
			    struct list_head *list);
void mvgpu_pin_release_list(struct mvgpu_pin_cache *cache,
			    struct list_head *list);

#endif /* _MVGPU_PIN_H_ */
