/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reference software GPU's engines: execution contexts, the command
 * executor and the memory accessor they use.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_SGPU_ENGINE_H_
#define _MVGPU_SGPU_ENGINE_H_

#include <linux/build_bug.h>
#include <linux/irq_work.h>
#include <linux/list.h>
#include <linux/lockdep_types.h>
#include <linux/mutex.h>
#include <linux/mvgpu_backend.h>
#include <linux/ratelimit.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <uapi/linux/mvgpu.h>

struct dentry;
struct sgpu_gpu;
struct task_struct;

/* Batch buffer levels below the ring: first and second level. */
#define SGPU_EXEC_MAX_DEPTH	2
/* The longest command: an 8-bit length field plus 2. */
#define SGPU_CMD_MAX_DW		(0xff + 2)
/* Bytes a long command moves between two looks at the stop request. */
#define SGPU_CHUNK		SZ_4K
/* Bounce buffers of SGPU_CHUNK bytes per engine (compute: a, b, dst). */
#define SGPU_NR_BOUNCE		3

/**
 * struct sgpu_as - an address space the engines reach memory through
 * @pml4: for @ppgtt, the root of the per-process space: the GPU (here
 *	physical) address of its level-4 table, as the engine's PML4
 *	register held it; an address of 0 faults every access
 * @ppgtt: translate through the four-level tables rooted at @pml4
 *	(MVGPU_PPGTT_*); false: through the GGTT, and @pml4 is 0
 *
 * All zero is the GGTT (sgpu_as_ggtt).  Part of the context image (in
 * struct sgpu_exec_frame).
 */
struct sgpu_as {
	u64 pml4;
	bool ppgtt;
};

extern const struct sgpu_as sgpu_as_ggtt;

/**
 * struct sgpu_exec_frame - one buffer on the execution stack
 * @buf: graphics address of the buffer's start (the stream start for the
 *	ring, the BB_START target for a batch); for error reports
 * @pos: graphics address of the next command to execute in it
 * @as: the address space of its commands' memory operands (those without
 *	their own GGTT bit): the GGTT for the ring and GGTT batches; for a
 *	batch started with MVGPU_BB_PPGTT, the per-process space of the PML4
 *	register as it was when that MI_BATCH_BUFFER_START executed.  The
 *	buffer itself is always fetched through the GGTT.
 */
struct sgpu_exec_frame {
	u64 buf;
	u64 pos;
	struct sgpu_as as;
};

/**
 * struct sgpu_exec_cursor - progress inside a long command
 * @done: rows (blits) or elements (compute) already completed
 * @acc: value carried from one chunk to the next (the running checksum)
 *
 * Long commands resume from here when re-executed after a stop, so a stop
 * between two chunks loses no work.
 */
struct sgpu_exec_cursor {
	u64 done;
	u32 acc;
};

/**
 * struct sgpu_context - the software GPU's engine context image
 * @gpr: the engine's general purpose registers (MVGPU_CS_GPR)
 * @pml4: the engine's PML4 register (MVGPU_RING_PML4_LDW/UDW)
 * @saved: 1 when a stopped workload's position is saved below, else 0
 * @depth: index of the buffer that was executing
 * @stack: the execution stack (struct sgpu_exec_state), each frame with
 *	its address space, so a workload stopped inside a PPGTT batch
 *	resumes in the space that batch started in
 * @cursor: progress inside the command at the top of the stack
 *
 * What struct mvgpu_hw_workload.ctx points at (caps.context_size bytes):
 * all zero is the engine's reset state.  Loaded when a workload starts
 * executing, stored back when it stops: the registers always, the
 * position when a preemption stopped it.  A new workload (no
 * MVGPU_WL_RESUME) starts with the registers of the image, PML4 included.
 */
struct sgpu_context {
	u64 gpr[MVGPU_NUM_GPRS];
	u64 pml4;
	u32 saved;
	u32 depth;
	struct sgpu_exec_frame stack[SGPU_EXEC_MAX_DEPTH + 1];
	struct sgpu_exec_cursor cursor;
};

static_assert(sizeof(struct sgpu_context) <= MVGPU_CONTEXT_SIZE_MAX);

/**
 * struct sgpu_exec_state - where a workload's execution stands
 * @stack: @stack[0] is the ring (the workload's stream), @stack[1] the
 *	first-level batch, @stack[2] the second-level batch
 * @depth: index of the buffer executing now
 * @ring_end: graphics address just past the workload's stream
 * @cursor: progress inside the command at the top of the stack
 * @saveable: the workload has a context image: a preemption may stop it
 *	anywhere and keep its position there
 * @nr_cmds: commands completed
 * @error: MVGPU_ERR_* after an engine error
 * @error_offset: byte offset of the failing command in its buffer
 * @error_buf: graphics address of that buffer
 *
 * Everything needed to continue a stopped workload is here and in the
 * workload: a stop at a command boundary (or between two chunks of a long
 * command) leaves the state consistent, so a later preemption can save it
 * with the workload and resume it with sgpu_exec_run().
 */
struct sgpu_exec_state {
	struct sgpu_exec_frame stack[SGPU_EXEC_MAX_DEPTH + 1];
	unsigned int depth;
	u64 ring_end;
	struct sgpu_exec_cursor cursor;
	bool saveable;
	u64 nr_cmds;
	u32 error;
	u32 error_offset;
	u64 error_buf;
};

/**
 * enum sgpu_exec_result - why sgpu_exec_run() returned
 * @SGPU_EXEC_DONE: the stream ended; the workload is complete
 * @SGPU_EXEC_ERROR: engine error; the state's error fields say which
 * @SGPU_EXEC_STOPPED: a stop was requested; the state can be resumed
 */
enum sgpu_exec_result {
	SGPU_EXEC_DONE,
	SGPU_EXEC_ERROR,
	SGPU_EXEC_STOPPED,
};

/**
 * struct sgpu_engine_stats - per-engine counters (monotonic)
 * @busy_ns: time spent executing workloads
 * @completed: workloads that ran to their end
 * @errors: workloads stopped by an engine error
 * @cancelled: workloads dropped or stopped by an engine reset
 * @preempted: workloads stopped by a preemption (resumable)
 * @resets: engine resets
 * @faults: engine faults (sgpu_engine_fault())
 * @cmds: commands completed
 *
 * Written by the engine thread only, read locklessly (64-bit kernels).
 */
struct sgpu_engine_stats {
	u64 busy_ns;
	u64 completed;
	u64 errors;
	u64 cancelled;
	u64 preempted;
	u64 resets;
	u64 faults;
	u64 cmds;
};

/**
 * struct sgpu_engine - one engine (execution context) of a software GPU
 * @gpu: the GPU it belongs to
 * @id: MVGPU_ENGINE_*
 * @name: "rcs" or "bcs"
 * @thread: the kthread that executes this engine's workloads
 * @lock: protects @queue, @cancel, @active, @active_since, @stop, @preempt,
 *	@reset_req, @reset_ack and @dead
 * @queue: submitted workloads, FIFO, linked by their node
 * @cancel: workloads an engine reset took off @queue, to be cancelled by
 *	the thread
 * @active: the workload executing now, or NULL
 * @stop: ask the executor to stop at the next command boundary (or
 *	between two chunks of a long command); read without @lock
 * @preempt: like @stop, for a preemption of @active: it completes with
 *	-EAGAIN and can be resumed; cleared when @active changes
 * @reset_req: engine resets requested
 * @reset_ack: engine resets the thread has carried out
 * @wedged: the engine faulted: it executes nothing until it is reset
 * @fault_irq: delivers the fault's error interrupt (gpu->fault)
 * @dead: the engine is shut down and takes no more work
 * @work_wq: the thread waits here for work or a reset
 * @reset_wq: engine_reset waits here for the thread to carry it out
 * @reset_lock: serializes engine resets
 * @complete_map: lockdep: "held" by the thread around completion
 *	callbacks and taken by engine_reset before it waits for the thread,
 *	so that lockdep sees a reset issued under a lock that a completion
 *	callback takes
 * @active_since: ktime_get_ns() when @active started (debugfs)
 * @st: execution state of @active (thread only)
 * @gpr: the general purpose registers (thread only while busy)
 * @pml4: the PML4 register, the root of the per-process space that the
 *	next PPGTT batch uses (thread only while busy)
 * @cmd: the command being executed (thread only)
 * @bounce: SGPU_NR_BOUNCE buffers of SGPU_CHUNK bytes (thread only)
 * @stats: counters
 * @last_error: the last engine error's MVGPU_ERR_* (debugfs)
 * @rs: rate limit of this engine's error messages
 * @debugfs: the engine's debugfs file
 */
struct sgpu_engine {
	struct sgpu_gpu *gpu;
	u32 id;
	const char *name;
	struct task_struct *thread;

	spinlock_t lock;	/* see above */
	struct list_head queue;
	struct list_head cancel;
	struct mvgpu_hw_workload *active;
	bool stop;
	bool preempt;
	u64 reset_req;
	u64 reset_ack;
	bool wedged;
	struct irq_work fault_irq;
	bool dead;
	wait_queue_head_t work_wq;
	wait_queue_head_t reset_wq;
	struct mutex reset_lock;	/* one reset at a time */
	struct lockdep_map complete_map;

	u64 active_since;
	struct sgpu_exec_state st;
	u64 gpr[MVGPU_NUM_GPRS];
	u64 pml4;
	u32 cmd[SGPU_CMD_MAX_DW];
	void *bounce[SGPU_NR_BOUNCE];

	struct sgpu_engine_stats stats;
	u32 last_error;
	struct ratelimit_state rs;
	struct dentry *debugfs;
};

/* engine.c */
int sgpu_engine_init(struct sgpu_engine *e, struct sgpu_gpu *gpu, u32 id);
void sgpu_engine_fini(struct sgpu_engine *e);
int sgpu_engine_submit(struct sgpu_engine *e, struct mvgpu_hw_workload *wl);
void sgpu_engine_reset(struct sgpu_engine *e);
void sgpu_engine_preempt(struct sgpu_engine *e);
void sgpu_engine_fault(struct sgpu_engine *e);
u64 sgpu_engine_queued(struct sgpu_engine *e);

/**
 * sgpu_engine_should_stop() - whether the executor must stop inside a
 *	long command
 * @e: engine
 *
 * Checked between two chunks of a long command.  A reset stops there (the
 * command's work is dropped), and so does a preemption of a workload with
 * a context image: the progress made (the cursor) is saved in the image,
 * so the resumed command continues where it stopped and no part of it
 * runs twice.  A workload without an image can only resume at its ring
 * head, so its preemption waits for a ring command boundary.
 *
 * Return: true to stop.
 */
static inline bool sgpu_engine_should_stop(struct sgpu_engine *e)
{
	return READ_ONCE(e->stop) || READ_ONCE(e->wedged) ||
	       (READ_ONCE(e->preempt) && e->st.saveable);
}

/**
 * sgpu_engine_should_stop_at_boundary() - whether to stop between commands
 * @e: engine
 * @depth: batch nesting of the next command (0: the ring)
 *
 * Checked at every command boundary.  A reset stops anywhere; a preemption
 * too when the workload has a context image to keep its position (batch
 * stack included), else at ring command boundaries only.
 *
 * Return: true to stop.
 */
static inline bool sgpu_engine_should_stop_at_boundary(struct sgpu_engine *e,
						       unsigned int depth)
{
	return READ_ONCE(e->stop) || READ_ONCE(e->wedged) ||
	       (READ_ONCE(e->preempt) && (e->st.saveable || !depth));
}

/**
 * sgpu_exec_as() - the address space of the current command's operands
 * @st: execution state
 *
 * For memory operands without a GGTT bit of their own (blits, compute,
 * and the stores without it).
 *
 * Return: the address space of the buffer executing.
 */
static inline const struct sgpu_as *
sgpu_exec_as(const struct sgpu_exec_state *st)
{
	return &st->stack[st->depth].as;
}

/* exec.c */
void sgpu_exec_start(struct sgpu_exec_state *st,
		     const struct mvgpu_hw_workload *wl);
void sgpu_exec_save(const struct sgpu_exec_state *st,
		    struct sgpu_context *ctx);
enum sgpu_exec_result sgpu_exec_run(struct sgpu_engine *e,
				    struct sgpu_exec_state *st,
				    struct mvgpu_hw_workload *wl);

/*
 * Command handlers: 0 when the command completed, one of these, or a
 * negative errno after setting the state's error (an engine error).
 */
#define SGPU_CMD_BRANCHED	1	/* the stack changed: no advance */
#define SGPU_CMD_STOPPED	2	/* stopped inside; cursor saved */

int sgpu_exec_error(struct sgpu_exec_state *st, u32 error);

/* blt.c */
int sgpu_exec_color_blt(struct sgpu_engine *e, struct sgpu_exec_state *st,
			const u32 *cmd);
int sgpu_exec_src_copy_blt(struct sgpu_engine *e, struct sgpu_exec_state *st,
			   const u32 *cmd);

/* compute.c */
int sgpu_exec_compute(struct sgpu_engine *e, struct sgpu_exec_state *st,
		      const u32 *cmd);

/* mem.c */
int sgpu_mem_read(struct sgpu_gpu *gpu, const struct sgpu_as *as, u64 gm,
		  void *buf, u32 len);
int sgpu_mem_write(struct sgpu_gpu *gpu, const struct sgpu_as *as, u64 gm,
		   const void *buf, u32 len);

/* debugfs.c */
void sgpu_debugfs_engine_init(struct sgpu_engine *e, struct dentry *parent);
void sgpu_debugfs_gpu_init(struct sgpu_gpu *gpu);

#endif /* _MVGPU_SGPU_ENGINE_H_ */
