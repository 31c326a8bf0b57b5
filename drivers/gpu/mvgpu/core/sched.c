// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vGPU scheduler.
 *
 * One kthread per physical engine ("mvgpu-<pgpu>-rcs"), not one per
 * physical GPU: the engines run independently, a slice ends on one while
 * the other is in the middle of its own, and a thread per engine sleeps
 * on exactly one deadline and one completion.  It is the only submitter of
 * vGPU work to its engine and keeps exactly one vGPU on it at a time:
 *
 *  1. pick the next vGPU engine with the policy (core/sched_policy.c);
 *  2. switch it in: submit its audited workload with its context image
 *     (registers, and the position of a workload preempted earlier), which
 *     the engine loads;
 *  3. wait for completion or the end of the slice; at the end of the
 *     slice preempt it (the engine stops at the next command boundary, in
 *     batch buffers and long commands too, and stores its position in the
 *     context image) unless nobody else could use the engine;
 *  4. switch it out: retire the workload under the vGPU lock
 *     (mvgpu_engine_retire()), then charge the vGPU the engine time it held
 *     the engine, from the pick to the end of the retirement: like GVT-g,
 *     the cost of switching is the switched vGPU's, so the shares the
 *     policies promise are shares of the engine's time, and what the
 *     switches cost shows as the difference to the time the backend
 *     reports executing (switch_ns).  That is the time really held, not
 *     the slice: on a busy host the preemption comes late and the
 *     workload stops late, and the policy carries the overrun as debt
 *     (core/sched_policy.h).  The part of it the vGPU ran on alone, while
 *     nobody else could use the engine, is not debt.
 *
 * Hangs: a workload whose engine time reaches mvgpu.hang_timeout_ms, or
 * that does not stop within that time when preempted, gets its physical
 * engine reset.  Only that vGPU's workload is on the engine, so nobody
 * else loses work; the guest sees the hang (core/engine.c).
 *
 * Locking: each physical engine's spinlock protects its queue and its
 * clients.  It nests inside the vGPU lock (kicks take it under the vGPU
 * lock); the thread holds neither while it talks to the backend, and takes
 * the vGPU lock alone to retire a workload.  A client stays running until its
 * retirement is finished, and mvgpu_sched_pause() waits for that, so a
 * vGPU never goes away under the thread.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/wait.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"
#include "core/engine.h"
#include "core/sched.h"
#include "core/trace.h"

char *mvgpu_sched_policy_param = "weighted";
module_param_named(sched_policy, mvgpu_sched_policy_param, charp, 0444);
MODULE_PARM_DESC(sched_policy,
		 "Scheduling policy of new physical GPUs: best_effort, equal_share, fixed_share or weighted (default)");

unsigned int mvgpu_sched_slice_ms_param = 1;
module_param_named(sched_slice_ms, mvgpu_sched_slice_ms_param, uint, 0444);
MODULE_PARM_DESC(sched_slice_ms,
		 "Time slice of new physical GPUs in ms, 1..30 (default 1)");

static const char *const engine_names[MVGPU_NUM_ENGINES] = {
	[MVGPU_ENGINE_RCS] = "rcs",
	[MVGPU_ENGINE_BCS] = "bcs",
};

static struct mvgpu_sched_engine *sched_of(struct mvgpu_engine *e)
{
	return &e->vgpu->pgpu->sched.engines[e->id];
}

static struct mvgpu_sched_engine *client_sched(struct mvgpu_pgpu *pgpu,
					       struct mvgpu_sched_client *c)
{
	return &pgpu->sched.engines[c->engine];
}

static const char *pgpu_name(struct mvgpu_sched_engine *s)
{
	return dev_name(s->pgpu->dev);
}

/* Recompute whether @c may be picked; wake the thread if it may. */
static void update_runnable(struct mvgpu_sched_engine *s,
			    struct mvgpu_sched_client *c)
{
	bool runnable = c->attached && c->ready && !c->paused;

	lockdep_assert_held(&s->lock);
	c->se.runnable = runnable;
	if (runnable) {
		s->kicked = true;
		wake_up(&s->wq);
	}
}

/* @c competes for the engine (again a no-op if it does). */
static void client_attach(struct mvgpu_sched_engine *s,
			  struct mvgpu_sched_client *c)
{
	spin_lock(&s->lock);
	if (!c->attached) {
		mvgpu_sched_add(&s->q, &c->se);
		c->attached = true;
		update_runnable(s, c);
	}
	spin_unlock(&s->lock);
}

/* @c leaves the engine's queue; the caller waits for the thread if need be. */
static void client_detach_locked(struct mvgpu_sched_engine *s,
				 struct mvgpu_sched_client *c)
{
	lockdep_assert_held(&s->lock);
	if (c->attached) {
		mvgpu_sched_remove(&s->q, &c->se);
		c->attached = false;
		c->se.runnable = false;
	}
}

/* @c has a new workload (@ready), or its workload is over. */
static void client_set_ready(struct mvgpu_sched_engine *s,
			     struct mvgpu_sched_client *c, bool ready)
{
	spin_lock(&s->lock);
	c->ready = ready;
	if (ready)
		c->wl_ran_ns = 0;
	update_runnable(s, c);
	spin_unlock(&s->lock);
}

/* Whether a policy gives the engine away when only one entity is busy. */
static bool work_conserving(const struct mvgpu_sched_queue *q)
{
	return q->policy == MVGPU_SCHED_BEST_EFFORT ||
	       q->policy == MVGPU_SCHED_WEIGHTED;
}

/*
 * At the end of a slice: may the running client go on without a switch?
 * Only if nobody else could use the engine, the policy would hand it the
 * engine anyway and no cap or stop request is in the way.  It then sleeps
 * until something changes (a kick: another client became runnable, a
 * policy, weight or cap changed) or for *@wait_ns: until the balance
 * period ends if a capped client waits for it (only the pick starts a
 * period), else without limit.
 */
static bool may_continue(struct mvgpu_sched_engine *s,
			 struct mvgpu_sched_client *c, u64 *wait_ns)
{
	struct mvgpu_sched_queue *q = &s->q;
	struct mvgpu_sched_entity *se;
	u64 now = ktime_get_ns(), left;
	bool ok;

	spin_lock(&s->lock);
	s->kicked = false;
	left = now - q->period_start < q->period_ns ?
	       q->period_start + q->period_ns - now : 0;
	*wait_ns = U64_MAX;
	ok = !s->stop_now && !c->paused && !c->se.cap && work_conserving(q);
	list_for_each_entry(se, &q->entities, link) {
		if (!ok)
			break;
		if (se == &c->se || !se->runnable)
			continue;
		/* Another may run now, or (capped) once a new period starts. */
		if (mvgpu_sched_may_run(q, se) || !left)
			ok = false;
		*wait_ns = left;
	}
	spin_unlock(&s->lock);
	return ok;
}

/**
 * mvgpu_sched_complete() - completion callback of every vGPU workload
 * @wl: the workload the backend is done with
 *
 * Runs in the backend's completion context, which may be a hard
 * interrupt: it takes no lock and only wakes the scheduler thread, which
 * retires the workload.
 */
void mvgpu_sched_complete(struct mvgpu_hw_workload *wl)
{
	struct mvgpu_engine *e = container_of(wl, struct mvgpu_engine, wl);

	mvgpu_sched_signal_done(e->vgpu->pgpu, e->id);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_complete);

/**
 * mvgpu_sched_signal_done() - the workload on a physical engine completed
 * @pgpu: the physical GPU
 * @engine: the engine
 *
 * For completion callbacks (mvgpu_sched_complete(), the host client's):
 * takes no lock, so it may run in hard interrupt context.
 */
void mvgpu_sched_signal_done(struct mvgpu_pgpu *pgpu, u32 engine)
{
	struct mvgpu_sched_engine *s = &pgpu->sched.engines[engine];

	/* The backend's writes to the workload before this are seen with it. */
	smp_store_release(&s->done, true);
	wake_up(&s->wq);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_signal_done);

static bool wl_done(struct mvgpu_sched_engine *s)
{
	/* Pairs with mvgpu_sched_complete(): the workload's fields are seen. */
	return smp_load_acquire(&s->done);
}

static bool slice_event(struct mvgpu_sched_engine *s, bool alone)
{
	return wl_done(s) || READ_ONCE(s->stop_now) ||
	       READ_ONCE(s->fault) || (alone && READ_ONCE(s->kicked));
}

static bool done_or_fault(struct mvgpu_sched_engine *s)
{
	return wl_done(s) || READ_ONCE(s->fault);
}

/*
 * Engine time @wl has used: what earlier slices charged plus the time since
 * the backend started executing it in this one (nothing while it waits).
 */
static u64 engine_time(struct mvgpu_sched_client *c, u64 t_submit)
{
	u64 started = READ_ONCE(c->wl->start_ns), now = ktime_get_ns();

	if (!started || started > now)
		return c->wl_ran_ns;
	return c->wl_ran_ns + now - max(started, t_submit);
}

/*
 * The backend reported an engine fault (mvgpu_pgpu_engine_error()): reset
 * the physical engine.  The workload on it, if any, is completed by the
 * reset; it failed.  Returns whether there was a fault to handle.
 */
static bool handle_fault(struct mvgpu_sched_engine *s)
{
	struct mvgpu_pgpu *pgpu = s->pgpu;

	if (!xchg(&s->fault, false))
		return false;
	dev_err_ratelimited(pgpu->dev, "mvgpu: %s: engine fault reported by the backend: engine reset\n",
			    engine_names[s->id]);
	pgpu->ops->engine_reset(pgpu->priv, s->id);
	spin_lock(&s->lock);
	s->stats.faults++;
	spin_unlock(&s->lock);
	return true;
}

/*
 * Run @e's workload for a slice (or longer while nobody else could use
 * the engine) and return with the workload back from the engine.  Sets
 * *@preempted if it was preempted, *@hung if it was declared hung, and
 * adds to *@alone_ns the time it ran on after its slice because nobody
 * else could use the engine.  A fault the backend reports meanwhile
 * resets the engine and fails the workload (-EIO).
 */
static void run_slice(struct mvgpu_sched_engine *s,
		      struct mvgpu_sched_client *c, u64 slice_ns,
		      bool *preempted, bool *hung, u64 *alone_ns)
{
	struct mvgpu_pgpu *pgpu = s->pgpu;
	struct mvgpu_hw_workload *wl = c->wl;
	u64 limit = (u64)READ_ONCE(mvgpu_hang_timeout_ms) * NSEC_PER_MSEC;
	u64 t0, used, wait_ns = slice_ns, t_alone = 0;
	bool alone = false;

	wl->status = 0;
	wl->start_ns = 0;
	t0 = ktime_get_ns();
	if (pgpu->ops->submit(pgpu->priv, wl)) {
		/* The backend refused it: retire it as an engine error. */
		wl->status = -EIO;
		return;
	}
	for (;;) {
		wait_event_hrtimeout(s->wq, slice_event(s, alone),
				     ns_to_ktime(wait_ns));
		if (alone)
			*alone_ns += ktime_get_ns() - t_alone;
		if (wl_done(s))
			return;
		if (handle_fault(s))
			goto failed;
		used = engine_time(c, t0);
		/* A backend that never starts it is caught on the wall clock. */
		if (used >= limit ||
		    c->wl_ran_ns + ktime_get_ns() - t0 >= 2 * limit)
			break;
		/* Alone: no periodic wake-ups, the hang limit still counts. */
		alone = !READ_ONCE(s->stop_now) && may_continue(s, c, &wait_ns);
		if (alone) {
			t_alone = ktime_get_ns();
			wait_ns = min(wait_ns, limit - used);
			continue;
		}
		*preempted = true;
		trace_mvgpu_sched_preempt(pgpu_name(s), s->id, c->id,
					  ktime_get_ns() - t0);
		pgpu->ops->preempt(pgpu->priv, s->id);
		/*
		 * A workload that does not stop is hung when its time is up;
		 * the wall clock bounds it, so a backend that never starts it
		 * cannot hold the engine.
		 */
		wait_event_hrtimeout(s->wq, done_or_fault(s),
				     ns_to_ktime(limit - used));
		if (wl_done(s))
			return;
		if (handle_fault(s))
			goto failed;
		break;
	}
	*hung = true;
	trace_mvgpu_sched_hang(pgpu_name(s), s->id, c->id, engine_time(c, t0));
	/* Completes the workload (-ECANCELED) before it returns. */
	pgpu->ops->engine_reset(pgpu->priv, s->id);
	WARN_ON_ONCE(!wl_done(s));
	return;

failed:
	WARN_ON_ONCE(!wl_done(s));
	wl->status = -EIO;
}

static const char *switch_out_reason(int status, bool preempted, bool hung)
{
	if (hung)
		return "hung";
	switch (status) {
	case 0:
		return "done";
	case -EAGAIN:
		return preempted ? "preempted" : "stopped";
	case -ECANCELED:
		return "cancelled";
	}
	return "error";
}

/* Give @c the engine for a slice, then retire what it did. */
static void switch_in(struct mvgpu_sched_engine *s,
		      struct mvgpu_sched_client *c, u64 slice_ns, u64 t_pick)
{
	struct mvgpu_hw_workload *wl = c->wl;
	bool preempted = false, hung = false;
	u64 busy0 = wl->busy_ns, ran, held, alone = 0;
	u32 id = c->id;
	int status;

	trace_mvgpu_sched_switch_in(pgpu_name(s), s->id, id, slice_ns);
	run_slice(s, c, slice_ns, &preempted, &hung, &alone);
	ran = wl->busy_ns - busy0;
	status = wl->status;

	spin_lock(&s->lock);
	WRITE_ONCE(s->done, false);
	c->wl_ran_ns += ran;
	spin_unlock(&s->lock);

	c->ops->retire(c, status, hung);

	held = ktime_get_ns() - t_pick;
	spin_lock(&s->lock);
	mvgpu_sched_account(&s->q, &c->se, held, alone);
	c->stats.busy_ns += held;
	c->stats.exec_ns += ran;
	c->stats.slices++;
	c->stats.preemptions += preempted && status == -EAGAIN;
	c->stats.hangs += hung;
	c->stats.max_held_ns = max(c->stats.max_held_ns,
				   held - min(alone, held));
	WRITE_ONCE(s->running, NULL);
	s->stop_now = false;
	s->stats.switches++;
	s->stats.busy_ns += held;
	s->stats.exec_ns += ran;
	spin_unlock(&s->lock);
	trace_mvgpu_sched_switch_out(pgpu_name(s), s->id, id, held,
				     switch_out_reason(status, preempted,
						       hung));
	/* @c may be gone once this is seen: touch only @s from here on. */
	wake_up_all(&s->idle_wq);
}

static int sched_thread(void *data)
{
	struct mvgpu_sched_engine *s = data;
	struct mvgpu_sched_entity *se;
	struct mvgpu_sched_client *c;
	u64 now, slice_ns;

	while (!kthread_should_stop()) {
		handle_fault(s);
		spin_lock(&s->lock);
		s->kicked = false;
		now = ktime_get_ns();
		se = mvgpu_sched_pick(&s->q, now, &slice_ns);
		c = se ? container_of(se, struct mvgpu_sched_client, se) :
			 NULL;
		if (c) {
			WRITE_ONCE(s->running, c);
			s->slice_start = now;
		}
		spin_unlock(&s->lock);

		if (c) {
			switch_in(s, c, slice_ns, now);
			continue;
		}
		wait_event_interruptible_hrtimeout(s->wq,
						   READ_ONCE(s->kicked) ||
						   READ_ONCE(s->fault) ||
						   kthread_should_stop(),
						   ns_to_ktime(slice_ns));
		spin_lock(&s->lock);
		s->stats.idle_ns += ktime_get_ns() - now;
		spin_unlock(&s->lock);
	}
	return 0;
}

static enum mvgpu_sched_policy_id default_policy(struct mvgpu_pgpu *pgpu)
{
	int policy = mvgpu_sched_policy_parse(mvgpu_sched_policy_param);

	if (policy >= 0)
		return policy;
	dev_warn(pgpu->dev, "mvgpu: unknown sched_policy \"%s\": using weighted\n",
		 mvgpu_sched_policy_param);
	return MVGPU_SCHED_WEIGHTED;
}

/**
 * mvgpu_sched_init() - start the scheduler threads of a physical GPU
 * @pgpu: the physical GPU
 *
 * The policy and slice come from the module parameters.
 *
 * Return: 0, or the error of creating a thread.
 */
int mvgpu_sched_init(struct mvgpu_pgpu *pgpu)
{
	enum mvgpu_sched_policy_id policy = default_policy(pgpu);
	u64 slice_ns = (u64)mvgpu_sched_slice_ms_param * NSEC_PER_MSEC;
	unsigned int i;
	int ret;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_sched_engine *s = &pgpu->sched.engines[i];

		s->pgpu = pgpu;
		s->id = i;
		spin_lock_init(&s->lock);
		init_waitqueue_head(&s->wq);
		init_waitqueue_head(&s->idle_wq);
		mvgpu_sched_queue_init(&s->q, policy);
		if (mvgpu_sched_set_slice(&s->q, slice_ns) && !i)
			dev_warn(pgpu->dev, "mvgpu: sched_slice_ms %u out of 1..30: using %llu ms\n",
				 mvgpu_sched_slice_ms_param,
				 s->q.slice_ns / NSEC_PER_MSEC);
	}
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_sched_engine *s = &pgpu->sched.engines[i];

		/* An engine the GPU does not have runs nothing. */
		if (!(pgpu->caps.engine_mask & BIT(i)))
			continue;
		s->thread = kthread_run(sched_thread, s, "mvgpu-%s-%s",
					dev_name(pgpu->dev), engine_names[i]);
		if (IS_ERR(s->thread)) {
			ret = PTR_ERR(s->thread);
			goto err_stop;
		}
	}
	return 0;

err_stop:
	while (i--)
		if (pgpu->sched.engines[i].thread)
			kthread_stop(pgpu->sched.engines[i].thread);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_init);

/**
 * mvgpu_sched_fini() - stop the scheduler threads
 * @pgpu: the physical GPU, with no vGPU left
 */
void mvgpu_sched_fini(struct mvgpu_pgpu *pgpu)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_sched_engine *s = &pgpu->sched.engines[i];

		if (s->thread)
			kthread_stop(s->thread);
		s->thread = NULL;
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_fini);

/**
 * mvgpu_sched_pgpu_set_policy() - switch every engine to a policy
 * @pgpu: the physical GPU
 * @policy: the policy
 *
 * Return: 0, or -EINVAL for an unknown policy.
 */
int mvgpu_sched_pgpu_set_policy(struct mvgpu_pgpu *pgpu,
				enum mvgpu_sched_policy_id policy)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < MVGPU_NUM_ENGINES && !ret; i++) {
		struct mvgpu_sched_engine *s = &pgpu->sched.engines[i];

		spin_lock(&s->lock);
		ret = mvgpu_sched_set_policy(&s->q, policy);
		s->kicked = true;
		spin_unlock(&s->lock);
		wake_up(&s->wq);
	}
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_pgpu_set_policy);

/**
 * mvgpu_sched_pgpu_policy() - the policy in force
 * @pgpu: the physical GPU
 *
 * Return: the policy.
 */
enum mvgpu_sched_policy_id mvgpu_sched_pgpu_policy(struct mvgpu_pgpu *pgpu)
{
	return READ_ONCE(pgpu->sched.engines[0].q.policy);
}

/**
 * mvgpu_sched_pgpu_set_slice() - set every engine's time slice
 * @pgpu: the physical GPU
 * @slice_ns: MVGPU_SCHED_SLICE_MIN_NS..MVGPU_SCHED_SLICE_MAX_NS
 *
 * Return: 0, or -EINVAL out of range.
 */
int mvgpu_sched_pgpu_set_slice(struct mvgpu_pgpu *pgpu, u64 slice_ns)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < MVGPU_NUM_ENGINES && !ret; i++) {
		struct mvgpu_sched_engine *s = &pgpu->sched.engines[i];

		spin_lock(&s->lock);
		ret = mvgpu_sched_set_slice(&s->q, slice_ns);
		spin_unlock(&s->lock);
	}
	return ret;
}

/**
 * mvgpu_sched_pgpu_slice() - the time slice in force
 * @pgpu: the physical GPU
 *
 * Return: the slice in ns.
 */
u64 mvgpu_sched_pgpu_slice(struct mvgpu_pgpu *pgpu)
{
	return READ_ONCE(pgpu->sched.engines[0].q.slice_ns);
}

/* A vGPU engine's workload is back: the engine retires it. */
static void vgpu_client_retire(struct mvgpu_sched_client *c, int status,
			       bool hung)
{
	struct mvgpu_engine *e = container_of(c, struct mvgpu_engine, sched);
	struct mvgpu_vgpu *vgpu = e->vgpu;

	mutex_lock(&vgpu->lock);
	mvgpu_engine_retire(e, status, hung);
	mvgpu_vgpu_unlock(vgpu);
}

static const struct mvgpu_sched_client_ops vgpu_client_ops = {
	.retire = vgpu_client_retire,
};

/**
 * mvgpu_sched_client_init() - set up a vGPU engine's scheduling state
 * @e: the engine (vGPU and its type known)
 *
 * Its weight is its type's, and so is its fixed share: weight / 16 of the
 * engine (GVT-g's scale, where 16 is a whole GPU).
 */
void mvgpu_sched_client_init(struct mvgpu_engine *e)
{
	const struct mvgpu_type_desc *t = e->vgpu->type;

	memset(&e->sched, 0, sizeof(e->sched));
	e->sched.ops = &vgpu_client_ops;
	e->sched.wl = &e->wl;
	e->sched.id = e->vgpu->id;
	e->sched.engine = e->id;
	INIT_LIST_HEAD(&e->sched.se.link);
	WARN_ON(mvgpu_sched_entity_init(&e->sched.se, t->weight,
					MVGPU_SCHED_SHARE_FULL * t->weight /
					MVGPU_WEIGHT_FULL));
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_client_init);

/**
 * mvgpu_sched_attach() - a vGPU starts running: its engines compete
 * @vgpu: the vGPU (its device was opened)
 */
void mvgpu_sched_attach(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		client_attach(sched_of(&vgpu->engines[i]),
			      &vgpu->engines[i].sched);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_attach);

/**
 * mvgpu_sched_detach() - a vGPU stops running
 * @vgpu: the vGPU, paused (none of its engines is on a physical engine)
 */
void mvgpu_sched_detach(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];
		struct mvgpu_sched_engine *s = sched_of(e);

		spin_lock(&s->lock);
		WARN_ON(s->running == &e->sched);
		client_detach_locked(s, &e->sched);
		spin_unlock(&s->lock);
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_detach);

/**
 * mvgpu_sched_pause() - take a vGPU off the physical engines
 * @vgpu: the vGPU; its lock must not be held
 *
 * Its engines are not picked until mvgpu_sched_unpause(); one on a
 * physical engine now is preempted (its workload stays pending and
 * resumes later) and this waits until it is retired.  Calls nest.
 */
void mvgpu_sched_pause(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];
		struct mvgpu_sched_engine *s = sched_of(e);

		spin_lock(&s->lock);
		e->sched.paused++;
		update_runnable(s, &e->sched);
		if (s->running == &e->sched)
			s->stop_now = true;
		spin_unlock(&s->lock);
		wake_up(&s->wq);
	}
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];
		struct mvgpu_sched_engine *s = sched_of(e);

		wait_event(s->idle_wq, READ_ONCE(s->running) != &e->sched);
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_pause);

/**
 * mvgpu_sched_unpause() - undo mvgpu_sched_pause()
 * @vgpu: the vGPU
 */
void mvgpu_sched_unpause(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];
		struct mvgpu_sched_engine *s = sched_of(e);

		spin_lock(&s->lock);
		if (!WARN_ON(!e->sched.paused))
			e->sched.paused--;
		update_runnable(s, &e->sched);
		spin_unlock(&s->lock);
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_unpause);

/**
 * mvgpu_sched_queue_work() - a vGPU engine has a new workload to run
 * @e: the engine; e->wl is set up; its vGPU's lock must be held
 */
void mvgpu_sched_queue_work(struct mvgpu_engine *e)
{
	lockdep_assert_held(&e->vgpu->lock);
	client_set_ready(sched_of(e), &e->sched, true);
}

/**
 * mvgpu_sched_cancel_work() - drop a vGPU engine's workload
 * @e: the engine; its vGPU's lock must be held
 *
 * Return: false if the workload was not on the physical engine: it is
 * dropped and will not run.  True if it is: it is preempted at once and
 * mvgpu_engine_retire() sees it back.
 */
bool mvgpu_sched_cancel_work(struct mvgpu_engine *e)
{
	struct mvgpu_sched_engine *s = sched_of(e);
	bool on_hw;

	lockdep_assert_held(&e->vgpu->lock);
	spin_lock(&s->lock);
	on_hw = s->running == &e->sched;
	if (on_hw)
		s->stop_now = true;
	else
		e->sched.ready = false;
	update_runnable(s, &e->sched);
	spin_unlock(&s->lock);
	if (on_hw)
		wake_up(&s->wq);
	return on_hw;
}

/**
 * mvgpu_sched_retired() - the workload of a vGPU engine is over
 * @e: the engine; its vGPU's lock must be held
 */
void mvgpu_sched_retired(struct mvgpu_engine *e)
{
	lockdep_assert_held(&e->vgpu->lock);
	client_set_ready(sched_of(e), &e->sched, false);
}

static int set_all(struct mvgpu_vgpu *vgpu, bool cap, unsigned int val)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < MVGPU_NUM_ENGINES && !ret; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];
		struct mvgpu_sched_engine *s = sched_of(e);

		spin_lock(&s->lock);
		if (cap)
			ret = mvgpu_sched_set_cap(&e->sched.se, val);
		else
			ret = mvgpu_sched_set_weight(&s->q, &e->sched.se, val);
		s->kicked = true;
		spin_unlock(&s->lock);
		wake_up(&s->wq);
	}
	return ret;
}

/**
 * mvgpu_sched_set_weight_all() - set the weight of all of a vGPU's engines
 * @vgpu: the vGPU
 * @weight: 1..MVGPU_SCHED_WEIGHT_MAX
 *
 * Return: 0, or -EINVAL out of range.
 */
int mvgpu_sched_set_weight_all(struct mvgpu_vgpu *vgpu, unsigned int weight)
{
	return set_all(vgpu, false, weight);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_set_weight_all);

/**
 * mvgpu_sched_set_cap_all() - cap all of a vGPU's engines
 * @vgpu: the vGPU
 * @cap: percent of each balance period, 0 for no cap, at most 100
 *
 * Return: 0, or -EINVAL out of range.
 */
int mvgpu_sched_set_cap_all(struct mvgpu_vgpu *vgpu, unsigned int cap)
{
	return set_all(vgpu, true, cap);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_set_cap_all);

/**
 * mvgpu_sched_show_vgpu() - debugfs: a vGPU's scheduling counters
 * @m: output
 * @vgpu: the vGPU
 *
 * busy_ns includes the slice in progress, so that it grows smoothly.
 */
void mvgpu_sched_show_vgpu(struct seq_file *m, struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];
		struct mvgpu_sched_engine *s = sched_of(e);
		struct mvgpu_sched_client c;

		if (!e->present)
			continue;
		spin_lock(&s->lock);
		c = e->sched;
		/* Include the slice in progress: it is charged at its end. */
		if (s->running == &e->sched)
			c.stats.busy_ns += ktime_get_ns() - s->slice_start;
		spin_unlock(&s->lock);
		seq_printf(m, "%s: busy_ns=%llu slices=%llu preemptions=%llu queued=%u hangs=%llu exec_ns=%llu weight=%u cap=%u budget_ns=%lld max_held_ns=%llu\n",
			   engine_names[i], c.stats.busy_ns, c.stats.slices,
			   c.stats.preemptions, c.ready, c.stats.hangs,
			   c.stats.exec_ns, c.se.weight, c.se.cap,
			   c.se.budget_ns, c.stats.max_held_ns);
	}
}

/**
 * mvgpu_sched_show_pgpu() - debugfs: a physical GPU's scheduler
 * @m: output
 * @pgpu: the physical GPU
 */
void mvgpu_sched_show_pgpu(struct seq_file *m, struct mvgpu_pgpu *pgpu)
{
	unsigned int i;

	seq_printf(m, "policy: %s\nslice_ns: %llu\n",
		   mvgpu_sched_policy_name(mvgpu_sched_pgpu_policy(pgpu)),
		   mvgpu_sched_pgpu_slice(pgpu));
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_sched_engine *s = &pgpu->sched.engines[i];
		struct mvgpu_sched_engine_stats st;
		unsigned int nr;
		int running;

		if (!s->thread)
			continue;
		spin_lock(&s->lock);
		st = s->stats;
		nr = s->q.nr;
		running = s->running ? s->running->id : 0;
		spin_unlock(&s->lock);
		seq_printf(m, "%s: switches=%llu busy_ns=%llu idle_ns=%llu switch_ns=%llu exec_ns=%llu vgpus=%u running=%d faults=%llu\n",
			   engine_names[i], st.switches, st.busy_ns, st.idle_ns,
			   st.busy_ns - st.exec_ns, st.exec_ns, nr, running,
			   st.faults);
	}
}

/* ---- the host as a client --------------------------------------------- */

/**
 * mvgpu_sched_host_init() - set up a host client of one physical engine
 * @pgpu: the physical GPU
 * @c: the client
 * @engine: the engine it submits to
 * @wl: its workload
 * @ops: its operations
 *
 * The host (the benchmarks' native submission) goes through the scheduler
 * like a vGPU engine, with a whole GPU's weight: it competes for the
 * engine with the vGPUs under the policy in force, so its work neither
 * starves them nor runs behind the scheduler's back.
 */
void mvgpu_sched_host_init(struct mvgpu_pgpu *pgpu,
			   struct mvgpu_sched_client *c, u32 engine,
			   struct mvgpu_hw_workload *wl,
			   const struct mvgpu_sched_client_ops *ops)
{
	memset(c, 0, sizeof(*c));
	c->ops = ops;
	c->wl = wl;
	c->engine = engine;
	INIT_LIST_HEAD(&c->se.link);
	WARN_ON(mvgpu_sched_entity_init(&c->se, MVGPU_WEIGHT_FULL,
					MVGPU_SCHED_SHARE_FULL));
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_host_init);

/**
 * mvgpu_sched_host_attach() - the host client competes for its engine
 * @pgpu: the physical GPU
 * @c: the client
 */
void mvgpu_sched_host_attach(struct mvgpu_pgpu *pgpu,
			     struct mvgpu_sched_client *c)
{
	client_attach(client_sched(pgpu, c), c);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_host_attach);

/**
 * mvgpu_sched_host_detach() - the host client leaves its engine
 * @pgpu: the physical GPU
 * @c: the client, with no workload ready (mvgpu_sched_client_done())
 *
 * Waits until the scheduler thread is done with it.
 */
void mvgpu_sched_host_detach(struct mvgpu_pgpu *pgpu,
			     struct mvgpu_sched_client *c)
{
	struct mvgpu_sched_engine *s = client_sched(pgpu, c);

	spin_lock(&s->lock);
	WARN_ON(c->ready);
	client_detach_locked(s, c);
	spin_unlock(&s->lock);
	wait_event(s->idle_wq, READ_ONCE(s->running) != c);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_host_detach);

/**
 * mvgpu_sched_host_queue() - the host client has a workload to run
 * @pgpu: the physical GPU
 * @c: the client, attached; its workload set up
 */
void mvgpu_sched_host_queue(struct mvgpu_pgpu *pgpu,
			    struct mvgpu_sched_client *c)
{
	client_set_ready(client_sched(pgpu, c), c, true);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_host_queue);

/**
 * mvgpu_sched_client_done() - a client's workload is over
 * @pgpu: the physical GPU
 * @c: the client; from its retire op, or with its workload not picked
 *
 * It is not picked again until it queues another workload.
 */
void mvgpu_sched_client_done(struct mvgpu_pgpu *pgpu,
			     struct mvgpu_sched_client *c)
{
	client_set_ready(client_sched(pgpu, c), c, false);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_client_done);

/**
 * mvgpu_pgpu_engine_error() - the backend found an engine faulty
 * @pgpu: the physical GPU
 * @engine: MVGPU_ENGINE_*, one of its engines
 *
 * For errors outside a workload's completion (a hardware error interrupt,
 * an engine that stopped responding): the scheduler resets the physical
 * engine as soon as it can (ops->engine_reset()).  The workload executing
 * on it fails with an engine fault, which its vGPU's guest sees
 * (MVGPU_ERR_ENGINE_FAULT); no other vGPU loses work.  Callable from any
 * context, hard interrupts included.
 */
void mvgpu_pgpu_engine_error(struct mvgpu_pgpu *pgpu, u32 engine)
{
	struct mvgpu_sched_engine *s;

	if (WARN_ON_ONCE(engine >= MVGPU_NUM_ENGINES ||
			 !(pgpu->caps.engine_mask & BIT(engine))))
		return;
	s = &pgpu->sched.engines[engine];
	WRITE_ONCE(s->fault, true);
	wake_up(&s->wq);
}
EXPORT_SYMBOL_NS_GPL(mvgpu_pgpu_engine_error, MVGPU);
