// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest page translation cache.
 *
 * Every function but mvgpu_pin_new() and mvgpu_pin_release_list() runs
 * under the vGPU lock; those two pin and unpin and run without it.
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
	INIT_LIST_HEAD(&cache->zombies);
	INIT_LIST_HEAD(&cache->held);
	cache->ops = ops;
	cache->ctx = ctx;
	cache->nr = 0;
	cache->hits = 0;
	cache->misses = 0;
	cache->hold = false;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_cache_init);

/**
 * mvgpu_pin_lookup() - find a cached frame without taking a reference
 * @cache: cache
 * @gfn: guest frame
 *
 * Return: the pin, or NULL if @gfn is not cached.
 */
struct mvgpu_pin *mvgpu_pin_lookup(struct mvgpu_pin_cache *cache, u64 gfn)
{
	if (gfn > ULONG_MAX)
		return NULL;
	return xa_load(&cache->pins, gfn);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_lookup);

/**
 * mvgpu_pin_ref() - take a reference on a cached frame
 * @cache: cache
 * @gfn: guest frame
 *
 * Return: the pin, or NULL when @gfn must first be pinned.
 */
struct mvgpu_pin *mvgpu_pin_ref(struct mvgpu_pin_cache *cache, u64 gfn)
{
	struct mvgpu_pin *pin = mvgpu_pin_lookup(cache, gfn);

	if (pin) {
		/* A frame kept by the hold is in use again. */
		if (!pin->refs++)
			list_del_init(&pin->zombie);
		cache->hits++;
	}
	return pin;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_ref);

/**
 * mvgpu_pin_new() - pin and map a frame, outside the cache
 * @cache: cache (only its ops are used)
 * @gfn: guest frame
 * @out: the new pin, with no reference, for mvgpu_pin_insert()
 *
 * Runs without the vGPU lock.
 *
 * Return: 0, or the error of pinning or mapping (the frame is not backed
 * by guest memory: -EINVAL/-EFAULT/-ENOENT from VFIO), -ERANGE for a frame
 * number the cache cannot index, -ENOMEM.
 */
int mvgpu_pin_new(struct mvgpu_pin_cache *cache, u64 gfn,
		  struct mvgpu_pin **out)
{
	struct mvgpu_pin *pin;
	int ret;

	if (gfn > ULONG_MAX)
		return -ERANGE;
	pin = kzalloc(sizeof(*pin), GFP_KERNEL);
	if (!pin)
		return -ENOMEM;
	pin->gfn = gfn;
	INIT_LIST_HEAD(&pin->zombie);
	ret = cache->ops->pin(cache->ctx, gfn, &pin->page);
	if (ret)
		goto err_free;
	ret = cache->ops->map(cache->ctx, pin->page, &pin->addr);
	if (ret)
		goto err_unpin;
	*out = pin;
	return 0;

err_unpin:
	cache->ops->unpin(cache->ctx, gfn);
err_free:
	kfree(pin);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_new);

/**
 * mvgpu_pin_discard() - give up a pin that never entered the cache
 * @cache: cache
 * @pin: from mvgpu_pin_new()
 *
 * It is unpinned with the other zombies.
 */
void mvgpu_pin_discard(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin)
{
	list_add_tail(&pin->zombie, &cache->zombies);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_discard);

/**
 * mvgpu_pin_insert() - add a new pin to the cache and take a reference
 * @cache: cache
 * @pin: from mvgpu_pin_new()
 *
 * If the frame got cached meanwhile, that entry gets the reference and
 * @pin is discarded.
 *
 * Return: the cached pin holding the reference, or NULL (-ENOMEM; @pin is
 * discarded).
 */
struct mvgpu_pin *mvgpu_pin_insert(struct mvgpu_pin_cache *cache,
				   struct mvgpu_pin *pin)
{
	struct mvgpu_pin *cached = mvgpu_pin_ref(cache, pin->gfn);

	if (cached) {
		mvgpu_pin_discard(cache, pin);
		return cached;
	}
	if (xa_err(xa_store(&cache->pins, pin->gfn, pin, GFP_KERNEL))) {
		mvgpu_pin_discard(cache, pin);
		return NULL;
	}
	pin->refs = 1;
	cache->nr++;
	cache->misses++;
	return pin;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_insert);

static void evict(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin)
{
	xa_erase(&cache->pins, pin->gfn);
	cache->nr--;
	list_move_tail(&pin->zombie, &cache->zombies);
}

/**
 * mvgpu_pin_put() - drop a reference
 * @cache: cache
 * @gfn: guest frame
 *
 * Without a hold, a frame losing its last reference becomes a zombie.
 */
void mvgpu_pin_put(struct mvgpu_pin_cache *cache, u64 gfn)
{
	struct mvgpu_pin *pin = mvgpu_pin_lookup(cache, gfn);

	if (WARN_ON(!pin || !pin->refs))
		return;
	if (--pin->refs)
		return;
	if (cache->hold)
		list_add_tail(&pin->zombie, &cache->held);
	else
		evict(cache, pin);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_put);

/**
 * mvgpu_pin_set_hold() - keep unreferenced frames pinned, or stop doing so
 * @cache: cache
 * @hold: true while the GPU may use translations made earlier
 *
 * Lifting the hold evicts every frame that lost its last reference
 * meanwhile: the frames on the held list, not every cached frame, so the
 * cost is proportional to the frames released.
 */
void mvgpu_pin_set_hold(struct mvgpu_pin_cache *cache, bool hold)
{
	struct mvgpu_pin *pin, *tmp;

	cache->hold = hold;
	if (hold)
		return;
	list_for_each_entry_safe(pin, tmp, &cache->held, zombie)
		evict(cache, pin);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_set_hold);

/**
 * mvgpu_pin_drop_range() - evict every frame in [@first, @last]
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
		evict(cache, pin);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_drop_range);

/**
 * mvgpu_pin_take_zombies() - move the zombies to @list (under the lock)
 * @cache: cache
 * @list: destination, then passed to mvgpu_pin_release_list()
 */
void mvgpu_pin_take_zombies(struct mvgpu_pin_cache *cache,
			    struct list_head *list)
{
	list_splice_tail_init(&cache->zombies, list);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_take_zombies);

/**
 * mvgpu_pin_release_list() - unmap, unpin and free zombies (unlocked)
 * @cache: cache (only its ops are used)
 * @list: from mvgpu_pin_take_zombies()
 */
void mvgpu_pin_release_list(struct mvgpu_pin_cache *cache,
			    struct list_head *list)
{
	struct mvgpu_pin *pin, *tmp;

	list_for_each_entry_safe(pin, tmp, list, zombie) {
		list_del(&pin->zombie);
		cache->ops->unmap(cache->ctx, pin->addr);
		cache->ops->unpin(cache->ctx, pin->gfn);
		kfree(pin);
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_release_list);
