// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest page translation cache, by extents of contiguous frames.
 *
 * Every function but mvgpu_pin_fill(), mvgpu_pin_cancel(),
 * mvgpu_pin_settle() and mvgpu_pin_release_list() runs under the vGPU
 * lock; those pin, unpin or wait, and run without it.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <kunit/visibility.h>

#include "core/pin.h"

/* One kernel page per 4 KiB guest frame: see MVGPU_PIN_FRAME_SHIFT. */
static_assert(PAGE_SHIFT == MVGPU_PIN_FRAME_SHIFT);

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
	cache->nr_pages = 0;
	cache->hits = 0;
	cache->misses = 0;
	cache->hold = false;
	spin_lock_init(&cache->flight_lock);
	INIT_LIST_HEAD(&cache->flight);
	init_waitqueue_head(&cache->flight_wq);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_cache_init);

/**
 * mvgpu_pin_lookup() - find the extent holding a frame, without a reference
 * @cache: cache
 * @gfn: guest frame
 *
 * Return: the extent, or NULL if @gfn is not cached.  mvgpu_pin_addr()
 * and mvgpu_pin_page() give @gfn's own address and page.
 */
struct mvgpu_pin *mvgpu_pin_lookup(struct mvgpu_pin_cache *cache, u64 gfn)
{
	if (gfn > ULONG_MAX)
		return NULL;
	return xa_load(&cache->pins, gfn);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_lookup);

/**
 * mvgpu_pin_range_cached() - is any frame of [@first, @last] cached
 * @cache: cache
 * @first: first guest frame
 * @last: last guest frame (inclusive)
 *
 * Return: true if one is.
 */
bool mvgpu_pin_range_cached(struct mvgpu_pin_cache *cache, u64 first,
			    u64 last)
{
	unsigned long index = first;

	if (first > ULONG_MAX)
		return false;
	return xa_find(&cache->pins, &index, min_t(u64, last, ULONG_MAX),
		       XA_PRESENT);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_range_cached);

/**
 * mvgpu_pin_ref() - take a reference on the extent holding a cached frame
 * @cache: cache
 * @gfn: guest frame
 *
 * Return: the extent, or NULL when @gfn must first be pinned.
 */
struct mvgpu_pin *mvgpu_pin_ref(struct mvgpu_pin_cache *cache, u64 gfn)
{
	struct mvgpu_pin *pin = mvgpu_pin_lookup(cache, gfn);

	if (pin) {
		/* An extent kept by the hold is in use again. */
		if (!pin->refs++)
			list_del_init(&pin->zombie);
		cache->hits++;
	}
	return pin;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_ref);

static bool pages_contiguous(struct page **pages, unsigned int npages)
{
	unsigned long pfn = page_to_pfn(pages[0]);
	unsigned int i;

	for (i = 1; i < npages; i++)
		if (page_to_pfn(pages[i]) != pfn + i)
			return false;
	return true;
}

static void flight_add(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin)
{
	spin_lock(&cache->flight_lock);
	list_add_tail(&pin->flight, &cache->flight);
	spin_unlock(&cache->flight_lock);
}

static void flight_del(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin)
{
	spin_lock(&cache->flight_lock);
	list_del_init(&pin->flight);
	spin_unlock(&cache->flight_lock);
	wake_up_all(&cache->flight_wq);
}

/**
 * mvgpu_pin_reserve() - announce an extent about to be pinned
 * @cache: cache
 * @gfn: first guest frame, aligned to @npages
 * @npages: frames: a power of two up to MVGPU_PIN_MAX_PAGES
 *
 * Called under the vGPU lock, before dropping it to pin with
 * mvgpu_pin_fill(): from here on mvgpu_pin_settle() of an overlapping
 * range waits for the extent, so a range the caller checked is not being
 * unmapped stays covered while the lock is dropped.
 *
 * Return: the reserved extent, with no reference and nothing pinned yet;
 * ERR_PTR(-EINVAL) for a bad size or alignment, ERR_PTR(-ERANGE) for
 * frames the cache cannot index, ERR_PTR(-ENOMEM).
 */
struct mvgpu_pin *mvgpu_pin_reserve(struct mvgpu_pin_cache *cache, u64 gfn,
				    unsigned int npages)
{
	struct mvgpu_pin *pin;

	if (!is_power_of_2(npages) || npages > MVGPU_PIN_MAX_PAGES ||
	    !IS_ALIGNED(gfn, npages))
		return ERR_PTR(-EINVAL);
	if (gfn > ULONG_MAX - (npages - 1))
		return ERR_PTR(-ERANGE);
	pin = kzalloc(sizeof(*pin), GFP_KERNEL);
	if (!pin)
		return ERR_PTR(-ENOMEM);
	pin->gfn = gfn;
	pin->npages = npages;
	INIT_LIST_HEAD(&pin->zombie);
	flight_add(cache, pin);
	return pin;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_reserve);

/**
 * mvgpu_pin_fill() - pin and map a reserved extent
 * @cache: cache (its ops)
 * @pin: from mvgpu_pin_reserve()
 * @gfn: first guest frame to pin, aligned to @npages
 * @npages: frames: a power of two; [@gfn, @gfn + @npages) must lie in the
 *	reserved range, which shrinks to it
 *
 * The frames are pinned with one call and unpinned the same way.  An
 * extent of more than one frame is made only when the pinned pages are
 * physically contiguous and the GPU reaches them at contiguous addresses.
 * Runs without the vGPU lock.  On success @pin goes to
 * mvgpu_pin_insert() or mvgpu_pin_discard(); on failure nothing is
 * pinned and the caller may fill it again (a single frame) or cancel it.
 *
 * Return: 0; -EINVAL for a bad range or for frames that are not
 * contiguous (the caller may fall back to single frames); the error of
 * pinning or mapping (a frame not backed by guest memory:
 * -EINVAL/-EFAULT/-ENOENT from VFIO); -ENOMEM.
 */
int mvgpu_pin_fill(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin,
		   u64 gfn, unsigned int npages)
{
	struct page *one, **pages = &one;
	int ret;

	if (!is_power_of_2(npages) || !IS_ALIGNED(gfn, npages) ||
	    gfn < pin->gfn || npages > pin->npages ||
	    gfn - pin->gfn > pin->npages - npages)
		return -EINVAL;
	if (npages > 1) {
		pages = kmalloc_array(npages, sizeof(*pages), GFP_KERNEL);
		if (!pages)
			return -ENOMEM;
	}
	/* Shrinking is safe for a concurrent mvgpu_pin_settle(). */
	spin_lock(&cache->flight_lock);
	pin->gfn = gfn;
	pin->npages = npages;
	spin_unlock(&cache->flight_lock);
	ret = cache->ops->pin(cache->ctx, gfn, npages, pages);
	if (ret)
		goto out_free;
	if (!pages_contiguous(pages, npages)) {
		ret = -EINVAL;
		goto out_unpin;
	}
	pin->page = pages[0];
	ret = cache->ops->map(cache->ctx, pin->page, npages, &pin->addr);
	if (!ret)
		goto out_free;
out_unpin:
	cache->ops->unpin(cache->ctx, gfn, npages);
out_free:
	if (pages != &one)
		kfree(pages);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_fill);

/**
 * mvgpu_pin_cancel() - give up a reservation that holds no pin
 * @cache: cache
 * @pin: from mvgpu_pin_reserve(), never filled or whose fill failed
 */
void mvgpu_pin_cancel(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin)
{
	flight_del(cache, pin);
	kfree(pin);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_cancel);

/**
 * mvgpu_pin_in_flight() - does a pin in flight overlap [@first, @last]
 * @cache: cache
 * @first: first guest frame
 * @last: last guest frame (inclusive)
 *
 * Return: true if one does.
 */
bool mvgpu_pin_in_flight(struct mvgpu_pin_cache *cache, u64 first, u64 last)
{
	struct mvgpu_pin *pin;
	bool busy = false;

	spin_lock(&cache->flight_lock);
	list_for_each_entry(pin, &cache->flight, flight) {
		if (pin->gfn <= last && pin->gfn + (pin->npages - 1) >= first) {
			busy = true;
			break;
		}
	}
	spin_unlock(&cache->flight_lock);
	return busy;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_in_flight);

/**
 * mvgpu_pin_settle() - wait until no pin in flight overlaps a range
 * @cache: cache
 * @first: first guest frame
 * @last: last guest frame (inclusive)
 *
 * For the DMA unmap path, after it evicted the range and barred new
 * reservations there: pinners that reserved before see the range moved
 * and unpin, zombies are unpinned by whoever took them.  Each of those
 * finishes without waiting for the caller, so the wait is bounded.  Runs
 * without the vGPU lock.
 */
void mvgpu_pin_settle(struct mvgpu_pin_cache *cache, u64 first, u64 last)
{
	wait_event(cache->flight_wq, !mvgpu_pin_in_flight(cache, first, last));
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_settle);

/**
 * mvgpu_pin_discard() - give up a pin that never entered the cache
 * @cache: cache
 * @pin: filled by mvgpu_pin_fill(); it stays in flight until unpinned
 *
 * It is unpinned with the other zombies.
 */
void mvgpu_pin_discard(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin)
{
	list_add_tail(&pin->zombie, &cache->zombies);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_discard);

static void erase_slots(struct mvgpu_pin_cache *cache, u64 gfn, u64 end)
{
	for (; gfn < end; gfn++)
		xa_erase(&cache->pins, gfn);
}

/**
 * mvgpu_pin_insert() - add a new extent to the cache and reference a frame
 * @cache: cache
 * @pin: filled by mvgpu_pin_fill()
 * @gfn: the frame of @pin the caller needs
 *
 * If @gfn got cached meanwhile, the extent holding it gets the reference
 * and @pin is discarded: a cached extent always wins, whatever its size.
 *
 * Return: the cached extent holding the reference; ERR_PTR(-EBUSY) when
 * other frames of @pin are cached in other extents (extents never
 * overlap: the caller may retry with @gfn alone), or ERR_PTR(-ENOMEM).
 * On error @pin is discarded.
 */
struct mvgpu_pin *mvgpu_pin_insert(struct mvgpu_pin_cache *cache,
				   struct mvgpu_pin *pin, u64 gfn)
{
	struct mvgpu_pin *cached = mvgpu_pin_ref(cache, gfn);
	u64 end = pin->gfn + pin->npages, i;

	if (cached || mvgpu_pin_range_cached(cache, pin->gfn, end - 1)) {
		mvgpu_pin_discard(cache, pin);
		return cached ?: ERR_PTR(-EBUSY);
	}
	for (i = pin->gfn; i < end; i++) {
		if (xa_err(xa_store(&cache->pins, i, pin, GFP_KERNEL))) {
			erase_slots(cache, pin->gfn, i);
			mvgpu_pin_discard(cache, pin);
			return ERR_PTR(-ENOMEM);
		}
	}
	spin_lock(&cache->flight_lock);
	list_del_init(&pin->flight);
	spin_unlock(&cache->flight_lock);
	pin->refs = 1;
	cache->nr++;
	cache->nr_pages += pin->npages;
	cache->misses++;
	return pin;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_insert);

static void evict(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin)
{
	erase_slots(cache, pin->gfn, pin->gfn + pin->npages);
	cache->nr--;
	cache->nr_pages -= pin->npages;
	list_move_tail(&pin->zombie, &cache->zombies);
	flight_add(cache, pin);
}

/**
 * mvgpu_pin_put() - drop a reference taken for a frame
 * @cache: cache
 * @gfn: the guest frame the reference was taken for
 *
 * Without a hold, an extent losing its last reference becomes a zombie.
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
 * mvgpu_pin_set_hold() - keep unreferenced extents pinned, or stop doing so
 * @cache: cache
 * @hold: true while the GPU may use translations made earlier
 *
 * Lifting the hold evicts every extent that lost its last reference
 * meanwhile: the extents on the held list, not every cached one, so the
 * cost is proportional to the extents released.
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
 * mvgpu_pin_widen() - widen a frame range to the extents it overlaps
 * @cache: cache
 * @first: first guest frame; lowered to the start of its extent
 * @last: last guest frame (inclusive); raised to the end of its extent
 *
 * Extents are aligned and never overlap, so only the extents holding
 * @first and @last can reach outside the range.
 */
void mvgpu_pin_widen(struct mvgpu_pin_cache *cache, u64 *first, u64 *last)
{
	struct mvgpu_pin *pin = mvgpu_pin_lookup(cache, *first);

	if (pin)
		*first = pin->gfn;
	pin = mvgpu_pin_lookup(cache, *last);
	if (pin)
		*last = pin->gfn + pin->npages - 1;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_widen);

/**
 * mvgpu_pin_drop_range() - evict every extent overlapping [@first, @last]
 * @cache: cache
 * @first: first guest frame
 * @last: last guest frame (inclusive)
 *
 * For DMA unmap and close.  An extent overlapping the range only in part
 * is evicted whole, since it is unpinned exactly as it was pinned.
 * References still held are forgotten, so their holders (every frame of
 * the range mvgpu_pin_widen() gives) must have been pointed elsewhere
 * first, and the GPU must not be using the frames any more.
 */
void mvgpu_pin_drop_range(struct mvgpu_pin_cache *cache, u64 first, u64 last)
{
	struct mvgpu_pin *pin;
	unsigned long gfn;

	if (first > ULONG_MAX)
		return;
	last = min_t(u64, last, ULONG_MAX);
	mvgpu_pin_widen(cache, &first, &last);
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
		cache->ops->unmap(cache->ctx, pin->addr, pin->npages);
		cache->ops->unpin(cache->ctx, pin->gfn, pin->npages);
		flight_del(cache, pin);
		kfree(pin);
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pin_release_list);
