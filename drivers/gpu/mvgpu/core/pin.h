/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest page translation cache: guest frame -> pinned page -> address the
 * physical GPU uses.  Each cached frame is pinned once and refcounted by
 * the GTT entries that point at it.
 *
 * Locking: the cache's structures are protected by the vGPU lock, but
 * pinning and unpinning never happen under it.  VFIO calls .dma_unmap with
 * its own locks held and the unmap path takes the vGPU lock, while pinning
 * takes VFIO's locks: pinning under the vGPU lock would invert that order.
 * So a new frame is pinned unlocked (mvgpu_pin_new()) and inserted under
 * the lock; frames losing their last reference become zombies, unpinned
 * once the lock is dropped (mvgpu_pin_take_zombies() and
 * mvgpu_pin_release_list()).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_PIN_H_
#define _MVGPU_PIN_H_

#include <linux/list.h>
#include <linux/types.h>
#include <linux/xarray.h>

struct page;

/**
 * struct mvgpu_pin_ops - how the cache pins and maps guest frames
 * @pin: pin guest frame @gfn and return its page
 * @unpin: undo @pin
 * @map: make @page reachable by the GPU; return the address in @addr
 * @unmap: undo @map
 *
 * The VFIO front end pins through vfio_pin_pages() and maps through the
 * backend; KUnit substitutes fakes.  Called without the vGPU lock.
 */
struct mvgpu_pin_ops {
	int (*pin)(void *ctx, u64 gfn, struct page **page);
	void (*unpin)(void *ctx, u64 gfn);
	int (*map)(void *ctx, struct page *page, u64 *addr);
	void (*unmap)(void *ctx, u64 addr);
};

/**
 * struct mvgpu_pin - one pinned guest frame
 * @gfn: the guest frame
 * @page: the pinned page
 * @addr: its address for the GPU
 * @refs: GTT entries holding it
 * @zombie: entry in the list of frames waiting to be unpinned, or in the
 *	cache's @held list while the hold keeps it with no reference
 */
struct mvgpu_pin {
	u64 gfn;
	struct page *page;
	u64 addr;
	unsigned int refs;
	struct list_head zombie;
};

/**
 * struct mvgpu_pin_cache - pinned frames of one vGPU, indexed by frame
 * @pins: gfn -> struct mvgpu_pin
 * @zombies: frames removed from @pins, to unpin once unlocked
 * @held: frames in @pins with no reference, kept by @hold
 * @ops: pinning operations
 * @ctx: cookie for @ops
 * @nr: frames in @pins
 * @hits: lookups served without pinning
 * @misses: frames pinned
 * @hold: frames whose last reference goes stay pinned (with no
 *	references) until the hold is lifted: the GPU may still be using
 *	them through a translation it made earlier
 */
struct mvgpu_pin_cache {
	struct xarray pins;
	struct list_head zombies;
	struct list_head held;
	const struct mvgpu_pin_ops *ops;
	void *ctx;
	unsigned long nr;
	u64 hits;
	u64 misses;
	bool hold;
};

void mvgpu_pin_cache_init(struct mvgpu_pin_cache *cache,
			  const struct mvgpu_pin_ops *ops, void *ctx);
struct mvgpu_pin *mvgpu_pin_lookup(struct mvgpu_pin_cache *cache, u64 gfn);
struct mvgpu_pin *mvgpu_pin_ref(struct mvgpu_pin_cache *cache, u64 gfn);
int mvgpu_pin_new(struct mvgpu_pin_cache *cache, u64 gfn,
		  struct mvgpu_pin **out);
struct mvgpu_pin *mvgpu_pin_insert(struct mvgpu_pin_cache *cache,
				   struct mvgpu_pin *pin);
void mvgpu_pin_discard(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin);
void mvgpu_pin_put(struct mvgpu_pin_cache *cache, u64 gfn);
void mvgpu_pin_set_hold(struct mvgpu_pin_cache *cache, bool hold);
void mvgpu_pin_drop_range(struct mvgpu_pin_cache *cache, u64 first,
			  u64 last);
void mvgpu_pin_take_zombies(struct mvgpu_pin_cache *cache,
			    struct list_head *list);
void mvgpu_pin_release_list(struct mvgpu_pin_cache *cache,
			    struct list_head *list);

#endif /* _MVGPU_PIN_H_ */
