/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest page translation cache: guest frame -> pinned page -> address the
 * physical GPU uses.  Each cached frame is pinned once and refcounted by
 * the GTT entries that point at it.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_PIN_H_
#define _MVGPU_PIN_H_

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
 * backend; KUnit substitutes fakes.
 */
struct mvgpu_pin_ops {
	int (*pin)(void *ctx, u64 gfn, struct page **page);
	void (*unpin)(void *ctx, u64 gfn);
	int (*map)(void *ctx, struct page *page, u64 *addr);
	void (*unmap)(void *ctx, u64 addr);
};

/**
 * struct mvgpu_pin - one pinned guest frame
 * @page: the pinned page
 * @addr: its address for the GPU
 * @refs: GTT entries (and other users) holding it
 */
struct mvgpu_pin {
	struct page *page;
	u64 addr;
	unsigned int refs;
};

/**
 * struct mvgpu_pin_cache - pinned frames of one vGPU, indexed by frame
 * @pins: gfn -> struct mvgpu_pin
 * @ops: pinning operations
 * @ctx: cookie for @ops
 * @nr: frames pinned now
 * @hits: lookups served without pinning
 * @misses: lookups that pinned
 * @hold: frames whose last reference goes stay pinned (with no
 *	references) until the hold is lifted: the GPU may still be using
 *	them through a translation it made earlier
 */
struct mvgpu_pin_cache {
	struct xarray pins;
	const struct mvgpu_pin_ops *ops;
	void *ctx;
	unsigned long nr;
	u64 hits;
	u64 misses;
	bool hold;
};

void mvgpu_pin_cache_init(struct mvgpu_pin_cache *cache,
			  const struct mvgpu_pin_ops *ops, void *ctx);
int mvgpu_pin_get(struct mvgpu_pin_cache *cache, u64 gfn,
		  struct mvgpu_pin **out);
void mvgpu_pin_put(struct mvgpu_pin_cache *cache, u64 gfn);
struct mvgpu_pin *mvgpu_pin_lookup(struct mvgpu_pin_cache *cache, u64 gfn);
void mvgpu_pin_set_hold(struct mvgpu_pin_cache *cache, bool hold);
void mvgpu_pin_drop_range(struct mvgpu_pin_cache *cache, u64 first,
			  u64 last);

#endif /* _MVGPU_PIN_H_ */
