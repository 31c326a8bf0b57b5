// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software GPU engines: one execution context per engine, a FIFO of
 * submitted workloads, engine reset and busy accounting.
 *
 * Each engine is a kthread rather than a work item: executing a stream
 * has no bounded duration (a stream that never ends is how this model
 * hangs), and a hung engine must not pin a shared workqueue worker.  The
 * thread is also the engine's identity, the way a hardware engine is:
 * its CPU time in top(1) is the engine's busy time, and every completion
 * callback runs on it, in submission order.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/lockdep.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <kunit/visibility.h>

#include "sgpu/sgpu.h"

static const char *const sgpu_engine_names[MVGPU_NUM_ENGINES] = {
	[MVGPU_ENGINE_RCS] = "rcs",
	[MVGPU_ENGINE_BCS] = "bcs",
};

static bool has_work(struct sgpu_engine *e)
{
	return !list_empty_careful(&e->queue) ||
	       READ_ONCE(e->reset_req) != READ_ONCE(e->reset_ack) ||
	       kthread_should_stop();
}

/* Report the end of @wl; the engine no longer touches it afterwards. */
static void complete_wl(struct sgpu_engine *e, struct mvgpu_hw_workload *wl)
{
	lock_map_acquire(&e->complete_map);
	wl->complete(wl);
	lock_map_release(&e->complete_map);
}

/* Take the engine back to its reset state; the thread, idle, does it. */
static void do_reset(struct sgpu_engine *e)
{
	struct mvgpu_hw_workload *wl, *tmp;
	LIST_HEAD(cancel);
	u64 req;

	spin_lock(&e->lock);
	list_splice_init(&e->cancel, &cancel);
	req = e->reset_req;
	WRITE_ONCE(e->stop, false);
	WRITE_ONCE(e->preempt, false);
	spin_unlock(&e->lock);

	list_for_each_entry_safe(wl, tmp, &cancel, node) {
		list_del_init(&wl->node);
		wl->status = -ECANCELED;
		WRITE_ONCE(e->stats.cancelled, e->stats.cancelled + 1);
		complete_wl(e, wl);
	}
	memset(e->gpr, 0, sizeof(e->gpr));
	WRITE_ONCE(e->pml4, 0);
	WRITE_ONCE(e->wedged, false);
	WRITE_ONCE(e->stats.resets, e->stats.resets + 1);

	spin_lock(&e->lock);
	WRITE_ONCE(e->reset_ack, req);
	spin_unlock(&e->lock);
	wake_up_all(&e->reset_wq);
}

static void report_error(struct sgpu_engine *e,
			 const struct mvgpu_hw_workload *wl)
{
	const struct sgpu_exec_state *st = &e->st;

	WRITE_ONCE(e->last_error, st->error);
	if (__ratelimit(&e->rs))
		pr_err("%s %s: engine error: %s at offset %#x of buffer %#llx (context %u, command %#010x)\n",
		       e->gpu->name, e->name, mvgpu_cmd_error_name(st->error),
		       st->error_offset, st->error_buf, wl->ctx_id, e->cmd[0]);
}

/*
 * Execute @wl to its end, an engine error, a preemption or a reset; then
 * complete it.  Its context image, if any, is loaded first and stored back
 * afterwards: the registers (GPRs and PML4) always, the position when it
 * stopped early.  Without an image it starts from the reset state.
 */
static void run_workload(struct sgpu_engine *e, struct mvgpu_hw_workload *wl)
{
	struct sgpu_engine_stats *s = &e->stats;
	struct sgpu_context *ctx = wl->ctx;
	enum sgpu_exec_result res;
	u64 t0, dt;

	t0 = e->active_since;
	if (ctx) {
		memcpy(e->gpr, ctx->gpr, sizeof(e->gpr));
		WRITE_ONCE(e->pml4, ctx->pml4);
	} else {
		memset(e->gpr, 0, sizeof(e->gpr));
		WRITE_ONCE(e->pml4, 0);
	}
	sgpu_exec_start(&e->st, wl);
	res = sgpu_exec_run(e, &e->st, wl);
	dt = ktime_get_ns() - t0;
	if (ctx) {
		memcpy(ctx->gpr, e->gpr, sizeof(ctx->gpr));
		ctx->pml4 = e->pml4;
		if (res == SGPU_EXEC_STOPPED)
			sgpu_exec_save(&e->st, ctx);
		else
			ctx->saved = 0;
	}

	wl->busy_ns += dt;
	WRITE_ONCE(s->busy_ns, s->busy_ns + dt);
	switch (res) {
	case SGPU_EXEC_DONE:
		wl->status = 0;
		WRITE_ONCE(wl->head, wl->size);
		WRITE_ONCE(s->completed, s->completed + 1);
		break;
	case SGPU_EXEC_ERROR:
		wl->status = -EIO;
		WRITE_ONCE(s->errors, s->errors + 1);
		report_error(e, wl);
		break;
	case SGPU_EXEC_STOPPED:
		/* A faulted engine holds its workload until it is reset. */
		if (READ_ONCE(e->wedged))
			wait_event(e->work_wq, READ_ONCE(e->stop));
		if (READ_ONCE(e->stop)) {
			wl->status = -ECANCELED;
			WRITE_ONCE(s->cancelled, s->cancelled + 1);
		} else {
			/* Preempted at a boundary: head says where to resume. */
			wl->status = -EAGAIN;
			WRITE_ONCE(s->preempted, s->preempted + 1);
		}
		break;
	}

	spin_lock(&e->lock);
	e->active = NULL;
	WRITE_ONCE(e->preempt, false);
	spin_unlock(&e->lock);
	complete_wl(e, wl);
}

static int sgpu_engine_thread(void *data)
{
	struct sgpu_engine *e = data;
	struct mvgpu_hw_workload *wl;

	for (;;) {
		wait_event_idle(e->work_wq, has_work(e));

		spin_lock(&e->lock);
		if (e->reset_req != e->reset_ack) {
			spin_unlock(&e->lock);
			do_reset(e);
			continue;
		}
		if (kthread_should_stop()) {
			spin_unlock(&e->lock);
			break;
		}
		wl = list_first_entry_or_null(&e->queue,
					      struct mvgpu_hw_workload, node);
		if (wl) {
			list_del_init(&wl->node);
			e->active = wl;
			e->active_since = ktime_get_ns();
			WRITE_ONCE(wl->start_ns, e->active_since);
		}
		spin_unlock(&e->lock);

		if (wl)
			run_workload(e, wl);
		cond_resched();
	}
	return 0;
}

/**
 * sgpu_engine_submit() - queue a workload
 * @e: engine
 * @wl: workload; the engine owns @wl->node until it calls @wl->complete
 *
 * Returns at once; the engine's thread executes the queue in order.
 * Execution starts @wl->head bytes into the stream (0 for a new
 * workload), and @wl->busy_ns grows by the engine time it uses: a
 * workload cancelled by a reset can be submitted again as it is, to go on
 * from the ring position it had reached, or with head and busy_ns zeroed
 * to start over.
 *
 * Return: 0, or -ENODEV once the engine is shut down.
 */
int sgpu_engine_submit(struct sgpu_engine *e, struct mvgpu_hw_workload *wl)
{
	spin_lock(&e->lock);
	if (WARN_ON_ONCE(e->dead)) {
		spin_unlock(&e->lock);
		return -ENODEV;
	}
	list_add_tail(&wl->node, &e->queue);
	spin_unlock(&e->lock);
	wake_up(&e->work_wq);
	return 0;
}

/**
 * sgpu_engine_reset() - stop an engine and drop its work
 * @e: engine
 *
 * The workload executing stops at its next command boundary (long
 * commands look between chunks), and it and every workload queued are
 * completed with -ECANCELED, in that order, by the engine's thread.  The
 * registers (general purpose and PML4) are cleared.  Returns once that is
 * done and the engine is idle, unless work was submitted meanwhile: that
 * work is not affected.
 *
 * Must not be called from a completion callback (the callback runs on the
 * engine's thread, which the reset waits for).
 */
void sgpu_engine_reset(struct sgpu_engine *e)
{
	u64 req;

	if (WARN_ON_ONCE(current == e->thread))
		return;

	mutex_lock(&e->reset_lock);
	spin_lock(&e->lock);
	list_splice_tail_init(&e->queue, &e->cancel);
	req = e->reset_req + 1;
	WRITE_ONCE(e->reset_req, req);
	/* Set under the lock: the thread clears it when acknowledging. */
	WRITE_ONCE(e->stop, true);
	spin_unlock(&e->lock);

	wake_up(&e->work_wq);
	/* The thread runs completion callbacks before it acknowledges. */
	lock_map_acquire(&e->complete_map);
	lock_map_release(&e->complete_map);
	wait_event(e->reset_wq, READ_ONCE(e->reset_ack) >= req);
	mutex_unlock(&e->reset_lock);
}

/**
 * sgpu_engine_preempt() - stop the executing workload at a boundary
 * @e: engine
 *
 * The workload executing now stops at its next command boundary or chunk
 * of a long command (see sgpu_engine_should_stop()) and completes with
 * -EAGAIN, its head at the ring position reached and its whole position
 * in its context image; submitting it again resumes it exactly there.
 * Queued workloads are not affected and run next.  When no workload is
 * executing yet, the next one to start is preempted: it stops before its
 * first command (the scheduler's request may overtake the thread picking
 * up the workload it just submitted).  Does nothing when the engine is
 * idle with nothing queued.  Returns at once; the completion reports the
 * stop.
 */
void sgpu_engine_preempt(struct sgpu_engine *e)
{
	spin_lock(&e->lock);
	if (e->active || !list_empty(&e->queue))
		WRITE_ONCE(e->preempt, true);
	spin_unlock(&e->lock);
}

/**
 * sgpu_engine_fault() - make the engine fault, as hardware can
 * @e: engine
 *
 * Fault injection (debugfs "fault"): the engine stops executing at its
 * next command boundary and holds the workload it was executing, as a
 * hardware engine that took an unrecoverable fault does, and raises its
 * error interrupt: gpu->fault runs in hard interrupt context.  Only an
 * engine reset (sgpu_engine_reset()) brings it back; the workload it held
 * then completes with -ECANCELED.
 */
void sgpu_engine_fault(struct sgpu_engine *e)
{
	spin_lock(&e->lock);
	WRITE_ONCE(e->wedged, true);
	WRITE_ONCE(e->stats.faults, e->stats.faults + 1);
	spin_unlock(&e->lock);
	irq_work_queue(&e->fault_irq);
}

static void fault_irq(struct irq_work *work)
{
	struct sgpu_engine *e = container_of(work, struct sgpu_engine,
					     fault_irq);
	void (*fault)(void *priv, u32 engine);

	/* Pairs with sgpu_gpu_set_fault_handler(): its cookie is seen. */
	fault = smp_load_acquire(&e->gpu->fault);
	if (fault)
		fault(e->gpu->fault_priv, e->id);
}

/**
 * sgpu_engine_queued() - workloads waiting or executing
 * @e: engine
 *
 * Return: the count.
 */
u64 sgpu_engine_queued(struct sgpu_engine *e)
{
	struct list_head *pos;
	u64 n = 0;

	spin_lock(&e->lock);
	list_for_each(pos, &e->queue)
		n++;
	if (e->active)
		n++;
	spin_unlock(&e->lock);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(sgpu_engine_queued);

/**
 * sgpu_engine_init() - set up an engine and start its thread
 * @e: zeroed engine
 * @gpu: the GPU it belongs to
 * @id: MVGPU_ENGINE_*
 *
 * Return: 0, -ENOMEM, or the error of creating the thread.
 */
int sgpu_engine_init(struct sgpu_engine *e, struct sgpu_gpu *gpu, u32 id)
{
	static struct lock_class_key complete_key;
	int ret;
	int i;

	e->gpu = gpu;
	e->id = id;
	e->name = sgpu_engine_names[id];
	spin_lock_init(&e->lock);
	INIT_LIST_HEAD(&e->queue);
	INIT_LIST_HEAD(&e->cancel);
	init_waitqueue_head(&e->work_wq);
	init_waitqueue_head(&e->reset_wq);
	init_irq_work(&e->fault_irq, fault_irq);
	mutex_init(&e->reset_lock);
	lockdep_init_map(&e->complete_map, "sgpu_engine_complete",
			 &complete_key, 0);
	ratelimit_state_init(&e->rs, DEFAULT_RATELIMIT_INTERVAL,
			     DEFAULT_RATELIMIT_BURST);

	for (i = 0; i < SGPU_NR_BOUNCE; i++) {
		e->bounce[i] = kmalloc(SGPU_CHUNK, GFP_KERNEL);
		if (!e->bounce[i]) {
			ret = -ENOMEM;
			goto err_bounce;
		}
	}

	e->thread = kthread_run(sgpu_engine_thread, e, "%s-%s", gpu->name,
				e->name);
	if (IS_ERR(e->thread)) {
		ret = PTR_ERR(e->thread);
		goto err_bounce;
	}
	sgpu_debugfs_engine_init(e, gpu->debugfs);
	return 0;

err_bounce:
	while (i--)
		kfree(e->bounce[i]);
	mutex_destroy(&e->reset_lock);
	return ret;
}

/**
 * sgpu_engine_fini() - stop an engine for good
 * @e: engine set up by sgpu_engine_init()
 *
 * Cancels the work still there (see sgpu_engine_reset()), then stops the
 * thread.  Submitting afterwards fails with -ENODEV.
 */
void sgpu_engine_fini(struct sgpu_engine *e)
{
	int i;

	spin_lock(&e->lock);
	e->dead = true;
	spin_unlock(&e->lock);
	sgpu_engine_reset(e);
	kthread_stop(e->thread);
	irq_work_sync(&e->fault_irq);

	for (i = 0; i < SGPU_NR_BOUNCE; i++)
		kfree(e->bounce[i]);
	mutex_destroy(&e->reset_lock);
}
