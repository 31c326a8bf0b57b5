// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest page translation cache.
 *
 * The caller serializes all calls on one cache (the vGPU lock).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "core/pin.h"

/**
 * mvgpu_pin_cache_init() - set up an empty cache
 * @cache: cache
 * @ops: pinning operations
 * @ctx: cookie for @ops
 */
void mvgpu_pin_cache_init(struct mvgpu_pin_cache *cache,
			  const struct mvgpu_pin_ops *ops, void *ctx)
{
	xa_init(&cache->pins);
	cache->ops = ops;
	cache->ctx = ctx;
	cache->nr = 0;
	cache->hits = 0;
	cache->misses = 0;
	cache->hold = false;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_cache_init);

/**
 * mvgpu_pin_lookup() - find a pinned frame without taking a reference
 * @cache: cache
 * @gfn: guest frame
 *
 * Return: the pin, or NULL if @gfn is not pinned.
 */
struct mvgpu_pin *mvgpu_pin_lookup(struct mvgpu_pin_cache *cache, u64 gfn)
{
	if (gfn > ULONG_MAX)
		return NULL;
	return xa_load(&cache->pins, gfn);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_lookup);

/**
 * mvgpu_pin_get() - take a reference on a guest frame, pinning it if needed
 * @cache: cache
 * @gfn: guest frame
 * @out: the pin, on success
 *
 * Return: 0, or the error of pinning or mapping (the frame is not backed
 * by guest memory: -EINVAL/-EFAULT/-ENOENT from VFIO), -ERANGE for a frame
 * number the cache cannot index, -ENOMEM.
 */
int mvgpu_pin_get(struct mvgpu_pin_cache *cache, u64 gfn,
		  struct mvgpu_pin **out)
{
	struct mvgpu_pin *pin;
	int ret;

	if (gfn > ULONG_MAX)
		return -ERANGE;
	pin = xa_load(&cache->pins, gfn);
	if (pin) {
		pin->refs++;
		cache->hits++;
		*out = pin;
		return 0;
	}

	pin = kzalloc(sizeof(*pin), GFP_KERNEL);
	if (!pin)
		return -ENOMEM;
	ret = cache->ops->pin(cache->ctx, gfn, &pin->page);
	if (ret)
		goto err_free;
	ret = cache->ops->map(cache->ctx, pin->page, &pin->addr);
	if (ret)
		goto err_unpin;
	ret = xa_err(xa_store(&cache->pins, gfn, pin, GFP_KERNEL));
	if (ret)
		goto err_unmap;
	pin->refs = 1;
	cache->nr++;
	cache->misses++;
	*out = pin;
	return 0;

err_unmap:
	cache->ops->unmap(cache->ctx, pin->addr);
err_unpin:
	cache->ops->unpin(cache->ctx, gfn);
err_free:
	kfree(pin);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_get);

static void release(struct mvgpu_pin_cache *cache, u64 gfn,
		    struct mvgpu_pin *pin)
{
	xa_erase(&cache->pins, gfn);
	cache->ops->unmap(cache->ctx, pin->addr);
	cache->ops->unpin(cache->ctx, gfn);
	cache->nr--;
	kfree(pin);
}

/**
 * mvgpu_pin_put() - drop a reference taken by mvgpu_pin_get()
 * @cache: cache
 * @gfn: guest frame
 *
 * The frame is unpinned when its last reference goes.
 */
void mvgpu_pin_put(struct mvgpu_pin_cache *cache, u64 gfn)
{
	struct mvgpu_pin *pin = mvgpu_pin_lookup(cache, gfn);

	if (WARN_ON(!pin || !pin->refs))
		return;
	if (!--pin->refs && !cache->hold)
		release(cache, gfn, pin);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_put);

/**
 * mvgpu_pin_set_hold() - keep unreferenced frames pinned, or stop doing so
 * @cache: cache
 * @hold: true while the GPU may use translations made earlier
 *
 * Lifting the hold unpins every frame that lost its last reference
 * meanwhile.
 */
void mvgpu_pin_set_hold(struct mvgpu_pin_cache *cache, bool hold)
{
	struct mvgpu_pin *pin;
	unsigned long gfn;

	cache->hold = hold;
	if (hold)
		return;
	xa_for_each(&cache->pins, gfn, pin)
		if (!pin->refs)
			release(cache, gfn, pin);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_set_hold);

/**
 * mvgpu_pin_drop_range() - unpin every frame in [@first, @last]
 * @cache: cache
 * @first: first guest frame
 * @last: last guest frame (inclusive)
 *
 * For DMA unmap and close: references still held are forgotten, so their
 * holders must have been pointed elsewhere first, and the GPU must not be
 * using the frames any more.
 */
void mvgpu_pin_drop_range(struct mvgpu_pin_cache *cache, u64 first, u64 last)
{
	struct mvgpu_pin *pin;
	unsigned long gfn;

	if (first > ULONG_MAX)
		return;
	last = min_t(u64, last, ULONG_MAX);
	xa_for_each_range(&cache->pins, gfn, pin, first, last)
		release(cache, gfn, pin);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_drop_range);
