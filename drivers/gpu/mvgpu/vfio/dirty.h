/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The dirty page log of a vGPU (VFIO device DMA logging, for live
 * migration): the bookkeeping, apart from VFIO so that KUnit can drive it
 * (vfio/dirty_set.c).  vfio/dirty.c connects it to VFIO's log_ops, to the
 * pins of vfio/dma.c and to the core.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_VFIO_DIRTY_H_
#define _MVGPU_VFIO_DIRTY_H_

#include <linux/bits.h>
#include <linux/interval_tree.h>
#include <linux/mutex.h>
#include <linux/rbtree.h>
#include <linux/types.h>
#include <linux/xarray.h>

/* Frames are 4 KiB, the GPU's page (MVGPU_GTT_PAGE_SHIFT). */
#define MVGPU_DIRTY_FRAME_SHIFT		12
/* Ranges one log may cover: what VFIO accepts (a page of ranges). */
#define MVGPU_DIRTY_MAX_RANGES		256u
/* Frames per entry of the dirty set: bits of an xarray value entry. */
#define MVGPU_DIRTY_CHUNK_BITS		(BITS_PER_LONG / 2)
/*
 * Entries of the dirty set before it gives up and reports everything
 * (struct mvgpu_vfio_dirty.overflow): 128 GiB of dirty frames, about
 * 10 MiB of xarray.
 */
#define MVGPU_DIRTY_MAX_CHUNKS		BIT(20)

/**
 * struct mvgpu_dirty_act - a sample of what may write guest memory behind
 *	the core's back
 * @gpu: mvgpu_vgpu_gpu_activity(): moves while the GPU works for the vGPU
 * @cpu: faults on CPU mappings of the aperture: a mapping must be faulted
 *	in again after each report (the report zaps them)
 *
 * Two samples differ if anything happened between them.
 */
struct mvgpu_dirty_act {
	u64 gpu;
	u64 cpu;
};

/**
 * struct mvgpu_vfio_dirty - a vGPU's dirty page log and pinned frames
 * @lock: protects the fields below; nests inside the vGPU lock, and
 *	nothing under it takes the vGPU lock or touches user memory
 * @logging: a log is on (read without @lock for a quick test)
 * @nodes: the log's ranges, in frames (kvcalloc()ed)
 * @ranges: interval tree of @nodes
 * @nr_nodes: entries in @nodes
 * @dirty: the dirty frames: index gfn / MVGPU_DIRTY_CHUNK_BITS, value
 *	entry holding a bit per frame of the chunk; only frames inside
 *	@ranges, kept until reported
 * @nr_chunks: entries in @dirty
 * @overflow: @dirty outgrew MVGPU_DIRTY_MAX_CHUNKS or could not grow:
 *	every frame of @ranges is reported dirty until the log stops
 * @pins: interval tree of struct mvgpu_dirty_pin: the frames pinned for
 *	the GPU, logging or not (a log starting must know them)
 * @nr_pins: distinct pinned extents in @pins
 * @last: the activity sample of the last report (or of the start)
 * @active_prev: the last report saw activity (or the log just started)
 */
struct mvgpu_vfio_dirty {
	struct mutex lock;	/* protects the fields below */
	bool logging;
	struct interval_tree_node *nodes;
	struct rb_root_cached ranges;
	u32 nr_nodes;
	struct xarray dirty;
	unsigned long nr_chunks;
	bool overflow;
	struct rb_root_cached pins;
	unsigned long nr_pins;
	struct mvgpu_dirty_act last;
	bool active_prev;
};

/**
 * typedef mvgpu_dirty_report_t - receives dirty frames at a report
 * @priv: the caller's cookie
 * @gfn: first frame
 * @npages: how many
 */
typedef void (*mvgpu_dirty_report_t)(void *priv, u64 gfn, u64 npages);

void mvgpu_dirty_init(struct mvgpu_vfio_dirty *d);
void mvgpu_dirty_fini(struct mvgpu_vfio_dirty *d);
int mvgpu_dirty_start(struct mvgpu_vfio_dirty *d,
		      struct rb_root_cached *ranges, u32 nnodes,
		      const struct mvgpu_dirty_act *now);
void mvgpu_dirty_stop(struct mvgpu_vfio_dirty *d);
int mvgpu_dirty_pin(struct mvgpu_vfio_dirty *d, u64 gfn, u64 npages);
void mvgpu_dirty_unpin(struct mvgpu_vfio_dirty *d, u64 gfn, u64 npages,
		       const struct mvgpu_dirty_act *now);
void mvgpu_dirty_mark(struct mvgpu_vfio_dirty *d, u64 gfn, u64 npages);
int mvgpu_dirty_read_clear(struct mvgpu_vfio_dirty *d, u64 first, u64 last,
			   const struct mvgpu_dirty_act *now,
			   mvgpu_dirty_report_t report, void *priv);

#endif /* _MVGPU_VFIO_DIRTY_H_ */
