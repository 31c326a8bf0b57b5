// SPDX-License-Identifier: GPL-2.0-only
/*
 * GGTT shadowing.
 *
 * A vGPU owns the GGTT entries of its two slices.  Guest reads return what
 * the guest wrote; the host entry points at the pinned guest page, or at
 * the vGPU's own scratch page when the entry is not present, malformed
 * or names a frame that is not mapped for DMA.  Entries outside the slices
 * are never touched: writes are dropped and reported, reads return 0.
 * Because guests balloon out everything outside their slices (PV info),
 * guest and host graphics addresses are equal and commands need no
 * address rewriting.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/bitmap.h>
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"
#include "core/pvinfo.h"

#define GTT_PAGE	BIT_ULL(MVGPU_GTT_PAGE_SHIFT)
/*
 * A miss pins the naturally aligned 64 KiB run around the frame as one
 * extent when it can: guests map buffers linearly, so the neighbouring
 * entries then hit.  64 KiB is the GPU's own large-page size.
 */
#define GTT_RUN_PAGES	(SZ_64K >> MVGPU_GTT_PAGE_SHIFT)
/*
 * Protects every vGPU's gtt.blocked list and each block's vgpu pointer: a
 * block outlives its vGPU's interest in it (it is lifted when the task
 * that unmapped returns to userspace), so it cannot use a vGPU lock.
 */
static DEFINE_SPINLOCK(gtt_block_lock);

/* Bits that must be zero in a present entry: 63:39 and 11:1. */
#define GTT_PTE_MBZ	(~(MVGPU_GTT_PTE_ADDR_MASK | MVGPU_GTT_PTE_PRESENT))

/**
 * mvgpu_gtt_pte_check() - classify a guest GTT entry
 * @pte: entry value
 *
 * Return: 0 for a valid present entry, -ENOENT for a not-present entry,
 * -EINVAL for a present entry with must-be-zero bits set.
 */
int mvgpu_gtt_pte_check(u64 pte)
{
	if (!(pte & MVGPU_GTT_PTE_PRESENT))
		return -ENOENT;
	if (pte & GTT_PTE_MBZ)
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_pte_check);

static u64 pte_gfn(u64 pte)
{
	return (pte & MVGPU_GTT_PTE_ADDR_MASK) >> MVGPU_GTT_PAGE_SHIFT;
}

static u64 scratch_pte(struct mvgpu_vgpu *vgpu)
{
	return vgpu->scratch_addr | MVGPU_GTT_PTE_PRESENT;
}

/* Global GGTT index -> index into the vGPU's entries, or -ERANGE. */
static int to_local(struct mvgpu_vgpu *vgpu, u32 gidx, u32 *local)
{
	u64 gm = (u64)gidx << MVGPU_GTT_PAGE_SHIFT;

	if (gm >= vgpu->aperture.start &&
	    gm - vgpu->aperture.start < vgpu->aperture.size) {
		*local = (gm - vgpu->aperture.start) >> MVGPU_GTT_PAGE_SHIFT;
		return 0;
	}
	if (gm >= vgpu->hidden.start &&
	    gm - vgpu->hidden.start < vgpu->hidden.size) {
		*local = vgpu->gtt.nr_aperture +
			 ((gm - vgpu->hidden.start) >> MVGPU_GTT_PAGE_SHIFT);
		return 0;
	}
	return -ERANGE;
}

/**
 * mvgpu_gtt_to_global() - GGTT index of a vGPU's entry
 * @vgpu: the vGPU
 * @local: index in gtt.entries (the aperture slice, then the hidden one)
 *
 * Return: the GGTT index (graphics address >> 12) of that entry.
 */
u32 mvgpu_gtt_to_global(struct mvgpu_vgpu *vgpu, u32 local)
{
	if (local < vgpu->gtt.nr_aperture)
		return (vgpu->aperture.start >> MVGPU_GTT_PAGE_SHIFT) + local;
	return (vgpu->hidden.start >> MVGPU_GTT_PAGE_SHIFT) +
	       (local - vgpu->gtt.nr_aperture);
}

/*
 * Change the page a CPU mapping of an aperture entry reaches.  An entry
 * that had no page has nothing to take back: the fault handler maps only
 * a page it finds (under ap_sem), so no mapping of it exists.  That spares
 * a zap per entry where the guest fills an empty slice, as at boot and
 * when a migrated vGPU's entries are replayed.
 */
static void set_aperture_page(struct mvgpu_vgpu *vgpu, u32 local,
			      struct page *page)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;
	struct page *old;

	if (local >= gtt->nr_aperture)
		return;
	down_write(&gtt->ap_sem);
	old = gtt->ap_pages[local];
	if (old != page) {
		gtt->ap_pages[local] = page;
		if (old && vgpu->ops && vgpu->ops->zap_aperture)
			vgpu->ops->zap_aperture(vgpu->ops_ctx,
						(u64)local << MVGPU_GTT_PAGE_SHIFT,
						GTT_PAGE);
	}
	up_write(&gtt->ap_sem);
}

static void write_host(struct mvgpu_vgpu *vgpu, u32 gidx, u64 pte)
{
	vgpu->pgpu->ops->ggtt_write(vgpu->pgpu->priv, gidx, pte);
	vgpu->gtt.ggtt_dirty = true;
	vgpu->gtt.gen++;
}

/**
 * mvgpu_gtt_flush_ggtt() - make the vGPU's host GGTT changes take effect
 * @vgpu: the vGPU; its lock must be held
 *
 * The backend's GGTT invalidate, if an entry changed since the last one:
 * afterwards the GPU no longer uses what the old entries named, so the
 * pins they held may go.
 */
void mvgpu_gtt_flush_ggtt(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;

	lockdep_assert_held(&vgpu->lock);
	if (!gtt->ggtt_dirty)
		return;
	vgpu->pgpu->ops->ggtt_invalidate(vgpu->pgpu->priv);
	gtt->ggtt_dirty = false;
	gtt->stats.ggtt_invalidates++;
}

/*
 * Point an entry at scratch and drop the pin it held; @ap: also take the
 * page away from CPU mappings of the aperture (a caller that does that
 * for the whole slice at once passes false).
 */
static void unshadow_entry(struct mvgpu_vgpu *vgpu, u32 local, bool ap)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;

	if (ap)
		set_aperture_page(vgpu, local, NULL);
	write_host(vgpu, mvgpu_gtt_to_global(vgpu, local), scratch_pte(vgpu));
	if (__test_and_clear_bit(local, gtt->pinned))
		mvgpu_pin_put(&gtt->pins, pte_gfn(gtt->entries[local]));
}

static void unshadow(struct mvgpu_vgpu *vgpu, u32 local)
{
	unshadow_entry(vgpu, local, true);
}

/* No aperture entry has a page any more: one zap for the whole slice. */
static void clear_aperture_pages(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;

	if (!gtt->nr_aperture)
		return;
	down_write(&gtt->ap_sem);
	memset(gtt->ap_pages, 0, gtt->nr_aperture * sizeof(*gtt->ap_pages));
	if (vgpu->ops && vgpu->ops->zap_aperture)
		vgpu->ops->zap_aperture(vgpu->ops_ctx, 0,
					(u64)gtt->nr_aperture << MVGPU_GTT_PAGE_SHIFT);
	up_write(&gtt->ap_sem);
}

/**
 * mvgpu_vgpu_unlock() - drop the vGPU lock, then finish deferred work
 * @vgpu: the vGPU; its lock must be held
 *
 * Paths that change guest-visible state release the lock through this:
 * frames that lost their last user are unpinned, and interrupts raised
 * meanwhile are signalled, both without the lock held (pinning must not
 * nest in it, see core/pin.h; a woken user should not wait on it).
 */
void mvgpu_vgpu_unlock(struct mvgpu_vgpu *vgpu)
{
	unsigned int signals;
	LIST_HEAD(zombies);

	lockdep_assert_held(&vgpu->lock);
	/* No translation of a frame may outlive its pin. */
	mvgpu_gtt_flush_ggtt(vgpu);
	mvgpu_pin_take_zombies(&vgpu->gtt.pins, &zombies);
	signals = mvgpu_irq_take_signals(vgpu);
	mutex_unlock(&vgpu->lock);
	mvgpu_pin_release_list(&vgpu->gtt.pins, &zombies);
	mvgpu_irq_deliver(vgpu, signals);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_vgpu_unlock);

/*
 * Pin and map the reserved extent for a miss on @gfn: the @npages run, or,
 * when that fails (part of the run not DMA-mapped, not contiguous), @gfn
 * alone, and then *@npages becomes 1.  Unlocked.
 */
static int fill_run(struct mvgpu_pin_cache *cache, struct mvgpu_pin *pin,
		    u64 gfn, unsigned int *npages)
{
	if (*npages > 1 && !mvgpu_pin_fill(cache, pin, pin->gfn, *npages))
		return 0;
	*npages = 1;
	return mvgpu_pin_fill(cache, pin, gfn, 1);
}

/* Does [@first, @last] meet guest memory that is being unmapped? */
static bool gtt_blocked(struct mvgpu_vgpu *vgpu, u64 first, u64 last)
{
	struct mvgpu_gtt_block *b;
	bool hit = false;

	lockdep_assert_held(&vgpu->lock);
	spin_lock(&gtt_block_lock);
	list_for_each_entry(b, &vgpu->gtt.blocked, node) {
		if (b->first <= last && b->last >= first) {
			hit = true;
			break;
		}
	}
	spin_unlock(&gtt_block_lock);
	return hit;
}

/*
 * Get a reference on the extent holding @gfn, pinning it if needed: the
 * 64 KiB run around @gfn when none of its frames is cached or being
 * unmapped, else @gfn alone.  Pinning happens with the vGPU lock dropped
 * (see core/pin.h), on an extent reserved before: a DMA unmap racing with
 * it waits for it, and bumps inval_seq, and the fresh pin is then
 * discarded and retried once, so no pin of unmapped memory survives.  A
 * frame in a range being unmapped is not pinned (-EBUSY), and a reset
 * while the lock was dropped (@gen moved) abandons the pin (-ECANCELED).
 * Called and returns with the lock held and gtt.write_lock held
 * throughout.
 */
static struct mvgpu_pin *get_frame(struct mvgpu_vgpu *vgpu, u64 gfn, u64 gen,
				   int *err)
{
	u64 run = ALIGN_DOWN(gfn, GTT_RUN_PAGES), last = run + GTT_RUN_PAGES - 1;
	struct mvgpu_gtt *gtt = &vgpu->gtt;
	struct mvgpu_pin *pin, *fresh;
	unsigned int tries, npages, want;
	u64 seq;

	lockdep_assert_held(&gtt->write_lock);
	pin = mvgpu_pin_ref(&gtt->pins, gfn);
	for (tries = 0; !pin && tries < 2; tries++) {
		if (gtt_blocked(vgpu, gfn, gfn)) {
			gtt->stats.unmapping++;
			*err = -EBUSY;
			return NULL;
		}
		/* Extents never overlap: no run over frames cached already. */
		npages = mvgpu_pin_range_cached(&gtt->pins, run, last) ||
			 gtt_blocked(vgpu, run, last) ? 1 : GTT_RUN_PAGES;
		fresh = mvgpu_pin_reserve(&gtt->pins, npages > 1 ? run : gfn,
					  npages);
		if (IS_ERR(fresh)) {
			*err = PTR_ERR(fresh);
			return NULL;
		}
		seq = gtt->inval_seq;
		want = npages;
		mvgpu_vgpu_unlock(vgpu);
		*err = fill_run(&gtt->pins, fresh, gfn, &npages);
		mutex_lock(&vgpu->lock);
		if (npages != want)
			gtt->stats.run_fallbacks++;
		if (*err) {
			mvgpu_pin_cancel(&gtt->pins, fresh);
			return NULL;
		}
		if (gen != gtt->reset_gen) {
			mvgpu_pin_discard(&gtt->pins, fresh);
			*err = -ECANCELED;
			return NULL;
		}
		if (seq != gtt->inval_seq) {
			mvgpu_pin_discard(&gtt->pins, fresh);
			continue;
		}
		pin = mvgpu_pin_insert(&gtt->pins, fresh, gfn);
		if (pin == ERR_PTR(-EBUSY) && npages > 1) {
			/* Frames of the run got cached meanwhile. */
			gtt->stats.run_fallbacks++;
			pin = NULL;
			tries--;
		} else if (IS_ERR(pin)) {
			*err = PTR_ERR(pin);
			return NULL;
		}
	}
	if (!pin && !*err)
		*err = -EAGAIN;
	return pin;
}

/**
 * mvgpu_gtt_ref_frame() - a pin reference on a guest frame, pinning it if
 *	needed, for users of guest memory other than GGTT entries
 * @vgpu: the vGPU; its lock and gtt.write_lock must be held
 * @gfn: the frame
 * @err: out: why there is none: -EBUSY (being unmapped), -ECANCELED (a
 *	reset came while pinning), or the pin's error (not DMA-mapped)
 *
 * May drop and retake the vGPU lock to pin, as GTT writes do.  The
 * reference is dropped with mvgpu_pin_put(); a DMA unmap of the frame
 * expects its holder to drop it (see mvgpu_gtt_invalidate()).
 *
 * Return: the extent holding @gfn, or NULL.
 */
struct mvgpu_pin *mvgpu_gtt_ref_frame(struct mvgpu_vgpu *vgpu, u64 gfn,
				      int *err)
{
	lockdep_assert_held(&vgpu->lock);
	*err = 0;
	return get_frame(vgpu, gfn, vgpu->gtt.reset_gen, err);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_ref_frame);

/* Install the guest value @val of entry @local, with its frame @pin. */
static void install_entry(struct mvgpu_vgpu *vgpu, u32 local, u64 val,
			  struct mvgpu_pin *pin, int err)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;
	u64 old = gtt->entries[local];
	bool had_pin = test_bit(local, gtt->pinned);
	u32 gidx = mvgpu_gtt_to_global(vgpu, local);
	u64 host = scratch_pte(vgpu);
	int ret;

	lockdep_assert_held(&vgpu->lock);
	gtt->entries[local] = val;
	__clear_bit(local, gtt->repin);
	ret = mvgpu_gtt_pte_check(val);
	if (ret == -EINVAL) {
		gtt->stats.bad_entry++;
		mvgpu_vgpu_warn(vgpu, "malformed GTT entry %#llx at index %#x: pointed at scratch\n",
				val, gidx);
	} else if (!ret && !pin) {
		gtt->stats.unmapped_frame++;
		mvgpu_vgpu_warn(vgpu, "GTT entry %#x: guest frame %#llx %s (%d): pointed at scratch\n",
				gidx, pte_gfn(val), err == -EBUSY ?
				"is being unmapped" : "not mapped for DMA",
				err);
	} else if (pin) {
		host = mvgpu_pin_addr(pin, pte_gfn(val)) | MVGPU_GTT_PTE_PRESENT;
	}

	/* New target first, then let go of the old one. */
	set_aperture_page(vgpu, local,
			  pin ? mvgpu_pin_page(pin, pte_gfn(val)) : NULL);
	write_host(vgpu, gidx, host);
	/* As GVT-g does after each guest GGTT write: the GPU sees it now. */
	mvgpu_gtt_flush_ggtt(vgpu);
	if (had_pin)
		mvgpu_pin_put(&gtt->pins, pte_gfn(old));
	if (pin)
		__set_bit(local, gtt->pinned);
	else
		__clear_bit(local, gtt->pinned);
}

/*
 * Translate the guest value @val of entry @local and install it.  A reset
 * while get_frame() dropped the lock wins: the write is dropped, with its
 * pin, as if it had come before the reset.  For a re-translation
 * (@repin), the reset also cleared the entry's @repin bit.
 */
static void shadow_entry(struct mvgpu_vgpu *vgpu, u32 local, u64 val,
			 bool repin)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;
	u64 gen = gtt->reset_gen;
	struct mvgpu_pin *pin = NULL;
	int err = 0;

	lockdep_assert_held(&vgpu->lock);
	if (!mvgpu_gtt_pte_check(val))
		pin = get_frame(vgpu, pte_gfn(val), gen, &err);
	if (gen != gtt->reset_gen) {
		gtt->stats.reset_races++;
		mvgpu_vgpu_dbg(vgpu, "GTT entry %#x: write raced with a reset, dropped\n",
			       mvgpu_gtt_to_global(vgpu, local));
		if (pin)
			mvgpu_pin_put(&gtt->pins, pte_gfn(val));
		return;
	}
	if (repin && !test_bit(local, gtt->repin)) {
		if (pin)
			mvgpu_pin_put(&gtt->pins, pte_gfn(val));
		return;
	}
	install_entry(vgpu, local, val, pin, err);
}

/*
 * Re-translate the entries whose extent a DMA unmap evicted although their
 * own frame was outside the unmapped range.  The unmap callback cannot pin
 * (VFIO holds its locks there), so this runs from a work item, and the
 * engines stay quiesced until it is done.
 */
static void repin_work(struct work_struct *work)
{
	struct mvgpu_gtt *gtt = container_of(work, struct mvgpu_gtt,
					     repin_work);
	struct mvgpu_vgpu *vgpu = container_of(gtt, struct mvgpu_vgpu, gtt);
	u32 n = gtt->nr_aperture + gtt->nr_hidden;
	unsigned long local;

	mutex_lock(&gtt->write_lock);
	mutex_lock(&vgpu->lock);
	while ((local = find_first_bit(gtt->repin, n)) < n) {
		gtt->stats.repinned++;
		/* Installing the entry clears its bit. */
		shadow_entry(vgpu, local, gtt->entries[local], true);
	}
	for (; gtt->repin_quiesce; gtt->repin_quiesce--)
		mvgpu_engines_resume(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	mutex_unlock(&gtt->write_lock);
}

/**
 * mvgpu_gtt_flush_repin() - wait for pending re-translations
 * @vgpu: the vGPU; no lock held
 *
 * Close calls it after the reset, so nothing pins once the device is
 * closed.
 */
void mvgpu_gtt_flush_repin(struct mvgpu_vgpu *vgpu)
{
	flush_work(&vgpu->gtt.repin_work);
}

/**
 * mvgpu_gtt_init() - set up the GTT view of a vGPU whose slices are known
 * @vgpu: the vGPU
 * @ops: how guest frames are pinned and mapped
 * @ctx: cookie for @ops
 *
 * Return: 0 or -ENOMEM.
 */
int mvgpu_gtt_init(struct mvgpu_vgpu *vgpu, const struct mvgpu_pin_ops *ops,
		   void *ctx)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;
	u32 n;

	/* First: mvgpu_gtt_fini() below needs them. */
	mvgpu_pin_cache_init(&gtt->pins, ops, ctx);
	INIT_LIST_HEAD(&gtt->blocked);
	gtt->nr_aperture = vgpu->aperture.size >> MVGPU_GTT_PAGE_SHIFT;
	gtt->nr_hidden = vgpu->hidden.size >> MVGPU_GTT_PAGE_SHIFT;
	n = gtt->nr_aperture + gtt->nr_hidden;
	gtt->entries = kvcalloc(n, sizeof(*gtt->entries), GFP_KERNEL);
	gtt->pinned = bitmap_zalloc(n, GFP_KERNEL);
	gtt->repin = bitmap_zalloc(n, GFP_KERNEL);
	gtt->ap_pages = kvcalloc(max(gtt->nr_aperture, 1u),
				 sizeof(*gtt->ap_pages), GFP_KERNEL);
	if (!gtt->entries || !gtt->pinned || !gtt->repin || !gtt->ap_pages) {
		mvgpu_gtt_fini(vgpu);
		return -ENOMEM;
	}
	init_rwsem(&gtt->ap_sem);
	mutex_init(&gtt->write_lock);
	INIT_WORK(&gtt->repin_work, repin_work);
	gtt->repin_quiesce = 0;
	gtt->inval_seq = 0;
	gtt->reset_gen = 0;
	memset(&gtt->stats, 0, sizeof(gtt->stats));
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_init);

/**
 * mvgpu_gtt_fini() - free the GTT view; mvgpu_gtt_reset() must have run
 * @vgpu: the vGPU
 */
void mvgpu_gtt_fini(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;

	if (gtt->repin)
		flush_work(&gtt->repin_work);
	mvgpu_gtt_forget_blocks(vgpu);
	WARN_ON(gtt->pins.nr || !list_empty(&gtt->pins.zombies) ||
		!list_empty(&gtt->pins.flight));
	kvfree(gtt->ap_pages);
	bitmap_free(gtt->repin);
	bitmap_free(gtt->pinned);
	kvfree(gtt->entries);
	gtt->ap_pages = NULL;
	gtt->repin = NULL;
	gtt->pinned = NULL;
	gtt->entries = NULL;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_fini);

/**
 * mvgpu_gtt_reset() - clear every entry and unpin every frame
 * @vgpu: the vGPU; its lock must be held
 *
 * Used by device reset and close: no pin outlives an open of the device.
 * The frames are unpinned when the caller drops the lock with
 * mvgpu_vgpu_unlock().
 */
void mvgpu_gtt_reset(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;
	u32 n = gtt->nr_aperture + gtt->nr_hidden;
	unsigned long local;

	lockdep_assert_held(&vgpu->lock);
	/* One zap of the slice, not one per entry (114688 for a V1_1). */
	clear_aperture_pages(vgpu);
	for_each_set_bit(local, gtt->pinned, n)
		unshadow_entry(vgpu, local, false);
	mvgpu_pin_drop_range(&gtt->pins, 0, ULONG_MAX);
	bitmap_zero(gtt->repin, n);
	memset(gtt->entries, 0, n * sizeof(*gtt->entries));
	mvgpu_gtt_flush_ggtt(vgpu);
	gtt->inval_seq++;
	gtt->reset_gen++;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_reset);

/**
 * mvgpu_gtt_invalidate() - guest memory [@iova, @iova + @length) is unmapped
 * @vgpu: the vGPU; no lock held
 * @iova: first byte
 * @length: bytes
 * @block: if not NULL, bars the range to new pins until
 *	mvgpu_gtt_unblock(): the caller lifts it once the unmap is complete
 *	(a pin taken before that would be of memory being unmapped)
 *
 * Every entry naming a frame of an extent that overlaps the range is
 * pointed at scratch (and its aperture mapping zapped), then the extents
 * are unpinned whole, and pins in flight over the range are waited for,
 * before this returns: no pin of the range exists then, as VFIO requires.
 * Entries naming frames outside the range that shared an extent with it
 * are re-translated afterwards by a work item, which keeps the engines
 * quiesced until it is done.  Guest values stay: reading the entry still
 * returns what the guest wrote.
 */
void mvgpu_gtt_invalidate(struct mvgpu_vgpu *vgpu, u64 iova, u64 length,
			  struct mvgpu_gtt_block *block)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;
	u32 n = gtt->nr_aperture + gtt->nr_hidden;
	u64 first, last, wfirst, wlast;
	unsigned long local;
	bool repin = false;

	if (block)
		INIT_LIST_HEAD(&block->node);
	if (!length || iova + length - 1 < iova)
		return;
	first = iova >> MVGPU_GTT_PAGE_SHIFT;
	last = (iova + length - 1) >> MVGPU_GTT_PAGE_SHIFT;

	mutex_lock(&vgpu->lock);
	if (block) {
		block->first = first;
		block->last = last;
		spin_lock(&gtt_block_lock);
		block->vgpu = vgpu;
		list_add_tail(&block->node, &gtt->blocked);
		spin_unlock(&gtt_block_lock);
	}
	gtt->inval_seq++;
	wfirst = first;
	wlast = last;
	mvgpu_pin_widen(&gtt->pins, &wfirst, &wlast);
	for_each_set_bit(local, gtt->pinned, n) {
		u64 gfn = pte_gfn(gtt->entries[local]);

		if (gfn < wfirst || gfn > wlast)
			continue;
		unshadow(vgpu, local);
		if (gfn >= first && gfn <= last) {
			gtt->stats.invalidated++;
			continue;
		}
		__set_bit(local, gtt->repin);
		repin = true;
	}
	/* Per-process GTT shadows hold pins of these extents too. */
	mvgpu_ppgtt_unmap(vgpu, first, last, wfirst, wlast);
	/* A re-translation still pending for a frame of the range is stale. */
	for_each_set_bit(local, gtt->repin, n) {
		u64 gfn = pte_gfn(gtt->entries[local]);

		if (gfn >= first && gfn <= last)
			__clear_bit(local, gtt->repin);
	}
	mvgpu_pin_drop_range(&gtt->pins, first, last);
	mvgpu_vgpu_unlock(vgpu);
	/* Pinners that reserved before us, and zombies others took. */
	mvgpu_pin_settle(&gtt->pins, first, last);
	if (!repin)
		return;
	/* Nothing runs on scratch meanwhile: the work resumes the engines. */
	mvgpu_engines_quiesce(vgpu);
	mutex_lock(&vgpu->lock);
	gtt->repin_quiesce++;
	mutex_unlock(&vgpu->lock);
	schedule_work(&gtt->repin_work);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_invalidate);

/**
 * mvgpu_gtt_unblock() - lift a block set by mvgpu_gtt_invalidate()
 * @block: the block; its vGPU may have forgotten it, or be gone
 */
void mvgpu_gtt_unblock(struct mvgpu_gtt_block *block)
{
	spin_lock(&gtt_block_lock);
	if (block->vgpu)
		list_del_init(&block->node);
	block->vgpu = NULL;
	spin_unlock(&gtt_block_lock);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_unblock);

/**
 * mvgpu_gtt_forget_blocks() - lift every block of a vGPU
 * @vgpu: the vGPU
 *
 * For close and release: the blocks' owners still lift them later, which
 * then does nothing, so they may outlive the vGPU.
 */
void mvgpu_gtt_forget_blocks(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_gtt_block *b, *tmp;

	spin_lock(&gtt_block_lock);
	list_for_each_entry_safe(b, tmp, &vgpu->gtt.blocked, node) {
		list_del_init(&b->node);
		b->vgpu = NULL;
	}
	spin_unlock(&gtt_block_lock);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_forget_blocks);

static bool gtt_access_valid(u32 offset, unsigned int bytes, bool write)
{
	if (bytes != 4 && bytes != 8 && (write || (bytes != 1 && bytes != 2)))
		return false;
	return IS_ALIGNED(offset, bytes) && offset < MVGPU_GTT_SIZE &&
	       bytes <= MVGPU_GTT_SIZE - offset;
}

/**
 * mvgpu_gtt_mmio_read() - guest read of the GTT half of BAR0
 * @vgpu: the vGPU
 * @offset: offset from the start of the GTT
 * @buf: destination
 * @bytes: 1, 2, 4 or 8, naturally aligned
 *
 * Return: 0 or -EINVAL.
 */
int mvgpu_gtt_mmio_read(struct mvgpu_vgpu *vgpu, u32 offset, void *buf,
			unsigned int bytes)
{
	u32 gidx = offset / MVGPU_GTT_ENTRY_SIZE, local;
	u64 val = 0;

	if (!gtt_access_valid(offset, bytes, false))
		return -EINVAL;
	mutex_lock(&vgpu->lock);
	if (!to_local(vgpu, gidx, &local))
		val = vgpu->gtt.entries[local];
	mutex_unlock(&vgpu->lock);

	val >>= 8 * (offset % MVGPU_GTT_ENTRY_SIZE);
	switch (bytes) {
	case 8:
		put_unaligned_le64(val, buf);
		break;
	case 4:
		put_unaligned_le32(val, buf);
		break;
	case 2:
		put_unaligned_le16(val, buf);
		break;
	default:
		*(u8 *)buf = val;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_mmio_read);

/**
 * mvgpu_gtt_mmio_write() - guest write of the GTT half of BAR0
 * @vgpu: the vGPU
 * @offset: offset from the start of the GTT
 * @buf: source
 * @bytes: 8 (an entry) or 4 (one half: the entry is re-shadowed with the
 *	other half as it stands, as hardware would see it)
 *
 * Each half is stored as written, so a read returns what the guest last
 * wrote whatever became of the translation (malformed, unmapped, being
 * unmapped, failsafe mode).  A write that races with a device reset is
 * ordered before it: the reset clears it.
 *
 * Return: 0, or -EINVAL for a bad size or alignment.  Writes outside the
 * vGPU's slices succeed but are dropped and reported.
 */
int mvgpu_gtt_mmio_write(struct mvgpu_vgpu *vgpu, u32 offset,
			 const void *buf, unsigned int bytes)
{
	u32 gidx = offset / MVGPU_GTT_ENTRY_SIZE, local;
	u64 val;

	if (!gtt_access_valid(offset, bytes, true))
		return -EINVAL;
	mutex_lock(&vgpu->gtt.write_lock);
	mutex_lock(&vgpu->lock);
	if (to_local(vgpu, gidx, &local)) {
		vgpu->gtt.stats.out_of_range++;
		mutex_unlock(&vgpu->lock);
		mutex_unlock(&vgpu->gtt.write_lock);
		mvgpu_vgpu_warn(vgpu, "GTT write to index %#x outside its slices dropped\n",
				gidx);
		return 0;
	}
	if (bytes == 8) {
		val = get_unaligned_le64(buf);
	} else {
		u64 half = get_unaligned_le32(buf);
		unsigned int shift = 8 * (offset % MVGPU_GTT_ENTRY_SIZE);

		val = vgpu->gtt.entries[local];
		val = (val & ~(0xffffffffull << shift)) | half << shift;
	}
	if (!mvgpu_pvinfo_check_guest(vgpu, MVGPU_FAILSAFE_GTT_BEFORE_PV)) {
		/* Stored for reads, never translated: no entry is shadowed. */
		vgpu->gtt.entries[local] = val;
		mvgpu_vgpu_unlock(vgpu);
		mutex_unlock(&vgpu->gtt.write_lock);
		return 0;
	}
	vgpu->gtt.stats.writes++;
	shadow_entry(vgpu, local, val, false);
	mvgpu_vgpu_unlock(vgpu);
	mutex_unlock(&vgpu->gtt.write_lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_mmio_write);

/**
 * mvgpu_gtt_aperture_page() - page behind an aperture offset
 * @vgpu: the vGPU; gtt.ap_sem must be held
 * @offset: offset inside the vGPU's aperture slice
 *
 * Return: the page, or NULL if the entry has none.
 */
struct page *mvgpu_gtt_aperture_page(struct mvgpu_vgpu *vgpu, u64 offset)
{
	lockdep_assert_held(&vgpu->gtt.ap_sem);
	if (offset >= vgpu->aperture.size)
		return NULL;
	return vgpu->gtt.ap_pages[offset >> MVGPU_GTT_PAGE_SHIFT];
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_aperture_page);

/**
 * mvgpu_gtt_aperture_rw() - CPU access to the aperture through the GTT
 * @vgpu: the vGPU
 * @offset: offset inside the vGPU's aperture slice
 * @buf: kernel buffer
 * @len: bytes; the access must not cross a page
 * @write: direction
 *
 * Reads go through the aperture's pages, without the vGPU lock.  Writes
 * take the vGPU lock and go through mvgpu_gtt_gm_rw(), which reports the
 * frame written to the dirty page log.
 *
 * Return: 0, -EINVAL outside the slice or across a page, -EIO when the
 * entry has no guest page behind it.
 */
int mvgpu_gtt_aperture_rw(struct mvgpu_vgpu *vgpu, u64 offset, void *buf,
			  unsigned int len, bool write)
{
	struct page *page;
	void *va;
	int ret;

	if (!len || offset >= vgpu->aperture.size ||
	    len > vgpu->aperture.size - offset ||
	    (offset & (GTT_PAGE - 1)) + len > GTT_PAGE)
		return -EINVAL;
	if (write) {
		/*
		 * The aperture's pages do not say which guest frame they
		 * are; under the vGPU lock the entry does (and no entry
		 * changes, as writers of ap_pages hold the lock).
		 */
		mutex_lock(&vgpu->lock);
		ret = mvgpu_gtt_gm_rw(vgpu, vgpu->aperture.start + offset, buf,
				      len, true);
		mutex_unlock(&vgpu->lock);
		return ret ? -EIO : 0;
	}
	down_read(&vgpu->gtt.ap_sem);
	page = mvgpu_gtt_aperture_page(vgpu, offset);
	if (!page) {
		up_read(&vgpu->gtt.ap_sem);
		return -EIO;
	}
	va = kmap_local_page(page);
	memcpy(buf, va + (offset & (GTT_PAGE - 1)), len);
	kunmap_local(va);
	up_read(&vgpu->gtt.ap_sem);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_aperture_rw);

/**
 * mvgpu_gtt_range_ok() - is a graphics memory range inside one slice
 * @vgpu: the vGPU
 * @gm: first byte
 * @len: bytes (0: @gm itself must be inside)
 *
 * Return: true when [@gm, @gm + @len) lies in the aperture or the hidden
 * slice of @vgpu.
 */
bool mvgpu_gtt_range_ok(struct mvgpu_vgpu *vgpu, u64 gm, u64 len)
{
	const struct mvgpu_gm_range *r[] = { &vgpu->aperture, &vgpu->hidden };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(r); i++) {
		if (gm < r[i]->start || gm - r[i]->start >= r[i]->size)
			continue;
		return len <= r[i]->size - (gm - r[i]->start);
	}
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_range_ok);

/*
 * The guest page behind graphics address @gm, if the vGPU's own entry maps
 * one: the page its pin holds, from guest frame *@gfn.
 */
static struct page *gm_page(struct mvgpu_vgpu *vgpu, u64 gm, u64 *gfn)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;
	struct mvgpu_pin *pin;
	u32 local;

	lockdep_assert_held(&vgpu->lock);
	if (gm >= (u64)MVGPU_GTT_NUM_ENTRIES << MVGPU_GTT_PAGE_SHIFT ||
	    to_local(vgpu, gm >> MVGPU_GTT_PAGE_SHIFT, &local) ||
	    !test_bit(local, gtt->pinned))
		return NULL;
	*gfn = pte_gfn(gtt->entries[local]);
	pin = mvgpu_pin_lookup(&gtt->pins, *gfn);
	if (WARN_ON_ONCE(!pin))
		return NULL;
	return mvgpu_pin_page(pin, *gfn);
}

/**
 * mvgpu_gtt_gm_rw() - access guest memory by graphics address
 * @vgpu: the vGPU; its lock must be held
 * @gm: graphics address (inside the vGPU's slices)
 * @buf: kernel buffer
 * @len: bytes, may cross pages
 * @write: direction
 *
 * With mvgpu_gtt_aperture_rw() and mvgpu_gtt_gm_get_pages(), the one way
 * the core touches guest memory: through the vGPU's own GTT entries and
 * the frames they pinned.  Each frame written is reported to the front
 * end's dirty page log (struct mvgpu_vgpu_ops.dirty).
 *
 * Return: 0, or -EFAULT when part of the range is outside the slices or
 * has no guest page behind it (nothing is copied past that point).
 */
int mvgpu_gtt_gm_rw(struct mvgpu_vgpu *vgpu, u64 gm, void *buf, u32 len,
		    bool write)
{
	u64 gfn;

	lockdep_assert_held(&vgpu->lock);
	while (len) {
		u32 off = gm & (GTT_PAGE - 1), chunk = min_t(u32, len,
							     GTT_PAGE - off);
		struct page *page = gm_page(vgpu, gm, &gfn);
		void *va;

		if (!page)
			return -EFAULT;
		va = kmap_local_page(page);
		if (write)
			memcpy(va + off, buf, chunk);
		else
			memcpy(buf, va + off, chunk);
		kunmap_local(va);
		if (write && vgpu->ops && vgpu->ops->dirty)
			vgpu->ops->dirty(vgpu->ops_ctx, gfn, 1);
		gm += chunk;
		buf += chunk;
		len -= chunk;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_gm_rw);

/**
 * mvgpu_gtt_gm_get_pages() - reference the guest pages behind a range
 * @vgpu: the vGPU; its lock must be held
 * @gm: graphics address of the first page, page aligned
 * @nr: number of pages
 * @pages: filled with @nr pages, each with a reference the caller drops
 *	with put_page()
 * @span: set to the guest frames the pages came from
 *
 * For readers that copy or export guest memory without the vGPU lock (the
 * display's scanout): the references keep the pages, not the mapping; a
 * GTT write or a DMA unmap after this returns is not seen by the reader,
 * as a scanout already under way on hardware would not see it.
 *
 * Return: 0, or -EFAULT (no reference held) when a page has no guest page
 * behind it or lies outside the vGPU's slices.
 */
int mvgpu_gtt_gm_get_pages(struct mvgpu_vgpu *vgpu, u64 gm, unsigned int nr,
			   struct page **pages, struct mvgpu_gfn_span *span)
{
	unsigned int i;
	u64 gfn;

	lockdep_assert_held(&vgpu->lock);
	span->first = U64_MAX;
	span->last = 0;
	if (gm & (GTT_PAGE - 1))
		return -EFAULT;
	for (i = 0; i < nr; i++) {
		pages[i] = gm_page(vgpu, gm + ((u64)i << MVGPU_GTT_PAGE_SHIFT),
				   &gfn);
		if (!pages[i]) {
			while (i--)
				put_page(pages[i]);
			return -EFAULT;
		}
		get_page(pages[i]);
		span->first = min(span->first, gfn);
		span->last = max(span->last, gfn);
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gtt_gm_get_pages);
