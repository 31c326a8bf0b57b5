/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-process GTT shadowing: the guest's four-level page tables are read
 * and validated when a submission uses them, and the engines walk a
 * shadow of them in host memory that names pinned guest pages only.  The
 * shadow is the TLB: it changes when the guest invalidates translations,
 * not when the guest writes its tables.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_PPGTT_H_
#define _MVGPU_PPGTT_H_

#include <linux/bitmap.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include <uapi/linux/mvgpu.h>

struct mvgpu_vgpu;
struct page;
struct seq_file;

extern unsigned int mvgpu_ppgtt_max_tables;
extern unsigned int mvgpu_ppgtt_max_pages;

/**
 * struct mvgpu_spt - the shadow of one guest page-table page
 * @gfn: guest frame of the table
 * @level: 1 (PT) to 4 (PML4)
 * @refs: parent entries naming it; a PML4 has one while it is a root
 * @synced: the sync pass that last read it from the guest
 * @page: the shadow table the engine walks
 * @shadow: its entries (page_address(@page)), little-endian
 * @addr: its GPU address (backend map_page)
 * @guest: the guest's entries as last validated; MVGPU_SPT_INVALID for
 *	an entry to validate at the next sync
 * @child: levels 2-4: the shadow of the table each entry names, or NULL
 *	(the entry maps the scratch table of the next level)
 * @pinned: level 1: entries holding a pin reference on their frame
 * @tlb_gen: level 4: the vGPU's TLB generation it was synced at
 * @node: entry in the roots list (level 4) or, once released, in the list
 *	of tables freed when the vGPU is idle
 * @dead: released: only the engines may still walk it
 */
struct mvgpu_spt {
	u64 gfn;
	u8 level;
	unsigned int refs;
	u64 synced;
	struct page *page;
	__le64 *shadow;
	u64 addr;
	u64 *guest;
	struct mvgpu_spt **child;
	DECLARE_BITMAP(pinned, MVGPU_PPGTT_ENTRIES);
	u64 tlb_gen;
	struct list_head node;
	bool dead;
};

/* A guest entry value that no read returns for a valid entry. */
#define MVGPU_SPT_INVALID	(~0ull)

/**
 * struct mvgpu_ppgtt_stats - PPGTT counters shown in debugfs
 * @builds: roots shadowed from nothing
 * @syncs: roots synced again after a TLB invalidation
 * @invalidations: TLB invalidations (register or command)
 * @entries_changed: entries (re)validated because the guest changed them
 * @scratch_entries: present entries mapped to scratch (invalid, PS, or
 *	naming a frame that is not DMA-mapped)
 * @limit_errors: submissions refused for exceeding a limit
 * @evictions: roots dropped to make room
 * @unmap_scratched: entries pointed at scratch by a DMA unmap
 * @bad_roots: submissions refused for their root
 */
struct mvgpu_ppgtt_stats {
	u64 builds;
	u64 syncs;
	u64 invalidations;
	u64 entries_changed;
	u64 scratch_entries;
	u64 limit_errors;
	u64 evictions;
	u64 unmap_scratched;
	u64 bad_roots;
};

/**
 * struct mvgpu_ppgtt - a vGPU's shadowed per-process address spaces
 * @spts: per level (index level - 1): guest frame -> struct mvgpu_spt
 * @roots: PML4 shadows, most recently used first
 * @dead: released tables the engines may still walk, freed when idle
 * @scratch: scratch tables of levels 1-3 (index level - 1): every entry
 *	names the scratch of the level below, the PT's the scratch page
 * @scratch_addr: their GPU addresses, and [0] the scratch page's
 * @buf: one guest table read per level during a sync
 * @nr_tables: live shadow tables (not counting @dead and @scratch)
 * @nr_mapped: level-1 entries holding a pin
 * @pass: counts sync passes
 * @tlb_gen: bumped by each TLB invalidation
 * @repair: a DMA unmap scratched entries whose frames stay mapped:
 *	every root is synced again before it is used
 * @gen: bumped by reset: a sync that saw it move gives up
 * @stats: counters
 *
 * Protected by the vGPU lock; a sync also holds gtt.write_lock (it pins).
 */
struct mvgpu_ppgtt {
	struct xarray spts[MVGPU_PPGTT_LEVELS];
	struct list_head roots;
	struct list_head dead;
	struct page *scratch[MVGPU_PPGTT_LEVELS - 1];
	u64 scratch_addr[MVGPU_PPGTT_LEVELS];
	u64 *buf[MVGPU_PPGTT_LEVELS];
	unsigned int nr_tables;
	unsigned int nr_mapped;
	u64 pass;
	u64 tlb_gen;
	u64 repair;
	u64 gen;
	struct mvgpu_ppgtt_stats stats;
};

int mvgpu_ppgtt_init(struct mvgpu_vgpu *vgpu);
void mvgpu_ppgtt_fini(struct mvgpu_vgpu *vgpu);
void mvgpu_ppgtt_reset(struct mvgpu_vgpu *vgpu);
void mvgpu_ppgtt_idle(struct mvgpu_vgpu *vgpu);
void mvgpu_ppgtt_invalidate_tlb(struct mvgpu_vgpu *vgpu);
int mvgpu_ppgtt_lookup(struct mvgpu_vgpu *vgpu, u64 root,
		       struct mvgpu_spt **spt);
int mvgpu_ppgtt_sync(struct mvgpu_vgpu *vgpu, u64 root);
int mvgpu_ppgtt_guest_root(struct mvgpu_vgpu *vgpu, u64 shadow, u64 *root);
int mvgpu_ppgtt_read(struct mvgpu_vgpu *vgpu, struct mvgpu_spt *root,
		     u64 va, void *buf, u32 len);
void mvgpu_ppgtt_unmap(struct mvgpu_vgpu *vgpu, u64 first, u64 last,
		       u64 wfirst, u64 wlast);
void mvgpu_ppgtt_show(struct mvgpu_vgpu *vgpu, struct seq_file *m);

#endif /* _MVGPU_PPGTT_H_ */
