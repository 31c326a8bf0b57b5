/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mvgpu backend interface: how the mediation core reaches a physical GPU.
 *
 * A backend (the reference software GPU, or a driver for real hardware)
 * describes each physical GPU with struct mvgpu_pgpu_caps, implements
 * struct mvgpu_backend_ops, and calls mvgpu_pgpu_register() from its probe
 * path.  The core derives vGPU types from the capabilities and hands the
 * GPU to its front end, which offers them to users (VFIO: mdev types).
 * The core never assumes how the backend is built: it only uses these
 * operations and the capabilities.
 *
 * Context rules: every operation may sleep unless stated otherwise, and is
 * called without core locks that the backend could re-enter.  The backend
 * calls the core back from any context, hard interrupts included: the
 * workloads' @complete callbacks and mvgpu_pgpu_engine_error().
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _LINUX_MVGPU_BACKEND_H
#define _LINUX_MVGPU_BACKEND_H

#include <linux/bits.h>
#include <linux/list.h>
#include <linux/sizes.h>
#include <linux/types.h>
#include <uapi/linux/mvgpu.h>

struct device;
struct page;
struct seq_file;
struct mvgpu_pgpu;

/* The largest context image the core allocates for a backend. */
#define MVGPU_CONTEXT_SIZE_MAX	SZ_64K

/**
 * struct mvgpu_pgpu_caps - what a physical GPU offers to the core
 * @ggtt_size: bytes of graphics address space mapped by the global GTT
 *	(a multiple of 4 KiB; at most 4 GiB, one 8-byte entry per page).
 * @aperture_size: bytes of the CPU-mappable aperture, which is the start
 *	[0, @aperture_size) of the GGTT address space; the rest is hidden.
 * @host_aperture: bytes at the start of the aperture kept by the host.
 * @host_hidden: bytes at the start of the hidden range kept by the host;
 *	it must hold the core's shadow buffers (one MVGPU_SHADOW_SIZE per
 *	engine of each of MVGPU_MAX_VGPUS_PER_PGPU vGPUs).
 * @engine_mask: the engines the GPU has (bit MVGPU_ENGINE_*, at least
 *	one).  The core schedules only these; its vGPUs have only these, and
 *	the guest learns which from the PV info page (MVGPU_PV_ENGINES).
 * @context_size: bytes of one engine context image (struct
 *	mvgpu_hw_workload.ctx), at most MVGPU_CONTEXT_SIZE_MAX; 0 if the
 *	backend keeps no per-submitter state.
 *
 * The core derives the vGPU types it offers from the sizes: each type is
 * a fraction of what is left after the host's reservations (see
 * Documentation/gpu/mvgpu/admin-guide.rst).
 */
struct mvgpu_pgpu_caps {
	u64 ggtt_size;
	u64 aperture_size;
	u64 host_aperture;
	u64 host_hidden;
	u32 engine_mask;
	u32 context_size;
};

/* struct mvgpu_hw_workload.flags */
#define MVGPU_WL_RESUME		BIT(0)

/**
 * struct mvgpu_hw_workload - a command stream handed to an engine
 * @engine: MVGPU_ENGINE_*, one of caps.engine_mask
 * @ctx_id: who submitted it (vGPU id; 0 for the host); for accounting
 * @flags: MVGPU_WL_RESUME: the workload was stopped by a preemption (or
 *	by a reset of the engine on another's behalf) and is submitted again:
 *	resume it where its context image says it stopped.  Without it the
 *	stream is new: start at @head, and forget any position saved in the
 *	image (its registers stay).
 * @start: graphics address of the first command
 * @size: bytes of commands from @start; the stream ends there
 * @head: bytes of the stream completed; the backend advances it and
 *	starts executing at it
 * @status: set by the backend before @complete: 0, -EIO (engine error:
 *	an invalid command or address, or an engine fault), -ECANCELED
 *	(dropped or stopped by an engine reset), -EAGAIN (preempted:
 *	resumable with MVGPU_WL_RESUME)
 * @start_ns: set by the backend (ktime_get_ns()) when the engine starts
 *	executing the workload; 0 while it waits.  The core's hang detection
 *	counts engine time from it, not from the submission.
 * @busy_ns: engine time the workload used, added up across submissions
 * @ctx: the engine context image to load and save, caps.context_size
 *	bytes, or NULL to run on a clean context whose state is not kept.
 *	The core never interprets it: it allocates it zeroed, gives it back
 *	with each of the submitter's workloads on that engine, and zeroes it
 *	when the submitter's engine is reset (after @context_release).  An
 *	all-zero image is a clean context: the engine's reset state and no
 *	saved position.  Like a hardware logical ring context, the engine
 *	loads it when it starts executing the workload and stores its state
 *	back when execution stops (completion, error, preemption, reset), so
 *	submitters sharing an engine do not see each other's registers.
 * @complete: called by the backend once when the workload completed,
 *	failed, was preempted or cancelled, possibly in hard interrupt
 *	context; the backend no longer touches the workload afterwards
 * @node: owned by the backend while the workload is submitted
 *
 * The stream is in graphics memory reachable through the GGTT, with the
 * MVGPU_* command encodings of include/uapi/linux/mvgpu.h: the backend
 * executes the mvgpu command set (a hardware backend translates, or its
 * GPU runs it natively).  Batch buffers it calls are too.  The core only
 * submits streams it has audited.
 *
 * Per-process address spaces: in a stream the core submits, every
 * MI_BATCH_BUFFER_START names a GGTT address (the core's copy of the
 * batch).  With MVGPU_BB_PPGTT, the memory operands of the batch's
 * commands (those without their own GGTT bit) are addresses of the
 * per-process space whose root the stream last loaded into the engine's
 * PML4 register (MVGPU_RING_PML4_LDW/UDW) with MI_LOAD_REGISTER_IMM.  The
 * root the core loads is the GPU address (from @map_page) of a level-4
 * table of the core's shadow: four levels of 512 entries in the
 * MVGPU_GTT_PTE_* format, each naming the GPU address of the next table
 * or, at level 1, of a 4 KiB page.  The engine walks these tables as they
 * are in memory (the core changes entries with single 8-byte stores and
 * keeps every table and page the engine may reach alive until the
 * workload is over), keeps the PML4 register in the context image, and
 * faults on an address at or above 1 << 48 or through an entry that is
 * not present.  A hardware backend loads the root into the context's
 * page-directory pointers.
 */
struct mvgpu_hw_workload {
	u32 engine;
	u32 ctx_id;
	u32 flags;
	u64 start;
	u32 size;
	u32 head;
	int status;
	u64 start_ns;
	u64 busy_ns;
	void *ctx;
	void (*complete)(struct mvgpu_hw_workload *wl);
	struct list_head node;
};

/**
 * struct mvgpu_ctx_reloc - how a context image's addresses move between
 *	GPUs (live migration)
 * @frame: translate frame @depth of a stopped workload's position (0: the
 *	workload's stream; 1 and 2: the batches it called): @buf, the start
 *	of the frame's buffer, and @pos, the next command in it, are graphics
 *	addresses of this GPU's on export and byte offsets from the start of
 *	the workload's stream (struct mvgpu_hw_workload.start) on import, and
 *	the other way back; @root, for a frame whose commands use a
 *	per-process space (@ppgtt), is the root the engine loaded on export
 *	and the guest's root on import.  Returns 0 or -EINVAL.
 * @root: translate the engine's PML4 register likewise (0 stays 0); never
 *	fails: a root the core cannot translate becomes 0, which faults
 * @priv: their cookie
 */
struct mvgpu_ctx_reloc {
	int (*frame)(void *priv, unsigned int depth, u64 *buf, u64 *pos,
		     bool ppgtt, u64 *root);
	void (*root)(void *priv, u64 *root);
	void *priv;
};

/**
 * struct mvgpu_backend_ops - operations on one physical GPU
 * @ggtt_write: write host GGTT entry @index (format: MVGPU_GTT_PTE_*).
 *	@index is below caps.ggtt_size >> 12.  Must not sleep.  The GPU
 *	may use a translation it cached until @ggtt_invalidate.
 * @ggtt_read: read back host GGTT entry @index.  Must not sleep.
 * @ggtt_fill: optional: write @pte to the @count entries from @index;
 *	the same as @count calls of @ggtt_write, faster.  May sleep.
 * @ggtt_invalidate: make every GGTT write so far visible to the engines
 *	(flush write buffers, invalidate GGTT TLBs) before it returns.  The
 *	core calls it after changing entries the GPU may have used, before
 *	it relies on the change: before it submits work that depends on it,
 *	and before it frees or reuses the pages the old entries named.  Must
 *	not sleep.
 * @map_page: make @page reachable by the GPU and return the address to put
 *	into a GGTT entry in @addr.  Returns 0 or a negative errno.
 * @unmap_page: undo @map_page for the address it returned.
 * @submit: queue @wl on its engine; returns 0 or -EINVAL for a bad engine.
 *	Execution is asynchronous; @wl->complete reports the end.
 * @engine_reset: stop @engine, completing every queued or running
 *	workload with -ECANCELED before returning.  May sleep.  Must not be
 *	called from @complete or under a lock @complete takes.
 * @timestamp: the engine's free-running timestamp (MVGPU_TIMESTAMP_HZ).
 *	Must not sleep.
 * @preempt: stop the workload executing on @engine at its next command
 *	boundary (inside batch buffers too, and between chunks of a long
 *	command); it completes with -EAGAIN, @head at the ring position
 *	reached and the rest of its position saved in its context image, and
 *	submitting it again with MVGPU_WL_RESUME resumes it exactly there.  If
 *	no workload has started executing yet, the next one to start is
 *	preempted (before its first command, if need be).  Other queued
 *	workloads are not affected.  Returns at once; must not sleep.  For
 *	the scheduler's slice-end preemption; required.
 * @map_range: optional: make the @size bytes of physically contiguous
 *	pages from @page reachable by the GPU at contiguous addresses and
 *	return the first in @addr.  Returns 0 or a negative errno.  Without
 *	it the core maps such a range page by page with @map_page and
 *	requires the addresses to be contiguous.
 * @unmap_range: undo @map_range for the address and size it was given;
 *	required with @map_range.
 * @context_release: optional: the core is about to zero or free context
 *	image @ctx of @engine: release whatever the backend keeps for it.
 *	Never called while a workload carrying @ctx is submitted.
 * @context_export: optional: make context image @ctx of @engine portable,
 *	in place, for live migration to another GPU.  The state the guest's
 *	commands left (registers) stays; every address of this GPU's is
 *	translated through @reloc: the engine's PML4 register with
 *	@reloc->root, and, when the image holds a stopped workload's
 *	position, each frame of it with @reloc->frame.  Returns 0 or the
 *	first error of @reloc.  Never called while a workload carrying @ctx
 *	is submitted.  Without @context_export and @context_import a
 *	backend with context images cannot migrate vGPUs.
 * @context_import: optional: the reverse, for an image @context_export
 *	made on another GPU, which comes from the migration stream and so is
 *	untrusted: check its structure (-EINVAL), then translate its
 *	addresses through @reloc, which checks them.  The core zeroes the
 *	image after an error.
 * @context_show: optional: print @ctx of @engine for debugfs, one
 *	"key: value" line each, keys prefixed with @prefix.
 */
struct mvgpu_backend_ops {
	void (*ggtt_write)(void *priv, u32 index, u64 pte);
	u64 (*ggtt_read)(void *priv, u32 index);
	void (*ggtt_fill)(void *priv, u32 index, u32 count, u64 pte);
	void (*ggtt_invalidate)(void *priv);
	int (*map_page)(void *priv, struct page *page, u64 *addr);
	void (*unmap_page)(void *priv, u64 addr);
	int (*submit)(void *priv, struct mvgpu_hw_workload *wl);
	void (*engine_reset)(void *priv, u32 engine);
	u64 (*timestamp)(void *priv, u32 engine);
	void (*preempt)(void *priv, u32 engine);
	int (*map_range)(void *priv, struct page *page, u64 size, u64 *addr);
	void (*unmap_range)(void *priv, u64 addr, u64 size);
	void (*context_release)(void *priv, u32 engine, void *ctx);
	int (*context_export)(void *priv, u32 engine, void *ctx,
			      const struct mvgpu_ctx_reloc *reloc);
	int (*context_import)(void *priv, u32 engine, void *ctx,
			      const struct mvgpu_ctx_reloc *reloc);
	void (*context_show)(void *priv, u32 engine, const void *ctx,
			     struct seq_file *m, const char *prefix);
};

struct mvgpu_pgpu *mvgpu_pgpu_register(struct device *dev,
				       const struct mvgpu_pgpu_caps *caps,
				       const struct mvgpu_backend_ops *ops,
				       void *priv);
void mvgpu_pgpu_unregister(struct mvgpu_pgpu *pgpu);
int mvgpu_pgpu_remove_begin(struct mvgpu_pgpu *pgpu, unsigned int timeout_ms);
void mvgpu_pgpu_remove_cancel(struct mvgpu_pgpu *pgpu);
void mvgpu_pgpu_engine_error(struct mvgpu_pgpu *pgpu, u32 engine);
const char *mvgpu_cmd_error_name(u32 error);

#endif /* _LINUX_MVGPU_BACKEND_H */
