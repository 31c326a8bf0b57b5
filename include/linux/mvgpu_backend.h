/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mvgpu backend interface: how the mediation core reaches a physical GPU.
 *
 * A backend (the reference software GPU, or a driver for real hardware)
 * describes each physical GPU with struct mvgpu_pgpu_caps, implements
 * struct mvgpu_backend_ops, and calls mvgpu_pgpu_register() from its probe
 * path.  The core then registers the device as an mdev parent and offers
 * vGPU types on it.  The core never assumes how the backend is built: it
 * only uses these operations and the capabilities.
 *
 * Context rules: every operation may sleep unless stated otherwise, and is
 * called without core locks that the backend could re-enter.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _LINUX_MVGPU_BACKEND_H
#define _LINUX_MVGPU_BACKEND_H

#include <linux/list.h>
#include <linux/types.h>
#include <uapi/linux/mvgpu.h>

struct device;
struct page;
struct mvgpu_pgpu;

/**
 * struct mvgpu_pgpu_caps - what a physical GPU offers to the core
 * @ggtt_size: bytes of graphics address space mapped by the global GTT
 *	(a multiple of 4 KiB; at most 4 GiB, one 8-byte entry per page).
 * @aperture_size: bytes of the CPU-mappable aperture, which is the start
 *	[0, @aperture_size) of the GGTT address space; the rest is hidden.
 * @host_aperture: bytes at the start of the aperture kept by the host.
 * @host_hidden: bytes at the start of the hidden range kept by the host.
 * @engine_mask: bitmap of engines (bit 0 render, bit 1 copy).
 */
struct mvgpu_pgpu_caps {
	u64 ggtt_size;
	u64 aperture_size;
	u64 host_aperture;
	u64 host_hidden;
	u32 engine_mask;
};

/* Words of backend-private execution state in a context image. */
#define MVGPU_HW_CTX_ENGINE_WORDS	16

/**
 * struct mvgpu_hw_context - an engine context image
 * @gpr: the engine's general purpose registers (MVGPU_CS_GPR)
 * @engine: backend-private execution state of a workload stopped by a
 *	preemption (batch buffer stack, progress inside a long command); all
 *	zero when the workload is to start or resume at its @head.  The core
 *	never interprets it; it saves and restores it as plain data.
 *
 * Like a hardware logical ring context: the engine loads the image when it
 * starts executing a workload that carries it and stores the engine's
 * state back into it whenever execution stops (completion, error,
 * preemption, reset), so several submitters can share one engine without
 * seeing each other's registers.  The scheduler keeps one per vGPU engine.
 */
struct mvgpu_hw_context {
	u64 gpr[MVGPU_NUM_GPRS];
	u64 engine[MVGPU_HW_CTX_ENGINE_WORDS];
};

/**
 * struct mvgpu_hw_workload - a command stream handed to an engine
 * @engine: MVGPU_ENGINE_*
 * @ctx_id: who submitted it (vGPU id; 0 for the host); for accounting
 * @start: graphics address of the first command
 * @size: bytes of commands from @start; the stream ends there
 * @head: bytes of the stream completed; the backend advances it and
 *	starts executing at it
 * @status: set by the backend before @complete: 0, -EIO (engine error:
 *	an invalid command or address), -ECANCELED (dropped or stopped by an
 *	engine reset), -EAGAIN (preempted: resumable from @head)
 * @start_ns: set by the backend (ktime_get_ns()) when the engine starts
 *	executing the workload; 0 while it waits in the queue.  The core's
 *	hang detection measures execution, not queueing.
 * @busy_ns: engine time the workload used, added up across submissions
 * @ctx: the context image to load and save (see struct mvgpu_hw_context),
 *	or NULL to run on a clean context whose state is not kept
 * @complete: called by the backend once, in process context, when the
 *	workload completed, hung or was cancelled; the backend no longer
 *	touches it afterwards
 * @node: owned by the backend while the workload is submitted
 *
 * The stream is in graphics memory reachable through the GGTT, with the
 * MVGPU_* command encodings of include/uapi/linux/mvgpu.h.  Batch buffers
 * it calls are too.  The core only submits streams it has audited.
 */
struct mvgpu_hw_workload {
	u32 engine;
	u32 ctx_id;
	u64 start;
	u32 size;
	u32 head;
	int status;
	u64 start_ns;
	u64 busy_ns;
	struct mvgpu_hw_context *ctx;
	void (*complete)(struct mvgpu_hw_workload *wl);
	struct list_head node;
};

/**
 * struct mvgpu_backend_ops - operations on one physical GPU
 * @ggtt_write: write host GGTT entry @index (format: MVGPU_GTT_PTE_*).
 *	@index is below caps.ggtt_size >> 12.  Must not sleep.
 * @ggtt_read: read back host GGTT entry @index.  Must not sleep.
 * @map_page: make @page reachable by the GPU and return the address to put
 *	into a GGTT entry in @addr.  Returns 0 or a negative errno.
 * @unmap_page: undo @map_page for the address it returned.
 * @submit: queue @wl on its engine; returns 0 or -EINVAL for a bad engine.
 *	Execution is asynchronous; @wl->complete reports the end.
 * @engine_reset: stop @engine, completing every queued or running
 *	workload with -ECANCELED before returning.  May sleep.  Must not be
 *	called from @complete or under a lock @complete takes.
 * @timestamp: the engine's free-running timestamp (MVGPU_TIMESTAMP_HZ).
 * @preempt: stop the workload executing on @engine at its next command
 *	boundary (inside batch buffers too, and between chunks of a long
 *	command); it completes with -EAGAIN, @head at the ring position
 *	reached and the rest of its position saved in its context image, and
 *	submitting it again resumes it exactly there.  If no workload has
 *	started executing yet, the next one to start is preempted (before
 *	its first command, if need be).  Other queued workloads are not
 *	affected.  Returns at once; must not sleep.  For the scheduler's
 *	slice-end preemption; required.
 * @map_range: optional: make the @size bytes of physically contiguous
 *	pages from @page reachable by the GPU at contiguous addresses and
 *	return the first in @addr.  Returns 0 or a negative errno.  Without
 *	it the core maps such a range page by page with @map_page and
 *	requires the addresses to be contiguous.
 * @unmap_range: undo @map_range for the address and size it was given;
 *	required with @map_range.
 */
struct mvgpu_backend_ops {
	void (*ggtt_write)(void *priv, u32 index, u64 pte);
	u64 (*ggtt_read)(void *priv, u32 index);
	int (*map_page)(void *priv, struct page *page, u64 *addr);
	void (*unmap_page)(void *priv, u64 addr);
	int (*submit)(void *priv, struct mvgpu_hw_workload *wl);
	void (*engine_reset)(void *priv, u32 engine);
	u64 (*timestamp)(void *priv, u32 engine);
	void (*preempt)(void *priv, u32 engine);
	int (*map_range)(void *priv, struct page *page, u64 size, u64 *addr);
	void (*unmap_range)(void *priv, u64 addr, u64 size);
};

struct mvgpu_pgpu *mvgpu_pgpu_register(struct device *dev,
				       const struct mvgpu_pgpu_caps *caps,
				       const struct mvgpu_backend_ops *ops,
				       void *priv);
void mvgpu_pgpu_unregister(struct mvgpu_pgpu *pgpu);
const char *mvgpu_cmd_error_name(u32 error);

#endif /* _LINUX_MVGPU_BACKEND_H */
