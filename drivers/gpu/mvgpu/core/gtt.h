/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GGTT shadowing: the guest writes GTT entries in the upper half of BAR0;
 * each write is validated, the guest frame is pinned and translated, and
 * the host GGTT entry is written through the backend.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_GTT_H_
#define _MVGPU_GTT_H_

#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "core/pin.h"

struct mvgpu_vgpu;

/**
 * struct mvgpu_gtt_stats - GTT counters shown in debugfs
 * @writes: entry writes
 * @out_of_range: writes to entries outside the vGPU's slices (dropped)
 * @bad_entry: malformed entries (pointed at scratch)
 * @unmapped_frame: entries naming a frame not mapped for DMA (scratch)
 * @invalidated: entries pointed at scratch by a DMA unmap
 * @repinned: entries outside an unmapped range whose extent the unmap
 *	evicted, re-translated afterwards
 * @run_fallbacks: misses whose 64 KiB run could not be pinned as one
 *	extent (not all DMA-mapped, not contiguous), pinned alone instead
 * @unmapping: writes naming a frame whose DMA unmap was in progress
 *	(pointed at scratch, as the frame is going away)
 * @reset_races: writes dropped because a device reset came while they
 *	were pinning
 * @aperture_faults: CPU faults on the aperture mapping
 * @aperture_sigbus: aperture faults on entries without a page
 * @ggtt_invalidates: backend GGTT invalidates after host entry changes
 */
struct mvgpu_gtt_stats {
	u64 writes;
	u64 out_of_range;
	u64 bad_entry;
	u64 unmapped_frame;
	u64 invalidated;
	u64 repinned;
	u64 run_fallbacks;
	u64 unmapping;
	u64 reset_races;
	u64 aperture_faults;
	u64 aperture_sigbus;
	u64 ggtt_invalidates;
};

/**
 * struct mvgpu_gtt_block - guest memory that no new pin may enter
 * @node: entry in the vGPU's gtt.blocked list
 * @vgpu: the vGPU, or NULL once it forgot the block
 * @first: first guest frame
 * @last: last guest frame (inclusive)
 *
 * Owned by whoever asked for it (the DMA unmap path), who lifts it with
 * mvgpu_gtt_unblock() once the unmap is complete; it may outlive the
 * vGPU's interest in it (mvgpu_gtt_forget_blocks()).
 */
struct mvgpu_gtt_block {
	struct list_head node;
	struct mvgpu_vgpu *vgpu;
	u64 first;
	u64 last;
};

/**
 * struct mvgpu_gtt - a vGPU's view of the GGTT, limited to its slices
 * @entries: guest-written values: the aperture slice, then the hidden one
 * @pinned: entries holding a reference in @pins
 * @nr_aperture: entries in the aperture slice
 * @nr_hidden: entries in the hidden slice
 * @ap_sem: protects @ap_pages; the aperture fault path takes it for read
 *	without the vGPU lock, and writers take it under the vGPU lock
 *	(pinning, which takes the mmap lock, runs under @write_lock only)
 * @ap_pages: page behind each aperture entry, NULL when none
 * @pins: pinned guest frames
 * @write_lock: serializes guest GTT writes, which drop the vGPU lock to
 *	pin (taken before the vGPU lock)
 * @inval_seq: bumped by DMA unmap and reset; a pin made while it moved is
 *	retried
 * @ggtt_dirty: host GGTT entries changed since the last GGTT invalidate
 *	(mvgpu_gtt_flush_ggtt())
 * @reset_gen: bumped by reset; a write that saw it move while pinning is
 *	dropped
 * @blocked: struct mvgpu_gtt_block of ranges being unmapped (under a
 *	lock of gtt.c's own, as blocks outlive the vGPU lock's reach)
 * @repin: entries to re-translate: a DMA unmap evicted the extent holding
 *	their frame, though the frame itself stays mapped
 * @repin_work: re-translates the @repin entries, in process context
 *	without VFIO's locks
 * @repin_quiesce: engine quiesce references @repin_work drops when done
 * @gen: bumped at every write of a host entry (guest writes, DMA unmaps,
 *	resets): while it is unchanged, every graphics address reaches the
 *	same guest page
 * @stats: counters (under the vGPU lock, but for the fault counters)
 */
struct mvgpu_gtt {
	u64 *entries;
	unsigned long *pinned;
	u32 nr_aperture;
	u32 nr_hidden;
	struct rw_semaphore ap_sem;
	struct page **ap_pages;
	struct mvgpu_pin_cache pins;
	struct mutex write_lock;	/* see @write_lock above */
	u64 inval_seq;
	bool ggtt_dirty;
	u64 reset_gen;
	struct list_head blocked;
	unsigned long *repin;
	struct work_struct repin_work;
	unsigned int repin_quiesce;
	u64 gen;
	struct mvgpu_gtt_stats stats;
};

/**
 * struct mvgpu_gfn_span - the guest frames a range of pages came from
 * @first: lowest guest frame number
 * @last: highest
 */
struct mvgpu_gfn_span {
	u64 first;
	u64 last;
};

int mvgpu_gtt_pte_check(u64 pte);
u32 mvgpu_gtt_to_global(struct mvgpu_vgpu *vgpu, u32 local);
int mvgpu_gtt_init(struct mvgpu_vgpu *vgpu, const struct mvgpu_pin_ops *ops,
		   void *ctx);
void mvgpu_gtt_fini(struct mvgpu_vgpu *vgpu);
void mvgpu_gtt_reset(struct mvgpu_vgpu *vgpu);
void mvgpu_gtt_flush_ggtt(struct mvgpu_vgpu *vgpu);
int mvgpu_gtt_mmio_read(struct mvgpu_vgpu *vgpu, u32 offset, void *buf,
			unsigned int bytes);
int mvgpu_gtt_mmio_write(struct mvgpu_vgpu *vgpu, u32 offset,
			 const void *buf, unsigned int bytes);
void mvgpu_vgpu_unlock(struct mvgpu_vgpu *vgpu);
void mvgpu_gtt_flush_repin(struct mvgpu_vgpu *vgpu);
void mvgpu_gtt_invalidate(struct mvgpu_vgpu *vgpu, u64 iova, u64 length,
			  struct mvgpu_gtt_block *block);
void mvgpu_gtt_unblock(struct mvgpu_gtt_block *block);
void mvgpu_gtt_forget_blocks(struct mvgpu_vgpu *vgpu);
int mvgpu_gtt_aperture_rw(struct mvgpu_vgpu *vgpu, u64 offset, void *buf,
			  unsigned int len, bool write);
bool mvgpu_gtt_range_ok(struct mvgpu_vgpu *vgpu, u64 gm, u64 len);
int mvgpu_gtt_gm_rw(struct mvgpu_vgpu *vgpu, u64 gm, void *buf, u32 len,
		    bool write);
int mvgpu_gtt_gm_get_pages(struct mvgpu_vgpu *vgpu, u64 gm, unsigned int nr,
			   struct page **pages, struct mvgpu_gfn_span *span);
struct page *mvgpu_gtt_aperture_page(struct mvgpu_vgpu *vgpu, u64 offset);
struct mvgpu_pin *mvgpu_gtt_ref_frame(struct mvgpu_vgpu *vgpu, u64 gfn,
				      int *err);

#endif /* _MVGPU_GTT_H_ */
