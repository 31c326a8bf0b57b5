/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest-visible engines: ring registers, submission of audited shadow
 * workloads to the physical engine, completion, errors and resets.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_ENGINE_H_
#define _MVGPU_ENGINE_H_

#include <linux/sizes.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/mvgpu_backend.h>
#include <linux/mvgpu.h>

#include "core/cmd_parser.h"
#include "core/host_mem.h"
#include "core/sched.h"

struct mvgpu_vgpu;
struct mvgpu_reg_desc;

/* Shadow buffer per vGPU engine: ring segment plus batch copies. */
#define MVGPU_SHADOW_SIZE	SZ_1M
#define MVGPU_SHADOW_PAGES	(MVGPU_SHADOW_SIZE >> 12)

extern unsigned int mvgpu_hang_timeout_ms;

/**
 * struct mvgpu_engine_stats - per vGPU engine counters (debugfs)
 * @submitted: workloads handed to the physical engine
 * @completed: workloads completed
 * @rejected: submissions the command parser rejected
 * @hangs: workloads declared hung
 * @resubmitted: workloads that went back to the scheduler unfinished
 *	(preempted at the end of a slice, or stopped by an engine reset that
 *	was not theirs) to resume where they stopped
 * @cancelled: workloads dropped by a guest engine reset or device reset
 * @resets: engine resets requested by the guest
 * @cmds: commands scanned
 * @batches: batch buffers shadowed
 * @bytes: bytes shadowed
 * @busy_ns: physical engine time used
 * @as_waits: submissions that waited for an address space to be shadowed
 */
struct mvgpu_engine_stats {
	u64 submitted;
	u64 completed;
	u64 rejected;
	u64 hangs;
	u64 resubmitted;
	u64 cancelled;
	u64 resets;
	u64 cmds;
	u64 batches;
	u64 bytes;
	u64 busy_ns;
	u64 as_waits;
};

/**
 * struct mvgpu_engine_mig - a workload that was in flight on the migration
 *	source, waiting for its first kick on the destination
 * @pos: bytes of its stream completed (struct mvgpu_hw_workload.head)
 * @size: bytes of its stream on the source: the scan again must agree
 * @resume: its context image holds its position (MVGPU_WL_RESUME)
 * @busy_ns: engine time it used so far
 * @ring_bytes: bytes of the stream the scan again made
 * @starts: MVGPU_CMD_STARTS_BITS bits: the command starts of that scan
 * @copies: its batch copies
 * @nr_copies: entries in @copies
 *
 * The stream names positions by offset in the shadow; the destination
 * scans the guest's ring segment again (the guest's memory migrated with
 * it) and resumes only at positions where that scan found a command of
 * the same kind, in the same address space.
 */
struct mvgpu_engine_mig {
	u32 pos;
	u32 size;
	bool resume;
	u64 busy_ns;
	u32 ring_bytes;
	unsigned long *starts;
	struct mvgpu_cmd_copy copies[MVGPU_CMD_MAX_BATCHES];
	u32 nr_copies;
};

/**
 * struct mvgpu_engine - one engine of a vGPU
 * @vgpu: owner
 * @id: MVGPU_ENGINE_*
 * @base: register base
 * @present: the physical GPU has this engine (the vGPU type's engines)
 * @busy: a workload is in flight: with the scheduler or the physical engine
 * @broken: a submission was rejected or hung: no more work until reset
 * @reset_pending: the guest asked for an engine reset while busy
 * @wl_head: guest HEAD at which the workload in flight started
 * @wl_ring_size: size of the guest ring it came from
 * @wl_tail: guest TAIL at which the workload in flight ends
 * @wl_user_interrupts: MI_USER_INTERRUPTs to raise at its completion
 * @generation: counts submissions
 * @wl: the workload in flight
 * @ctx: the engine context image that the physical engine loads and saves
 *	around the workload: caps.context_size bytes, opaque, allocated at
 *	open (mvgpu_engines_prepare()), or NULL
 * @shadow: shadow buffer, allocated at open
 * @sched: scheduling state, protected by the physical engine's scheduler
 *	lock (core/sched.h)
 * @as_work: shadows the address space the pending submission needs
 * @as_wait: @as_work is pending: no submission until it is done
 * @as_root: the root it shadows
 * @as_failed: @as_work could not shadow @as_fail_root: the next scan
 *	that loads it is refused with @as_fail_err
 * @as_fail_root: that root (0 is a root like any other)
 * @as_fail_err: -EINVAL, -EFAULT, -E2BIG or -ENOMEM
 * @tlb_applied: the pending submission's TLB invalidation was applied
 * @mig: a workload migrated in flight, resumed at the next kick, or NULL
 * @stats: counters
 *
 * All fields but @sched are protected by the vGPU lock; @wl and @ctx are
 * the scheduler thread's while it has the engine on the physical one.
 */
struct mvgpu_engine {
	struct mvgpu_vgpu *vgpu;
	u32 id;
	u32 base;
	bool present;
	bool busy;
	bool broken;
	bool reset_pending;
	u32 wl_head;
	u32 wl_ring_size;
	u32 wl_tail;
	u32 wl_user_interrupts;
	u64 generation;
	struct mvgpu_hw_workload wl;
	void *ctx;
	struct mvgpu_host_mem shadow;
	struct mvgpu_sched_client sched;
	struct work_struct as_work;
	bool as_wait;
	u64 as_root;
	bool as_failed;
	u64 as_fail_root;
	int as_fail_err;
	bool tlb_applied;
	struct mvgpu_engine_mig *mig;
	struct mvgpu_engine_stats stats;
};

void mvgpu_engines_init(struct mvgpu_vgpu *vgpu);
int mvgpu_engines_prepare(struct mvgpu_vgpu *vgpu);
void mvgpu_engines_fini(struct mvgpu_vgpu *vgpu);
void mvgpu_engines_quiesce(struct mvgpu_vgpu *vgpu);
void mvgpu_engines_resume(struct mvgpu_vgpu *vgpu);
void mvgpu_engines_reset(struct mvgpu_vgpu *vgpu);
void mvgpu_engines_flush(struct mvgpu_vgpu *vgpu);
bool mvgpu_engines_idle(struct mvgpu_vgpu *vgpu);
void mvgpu_engine_kick(struct mvgpu_engine *e);
void mvgpu_engine_retire(struct mvgpu_engine *e, int status, bool hung);
void mvgpu_engine_mig_free(struct mvgpu_engine *e);

u32 mvgpu_engine_mi_mode_read(struct mvgpu_vgpu *vgpu,
			      const struct mvgpu_reg_desc *reg,
			      unsigned int idx, u32 val);
u32 mvgpu_engine_acthd_read(struct mvgpu_vgpu *vgpu,
			    const struct mvgpu_reg_desc *reg,
			    unsigned int idx, u32 val);
u32 mvgpu_engine_timestamp_read(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 val);
void mvgpu_engine_ring_written(struct mvgpu_vgpu *vgpu,
			       const struct mvgpu_reg_desc *reg,
			       unsigned int idx, u32 old, u32 new);
void mvgpu_engine_tlb_inv_written(struct mvgpu_vgpu *vgpu,
				  const struct mvgpu_reg_desc *reg,
				  unsigned int idx, u32 old, u32 new);
void mvgpu_engine_gdrst_written(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 old, u32 new);

#endif /* _MVGPU_ENGINE_H_ */
