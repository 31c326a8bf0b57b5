// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest-visible engines.
 *
 * A guest TAIL write (or enabling the ring, or clearing STOP_RING) kicks
 * the engine: the ring segment HEAD..TAIL and every batch buffer it
 * reaches are copied into the engine's shadow buffer and audited by the
 * command parser; the shadow copy is submitted to the physical engine.  At
 * most one workload per vGPU engine is in flight; TAIL writes meanwhile
 * are picked up when it completes.  Completion moves the guest's HEAD to
 * the workload's TAIL, stores HEAD in the status page and raises the user
 * and context-switch interrupts.  A rejected or hung workload raises the
 * engine's ERROR interrupt, records the reason in the PV info page and
 * leaves the engine broken until the guest resets it (GDRST) or the
 * device is reset.  GDRST of a busy engine drops its workload (preempting
 * it first if it is on the physical engine).
 *
 * A segment that loads a per-process address space whose shadow is
 * missing or stale (core/ppgtt.c) is not submitted: the engine waits
 * (as_wait) while a work item syncs the shadow, which pins and so cannot
 * run under the vGPU lock, then kicks again.  That costs one hand-off for
 * the first use of a space and after each TLB invalidation, none else.
 *
 * While a workload is in flight the GPU may use any translation of the
 * vGPU's GTT or shadows, so frames losing their last reference stay
 * pinned (mvgpu_pin_set_hold()) and released shadow tables stay allocated
 * until the vGPU is idle; DMA unmap and device reset first quiesce the
 * engines (take them off the physical engines).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"
#include "core/cmd_parser.h"
#include "core/engine.h"
#include "core/host_mem.h"
#include "core/pvinfo.h"
#include "core/trace.h"

unsigned int mvgpu_hang_timeout_ms = 5000;
EXPORT_SYMBOL_IF_KUNIT(mvgpu_hang_timeout_ms);

/* 0 would declare every workload hung at its first slice end: refused. */
static int hang_timeout_set(const char *val, const struct kernel_param *kp)
{
	unsigned int ms;
	int ret;

	ret = kstrtouint(val, 0, &ms);
	if (ret)
		return ret;
	if (!ms)
		return -EINVAL;
	WRITE_ONCE(*(unsigned int *)kp->arg, ms);
	return 0;
}

static const struct kernel_param_ops hang_timeout_ops = {
	.set = hang_timeout_set,
	.get = param_get_uint,
};

module_param_cb(hang_timeout_ms, &hang_timeout_ops, &mvgpu_hang_timeout_ms,
		0644);
MODULE_PARM_DESC(hang_timeout_ms,
		 "Engine time a workload may take (across its slices) before it is declared hung and its engine reset (ms, default 5000)");

#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))

static u32 *ring_reg(struct mvgpu_engine *e, u32 reg)
{
	return mvgpu_vreg(e->vgpu, reg);
}

static struct mvgpu_engine *engine_of(struct mvgpu_vgpu *vgpu,
				      const struct mvgpu_reg_desc *reg)
{
	return &vgpu->engines[reg->offset >= MVGPU_BLT_RING_BASE ?
			      MVGPU_ENGINE_BCS : MVGPU_ENGINE_RCS];
}

/**
 * mvgpu_engines_idle() - whether no workload of the vGPU is in flight
 * @vgpu: the vGPU; its lock must be held
 *
 * Return: true when the GPU cannot be using translations made earlier.
 */
bool mvgpu_engines_idle(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	lockdep_assert_held(&vgpu->lock);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		if (vgpu->engines[i].busy)
			return false;
	return true;
}

/* Translations made for work in flight may go now. */
static void vgpu_went_idle(struct mvgpu_vgpu *vgpu)
{
	if (!mvgpu_engines_idle(vgpu))
		return;
	mvgpu_pin_set_hold(&vgpu->gtt.pins, false);
	mvgpu_ppgtt_idle(vgpu);
}

/* ---- shadow buffers ---------------------------------------------------- */

/*
 * Shadow buffers live in the host's hidden reservation, one 1 MiB slot per
 * vGPU engine, so they never collide with any vGPU's graphics memory.
 */
static int shadow_alloc(struct mvgpu_engine *e)
{
	struct mvgpu_vgpu *vgpu = e->vgpu;
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;
	u64 gm = pgpu->caps.aperture_size +
		 ((u64)(vgpu->id - 1) * MVGPU_NUM_ENGINES + e->id) *
		 MVGPU_SHADOW_SIZE;

	return mvgpu_host_mem_alloc(pgpu, &e->shadow, gm, MVGPU_SHADOW_PAGES,
				    true);
}

/* Back to a clean context image: the engine's reset state. */
static void ctx_reset(struct mvgpu_engine *e)
{
	struct mvgpu_pgpu *pgpu = e->vgpu->pgpu;

	if (!e->ctx)
		return;
	if (pgpu->ops->context_release)
		pgpu->ops->context_release(pgpu->priv, e->id, e->ctx);
	memset(e->ctx, 0, pgpu->caps.context_size);
}

/* A reset forgets the address space the engine waited for. */
static void as_forget(struct mvgpu_engine *e)
{
	e->as_wait = false;
	e->as_failed = false;
	e->tlb_applied = false;
}

/* ---- errors, completion ------------------------------------------------ */

static void engine_fail(struct mvgpu_engine *e, u32 error, u32 offset,
			u64 buf)
{
	struct mvgpu_vgpu *vgpu = e->vgpu;

	lockdep_assert_held(&vgpu->lock);
	e->broken = true;
	*mvgpu_vreg(vgpu, PV(MVGPU_PV_ENGINE_ERROR(e->id))) = error;
	*mvgpu_vreg(vgpu, PV(MVGPU_PV_ENGINE_ERROR_OFFSET(e->id))) = offset;
	*mvgpu_vreg(vgpu, PV(MVGPU_PV_ENGINE_ERROR_BUF(e->id))) =
		lower_32_bits(buf);
	*mvgpu_vreg(vgpu, PV(MVGPU_PV_ENGINE_ERROR_BUF(e->id)) + 4) =
		upper_32_bits(buf);
	trace_mvgpu_engine_error(vgpu->id, e->id, error, offset, buf);
	mvgpu_vgpu_warn(vgpu, "engine %u: workload rejected: %s at offset %#x of buffer %#llx; engine needs a reset\n",
			e->id, mvgpu_cmd_error_name(error), offset, buf);
	mvgpu_irq_raise(vgpu, MVGPU_IRQ_BANK_GT0, MVGPU_GT0_ERROR(e->id));
}

static void complete_ok(struct mvgpu_engine *e)
{
	struct mvgpu_vgpu *vgpu = e->vgpu;
	u32 head = e->wl_tail, hws = *ring_reg(e, MVGPU_RING_HWS_PGA(e->base));
	u32 events = MVGPU_GT0_CTX_SWITCH(e->id);

	*ring_reg(e, MVGPU_RING_HEAD(e->base)) = head;
	/* The status page is the guest's memory: a bad address is its loss. */
	if (hws)
		mvgpu_gtt_gm_rw(vgpu, hws + 4 * MVGPU_HWS_RING_HEAD, &head,
				sizeof(head), true);
	if (e->wl_user_interrupts)
		events |= MVGPU_GT0_USER_INTERRUPT(e->id);
	e->stats.completed++;
	mvgpu_irq_raise(vgpu, MVGPU_IRQ_BANK_GT0, events);
}

static void engine_reset_locked(struct mvgpu_engine *e)
{
	struct mvgpu_vgpu *vgpu = e->vgpu;
	u32 *gdrst = mvgpu_vreg(vgpu, MVGPU_REG_GDRST);

	lockdep_assert_held(&vgpu->lock);
	*ring_reg(e, MVGPU_RING_CTL(e->base)) = 0;
	*ring_reg(e, MVGPU_RING_HEAD(e->base)) = 0;
	*ring_reg(e, MVGPU_RING_TAIL(e->base)) = 0;
	*mvgpu_vreg(vgpu, PV(MVGPU_PV_ENGINE_ERROR(e->id))) = MVGPU_ERR_NONE;
	ctx_reset(e);
	as_forget(e);
	mvgpu_engine_mig_free(e);
	e->broken = false;
	e->reset_pending = false;
	*gdrst &= ~(e->id == MVGPU_ENGINE_RCS ? MVGPU_GDRST_RENDER :
		    MVGPU_GDRST_BLT);
	if (!(*gdrst & (MVGPU_GDRST_RENDER | MVGPU_GDRST_BLT)))
		*gdrst = 0;
}

/* The workload in flight is over without completing: forget it. */
static void drop_workload(struct mvgpu_engine *e)
{
	struct mvgpu_vgpu *vgpu = e->vgpu;

	lockdep_assert_held(&vgpu->lock);
	mvgpu_sched_retired(e);
	WRITE_ONCE(e->busy, false);
	e->stats.cancelled++;
	e->stats.busy_ns += e->wl.busy_ns;
	trace_mvgpu_engine_complete(vgpu->id, e->id, -ECANCELED,
				    e->wl.busy_ns);
	vgpu_went_idle(vgpu);
}

/**
 * mvgpu_engine_retire() - the scheduler gives a workload back
 * @e: the engine; its vGPU's lock must be held
 * @status: the workload's status (struct mvgpu_hw_workload)
 * @hung: the scheduler declared it hung and reset the physical engine
 *
 * A workload preempted, or stopped by an engine reset that was not its
 * own, stays in flight: the scheduler resumes it where it stopped, unless
 * the guest reset the engine meanwhile.  Otherwise it is over: completed
 * (HEAD, status page, interrupts), or failed (hang or engine fault: the
 * engine is broken until reset), and the next one is submitted.
 */
void mvgpu_engine_retire(struct mvgpu_engine *e, int status, bool hung)
{
	struct mvgpu_vgpu *vgpu = e->vgpu;
	struct mvgpu_hw_workload *wl = &e->wl;

	lockdep_assert_held(&vgpu->lock);
	if (!hung && (status == -EAGAIN || status == -ECANCELED)) {
		if (!e->reset_pending) {
			/* Its position is in the context image. */
			wl->flags |= MVGPU_WL_RESUME;
			e->stats.resubmitted++;
			return;
		}
		drop_workload(e);
		engine_reset_locked(e);
		mvgpu_engine_kick(e);
		return;
	}
	mvgpu_sched_retired(e);
	WRITE_ONCE(e->busy, false);
	e->stats.busy_ns += wl->busy_ns;
	trace_mvgpu_engine_complete(vgpu->id, e->id, hung ? -ETIMEDOUT :
				    status, wl->busy_ns);
	if (hung || status) {
		/* Report the ring position the engine had reached. */
		u32 pos = (e->wl_head + wl->head) % e->wl_ring_size;

		if (hung)
			mvgpu_vgpu_err(vgpu, "engine %u: workload still running after %u ms of engine time: engine reset\n",
				       e->id, mvgpu_hang_timeout_ms);
		e->stats.hangs += hung;
		engine_fail(e, hung ? MVGPU_ERR_HANG : MVGPU_ERR_ENGINE_FAULT,
			    pos, *ring_reg(e, MVGPU_RING_START(e->base)));
	} else {
		complete_ok(e);
	}
	vgpu_went_idle(vgpu);
	if (e->reset_pending)
		engine_reset_locked(e);
	mvgpu_engine_kick(e);
}

/* ---- submission -------------------------------------------------------- */

static int parser_read(void *priv, u64 gm, void *buf, u32 len)
{
	struct mvgpu_engine *e = priv;

	return mvgpu_gtt_gm_rw(e->vgpu, gm, buf, len, false);
}

static bool parser_range_ok(void *priv, u64 gm, u64 len)
{
	struct mvgpu_engine *e = priv;

	return mvgpu_gtt_range_ok(e->vgpu, gm, len);
}

/*
 * A root the work item could not shadow is refused once, at the scan that
 * loads it next; a later submission tries again.
 */
static int parser_as_bind(void *priv, u64 root, u64 *shadow_root, void **as)
{
	struct mvgpu_engine *e = priv;
	struct mvgpu_spt *spt;
	int ret;

	if (e->as_failed && e->as_fail_root == root) {
		e->as_failed = false;
		return e->as_fail_err;
	}
	ret = mvgpu_ppgtt_lookup(e->vgpu, root, &spt);
	if (ret)
		return ret;
	*shadow_root = spt->addr;
	*as = spt;
	return 0;
}

static int parser_as_read(void *priv, void *as, u64 va, void *buf, u32 len)
{
	struct mvgpu_engine *e = priv;

	return mvgpu_ppgtt_read(e->vgpu, as, va, buf, len);
}

static const struct mvgpu_cmd_mem_ops parser_mem = {
	.read = parser_read,
	.range_ok = parser_range_ok,
	.as_bind = parser_as_bind,
	.as_read = parser_as_read,
};

/*
 * Shadow (or sync) the address space a submission waits for, then kick
 * the engine again.  Pinning needs process context without the vGPU lock
 * held by the caller (it drops the lock), hence a work item: a submission
 * whose address spaces are shadowed already never comes here.
 */
static void as_work(struct work_struct *work)
{
	struct mvgpu_engine *e = container_of(work, struct mvgpu_engine,
					      as_work);
	struct mvgpu_vgpu *vgpu = e->vgpu;
	u64 root;
	int ret;

	mutex_lock(&vgpu->gtt.write_lock);
	mutex_lock(&vgpu->lock);
	if (!e->as_wait)
		goto out;
	root = e->as_root;
	ret = mvgpu_ppgtt_sync(vgpu, root);
	/*
	 * A reset (engine or device) while the sync dropped the lock cleared
	 * the request.  A request for another root made since then is served
	 * by the run its kick queued, not with this result.
	 */
	if (!e->as_wait || e->as_root != root)
		goto out;
	if (ret && ret != -EAGAIN) {
		e->as_failed = true;
		e->as_fail_root = e->as_root;
		e->as_fail_err = ret;
	}
	e->as_wait = false;
	mvgpu_engine_kick(e);
out:
	mvgpu_vgpu_unlock(vgpu);
	mutex_unlock(&vgpu->gtt.write_lock);
}

/**
 * mvgpu_engines_flush() - wait for address-space work queued by kicks
 * @vgpu: the vGPU, reset (so the work does nothing); no lock held
 *
 * Close calls it, so that nothing pins once the device is closed.
 */
void mvgpu_engines_flush(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		flush_work(&vgpu->engines[i].as_work);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_engines_flush);

/*
 * Scan @e's ring segment head..tail of a @size-byte ring into the shadow;
 * for a migrated workload, record where the commands are.
 */
static int scan(struct mvgpu_engine *e, struct mvgpu_cmd_parser *p, u32 size,
		u32 head, u32 tail)
{
	memset(p, 0, sizeof(*p));
	p->engine = e->id;
	p->mem = &parser_mem;
	p->priv = e;
	p->shadow = e->shadow.vaddr;
	p->shadow_gm = e->shadow.gm;
	p->shadow_size = MVGPU_SHADOW_SIZE;
	if (e->mig) {
		p->starts = e->mig->starts;
		p->copies = e->mig->copies;
	}
	return mvgpu_cmd_scan_ring(p, *ring_reg(e, MVGPU_RING_START(e->base)),
				   size, head, tail);
}

/*
 * Scan again as needed (TLB invalidation), or ask for an address space:
 * 0 when @p holds a verdict, 1 when the engine waits for its address
 * space work.
 */
static int scan_segment(struct mvgpu_engine *e, struct mvgpu_cmd_parser *p,
			u32 size, u32 head, u32 tail, int *ret)
{
	struct mvgpu_vgpu *vgpu = e->vgpu;

	*ret = scan(e, p, size, head, tail);
	/*
	 * A TLB invalidation in the segment: the tables as they are now hold
	 * for all of it (a TLB may refill before an invalidation, never
	 * after).  Applied once per submission; a segment that loads roots
	 * is scanned again, to sync them.
	 */
	if (p->tlb_invalidate && !e->tlb_applied &&
	    (!*ret || *ret == -EAGAIN)) {
		e->tlb_applied = true;
		mvgpu_ppgtt_invalidate_tlb(vgpu);
		if (p->nr_roots || *ret == -EAGAIN)
			*ret = scan(e, p, size, head, tail);
	}
	if (*ret == -EAGAIN) {
		/* An address space to shadow first; no hand-off when cached. */
		e->as_wait = true;
		e->as_root = p->want_root;
		e->stats.as_waits++;
		schedule_work(&e->as_work);
		return 1;
	}
	e->stats.cmds += p->nr_cmds;
	e->stats.batches += p->nr_batches;
	e->stats.bytes += p->used;
	return 0;
}

/* Hand the shadow @p made to the scheduler, from @pos bytes in. */
static void submit(struct mvgpu_engine *e, const struct mvgpu_cmd_parser *p,
		   u32 ring_size, u32 head, u32 tail, u32 pos, u32 flags,
		   u64 busy_ns)
{
	struct mvgpu_vgpu *vgpu = e->vgpu;

	e->tlb_applied = false;
	if (p->nr_roots) {
		*ring_reg(e, MVGPU_RING_PML4_LDW(e->base)) = lower_32_bits(p->pml4);
		*ring_reg(e, MVGPU_RING_PML4_UDW(e->base)) = upper_32_bits(p->pml4);
	}
	memset(&e->wl, 0, sizeof(e->wl));
	e->wl.engine = e->id;
	e->wl.ctx_id = vgpu->id;
	e->wl.flags = flags;
	e->wl.start = e->shadow.gm;
	e->wl.size = p->ring_bytes;
	e->wl.head = pos;
	e->wl.busy_ns = busy_ns;
	e->wl.ctx = e->ctx;
	e->wl.complete = mvgpu_sched_complete;
	e->wl_head = head;
	e->wl_ring_size = ring_size;
	e->wl_tail = tail;
	e->wl_user_interrupts = p->user_interrupts;
	WRITE_ONCE(e->busy, true);
	e->generation++;
	mvgpu_pin_set_hold(&vgpu->gtt.pins, true);
	trace_mvgpu_engine_submit(vgpu->id, e->id, head, tail, p->used);
	e->stats.submitted++;
	mvgpu_sched_queue_work(e);
}

/**
 * mvgpu_engine_mig_free() - forget a workload migrated in flight
 * @e: the engine; its vGPU's lock must be held (or the vGPU unreachable)
 */
void mvgpu_engine_mig_free(struct mvgpu_engine *e)
{
	if (!e->mig)
		return;
	bitmap_free(e->mig->starts);
	kfree(e->mig);
	e->mig = NULL;
}

/* A command of the scan again starts at shadow offset @off (or it ends). */
static bool mig_cmd_at(const struct mvgpu_engine_mig *m, u64 off, u64 end)
{
	return off == end ||
	       (off < end && off % 4 == 0 && test_bit(off / 4, m->starts));
}

static int mig_frame_import(void *priv, unsigned int depth, u64 *buf,
			    u64 *pos, bool ppgtt, u64 *root)
{
	struct mvgpu_engine *e = priv;
	const struct mvgpu_engine_mig *m = e->mig;
	const struct mvgpu_cmd_copy *c = NULL;
	struct mvgpu_spt *spt;
	unsigned int i;

	if (!depth) {
		if (*buf || ppgtt || !mig_cmd_at(m, *pos, m->ring_bytes))
			return -EINVAL;
	} else {
		for (i = 0; i < m->nr_copies && !c; i++)
			if (m->copies[i].off == *buf)
				c = &m->copies[i];
		/* Inside a batch copy of the same kind, at a command. */
		if (!c || c->ppgtt != ppgtt || *pos < *buf ||
		    *pos - *buf >= c->len ||
		    !mig_cmd_at(m, *pos, *buf + c->len))
			return -EINVAL;
		if (ppgtt) {
			if (*root != c->root ||
			    mvgpu_ppgtt_lookup(e->vgpu, *root, &spt))
				return -EINVAL;
			*root = spt->addr;
		}
	}
	*buf += e->shadow.gm;
	*pos += e->shadow.gm;
	return 0;
}

static void mig_root_import(void *priv, u64 *root)
{
	struct mvgpu_engine *e = priv;
	struct mvgpu_spt *spt;

	if (*root && !mvgpu_ppgtt_lookup(e->vgpu, *root, &spt))
		*root = spt->addr;
	else
		*root = 0;
}

/*
 * The first kick of a workload migrated in flight: shadow its segment
 * again and resume it where the source stopped it.  The guest's memory
 * is the source's, so the scan normally makes the same shadow; a guest
 * that changed its commands meanwhile gets an engine error.
 */
static void resume_migrated(struct mvgpu_engine *e)
{
	const struct mvgpu_backend_ops *ops = e->vgpu->pgpu->ops;
	struct mvgpu_ctx_reloc reloc = {
		.frame = mig_frame_import,
		.root = mig_root_import,
		.priv = e,
	};
	struct mvgpu_vgpu *vgpu = e->vgpu;
	struct mvgpu_engine_mig *m = e->mig;
	struct mvgpu_cmd_parser p;
	u32 flags, pos;
	u64 busy_ns;
	int ret;

	/* Loaded only into an opened vGPU, whose engines are prepared. */
	if (WARN_ON_ONCE(!e->shadow.vaddr))
		return;
	if (scan_segment(e, &p, e->wl_ring_size, e->wl_head, e->wl_tail,
			 &ret))
		return;
	if (!ret && p.ring_bytes != m->size)
		ret = -ERANGE;
	m->ring_bytes = p.ring_bytes;
	m->nr_copies = p.nr_copies;
	if (!ret && !mig_cmd_at(m, m->pos, m->ring_bytes))
		ret = -ERANGE;
	if (!ret && e->ctx) {
		ret = ops->context_import(vgpu->pgpu->priv, e->id, e->ctx,
					  &reloc);
		if (ret)
			ctx_reset(e);
	}
	if (ret) {
		mvgpu_vgpu_err(vgpu, "engine %u: the workload migrated in flight does not match the guest's commands any more (%d): dropped\n",
			       e->id, ret);
		mvgpu_engine_mig_free(e);
		e->stats.rejected++;
		engine_fail(e, p.error ? p.error : MVGPU_ERR_ENGINE_FAULT,
			    p.error ? p.error_offset : e->wl_head,
			    p.error ? p.error_buf :
			    *ring_reg(e, MVGPU_RING_START(e->base)));
		return;
	}
	flags = m->resume ? MVGPU_WL_RESUME : 0;
	pos = m->pos;
	busy_ns = m->busy_ns;
	mvgpu_engine_mig_free(e);
	submit(e, &p, e->wl_ring_size, e->wl_head, e->wl_tail, pos, flags,
	       busy_ns);
}

/**
 * mvgpu_engine_kick() - submit the guest's pending ring work if possible
 * @e: the engine; its vGPU's lock must be held
 */
void mvgpu_engine_kick(struct mvgpu_engine *e)
{
	struct mvgpu_vgpu *vgpu = e->vgpu;
	u32 ctl = *ring_reg(e, MVGPU_RING_CTL(e->base));
	u32 head = *ring_reg(e, MVGPU_RING_HEAD(e->base)) & MVGPU_HEAD_ADDR;
	u32 tail = *ring_reg(e, MVGPU_RING_TAIL(e->base)) & MVGPU_TAIL_ADDR;
	u32 mode = *ring_reg(e, MVGPU_RING_MI_MODE(e->base));
	struct mvgpu_cmd_parser p;
	int ret;

	lockdep_assert_held(&vgpu->lock);
	if (e->busy || e->broken || e->reset_pending || vgpu->quiesce ||
	    vgpu->stopped || e->as_wait)
		return;
	if (e->mig) {
		resume_migrated(e);
		return;
	}
	if (!(ctl & MVGPU_RING_VALID) || (mode & MVGPU_MI_MODE_STOP_RING) ||
	    head == tail)
		return;
	if (!mvgpu_pvinfo_check_guest(vgpu, MVGPU_FAILSAFE_ENGINE_BEFORE_PV))
		return;
	if (!e->present) {
		/* The PV info page says which engines there are. */
		e->stats.rejected++;
		engine_fail(e, MVGPU_ERR_NO_ENGINE, 0,
			    *ring_reg(e, MVGPU_RING_START(e->base)));
		return;
	}
	/* Allocated at open (mvgpu_engines_prepare()), never on this path. */
	if (WARN_ON_ONCE(!e->shadow.vaddr))
		return;

	if (scan_segment(e, &p, MVGPU_RING_SIZE(ctl), head, tail, &ret))
		return;
	if (ret) {
		e->stats.rejected++;
		engine_fail(e, p.error, p.error_offset, p.error_buf);
		return;
	}
	submit(e, &p, MVGPU_RING_SIZE(ctl), head, tail, 0, 0, 0);
}

/* ---- register handlers ------------------------------------------------- */

/**
 * mvgpu_engine_ring_written() - TAIL, CTL or MI_MODE changed: kick
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor
 * @idx: dword index
 * @old: previous value
 * @new: stored value
 */
void mvgpu_engine_ring_written(struct mvgpu_vgpu *vgpu,
			       const struct mvgpu_reg_desc *reg,
			       unsigned int idx, u32 old, u32 new)
{
	mvgpu_engine_kick(engine_of(vgpu, reg));
}

/**
 * mvgpu_engine_mi_mode_read() - read handler of an engine's MI_MODE
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor
 * @idx: dword index
 * @val: stored value
 *
 * MODE_IDLE reports that a ring stopped with STOP_RING has drained.
 *
 * Return: the value the guest reads.
 */
u32 mvgpu_engine_mi_mode_read(struct mvgpu_vgpu *vgpu,
			      const struct mvgpu_reg_desc *reg,
			      unsigned int idx, u32 val)
{
	struct mvgpu_engine *e = engine_of(vgpu, reg);

	if ((val & MVGPU_MI_MODE_STOP_RING) && !e->busy && !e->mig)
		val |= MVGPU_MI_MODE_IDLE;
	else
		val &= ~MVGPU_MI_MODE_IDLE;
	return val;
}

/**
 * mvgpu_engine_acthd_read() - read handler of ACTHD
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor
 * @idx: dword index
 * @val: stored value
 *
 * Return: the graphics address of the ring's HEAD.
 */
u32 mvgpu_engine_acthd_read(struct mvgpu_vgpu *vgpu,
			    const struct mvgpu_reg_desc *reg,
			    unsigned int idx, u32 val)
{
	struct mvgpu_engine *e = engine_of(vgpu, reg);

	return *ring_reg(e, MVGPU_RING_START(e->base)) +
	       (*ring_reg(e, MVGPU_RING_HEAD(e->base)) & MVGPU_HEAD_ADDR);
}

/**
 * mvgpu_engine_timestamp_read() - read handler of the engine timestamp
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor
 * @idx: dword index
 * @val: stored value
 *
 * Return: the low or high half of the physical engine's timestamp (0 for
 * an engine the GPU does not have).
 */
u32 mvgpu_engine_timestamp_read(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 val)
{
	struct mvgpu_engine *e = engine_of(vgpu, reg);
	u64 ts;

	if (!e->present)
		return 0;
	ts = vgpu->pgpu->ops->timestamp(vgpu->pgpu->priv, e->id);
	return idx ? upper_32_bits(ts) : lower_32_bits(ts);
}

/**
 * mvgpu_engine_tlb_inv_written() - the guest invalidates its translations
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor
 * @idx: dword index
 * @old: previous value
 * @new: stored value
 *
 * Every address space is synced again before its next use; the bit reads
 * 0 at once.
 */
void mvgpu_engine_tlb_inv_written(struct mvgpu_vgpu *vgpu,
				  const struct mvgpu_reg_desc *reg,
				  unsigned int idx, u32 old, u32 new)
{
	if (new & MVGPU_TLB_INV_ALL)
		mvgpu_ppgtt_invalidate_tlb(vgpu);
	*mvgpu_vreg(vgpu, MVGPU_REG_TLB_INV) = 0;
}

/**
 * mvgpu_engine_gdrst_written() - the guest asked for engine resets
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor
 * @idx: dword index
 * @old: previous value
 * @new: requested domains
 *
 * Idle engines reset at once.  A busy one drops its workload: at once if
 * the workload waits for the physical engine, else once the scheduler has
 * preempted it.  Each domain bit clears when its reset is done.
 */
void mvgpu_engine_gdrst_written(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 old, u32 new)
{
	u32 *gdrst = mvgpu_vreg(vgpu, MVGPU_REG_GDRST);
	unsigned int i;

	const u32 domains = MVGPU_GDRST_RENDER | MVGPU_GDRST_BLT;

	if (new & MVGPU_GDRST_FULL)
		new |= domains;
	/* Resets still pending stay visible until they are done. */
	*gdrst = (old & domains) | (new & domains);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];
		u32 bit = i == MVGPU_ENGINE_RCS ? MVGPU_GDRST_RENDER :
			  MVGPU_GDRST_BLT;

		if (!(new & bit))
			continue;
		e->stats.resets++;
		if (e->busy && mvgpu_sched_cancel_work(e)) {
			e->reset_pending = true;
			continue;
		}
		if (e->busy)
			drop_workload(e);
		engine_reset_locked(e);
	}
}

/* ---- lifecycle --------------------------------------------------------- */

/**
 * mvgpu_engines_init() - set up a vGPU's engines
 * @vgpu: the vGPU (id, type and pGPU known)
 */
void mvgpu_engines_init(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];

		memset(e, 0, sizeof(*e));
		e->vgpu = vgpu;
		e->id = i;
		e->base = MVGPU_RING_BASE(i);
		e->present = vgpu->type->engine_mask & BIT(i);
		INIT_WORK(&e->as_work, as_work);
		mvgpu_sched_client_init(e);
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_engines_init);

/**
 * mvgpu_engines_prepare() - allocate what the engines need to run
 * @vgpu: the vGPU; its lock must not be held
 *
 * The shadow buffers (1 MiB per engine) and the context images
 * (caps.context_size bytes per engine) are allocated when the device is
 * opened, not on the guest's MMIO path, and kept until the vGPU goes
 * (mvgpu_engines_fini()).  Calling it again is a no-op.
 *
 * Return: 0 or -ENOMEM.
 */
int mvgpu_engines_prepare(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;
	int ret = 0;

	u32 ctx_size = vgpu->pgpu->caps.context_size;

	mutex_lock(&vgpu->lock);
	for (i = 0; i < MVGPU_NUM_ENGINES && !ret; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];

		if (!e->present)
			continue;
		if (!e->shadow.vaddr)
			ret = shadow_alloc(e);
		if (!ret && ctx_size && !e->ctx) {
			e->ctx = kvzalloc(ctx_size, GFP_KERNEL);
			if (!e->ctx)
				ret = -ENOMEM;
		}
	}
	mutex_unlock(&vgpu->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_engines_prepare);

/**
 * mvgpu_engines_quiesce() - take the engines off the physical engines
 * @vgpu: the vGPU; its lock must not be held
 *
 * Afterwards the GPU no longer uses the vGPU's memory, and nothing new is
 * submitted until mvgpu_engines_resume().  A workload on a physical engine
 * is preempted and stays in flight, to resume after
 * mvgpu_engines_resume() (or to be dropped by a reset meanwhile).  Calls
 * nest.
 */
void mvgpu_engines_quiesce(struct mvgpu_vgpu *vgpu)
{
	mutex_lock(&vgpu->lock);
	vgpu->quiesce++;
	mutex_unlock(&vgpu->lock);
	mvgpu_sched_pause(vgpu);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_engines_quiesce);

/**
 * mvgpu_engines_resume() - undo mvgpu_engines_quiesce() and kick
 * @vgpu: the vGPU; its lock must be held
 */
void mvgpu_engines_resume(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	lockdep_assert_held(&vgpu->lock);
	if (WARN_ON(!vgpu->quiesce))
		return;
	mvgpu_sched_unpause(vgpu);
	if (--vgpu->quiesce)
		return;
	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		mvgpu_engine_kick(&vgpu->engines[i]);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_engines_resume);

/**
 * mvgpu_engines_reset() - reset every engine's state (device reset)
 * @vgpu: the vGPU, quiesced or new; its lock must be held
 *
 * Workloads in flight are dropped.
 */
void mvgpu_engines_reset(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	lockdep_assert_held(&vgpu->lock);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];

		if (e->busy)
			drop_workload(e);
		ctx_reset(e);
		as_forget(e);
		mvgpu_engine_mig_free(e);
		e->broken = false;
		e->reset_pending = false;
	}
}

/**
 * mvgpu_engines_fini() - release the engines of a vGPU being destroyed
 * @vgpu: the vGPU, closed
 */
void mvgpu_engines_fini(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	mvgpu_engines_quiesce(vgpu);
	mvgpu_sched_detach(vgpu);
	mutex_lock(&vgpu->lock);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		if (vgpu->engines[i].busy)
			drop_workload(&vgpu->engines[i]);
		as_forget(&vgpu->engines[i]);
	}
	mvgpu_vgpu_unlock(vgpu);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		cancel_work_sync(&vgpu->engines[i].as_work);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];

		mvgpu_host_mem_free(vgpu->pgpu, &e->shadow);
		mvgpu_engine_mig_free(e);
		ctx_reset(e);
		kvfree(e->ctx);
		e->ctx = NULL;
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_engines_fini);
