// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-process GTT shadowing, at submission, without write protection.
 *
 * A guest names an address space by the guest physical address of its
 * PML4 table (loaded into the engine's PML4 register in the ring).  When a
 * submission uses a root whose shadow is missing or older than the guest's
 * last TLB invalidation, the engine waits while a work item syncs it
 * (core/engine.c): every guest table reachable from the root is read once
 * per pass through the pin cache, its entries are compared with the ones
 * validated before, and only the entries that changed are validated
 * again.  A valid level-1 entry names a guest frame, which is pinned and
 * translated like a GGTT entry's (core/gtt.c); an entry of level 2 to 4
 * names the shadow of the next table, shared by every entry naming the
 * same guest table at that level (a table used at two levels gets two
 * shadows, so no walk is longer than four levels and no cycle can form).
 * Not-present and invalid entries, and entries naming frames that are not
 * DMA-mapped, name the scratch table of the next level, whose entries all
 * end in the vGPU's scratch page.  The engines only ever walk shadow
 * tables, which are host pages, and reach guest pages of this vGPU or its
 * scratch page only.
 *
 * Guest writes to the tables between two invalidations change nothing the
 * engines see: the shadow is the TLB.  Limits: a vGPU has at most
 * mvgpu_ppgtt_max_tables shadow tables and mvgpu_ppgtt_max_pages pinned
 * level-1 entries; a sync that needs more first drops the other roots,
 * then fails and the submission is refused (MVGPU_ERR_TOO_LARGE).
 *
 * Lifetime: a shadow table the engines may still walk is never freed or
 * rewritten to name something else while a workload is in flight.
 * Released tables keep their entries and wait on @dead until the vGPU is
 * idle; released pins stay pinned under the pin cache's hold.  A DMA
 * unmap (engines quiesced) points every entry naming an unmapped frame at
 * scratch, in live and released tables alike.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/highmem.h>
#include <linux/lockdep.h>
#include <linux/moduleparam.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"
#include "core/ppgtt.h"

unsigned int mvgpu_ppgtt_max_tables = 2048;
EXPORT_SYMBOL_IF_KUNIT(mvgpu_ppgtt_max_tables);
module_param_named(ppgtt_max_tables, mvgpu_ppgtt_max_tables, uint, 0644);
MODULE_PARM_DESC(ppgtt_max_tables,
		 "Shadow page-table pages per vGPU (default 2048, 8 MiB; enough to map 4 GiB in 4 KiB pages)");

unsigned int mvgpu_ppgtt_max_pages = 262144;
EXPORT_SYMBOL_IF_KUNIT(mvgpu_ppgtt_max_pages);
module_param_named(ppgtt_max_pages, mvgpu_ppgtt_max_pages, uint, 0644);
MODULE_PARM_DESC(ppgtt_max_pages,
		 "Guest pages the per-process GTTs of one vGPU may map (default 262144, 1 GiB)");

#define ENTRIES		MVGPU_PPGTT_ENTRIES
#define PTE_FLAGS_OK	(MVGPU_PPGTT_PTE_PRESENT | MVGPU_PPGTT_PTE_IGNORED)

/**
 * struct sync_walk - one sync of one root
 * @vgpu: the vGPU
 * @pp: its PPGTT state
 * @gen: @pp->gen when the sync started
 * @pass: the pass number stamped on the tables read
 */
struct sync_walk {
	struct mvgpu_vgpu *vgpu;
	struct mvgpu_ppgtt *pp;
	u64 gen;
	u64 pass;
};

static u64 entry_gfn(u64 entry)
{
	return (entry & MVGPU_PPGTT_PTE_ADDR_MASK) >> MVGPU_GTT_PAGE_SHIFT;
}

/* Whether guest entry @g may name a table or page (when present). */
static bool entry_valid(u64 g)
{
	return !(g & ~(MVGPU_PPGTT_PTE_ADDR_MASK | PTE_FLAGS_OK)) &&
	       !(g & MVGPU_PPGTT_PTE_PS);
}

/* What an entry of a level-@level table names when it maps nothing. */
static __le64 scratch_entry(struct mvgpu_ppgtt *pp, unsigned int level)
{
	return cpu_to_le64(pp->scratch_addr[level - 1] |
			   MVGPU_GTT_PTE_PRESENT);
}

/* Entries the engine reads are little-endian, like all GPU memory. */
static __le64 shadow_entry(u64 addr)
{
	return cpu_to_le64(addr | MVGPU_GTT_PTE_PRESENT);
}

/* ---- scratch tables ---------------------------------------------------- */

static void scratch_free(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pp->scratch); i++) {
		if (!pp->scratch[i])
			continue;
		pgpu->ops->unmap_page(pgpu->priv, pp->scratch_addr[i + 1]);
		__free_page(pp->scratch[i]);
		pp->scratch[i] = NULL;
	}
}

/* Scratch tables of levels 1 to 3, each naming the one below. */
static int scratch_alloc(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;
	unsigned int i, j;
	int ret;

	pp->scratch_addr[0] = vgpu->scratch_addr;
	for (i = 0; i < ARRAY_SIZE(pp->scratch); i++) {
		struct page *page = alloc_page(GFP_KERNEL);
		__le64 *t;

		if (!page) {
			ret = -ENOMEM;
			goto err;
		}
		ret = pgpu->ops->map_page(pgpu->priv, page,
					  &pp->scratch_addr[i + 1]);
		if (ret) {
			__free_page(page);
			goto err;
		}
		pp->scratch[i] = page;
		t = page_address(page);
		for (j = 0; j < ENTRIES; j++)
			t[j] = scratch_entry(pp, i + 1);
	}
	return 0;
err:
	scratch_free(vgpu);
	return ret;
}

/* ---- shadow tables ----------------------------------------------------- */

static void spt_free(struct mvgpu_vgpu *vgpu, struct mvgpu_spt *spt)
{
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;

	if (spt->page) {
		pgpu->ops->unmap_page(pgpu->priv, spt->addr);
		__free_page(spt->page);
	}
	kfree(spt->child);
	kfree(spt->guest);
	kfree(spt);
}

/* A new shadow of guest table @gfn at @level: everything maps scratch. */
static struct mvgpu_spt *spt_alloc(struct mvgpu_vgpu *vgpu, u8 level, u64 gfn)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;
	struct mvgpu_spt *spt;
	unsigned int i;

	spt = kzalloc(sizeof(*spt), GFP_KERNEL);
	if (!spt)
		return NULL;
	spt->gfn = gfn;
	spt->level = level;
	INIT_LIST_HEAD(&spt->node);
	spt->guest = kmalloc_array(ENTRIES, sizeof(u64), GFP_KERNEL);
	if (level > 1)
		spt->child = kcalloc(ENTRIES, sizeof(*spt->child), GFP_KERNEL);
	spt->page = alloc_page(GFP_KERNEL);
	if (!spt->guest || (level > 1 && !spt->child) || !spt->page)
		goto err;
	if (pgpu->ops->map_page(pgpu->priv, spt->page, &spt->addr)) {
		__free_page(spt->page);
		spt->page = NULL;
		goto err;
	}
	spt->shadow = page_address(spt->page);
	for (i = 0; i < ENTRIES; i++) {
		spt->guest[i] = MVGPU_SPT_INVALID;
		spt->shadow[i] = scratch_entry(pp, level);
	}
	return spt;
err:
	spt_free(vgpu, spt);
	return NULL;
}

static void spt_put(struct mvgpu_vgpu *vgpu, struct mvgpu_spt *spt);

/*
 * Let go of what entry @i holds, without changing what the engines see
 * through it unless @scratch: a released table keeps its entries.
 */
static void entry_release(struct mvgpu_vgpu *vgpu, struct mvgpu_spt *spt,
			  unsigned int i, bool scratch)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;

	if (scratch)
		WRITE_ONCE(spt->shadow[i], scratch_entry(pp, spt->level));
	if (spt->level > 1 && spt->child[i]) {
		spt_put(vgpu, spt->child[i]);
		spt->child[i] = NULL;
	} else if (spt->level == 1 && test_bit(i, spt->pinned)) {
		mvgpu_pin_put(&vgpu->gtt.pins, entry_gfn(spt->guest[i]));
		__clear_bit(i, spt->pinned);
		pp->nr_mapped--;
	}
}

/* Drop a reference; the last one releases the table and its subtree. */
static void spt_put(struct mvgpu_vgpu *vgpu, struct mvgpu_spt *spt)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	unsigned int i;

	lockdep_assert_held(&vgpu->lock);
	if (WARN_ON_ONCE(!spt->refs) || --spt->refs)
		return;
	for (i = 0; i < ENTRIES; i++)
		entry_release(vgpu, spt, i, false);
	xa_erase(&pp->spts[spt->level - 1], spt->gfn);
	pp->nr_tables--;
	list_del(&spt->node);
	if (mvgpu_engines_idle(vgpu)) {
		spt_free(vgpu, spt);
		return;
	}
	spt->dead = true;
	list_add_tail(&spt->node, &pp->dead);
}

/* Drop root @spt (a PML4 shadow). */
static void root_put(struct mvgpu_vgpu *vgpu, struct mvgpu_spt *spt)
{
	list_del_init(&spt->node);
	spt_put(vgpu, spt);
}

/**
 * mvgpu_ppgtt_idle() - no workload of the vGPU is in flight
 * @vgpu: the vGPU; its lock must be held
 *
 * Frees the shadow tables released while the engines could walk them.
 */
void mvgpu_ppgtt_idle(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	struct mvgpu_spt *spt, *tmp;

	lockdep_assert_held(&vgpu->lock);
	list_for_each_entry_safe(spt, tmp, &pp->dead, node) {
		list_del(&spt->node);
		spt_free(vgpu, spt);
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_ppgtt_idle);

/* Drop every root but @keep (may be NULL). */
static unsigned int evict_roots(struct mvgpu_vgpu *vgpu,
				struct mvgpu_spt *keep)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	struct mvgpu_spt *spt, *tmp;
	unsigned int n = 0;

	list_for_each_entry_safe(spt, tmp, &pp->roots, node) {
		if (spt == keep)
			continue;
		root_put(vgpu, spt);
		n++;
	}
	return n;
}

/* Over a limit: drop every root but @keep, counted as evictions. */
static unsigned int make_room(struct mvgpu_vgpu *vgpu, struct mvgpu_spt *keep)
{
	unsigned int n = evict_roots(vgpu, keep);

	vgpu->ppgtt.stats.evictions += n;
	return n;
}

/* ---- sync -------------------------------------------------------------- */

/*
 * Copy guest table @gfn into @buf.  Pinning may drop the vGPU lock: then
 * -EAGAIN if a reset came meanwhile.  -EFAULT if the frame is not
 * DMA-mapped (or being unmapped).
 */
static int read_table(struct sync_walk *w, u64 gfn, u64 *buf)
{
	struct mvgpu_vgpu *vgpu = w->vgpu;
	struct mvgpu_pin *pin;
	unsigned int i;
	void *va;
	int err;

	pin = mvgpu_gtt_ref_frame(vgpu, gfn, &err);
	if (w->pp->gen != w->gen) {
		if (pin)
			mvgpu_pin_put(&vgpu->gtt.pins, gfn);
		return -EAGAIN;
	}
	if (!pin)
		return err == -ECANCELED ? -EAGAIN : -EFAULT;
	va = kmap_local_page(mvgpu_pin_page(pin, gfn));
	for (i = 0; i < ENTRIES; i++)
		buf[i] = le64_to_cpu(((__le64 *)va)[i]);
	kunmap_local(va);
	mvgpu_pin_put(&vgpu->gtt.pins, gfn);
	return 0;
}

/* The shadow of guest table @gfn at @level, shared or new. */
static struct mvgpu_spt *get_table(struct sync_walk *w, u8 level, u64 gfn,
				   int *err)
{
	struct mvgpu_ppgtt *pp = w->pp;
	struct mvgpu_spt *spt;

	spt = xa_load(&pp->spts[level - 1], gfn);
	if (spt) {
		spt->refs++;
		return spt;
	}
	if (pp->nr_tables >= READ_ONCE(mvgpu_ppgtt_max_tables)) {
		*err = -E2BIG;
		return NULL;
	}
	spt = spt_alloc(w->vgpu, level, gfn);
	if (!spt) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = xa_err(xa_store(&pp->spts[level - 1], gfn, spt, GFP_KERNEL));
	if (*err) {
		spt_free(w->vgpu, spt);
		return NULL;
	}
	spt->refs = 1;
	pp->nr_tables++;
	return spt;
}

/*
 * Validate guest entry @g for entry @i of @spt and install it.  Entries
 * that map nothing are recorded as validated (@g) and map scratch; an
 * entry that failed for want of room or a reset stays unvalidated.
 */
static int set_entry(struct sync_walk *w, struct mvgpu_spt *spt,
		     unsigned int i, u64 g)
{
	struct mvgpu_vgpu *vgpu = w->vgpu;
	struct mvgpu_ppgtt *pp = w->pp;
	struct mvgpu_pin *pin;
	u64 gfn = entry_gfn(g);
	int err = 0;

	entry_release(vgpu, spt, i, true);
	spt->guest[i] = MVGPU_SPT_INVALID;
	pp->stats.entries_changed++;
	if (!(g & MVGPU_PPGTT_PTE_PRESENT))
		goto scratch;
	if (!entry_valid(g)) {
		pp->stats.scratch_entries++;
		mvgpu_vgpu_dbg(vgpu, "PPGTT: level %u table %#llx entry %u: invalid %#llx: scratch\n",
			       spt->level, spt->gfn, i, g);
		goto scratch;
	}
	if (spt->level > 1) {
		struct mvgpu_spt *child = get_table(w, spt->level - 1, gfn,
						    &err);

		if (!child)
			return err;
		spt->child[i] = child;
		WRITE_ONCE(spt->shadow[i], shadow_entry(child->addr));
		spt->guest[i] = g;
		return 0;
	}
	if (pp->nr_mapped >= READ_ONCE(mvgpu_ppgtt_max_pages))
		return -E2BIG;
	pin = mvgpu_gtt_ref_frame(vgpu, gfn, &err);
	if (pp->gen != w->gen) {
		if (pin)
			mvgpu_pin_put(&vgpu->gtt.pins, gfn);
		return -EAGAIN;
	}
	if (!pin) {
		if (err == -ECANCELED)
			return -EAGAIN;
		pp->stats.scratch_entries++;
		mvgpu_vgpu_dbg(vgpu, "PPGTT: table %#llx entry %u: frame %#llx not mapped for DMA (%d): scratch\n",
			       spt->gfn, i, gfn, err);
		goto scratch;
	}
	__set_bit(i, spt->pinned);
	pp->nr_mapped++;
	WRITE_ONCE(spt->shadow[i], shadow_entry(mvgpu_pin_addr(pin, gfn)));
scratch:
	spt->guest[i] = g;
	return 0;
}

/*
 * Bring @spt and the tables below it in line with the guest's tables, each
 * table read once per pass.  A table whose frame is not DMA-mapped is
 * left as it was: all scratch if new (its entries then stay unvalidated
 * and are read again at the next sync).
 */
static int sync_table(struct sync_walk *w, struct mvgpu_spt *spt)
{
	u64 *buf = w->pp->buf[spt->level - 1];
	unsigned int i;
	int ret;

	if (spt->synced == w->pass)
		return 0;
	ret = read_table(w, spt->gfn, buf);
	if (ret == -EFAULT && spt->level < MVGPU_PPGTT_LEVELS) {
		/* No guest memory there any more: it maps nothing. */
		for (i = 0; i < ENTRIES; i++) {
			if (spt->guest[i] == MVGPU_SPT_INVALID)
				continue;
			entry_release(w->vgpu, spt, i, true);
			spt->guest[i] = MVGPU_SPT_INVALID;
		}
		spt->synced = w->pass;
		w->pp->stats.scratch_entries++;
		return 0;
	}
	if (ret)
		return ret;
	spt->synced = w->pass;
	for (i = 0; i < ENTRIES; i++) {
		if (buf[i] != spt->guest[i]) {
			ret = set_entry(w, spt, i, buf[i]);
			if (ret)
				return ret;
		}
		if (spt->level > 1 && spt->child[i]) {
			ret = sync_table(w, spt->child[i]);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static bool root_valid(u64 root)
{
	return !(root & ~MVGPU_PPGTT_PTE_ADDR_MASK);
}

static bool root_fresh(struct mvgpu_ppgtt *pp, struct mvgpu_spt *spt)
{
	return spt->tlb_gen == pp->tlb_gen && spt->synced > pp->repair;
}

/**
 * mvgpu_ppgtt_lookup() - the shadow of an address space, if usable now
 * @vgpu: the vGPU; its lock must be held
 * @root: guest physical address of the PML4 table (the PML4 register)
 * @spt: out: the root's shadow, whose GPU address the engine loads
 *
 * Return: 0; -EAGAIN when the root must be synced first
 * (mvgpu_ppgtt_sync()); -EINVAL for a root that cannot name a table.
 */
int mvgpu_ppgtt_lookup(struct mvgpu_vgpu *vgpu, u64 root,
		       struct mvgpu_spt **spt)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	struct mvgpu_spt *s;

	lockdep_assert_held(&vgpu->lock);
	if (!root_valid(root)) {
		pp->stats.bad_roots++;
		return -EINVAL;
	}
	s = xa_load(&pp->spts[MVGPU_PPGTT_LEVELS - 1], entry_gfn(root));
	if (!s || !root_fresh(pp, s))
		return -EAGAIN;
	list_move(&s->node, &pp->roots);
	*spt = s;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_ppgtt_lookup);

/**
 * mvgpu_ppgtt_guest_root() - the guest root a shadow root stands for
 * @vgpu: the vGPU; its lock must be held
 * @shadow: GPU address of a level-4 shadow table, as the engine loads it
 * @root: out: guest physical address of the PML4 table it shadows
 *
 * Roots released while work was in flight count too: the GPU may still
 * walk them.
 *
 * Return: 0, or -ENOENT when @shadow is no root of the vGPU's.
 */
int mvgpu_ppgtt_guest_root(struct mvgpu_vgpu *vgpu, u64 shadow, u64 *root)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	struct list_head *lists[] = { &pp->roots, &pp->dead };
	struct mvgpu_spt *spt;
	unsigned int i;

	lockdep_assert_held(&vgpu->lock);
	for (i = 0; i < ARRAY_SIZE(lists); i++) {
		list_for_each_entry(spt, lists[i], node) {
			if (spt->level == MVGPU_PPGTT_LEVELS &&
			    spt->addr == shadow) {
				*root = spt->gfn << MVGPU_GTT_PAGE_SHIFT;
				return 0;
			}
		}
	}
	return -ENOENT;
}

static int sync_root(struct sync_walk *w, struct mvgpu_spt *spt)
{
	w->pass = ++w->pp->pass;
	return sync_table(w, spt);
}

/**
 * mvgpu_ppgtt_sync() - shadow an address space, or bring it up to date
 * @vgpu: the vGPU; its lock and gtt.write_lock must be held
 * @root: guest physical address of the PML4 table
 *
 * Reads every guest table reachable from @root and validates the entries
 * that changed since the last sync (all of them for a new root).  Pinning
 * drops the vGPU lock.  When the limits are reached, the other roots are
 * dropped and the sync is tried once more.
 *
 * Return: 0; -EINVAL (bad root); -EFAULT (the PML4 frame is not
 * DMA-mapped); -E2BIG (over a limit even alone; the root is dropped);
 * -EAGAIN (a reset came meanwhile); -ENOMEM.
 */
int mvgpu_ppgtt_sync(struct mvgpu_vgpu *vgpu, u64 root)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	struct sync_walk w = { .vgpu = vgpu, .pp = pp, .gen = pp->gen };
	const unsigned int top = MVGPU_PPGTT_LEVELS;
	struct mvgpu_spt *spt;
	u64 tlb_gen = pp->tlb_gen;
	bool fresh = false;
	int ret;

	lockdep_assert_held(&vgpu->gtt.write_lock);
	lockdep_assert_held(&vgpu->lock);
	if (!root_valid(root)) {
		pp->stats.bad_roots++;
		return -EINVAL;
	}
	if (!pp->scratch[0]) {
		ret = scratch_alloc(vgpu);
		if (ret)
			return ret;
	}
	spt = xa_load(&pp->spts[top - 1], entry_gfn(root));
	if (!spt) {
		spt = get_table(&w, top, entry_gfn(root), &ret);
		if (!spt && ret == -E2BIG && make_room(vgpu, NULL))
			spt = get_table(&w, top, entry_gfn(root), &ret);
		if (!spt)
			goto fail;
		list_add(&spt->node, &pp->roots);
		fresh = true;
	}
	ret = sync_root(&w, spt);
	if (ret == -E2BIG && make_room(vgpu, spt))
		ret = sync_root(&w, spt);
	if (ret == -EAGAIN)
		return ret;	/* reset: @spt is gone */
	if (ret) {
		root_put(vgpu, spt);
		goto fail;
	}
	spt->tlb_gen = tlb_gen;
	if (fresh)
		pp->stats.builds++;
	else
		pp->stats.syncs++;
	return 0;
fail:
	if (ret == -E2BIG) {
		pp->stats.limit_errors++;
		mvgpu_vgpu_warn(vgpu, "PPGTT root %#llx needs more than %u tables or %u pages: refused\n",
				root, mvgpu_ppgtt_max_tables,
				mvgpu_ppgtt_max_pages);
	} else if (ret == -EFAULT) {
		pp->stats.bad_roots++;
		mvgpu_vgpu_warn(vgpu, "PPGTT root %#llx is not guest memory: refused\n",
				root);
	}
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_ppgtt_sync);

/**
 * mvgpu_ppgtt_invalidate_tlb() - the guest invalidated its translations
 * @vgpu: the vGPU; its lock must be held
 *
 * Every root is synced again before its next use.
 */
void mvgpu_ppgtt_invalidate_tlb(struct mvgpu_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	vgpu->ppgtt.tlb_gen++;
	vgpu->ppgtt.stats.invalidations++;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_ppgtt_invalidate_tlb);

/* ---- access through a shadow ------------------------------------------- */

/*
 * The page behind @va in the address space of @root, or NULL when it maps
 * scratch.
 */
static struct page *va_page(struct mvgpu_vgpu *vgpu, struct mvgpu_spt *spt,
			    u64 va)
{
	unsigned int i;
	struct mvgpu_pin *pin;
	u64 gfn;

	if (va >> MVGPU_PPGTT_VA_BITS)
		return NULL;
	while (spt->level > 1) {
		spt = spt->child[MVGPU_PPGTT_INDEX(va, spt->level)];
		if (!spt)
			return NULL;
	}
	i = MVGPU_PPGTT_INDEX(va, 1);
	if (!test_bit(i, spt->pinned))
		return NULL;
	gfn = entry_gfn(spt->guest[i]);
	pin = mvgpu_pin_lookup(&vgpu->gtt.pins, gfn);
	return pin ? mvgpu_pin_page(pin, gfn) : NULL;
}

/**
 * mvgpu_ppgtt_read() - read memory of an address space as the engine would
 * @vgpu: the vGPU; its lock must be held
 * @root: the root's shadow (mvgpu_ppgtt_lookup())
 * @va: address in the space
 * @buf: destination
 * @len: bytes
 *
 * For the command parser, which copies PPGTT batches.
 *
 * Return: 0, or -EFAULT when a page of the range maps scratch.
 */
int mvgpu_ppgtt_read(struct mvgpu_vgpu *vgpu, struct mvgpu_spt *root,
		     u64 va, void *buf, u32 len)
{
	lockdep_assert_held(&vgpu->lock);
	while (len) {
		u32 off = offset_in_page(va);
		u32 n = min_t(u32, len, PAGE_SIZE - off);
		struct page *page = va_page(vgpu, root, va);
		void *p;

		if (!page)
			return -EFAULT;
		p = kmap_local_page(page);
		memcpy(buf, p + off, n);
		kunmap_local(p);
		va += n;
		buf += n;
		len -= n;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_ppgtt_read);

/* ---- DMA unmap, reset -------------------------------------------------- */

/* Scratch the level-1 entries of @spt naming frames in [wfirst, wlast]. */
static void unmap_table(struct mvgpu_vgpu *vgpu, struct mvgpu_spt *spt,
			u64 first, u64 last, u64 wfirst, u64 wlast)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	unsigned int i;

	for (i = 0; i < ENTRIES; i++) {
		u64 g = spt->guest[i], gfn = entry_gfn(g);

		if (g == MVGPU_SPT_INVALID || !(g & MVGPU_PPGTT_PTE_PRESENT) ||
		    gfn < wfirst || gfn > wlast)
			continue;
		if (spt->dead) {
			WRITE_ONCE(spt->shadow[i], scratch_entry(pp, 1));
			continue;
		}
		if (!test_bit(i, spt->pinned))
			continue;
		entry_release(vgpu, spt, i, true);
		spt->guest[i] = MVGPU_SPT_INVALID;
		pp->stats.unmap_scratched++;
		/* Still mapped, but its extent went: map it again. */
		if (gfn < first || gfn > last)
			pp->repair = pp->pass;
	}
}

/**
 * mvgpu_ppgtt_unmap() - guest frames are being unmapped
 * @vgpu: the vGPU, quiesced; its lock must be held
 * @first: first unmapped frame
 * @last: last unmapped frame
 * @wfirst: first frame of the pin extents the unmap evicts
 * @wlast: last frame of those extents
 *
 * Every level-1 entry naming a frame of the evicted extents maps scratch
 * and lets go of its pin, in released tables too.  Entries whose frame
 * stays mapped are validated again (every root is synced before its next
 * use); the others are validated at the next sync, so a guest that maps
 * memory there again and invalidates gets it.
 */
void mvgpu_ppgtt_unmap(struct mvgpu_vgpu *vgpu, u64 first, u64 last,
		       u64 wfirst, u64 wlast)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	struct mvgpu_spt *spt;
	unsigned long gfn;

	lockdep_assert_held(&vgpu->lock);
	xa_for_each(&pp->spts[0], gfn, spt)
		unmap_table(vgpu, spt, first, last, wfirst, wlast);
	list_for_each_entry(spt, &pp->dead, node)
		if (spt->level == 1)
			unmap_table(vgpu, spt, first, last, wfirst, wlast);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_ppgtt_unmap);

/**
 * mvgpu_ppgtt_reset() - drop every address space (device reset, close)
 * @vgpu: the vGPU, with no workload in flight; its lock must be held
 *
 * Must run before the GTT's reset, which unpins every frame.
 */
void mvgpu_ppgtt_reset(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;

	lockdep_assert_held(&vgpu->lock);
	pp->gen++;
	evict_roots(vgpu, NULL);
	WARN_ON(pp->nr_tables || pp->nr_mapped);
	if (mvgpu_engines_idle(vgpu))
		mvgpu_ppgtt_idle(vgpu);
	pp->tlb_gen = 0;
	pp->repair = 0;
	pp->pass = 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_ppgtt_reset);

/**
 * mvgpu_ppgtt_init() - set up the PPGTT state of a new vGPU
 * @vgpu: the vGPU
 *
 * Return: 0 or -ENOMEM.
 */
int mvgpu_ppgtt_init(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	unsigned int i;

	for (i = 0; i < MVGPU_PPGTT_LEVELS; i++)
		xa_init(&pp->spts[i]);
	INIT_LIST_HEAD(&pp->roots);
	INIT_LIST_HEAD(&pp->dead);
	for (i = 0; i < MVGPU_PPGTT_LEVELS; i++) {
		pp->buf[i] = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!pp->buf[i]) {
			mvgpu_ppgtt_fini(vgpu);
			return -ENOMEM;
		}
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_ppgtt_init);

/**
 * mvgpu_ppgtt_fini() - free the PPGTT state; mvgpu_ppgtt_reset() has run
 * @vgpu: the vGPU, with no workload in flight
 */
void mvgpu_ppgtt_fini(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	unsigned int i;

	mutex_lock(&vgpu->lock);
	evict_roots(vgpu, NULL);
	mvgpu_ppgtt_idle(vgpu);
	mutex_unlock(&vgpu->lock);
	scratch_free(vgpu);
	for (i = 0; i < MVGPU_PPGTT_LEVELS; i++) {
		WARN_ON(!xa_empty(&pp->spts[i]));
		xa_destroy(&pp->spts[i]);
		kfree(pp->buf[i]);
		pp->buf[i] = NULL;
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_ppgtt_fini);

/**
 * mvgpu_ppgtt_show() - debugfs: counters and address spaces
 * @vgpu: the vGPU; its lock must be held
 * @m: output
 */
void mvgpu_ppgtt_show(struct mvgpu_vgpu *vgpu, struct seq_file *m)
{
	struct mvgpu_ppgtt *pp = &vgpu->ppgtt;
	const struct mvgpu_ppgtt_stats *s = &pp->stats;
	struct mvgpu_spt *spt;
	unsigned int roots = 0, dead = 0;

	lockdep_assert_held(&vgpu->lock);
	list_for_each_entry(spt, &pp->roots, node)
		roots++;
	list_for_each_entry(spt, &pp->dead, node)
		dead++;
	seq_printf(m, "roots: %u\n", roots);
	seq_printf(m, "tables: %u\n", pp->nr_tables);
	seq_printf(m, "mapped: %u\n", pp->nr_mapped);
	seq_printf(m, "released: %u\n", dead);
	seq_printf(m, "max_tables: %u\n", READ_ONCE(mvgpu_ppgtt_max_tables));
	seq_printf(m, "max_pages: %u\n", READ_ONCE(mvgpu_ppgtt_max_pages));
	seq_printf(m, "tlb_gen: %llu\n", pp->tlb_gen);
	seq_printf(m, "builds: %llu\n", s->builds);
	seq_printf(m, "syncs: %llu\n", s->syncs);
	seq_printf(m, "invalidations: %llu\n", s->invalidations);
	seq_printf(m, "entries_changed: %llu\n", s->entries_changed);
	seq_printf(m, "scratch_entries: %llu\n", s->scratch_entries);
	seq_printf(m, "limit_errors: %llu\n", s->limit_errors);
	seq_printf(m, "evictions: %llu\n", s->evictions);
	seq_printf(m, "unmap_scratched: %llu\n", s->unmap_scratched);
	seq_printf(m, "bad_roots: %llu\n", s->bad_roots);
	list_for_each_entry(spt, &pp->roots, node)
		seq_printf(m, "root %#llx: shadow %#llx tlb_gen %llu%s\n",
			   spt->gfn << MVGPU_GTT_PAGE_SHIFT, spt->addr,
			   spt->tlb_gen, root_fresh(pp, spt) ? "" : " stale");
}
