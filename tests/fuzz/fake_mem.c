// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest memory behind fake pinning, its DMA mapping, and a fake GGTT; see
 * fake_mem.h.  The pin ops check VFIO's side of the contract: every unpin
 * matches a pin exactly, and after a DMA unmap returns no pin of the range
 * is left (type1 calls .dma_unmap again while there is one, and BUGs after
 * ten tries).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <shim/harness.h>

#include "fake_mem.h"

struct fake_mem fake_mem;
void (*fake_pin_hook)(u64 gfn, unsigned int npages);

static struct page *contig_block, *sparse_block;
/* Guest frame + 1 by the pfn of its page, for fake_ggtt_write(). */
static struct xarray frame_by_pfn;

void fake_mem_init(void)
{
	unsigned int i;

	for (i = 0; i < 16; i++)
		fake_mem.pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
	contig_block = alloc_pages(GFP_KERNEL | __GFP_ZERO, 6);
	sparse_block = alloc_pages(GFP_KERNEL | __GFP_ZERO, 6);
	for (i = 0; i < FAKE_SPARSE - FAKE_CONTIG; i++)
		fake_mem.pages[FAKE_CONTIG + i] = nth_page(contig_block, i);
	for (i = 0; i < FAKE_FRAMES - FAKE_SPARSE; i++)
		fake_mem.pages[FAKE_SPARSE + i] = nth_page(sparse_block, 2 * i);
	fake_mem.ggtt = calloc(FAKE_GGTT_ENTRIES, sizeof(u64));
	xa_init(&fake_mem.runs);
	xa_init(&frame_by_pfn);
	for (i = 0; i < FAKE_FRAMES; i++)
		if (fake_mem.pages[i])
			xa_store(&frame_by_pfn,
				 PHYS_PFN(page_to_phys(fake_mem.pages[i])),
				 xa_mk_value(i + 1), GFP_KERNEL);
}

bool fake_mem_backed(u64 gfn)
{
	return gfn < FAKE_FRAMES && fake_mem.pages[gfn];
}

void *fake_mem_frame(u64 gfn)
{
	return fake_mem_backed(gfn) ? page_address(fake_mem.pages[gfn]) : NULL;
}

void fake_mem_map(u64 first, u64 n, bool mapped)
{
	u64 gfn;

	for (gfn = first; gfn < FAKE_FRAMES && gfn - first < n; gfn++)
		fake_mem.mapped[gfn] = mapped && fake_mem_backed(gfn);
}

void fake_mem_begin(void)
{
	unsigned int i;

	for (i = 0; i < FAKE_FRAMES; i++) {
		if (fake_mem.pages[i])
			memset(fake_mem.pages[i], 0, PAGE_SIZE);
		fake_mem.pins[i] = 0;
	}
	memset(fake_mem.stale, 0, sizeof(fake_mem.stale));
	fake_mem_map(0, FAKE_FRAMES, true);
	fake_mem.pin_calls = 0;
	fake_mem.maps = 0;
	fake_mem.zaps = 0;
	fake_pin_hook = NULL;
}

/* Pins held on frames of [@first, @last]. */
int fake_mem_pinned_in(u64 first, u64 last)
{
	int n = 0;
	u64 gfn;

	for (gfn = first; gfn <= last && gfn < FAKE_FRAMES; gfn++)
		n += fake_mem.pins[gfn];
	return n;
}

void fake_mem_end(void)
{
	FUZZ_CHECK(!fake_mem_pinned_in(0, FAKE_FRAMES - 1),
		   "guest frames still pinned at the end");
	FUZZ_CHECK(xa_empty(&fake_mem.runs), "pin runs left");
	FUZZ_CHECK(!fake_mem.maps, "%ld extents still mapped for the GPU",
		   fake_mem.maps);
}

/* ---- pin ops: vfio_pin_pages() and the backend's mapping --------------- */

static unsigned long run_key(u64 gfn, unsigned int npages)
{
	return gfn * (MVGPU_PIN_MAX_PAGES + 1) + npages;
}

static int fake_pin(void *ctx, u64 gfn, unsigned int npages,
		    struct page **pages)
{
	unsigned long key = run_key(gfn, npages);
	void *old;
	u64 i;

	fake_mem.pin_calls++;
	FUZZ_CHECK(npages && npages <= MVGPU_PIN_MAX_PAGES, "pin of %u frames",
		   npages);
	if (fake_pin_hook)
		fake_pin_hook(gfn, npages);
	/* VFIO pins only what is DMA-mapped (-EINVAL for type1). */
	for (i = gfn; i - gfn < npages; i++)
		if (i >= FAKE_FRAMES || !fake_mem.mapped[i])
			return -EINVAL;
	old = xa_load(&fake_mem.runs, key);
	FUZZ_CHECK(!xa_err(xa_store(&fake_mem.runs, key,
				    xa_mk_value(old ? xa_to_value(old) + 1 : 1),
				    GFP_KERNEL)), "runs");
	for (i = 0; i < npages; i++) {
		fake_mem.pins[gfn + i]++;
		pages[i] = fake_mem.pages[gfn + i];
	}
	/* The pinner runs unlocked: another thread may run now. */
	shim_yield_point();
	return 0;
}

static void fake_unpin(void *ctx, u64 gfn, unsigned int npages)
{
	unsigned long key = run_key(gfn, npages);
	void *old = xa_load(&fake_mem.runs, key);
	unsigned int i;

	FUZZ_CHECK(old, "unpin of frames %#llx+%u, which were not pinned so",
		   (unsigned long long)gfn, npages);
	for (i = 0; i < npages; i++)
		FUZZ_CHECK(!fake_mem.stale[gfn + i],
			   "frame %#llx unpinned before the GGTT invalidate: the GPU may still reach it",
			   (unsigned long long)(gfn + i));
	if (xa_to_value(old) > 1)
		xa_store(&fake_mem.runs, key, xa_mk_value(xa_to_value(old) - 1),
			 GFP_KERNEL);
	else
		xa_erase(&fake_mem.runs, key);
	for (i = 0; i < npages; i++)
		fake_mem.pins[gfn + i]--;
}

static int fake_map(void *ctx, struct page *page, unsigned int npages,
		    u64 *addr)
{
	fake_mem.maps++;
	*addr = page_to_phys(page);
	return 0;
}

static void fake_unmap(void *ctx, u64 addr, unsigned int npages)
{
	fake_mem.maps--;
	FUZZ_CHECK(fake_mem.maps >= 0, "more GPU unmaps than maps");
}

/* What vfio/dma.c provides in the kernel. */
static const struct mvgpu_pin_ops fake_pin_ops = {
	.pin = fake_pin,
	.unpin = fake_unpin,
	.map = fake_map,
	.unmap = fake_unmap,
};

/* vfio/aperture.c: nothing is mmapped here; the range is checked. */
static void fake_zap(void *ctx, u64 offset, u64 len)
{
	struct mvgpu_vgpu *vgpu = ctx;

	FUZZ_CHECK(offset < vgpu->aperture.size &&
		   len <= vgpu->aperture.size - offset, "zap %#llx+%#llx",
		   (unsigned long long)offset, (unsigned long long)len);
	fake_mem.zaps++;
}

const struct mvgpu_vgpu_ops fake_vgpu_ops = {
	.pin = &fake_pin_ops,
	.zap_aperture = fake_zap,
};

/* ---- the physical GPU's GGTT --------------------------------------------- */

/* The guest frame whose page is at @phys, or -1. */
static int frame_of(u64 phys)
{
	void *v = xa_load(&frame_by_pfn, PHYS_PFN(phys));

	return v ? (int)xa_to_value(v) - 1 : -1;
}

static void fake_ggtt_write(void *priv, u32 index, u64 pte)
{
	u64 old;
	int gfn;

	FUZZ_CHECK(index < FAKE_GGTT_ENTRIES, "GGTT write at %#x", index);
	old = fake_mem.ggtt[index];
	fake_mem.ggtt[index] = pte;
	/* Until the invalidate, the GPU may still use the old translation. */
	if (old & MVGPU_GTT_PTE_PRESENT) {
		gfn = frame_of(old & MVGPU_GTT_PTE_ADDR_MASK);
		if (gfn >= 0)
			fake_mem.stale[gfn] = true;
	}
}

static void fake_ggtt_invalidate(void *priv)
{
	memset(fake_mem.stale, 0, sizeof(fake_mem.stale));
	fake_mem.invalidates++;
}

static u64 fake_ggtt_read(void *priv, u32 index)
{
	FUZZ_CHECK(index < FAKE_GGTT_ENTRIES, "GGTT read at %#x", index);
	return fake_mem.ggtt[index];
}

static int fake_map_page(void *priv, struct page *page, u64 *addr)
{
	*addr = page_to_phys(page);
	return 0;
}

static void fake_unmap_page(void *priv, u64 addr)
{
}

static u64 fake_timestamp(void *priv, u32 engine)
{
	return ktime_get_ns() / (NSEC_PER_SEC / MVGPU_TIMESTAMP_HZ);
}

const struct mvgpu_backend_ops fake_backend_ops = {
	.ggtt_write = fake_ggtt_write,
	.ggtt_read = fake_ggtt_read,
	.ggtt_invalidate = fake_ggtt_invalidate,
	.map_page = fake_map_page,
	.unmap_page = fake_unmap_page,
	.timestamp = fake_timestamp,
};

/* ---- DMA unmap as VFIO type1 does it ------------------------------------- */

#define TYPE1_TRIES	10

/*
 * vfio/dma.c's .dma_unmap, as called by type1: the core invalidates the
 * range and bars it to new pins until the unmapping task returns to
 * userspace (mvgpu_gtt_unblock()).  Type1 keeps the mapping meanwhile,
 * notifies again while pins of the range remain (dropping its lock, so
 * other threads run), and BUGs after ten tries.
 */
void fake_dma_unmap(struct mvgpu_vgpu *vgpu, u64 first, u64 n)
{
	struct mvgpu_gtt_block blocks[TYPE1_TRIES];
	u64 last = first + n - 1;
	unsigned int tries;

	if (!n)
		return;
	for (tries = 0; tries < TYPE1_TRIES; tries++) {
		mvgpu_engines_quiesce(vgpu);
		mvgpu_gtt_invalidate(vgpu, first << MVGPU_GTT_PAGE_SHIFT,
				     n << MVGPU_GTT_PAGE_SHIFT, &blocks[tries]);
		mutex_lock(&vgpu->lock);
		mvgpu_engines_resume(vgpu);
		mvgpu_vgpu_unlock(vgpu);
		if (!fake_mem_pinned_in(first, last))
			break;
		shim_yield_point();
	}
	FUZZ_CHECK(tries < TYPE1_TRIES,
		   "kernel BUG in vfio_iommu_type1: frames %#llx..%#llx still pinned after %u DMA unmap notifications",
		   (unsigned long long)first, (unsigned long long)last,
		   TYPE1_TRIES);
	fake_mem_map(first, n, false);
	/* The unmapping task returns to userspace: its blocks are lifted. */
	for (; (int)tries >= 0; tries--)
		mvgpu_gtt_unblock(&blocks[tries]);
}

/* ---- the pin cache against the GTT --------------------------------------- */

static u64 entry_gfn(u64 pte)
{
	return (pte & MVGPU_GTT_PTE_ADDR_MASK) >> MVGPU_GTT_PAGE_SHIFT;
}

static u32 global_index(struct mvgpu_vgpu *vgpu, u32 local)
{
	if (local < vgpu->gtt.nr_aperture)
		return (vgpu->aperture.start >> MVGPU_GTT_PAGE_SHIFT) + local;
	return (vgpu->hidden.start >> MVGPU_GTT_PAGE_SHIFT) +
	       (local - vgpu->gtt.nr_aperture);
}

/*
 * Invariants of the translation, at a point where no GTT write, unmap or
 * re-translation is in progress:
 *  - each frame is pinned once while an extent of the cache holds it, and
 *    not at all otherwise; no pinned frame is unmapped;
 *  - an extent's references are the entries shadowed onto its frames
 *    (an unreferenced one stays only while the hold keeps it);
 *  - a shadowed entry is a valid present entry whose host entry and
 *    aperture page are its frame's; every other entry points at the
 *    vGPU's scratch page and has no aperture page.
 * With @only, just the entries in that bitmap and the shadowed ones are
 * looked at (the others were not written since the last full check).
 */
void fake_mem_check_pins(struct mvgpu_vgpu *vgpu, const unsigned long *only)
{
	struct mvgpu_gtt *gtt = &vgpu->gtt;
	struct mvgpu_pin_cache *cache = &gtt->pins;
	u32 n = gtt->nr_aperture + gtt->nr_hidden, local;
	u64 scratch = vgpu->scratch_addr | MVGPU_GTT_PTE_PRESENT;
	unsigned long gfn, nr = 0, nr_pages = 0;
	struct mvgpu_pin *pin;
	u32 *refs = calloc(FAKE_FRAMES, sizeof(*refs));

	FUZZ_CHECK(list_empty(&cache->zombies), "zombies left after unlock");
	for (local = 0; local < n; local++) {
		u64 val = gtt->entries[local];
		u64 host = fake_mem.ggtt[global_index(vgpu, local)];
		struct page *ap = local < gtt->nr_aperture ?
				  gtt->ap_pages[local] : NULL;

		if (only && !test_bit(local, only) &&
		    !test_bit(local, gtt->pinned)) {
			/* Skip to the next entry that matters. */
			u32 a = find_next_bit(only, n, local);
			u32 b = find_next_bit(gtt->pinned, n, local);

			local = min(a, b) - 1;
			continue;
		}
		if (!test_bit(local, gtt->pinned)) {
			FUZZ_CHECK(host == scratch,
				   "entry %u not shadowed, host entry %#llx", local,
				   (unsigned long long)host);
			FUZZ_CHECK(!ap, "entry %u not shadowed has a page", local);
			continue;
		}
		FUZZ_CHECK(mvgpu_gtt_pte_check(val) == 0,
			   "entry %u shadowed with value %#llx", local,
			   (unsigned long long)val);
		gfn = entry_gfn(val);
		pin = mvgpu_pin_lookup(cache, gfn);
		FUZZ_CHECK(pin, "entry %u shadowed, frame %#lx not cached", local,
			   gfn);
		FUZZ_CHECK(gfn < FAKE_FRAMES, "frame %#lx pinned", gfn);
		FUZZ_CHECK(host == (mvgpu_pin_addr(pin, gfn) | MVGPU_GTT_PTE_PRESENT),
			   "entry %u: host entry %#llx", local,
			   (unsigned long long)host);
		FUZZ_CHECK(page_to_phys(fake_mem.pages[gfn]) ==
			   mvgpu_pin_addr(pin, gfn),
			   "entry %u: frame %#lx translated to another page",
			   local, gfn);
		FUZZ_CHECK(local >= gtt->nr_aperture || ap == fake_mem.pages[gfn],
			   "entry %u: aperture page", local);
		refs[pin->gfn]++;
	}
	xa_for_each(&cache->pins, gfn, pin) {
		if (gfn != pin->gfn)
			continue;
		nr++;
		nr_pages += pin->npages;
		FUZZ_CHECK(pin->gfn < FAKE_FRAMES &&
			   pin->gfn + pin->npages <= FAKE_FRAMES,
			   "extent %#llx+%u", (unsigned long long)pin->gfn,
			   pin->npages);
		FUZZ_CHECK(pin->refs == refs[pin->gfn],
			   "extent %#llx+%u: %u references, %u entries use it",
			   (unsigned long long)pin->gfn, pin->npages, pin->refs,
			   refs[pin->gfn]);
		FUZZ_CHECK(pin->refs || cache->hold,
			   "unreferenced extent kept without a hold");
	}
	FUZZ_CHECK(nr == cache->nr && nr_pages == cache->nr_pages,
		   "cache counts %lu/%lu, extents %lu/%lu", cache->nr,
		   cache->nr_pages, nr, nr_pages);
	for (gfn = 0; gfn < FAKE_FRAMES; gfn++) {
		bool cached = mvgpu_pin_lookup(cache, gfn);

		FUZZ_CHECK(fake_mem.pins[gfn] == cached,
			   "frame %#lx: %d pins, %s", gfn, fake_mem.pins[gfn],
			   cached ? "cached" : "not cached");
		FUZZ_CHECK(!fake_mem.pins[gfn] || fake_mem.mapped[gfn],
			   "frame %#lx pinned but not DMA-mapped", gfn);
	}
	free(refs);
}
