/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vGPU scheduler: one thread per physical engine time-slices it among
 * the vGPUs whose device is open, with the policies of core/sched_policy.h.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_SCHED_H_
#define _MVGPU_SCHED_H_

#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/mvgpu.h>

#include "core/sched_policy.h"

struct mvgpu_engine;
struct mvgpu_hw_workload;
struct mvgpu_pgpu;
struct mvgpu_vgpu;
struct seq_file;
struct task_struct;

extern char *mvgpu_sched_policy_param;
extern unsigned int mvgpu_sched_slice_ms_param;

/**
 * struct mvgpu_sched_client_stats - one vGPU engine's scheduling counters
 * @busy_ns: engine time charged to it: how long it held the physical
 *	engine, switching included
 * @exec_ns: how much of that the backend reports executing its work
 * @slices: times it was switched in
 * @preemptions: times it was preempted at the end of a slice
 * @hangs: workloads declared hung
 * @max_held_ns: the longest it held the engine in one slice while others
 *	waited (the time it ran on alone is not counted): the slice plus
 *	its overrun (a late preemption, a host that stalled the scheduler).
 *	The shares of vGPUs that all have work may lag each other by about
 *	this much before the debt is repaid.
 */
struct mvgpu_sched_client_stats {
	u64 busy_ns;
	u64 exec_ns;
	u64 slices;
	u64 preemptions;
	u64 hangs;
	u64 max_held_ns;
};

struct mvgpu_sched_client;

/**
 * struct mvgpu_sched_client_ops - what the scheduler asks of a client
 * @retire: its workload is back from the physical engine (completed,
 *	failed, preempted: -EAGAIN, or stopped by an engine reset that was
 *	not its own: -ECANCELED, both resumable; @hung: declared hung and
 *	its engine reset).  Called by the scheduler thread with no lock
 *	held.  A client that wants the workload resumed leaves it ready,
 *	with MVGPU_WL_RESUME set; else it calls mvgpu_sched_client_done().
 */
struct mvgpu_sched_client_ops {
	void (*retire)(struct mvgpu_sched_client *c, int status, bool hung);
};

/**
 * struct mvgpu_sched_client - a submitter as the scheduler sees it: a vGPU
 *	engine, or the host (benchmarks' native submission)
 * @ops: its operations
 * @wl: its workload, submitted when it is picked
 * @id: vGPU id, 0 for the host (traces, debugfs)
 * @engine: the physical engine it runs on (MVGPU_ENGINE_*)
 * @se: its entity in the physical engine's queue
 * @attached: @se is on the queue (the vGPU's device is open)
 * @ready: it has a workload to run (audited, not retired)
 * @paused: nesting count of mvgpu_sched_pause(): not picked meanwhile
 *	retired by the scheduler thread
 * @wl_ran_ns: engine time its current workload used so far (hangs)
 * @stats: counters
 *
 * Protected by the physical engine's struct mvgpu_sched_engine.lock.
 */
struct mvgpu_sched_client {
	const struct mvgpu_sched_client_ops *ops;
	struct mvgpu_hw_workload *wl;
	u32 id;
	u32 engine;
	struct mvgpu_sched_entity se;
	bool attached;
	bool ready;
	unsigned int paused;
	u64 wl_ran_ns;
	struct mvgpu_sched_client_stats stats;
};

/**
 * struct mvgpu_sched_engine_stats - one physical engine's counters
 * @switches: slices run and retired
 * @busy_ns: time the engine was held by vGPUs: the slices, from the pick
 *	to the end of the retirement
 * @exec_ns: how much of @busy_ns the backend reports executing; the rest
 *	is the time lost to switching (debugfs switch_ns)
 * @idle_ns: time nothing was runnable (or no budget was left)
 * @faults: engine faults the backend reported (engine resets they caused)
 */
struct mvgpu_sched_engine_stats {
	u64 switches;
	u64 busy_ns;
	u64 exec_ns;
	u64 idle_ns;
	u64 faults;
};

/**
 * struct mvgpu_sched_engine - the scheduler of one physical engine
 * @pgpu: the physical GPU
 * @id: MVGPU_ENGINE_*
 * @lock: protects @q, the clients (their struct mvgpu_sched_client), @kicked,
 *	@stop_now, @running, @slice_start and @stats
 * @q: the entities of the attached vGPU engines and the policy
 * @thread: the scheduler thread; NULL for an engine the GPU does not have
 * @wq: the thread waits here for work, completion and stop requests
 * @idle_wq: woken when a client leaves the engine
 * @kicked: something changed that may change the pick
 * @done: the workload with the engine completed (set by its callback,
 *	locklessly: the backend may complete in hard interrupt context)
 * @fault: the backend reported an engine fault (mvgpu_pgpu_engine_error())
 * @stop_now: preempt the running client at once (pause or guest reset)
 * @running: the client with the engine (its workload is with the physical
 *	engine or being retired), or NULL; read locklessly by pausers waiting
 *	for it to change
 * @slice_start: when @running was picked
 * @stats: counters
 */
struct mvgpu_sched_engine {
	struct mvgpu_pgpu *pgpu;
	u32 id;
	spinlock_t lock;	/* see above */
	struct mvgpu_sched_queue q;
	struct task_struct *thread;
	wait_queue_head_t wq;
	wait_queue_head_t idle_wq;
	bool kicked;
	bool done;
	bool fault;
	bool stop_now;
	struct mvgpu_sched_client *running;
	u64 slice_start;
	struct mvgpu_sched_engine_stats stats;
};

/**
 * struct mvgpu_sched - the scheduler of a physical GPU
 * @engines: one per physical engine
 */
struct mvgpu_sched {
	struct mvgpu_sched_engine engines[MVGPU_NUM_ENGINES];
};

int mvgpu_sched_init(struct mvgpu_pgpu *pgpu);
void mvgpu_sched_fini(struct mvgpu_pgpu *pgpu);
int mvgpu_sched_pgpu_set_policy(struct mvgpu_pgpu *pgpu,
				enum mvgpu_sched_policy_id policy);
enum mvgpu_sched_policy_id mvgpu_sched_pgpu_policy(struct mvgpu_pgpu *pgpu);
int mvgpu_sched_pgpu_set_slice(struct mvgpu_pgpu *pgpu, u64 slice_ns);
u64 mvgpu_sched_pgpu_slice(struct mvgpu_pgpu *pgpu);

void mvgpu_sched_client_init(struct mvgpu_engine *e);
void mvgpu_sched_attach(struct mvgpu_vgpu *vgpu);
void mvgpu_sched_detach(struct mvgpu_vgpu *vgpu);
void mvgpu_sched_pause(struct mvgpu_vgpu *vgpu);
void mvgpu_sched_unpause(struct mvgpu_vgpu *vgpu);
void mvgpu_sched_queue_work(struct mvgpu_engine *e);
bool mvgpu_sched_cancel_work(struct mvgpu_engine *e);
void mvgpu_sched_retired(struct mvgpu_engine *e);
void mvgpu_sched_complete(struct mvgpu_hw_workload *wl);

/* The host as a client (native submission, CONFIG_MVGPU_BENCH). */
void mvgpu_sched_host_init(struct mvgpu_pgpu *pgpu,
			   struct mvgpu_sched_client *c, u32 engine,
			   struct mvgpu_hw_workload *wl,
			   const struct mvgpu_sched_client_ops *ops);
void mvgpu_sched_host_attach(struct mvgpu_pgpu *pgpu,
			     struct mvgpu_sched_client *c);
void mvgpu_sched_host_detach(struct mvgpu_pgpu *pgpu,
			     struct mvgpu_sched_client *c);
void mvgpu_sched_host_queue(struct mvgpu_pgpu *pgpu,
			    struct mvgpu_sched_client *c);
void mvgpu_sched_client_done(struct mvgpu_pgpu *pgpu,
			     struct mvgpu_sched_client *c);
void mvgpu_sched_signal_done(struct mvgpu_pgpu *pgpu, u32 engine);
int mvgpu_sched_set_weight_all(struct mvgpu_vgpu *vgpu, unsigned int weight);
int mvgpu_sched_set_cap_all(struct mvgpu_vgpu *vgpu, unsigned int cap);
void mvgpu_sched_show_vgpu(struct seq_file *m, struct mvgpu_vgpu *vgpu);
void mvgpu_sched_show_pgpu(struct seq_file *m, struct mvgpu_pgpu *pgpu);

#endif /* _MVGPU_SCHED_H_ */
