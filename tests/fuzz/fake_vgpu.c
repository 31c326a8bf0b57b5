// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vGPU world of the BAR0 fuzz targets; see fake_vgpu.h.
 *
 * The core sources are compiled whole (see VGPU_SRCS in the Makefile).
 * What they call outside them is stubbed here, one function each: the
 * physical GPU's GGTT fill (core/pgpu.c), debugfs (core/debugfs.c),
 * host-owned memory (core/host_mem.c) and the scheduler (core/sched.c, a
 * model the harness drives).  The front end's services (pinning, the
 * aperture zap) are fake_vgpu_ops (fake_mem.c).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdio.h>
#include <linux/pci_regs.h>
#include <shim/harness.h>

#include "core/engine.h"
#include "core/host_mem.h"
#include "core/pvinfo.h"
#include "fake_vgpu.h"
#include "fuzz_util.h"

struct fake_world world;

static struct page *pgpu_scratch;

/* ---- stubs: core/pgpu.c -------------------------------------------------- */

/* As core/pgpu.c: every entry of the range names @addr. */
void mvgpu_pgpu_fill_ggtt_with(struct mvgpu_pgpu *pgpu, u64 start, u64 size,
			       u64 addr)
{
	u32 i, first = start >> MVGPU_GTT_PAGE_SHIFT;

	for (i = 0; i < size >> MVGPU_GTT_PAGE_SHIFT; i++)
		pgpu->ops->ggtt_write(pgpu->priv, first + i,
				      addr | MVGPU_GTT_PTE_PRESENT);
}

void mvgpu_pgpu_fill_ggtt(struct mvgpu_pgpu *pgpu, u64 start, u64 size)
{
	mvgpu_pgpu_fill_ggtt_with(pgpu, start, size, pgpu->scratch_addr);
}

/* ---- stubs: core/debugfs.c ---------------------------------------------- */

void mvgpu_debugfs_vgpu_init(struct mvgpu_vgpu *vgpu)
{
}

void mvgpu_debugfs_vgpu_fini(struct mvgpu_vgpu *vgpu)
{
}

/* ---- stubs: core/host_mem.c (shadow buffers) ---------------------------- */

/* One contiguous block: pages the CPU reaches without vmap(). */
int mvgpu_host_mem_alloc(struct mvgpu_pgpu *pgpu, struct mvgpu_host_mem *hm,
			 u64 gm, unsigned int nr, bool map_cpu)
{
	struct page *block;

	FUZZ_CHECK(is_power_of_2(nr), "host memory of %u pages", nr);
	block = alloc_pages(GFP_KERNEL | __GFP_ZERO, ilog2(nr));
	if (!block)
		return -ENOMEM;
	hm->pages = kcalloc(1, sizeof(*hm->pages), GFP_KERNEL);
	if (!hm->pages) {
		__free_pages(block, ilog2(nr));
		return -ENOMEM;
	}
	hm->pages[0] = block;
	hm->nr = nr;
	hm->gm = gm;
	hm->vaddr = map_cpu ? page_address(block) : NULL;
	return 0;
}

void mvgpu_host_mem_free(struct mvgpu_pgpu *pgpu, struct mvgpu_host_mem *hm)
{
	if (!hm->pages)
		return;
	__free_pages(hm->pages[0], ilog2(hm->nr));
	kfree(hm->pages);
	memset(hm, 0, sizeof(*hm));
}

/* ---- stubs: core/sched.c, a model the harness drives -------------------- */

static struct fake_sched *sched_of(struct mvgpu_engine *e)
{
	FUZZ_CHECK(e->vgpu == world.vgpu && e->id < MVGPU_NUM_ENGINES,
		   "unknown engine");
	return &world.sched[e->id];
}

void mvgpu_sched_client_init(struct mvgpu_engine *e)
{
	memset(&e->sched, 0, sizeof(e->sched));
}

void mvgpu_sched_queue_work(struct mvgpu_engine *e)
{
	lockdep_assert_held(&e->vgpu->lock);
	FUZZ_CHECK(!sched_of(e)->running, "queued while on the engine");
	sched_of(e)->ready = true;
}

bool mvgpu_sched_cancel_work(struct mvgpu_engine *e)
{
	struct fake_sched *s = sched_of(e);

	lockdep_assert_held(&e->vgpu->lock);
	if (!s->running)
		s->ready = false;
	return s->running;
}

void mvgpu_sched_retired(struct mvgpu_engine *e)
{
	lockdep_assert_held(&e->vgpu->lock);
	sched_of(e)->ready = false;
}

void mvgpu_sched_complete(struct mvgpu_hw_workload *wl)
{
	shim_fail(__FILE__, __LINE__, "the fake scheduler completes itself");
}

/* Take a running workload off its engine: it resumes later. */
static void preempt(struct mvgpu_vgpu *vgpu, unsigned int i)
{
	struct mvgpu_engine *e = &vgpu->engines[i];

	if (!world.sched[i].running)
		return;
	world.sched[i].running = false;
	e->wl.status = -EAGAIN;
	mutex_lock(&vgpu->lock);
	mvgpu_engine_retire(e, -EAGAIN, false);
	mvgpu_vgpu_unlock(vgpu);
}

/* Returns once nothing of @vgpu is on a physical engine. */
void mvgpu_sched_pause(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	lockdep_assert_not_held(&vgpu->lock);
	world.paused++;
	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		preempt(vgpu, i);
}

void mvgpu_sched_unpause(struct mvgpu_vgpu *vgpu)
{
	FUZZ_CHECK(world.paused, "unpause without pause");
	world.paused--;
}

/* The harness's scheduler acts from the input only: nothing to set up. */
void mvgpu_sched_attach(struct mvgpu_vgpu *vgpu)
{
}

void mvgpu_sched_detach(struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		preempt(vgpu, i);
}

/**
 * fake_sched_event() - the scheduler acts on an engine of the vGPU
 * @engine: MVGPU_ENGINE_*
 * @what: enum fz_sched_op
 * @arg: progress of the workload (bytes of the ring segment), for
 *	preemptions and faults
 *
 * As core/sched.c: picks a ready workload unless paused; retires a
 * running one under the vGPU lock with the workload's status.
 */
void fake_sched_event(unsigned int engine, unsigned int what, u32 arg)
{
	struct mvgpu_vgpu *vgpu = world.vgpu;
	struct fake_sched *s = &world.sched[engine];
	struct mvgpu_engine *e = &vgpu->engines[engine];
	bool hung = false;
	int status;

	if (what == FZ_SCHED_PICK) {
		if (s->ready && !s->running && !world.paused)
			s->running = true;
		return;
	}
	if (!s->running)
		return;
	switch (what) {
	case FZ_SCHED_COMPLETE:
		status = 0;
		e->wl.head = e->wl.size;
		break;
	case FZ_SCHED_FAULT:
		status = -EIO;
		e->wl.head = arg;
		break;
	case FZ_SCHED_PREEMPT:
		status = -EAGAIN;
		e->wl.head = e->wl.size ? arg % e->wl.size : 0;
		break;
	case FZ_SCHED_CANCELLED:
		status = -ECANCELED;
		break;
	default:
		status = -ECANCELED;
		hung = true;
		break;
	}
	s->running = false;
	e->wl.status = status;
	e->wl.busy_ns += 1000;
	shim_advance_time(1000);
	mutex_lock(&vgpu->lock);
	mvgpu_engine_retire(e, status, hung);
	mvgpu_vgpu_unlock(vgpu);
}

/* ---- the world ----------------------------------------------------------- */

static void pgpu_init(void)
{
	struct mvgpu_pgpu *pgpu = &world.pgpu;
	const struct mvgpu_pgpu_caps caps = {
		.ggtt_size = 4ull << 30,
		.aperture_size = 512ull << 20,
		.host_aperture = 64ull << 20,
		.host_hidden = 256ull << 20,
		.engine_mask = 3,
	};
	u64 hidden = caps.aperture_size + caps.host_hidden;

	memset(pgpu, 0, sizeof(*pgpu));
	world.dev.name = "sgpu-fuzz";
	pgpu->dev = &world.dev;
	pgpu->caps = caps;
	pgpu->nr_types = mvgpu_types_derive(&caps, pgpu->types);
	pgpu->ops = &fake_backend_ops;
	mutex_init(&pgpu->lock);
	ida_init(&pgpu->vgpu_ida);
	INIT_LIST_HEAD(&pgpu->vgpus);
	refcount_set(&pgpu->users, 1);
	init_completion(&pgpu->unused);
	pgpu->scratch_page = pgpu_scratch;
	pgpu->scratch_addr = page_to_phys(pgpu_scratch);
	FUZZ_CHECK(!mvgpu_gm_space_init(&pgpu->gm.aperture, caps.host_aperture,
					caps.aperture_size - caps.host_aperture) &&
		   !mvgpu_gm_space_init(&pgpu->gm.hidden, hidden,
					caps.ggtt_size - hidden), "gm");
}

/**
 * fake_world_begin() - a fresh physical GPU with one vGPU of @type
 * @type: index into the physical GPU's types (modulo their number)
 * @fail_alloc: make the allocation with this index fail during
 *	mvgpu_vgpu_init() and the open (-1: none)
 *
 * Return: 0 with the vGPU open, or -ENOMEM: when mvgpu_vgpu_init()
 * failed, there is no vGPU, and everything it reserved must have been
 * given back; when the open failed, the vGPU stays closed.
 */
int fake_world_begin(unsigned int type, long fail_alloc)
{
	struct mvgpu_vgpu *vgpu;
	static bool once;
	int ret;

	if (!once) {
		fake_mem_init();
		pgpu_scratch = alloc_page(GFP_KERNEL | __GFP_ZERO);
		FUZZ_CHECK(mvgpu_regs_table_init() == 0, "register table");
		once = true;
	}
	fake_mem_begin();
	world.nr_efd = 0;
	memset(world.sched, 0, sizeof(world.sched));
	world.paused = 0;
	pgpu_init();
	vgpu = kzalloc(sizeof(*vgpu), GFP_KERNEL);
	world.vdev_dev.name = "mvgpu-fuzz-vgpu";
	shim_fail_alloc_after(fail_alloc);
	ret = mvgpu_vgpu_init(vgpu, &world.pgpu,
			      &world.pgpu.types[type % world.pgpu.nr_types],
			      &world.vdev_dev, &fake_vgpu_ops, vgpu);
	if (ret) {
		shim_fail_alloc_after(-1);
		FUZZ_CHECK(ret == -ENOMEM, "vGPU init: %d", ret);
		FUZZ_CHECK(!world.pgpu.gm.aperture.nr && !world.pgpu.gm.hidden.nr,
			   "a failed init kept graphics memory");
		FUZZ_CHECK(list_empty(&world.pgpu.vgpus), "a failed init is listed");
		kfree(vgpu);
		world.vgpu = NULL;
		return ret;
	}
	world.vgpu = vgpu;
	/* The open vfio/device.c makes (it may fail too). */
	ret = mvgpu_vgpu_open(vgpu);
	shim_fail_alloc_after(-1);
	world.touched = bitmap_zalloc(vgpu->gtt.nr_aperture +
				      vgpu->gtt.nr_hidden, GFP_KERNEL);
	FUZZ_CHECK(!ret || ret == -ENOMEM, "open: %d", ret);
	world.open = !ret;
	return ret;
}

/* A guest access of @bytes at BAR0 @offset may change a GTT entry. */
void fake_touch_gtt(u64 offset, unsigned int bytes)
{
	struct mvgpu_vgpu *vgpu = world.vgpu;
	const struct mvgpu_gm_range *r[] = { &vgpu->aperture, &vgpu->hidden };
	u64 gm, end;
	u32 i;

	if (offset < MVGPU_GTT_OFFSET || offset >= MVGPU_BAR0_SIZE)
		return;
	gm = (offset - MVGPU_GTT_OFFSET) / MVGPU_GTT_ENTRY_SIZE *
	     (1ull << MVGPU_GTT_PAGE_SHIFT);
	end = gm + (bytes > 8 ? 2 : 1) * (1ull << MVGPU_GTT_PAGE_SHIFT);
	for (; gm < end; gm += 1ull << MVGPU_GTT_PAGE_SHIFT)
		for (i = 0; i < ARRAY_SIZE(r); i++)
			if (gm - r[i]->start < r[i]->size)
				__set_bit((i ? vgpu->gtt.nr_aperture : 0) +
					  ((gm - r[i]->start) >> MVGPU_GTT_PAGE_SHIFT),
					  world.touched);
}

/* ---- interrupt triggers, as VFIO_DEVICE_SET_IRQS sets them ---------------- */

static struct eventfd_ctx *new_eventfd(void)
{
	struct eventfd_ctx *ctx;

	if (world.nr_efd == ARRAY_SIZE(world.efd))
		return NULL;
	ctx = &world.efd[world.nr_efd++];
	*ctx = (struct eventfd_ctx){ .refs = 1 };
	return ctx;
}

/**
 * fake_irq_op() - what vfio/irqs.c does to the core's interrupt state
 * @what: bit 0: MSI (else INTx); bits 3:1: install an eventfd, drop it
 *	(eventfd -1), disable (count 0), mask INTx, unmask INTx
 */
void fake_irq_op(u8 what)
{
	struct mvgpu_vgpu *vgpu = world.vgpu;
	struct eventfd_ctx **trigger = what & 1 ? &vgpu->irq.msi_trigger :
						  &vgpu->irq.intx_trigger;
	struct eventfd_ctx *ctx;

	mutex_lock(&vgpu->lock);
	switch ((what >> 1) % 5) {
	case 0:		/* TRIGGER, DATA_EVENTFD fd */
	case 1:		/* TRIGGER, DATA_EVENTFD -1 */
		ctx = (what >> 1) % 5 ? NULL : new_eventfd();
		mvgpu_irq_set_trigger(vgpu, trigger, ctx);
		vgpu->irq.asserted = false;
		vgpu->irq.intx_masked = false;
		mvgpu_irq_update(vgpu);
		break;
	case 2:		/* TRIGGER, DATA_NONE, count 0: disable */
		mvgpu_irq_set_trigger(vgpu, trigger, NULL);
		break;
	case 3:		/* INTx MASK */
		vgpu->irq.intx_masked = true;
		break;
	default:	/* INTx UNMASK */
		mvgpu_irq_intx_unmask(vgpu);
		break;
	}
	mvgpu_vgpu_unlock(vgpu);
}

void fake_irq_before(struct fake_irq_snap *snap)
{
	struct mvgpu_vgpu *vgpu = world.vgpu;

	snap->msi = vgpu->irq.msi_trigger;
	snap->signals = snap->msi ? snap->msi->signals : 0;
	snap->edges = vgpu->irq.edges;
}

/*
 * MSI is edge-triggered: while one eventfd is installed, it is signalled
 * once per rising edge of the line, by the time the vGPU lock is dropped.
 */
void fake_irq_after(const struct fake_irq_snap *snap)
{
	struct mvgpu_vgpu *vgpu = world.vgpu;

	FUZZ_CHECK(!vgpu->irq.signal_msi && !vgpu->irq.signal_intx,
		   "an interrupt is left undelivered with the lock dropped");
	if (!snap->msi || vgpu->irq.msi_trigger != snap->msi)
		return;
	FUZZ_CHECK(snap->msi->signals - snap->signals ==
		   vgpu->irq.edges - snap->edges,
		   "MSI signalled %lu times for %llu rising edges",
		   snap->msi->signals - snap->signals,
		   (unsigned long long)(vgpu->irq.edges - snap->edges));
}

/* The last close, the one vfio/device.c makes. */
static void fake_close(void)
{
	mvgpu_vgpu_close(world.vgpu);
	world.open = false;
}

/* Device reset, as VFIO_DEVICE_RESET does it (vfio/device.c). */
void fake_reset(void)
{
	mvgpu_vgpu_reset(world.vgpu);
}

/**
 * fake_world_end() - close and destroy the vGPU, then check that it gave
 * everything back
 */
void fake_world_end(void)
{
	struct mvgpu_vgpu *vgpu = world.vgpu;
	struct mvgpu_pgpu *pgpu = &world.pgpu;
	u64 scratch = pgpu->scratch_addr | MVGPU_GTT_PTE_PRESENT;
	const struct mvgpu_gm_range *r;
	struct mvgpu_gm_range slices[2];
	u64 i;

	if (vgpu && shim_verbose)
		fprintf(stderr, "interrupt edges %llu, eventfd signals %lu\n",
			(unsigned long long)vgpu->irq.edges, shim_eventfd_signals);
	if (vgpu && shim_verbose)
		for (i = 0; i < MVGPU_NUM_ENGINES; i++)
			fprintf(stderr, "engine %llu: submitted %llu completed %llu rejected %llu cmds %llu batches %llu\n",
				(unsigned long long)i,
				(unsigned long long)vgpu->engines[i].stats.submitted,
				(unsigned long long)vgpu->engines[i].stats.completed,
				(unsigned long long)vgpu->engines[i].stats.rejected,
				(unsigned long long)vgpu->engines[i].stats.cmds,
				(unsigned long long)vgpu->engines[i].stats.batches);
	if (vgpu) {
		/* Everything, once. */
		fake_mem_check_pins(vgpu, NULL);
		if (world.open)
			fake_close();
		for (i = 0; i < world.nr_efd; i++)
			FUZZ_CHECK(!world.efd[i].refs, "eventfd %llu kept",
				   (unsigned long long)i);
		shim_run_work();
		fake_world_check();
		slices[0] = vgpu->aperture;
		slices[1] = vgpu->hidden;
		mvgpu_vgpu_fini(vgpu);
		/* Nothing of it may run once it is freed. */
		FUZZ_CHECK(!shim_queued_timers() && !shim_pending_work(),
			   "the vGPU is destroyed with %u timers set and %u work items queued",
			   shim_queued_timers(), shim_pending_work());
		kfree(vgpu);
		bitmap_free(world.touched);
		world.vgpu = NULL;
		FUZZ_CHECK(!pgpu->gm.aperture.nr && !pgpu->gm.hidden.nr,
			   "graphics memory left reserved");
		/* Nothing of the vGPU stays reachable through the GGTT. */
		for (r = slices; r < slices + ARRAY_SIZE(slices); r++)
			for (i = r->start >> MVGPU_GTT_PAGE_SHIFT;
			     i < (r->start + r->size) >> MVGPU_GTT_PAGE_SHIFT; i++)
				FUZZ_CHECK(fake_mem.ggtt[i] == scratch,
					   "GGTT entry %#llx left pointing at %#llx",
					   (unsigned long long)i,
					   (unsigned long long)fake_mem.ggtt[i]);
	}
	/* A destroyed vGPU stays paused: mvgpu_engines_fini() quiesces. */
	fake_mem_end();
}

static u32 reg(struct mvgpu_vgpu *vgpu, u32 offset)
{
	return *mvgpu_vreg(vgpu, offset);
}

/*
 * The display (core/display.c), its lock held: a plane scans out only
 * while the pipe runs, and only a source that passed the checks, inside
 * the vGPU's slices; no vertical blank is handled ahead of the clock; and
 * while one is awaited (an update armed, or the vblank interrupt enabled
 * and unmasked), its work is queued or its timer set, for no later than
 * the next frame start.
 */
static void check_display(struct mvgpu_vgpu *vgpu)
{
	const struct mvgpu_display *d = &vgpu->display;
	u32 bank = MVGPU_IRQ_BANK_DE_PIPE(0);
	bool pipe = reg(vgpu, MVGPU_PIPECONF(0)) & MVGPU_PIPECONF_ENABLE;
	bool vblank = reg(vgpu, MVGPU_IRQ_IER(bank)) &
		      ~reg(vgpu, MVGPU_IRQ_IMR(bank)) & MVGPU_DE_PIPE_VBLANK;
	s64 elapsed = ktime_get() - d->epoch;
	u64 frames = 0, next;
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_PLANES; i++) {
		const struct mvgpu_plane *p = &d->planes[i];

		if (!p->on)
			continue;
		FUZZ_CHECK(pipe, "plane %u scans out with the pipe off", i);
		FUZZ_CHECK(p->cpp && p->width && p->height &&
			   p->stride >= p->width * p->cpp &&
			   p->size == (u64)p->stride * (p->height - 1) +
				      p->width * p->cpp,
			   "plane %u: %ux%u, %u bytes a pixel, stride %u, %#llx bytes",
			   i, p->width, p->height, p->cpp, p->stride,
			   (unsigned long long)p->size);
		FUZZ_CHECK(i != MVGPU_PLANE_PRIMARY ||
			   (p->width <= vgpu->type->max_hres &&
			    p->height <= vgpu->type->max_vres),
			   "primary plane of %ux%u", p->width, p->height);
		FUZZ_CHECK(mvgpu_gtt_range_ok(vgpu, p->gm, p->size),
			   "plane %u at %#llx, %#llx bytes: outside the vGPU's slices",
			   i, (unsigned long long)p->gm,
			   (unsigned long long)p->size);
	}
	FUZZ_CHECK(d->edid_size <= MVGPU_EDID_MAX_SIZE, "EDID of %u bytes",
		   d->edid_size);
	if (!pipe)
		return;
	FUZZ_CHECK(d->period_ns, "a frame time of 0");
	if (elapsed > 0)
		frames = elapsed / d->period_ns;
	FUZZ_CHECK(d->frame <= d->base_frame + frames,
		   "vertical blank %llu handled, the clock is at frame %llu",
		   (unsigned long long)d->frame,
		   (unsigned long long)(d->base_frame + frames));
	if (!d->armed[MVGPU_PLANE_PRIMARY] && !d->armed[MVGPU_PLANE_CURSOR] &&
	    !vblank)
		return;
	if (work_pending(&d->work))
		return;
	next = d->epoch + (frames + 1) * d->period_ns;
	FUZZ_CHECK(hrtimer_is_queued(&d->timer),
		   "a vertical blank is awaited (armed %d/%d, vblank interrupt %d) and no timer is set",
		   d->armed[0], d->armed[1], vblank);
	FUZZ_CHECK(d->timer.expires <= (ktime_t)next,
		   "the vblank timer fires at %lld ns, after the next frame start at %lld ns (frame time %llu ns)",
		   (long long)d->timer.expires, (long long)next,
		   (unsigned long long)d->period_ns);
}

/*
 * Invariants between two operations: no lock held; the interrupt line
 * is what the banks say; the engines and the scheduler agree; work in
 * flight holds the pin cache; the pins match the GTT; the display's
 * (check_display()).
 */
void fake_world_check(void)
{
	struct mvgpu_vgpu *vgpu = world.vgpu;
	static const u32 banks[] = { MVGPU_IRQ_BANK_GT0,
				     MVGPU_IRQ_BANK_DE_PIPE(0),
				     MVGPU_IRQ_BANK_DE_PORT,
				     MVGPU_IRQ_BANK_DE_MISC };
	static const u32 valid[] = { MVGPU_GT0_VALID_MASK,
				     MVGPU_DE_PIPE_VALID_MASK,
				     MVGPU_DE_PORT_VALID_MASK,
				     MVGPU_DE_MISC_VALID_MASK };
	bool pending = false, level, busy = false;
	unsigned int i, n;

	if (!vgpu)
		return;
	FUZZ_CHECK(!mutex_is_locked(&vgpu->lock), "vGPU lock held");
	FUZZ_CHECK(!mutex_is_locked(&vgpu->gtt.write_lock), "GTT lock held");
	mutex_lock(&vgpu->lock);
	for (i = 0; i < ARRAY_SIZE(banks); i++) {
		u32 iir = reg(vgpu, MVGPU_IRQ_IIR(banks[i]));

		FUZZ_CHECK(!(iir & ~valid[i]), "IIR %#x has bits %#x", banks[i],
			   iir);
		pending |= iir & reg(vgpu, MVGPU_IRQ_IER(banks[i]));
	}
	level = pending &&
		(reg(vgpu, MVGPU_REG_MASTER_IRQ) & MVGPU_MASTER_IRQ_CONTROL);
	FUZZ_CHECK(vgpu->irq.asserted == level, "line %d, banks say %d",
		   vgpu->irq.asserted, level);
	FUZZ_CHECK(!!(vgpu->cfg.data[PCI_STATUS] & PCI_STATUS_INTERRUPT) == level,
		   "PCI interrupt status");
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];
		struct fake_sched *s = &world.sched[i];

		FUZZ_CHECK(e->busy == (s->ready || s->running),
			   "engine %u busy %d, scheduler ready %d running %d",
			   i, e->busy, s->ready, s->running);
		FUZZ_CHECK(!e->reset_pending || e->busy, "reset pending, idle");
		busy |= e->busy;
	}
	FUZZ_CHECK(vgpu->gtt.pins.hold == busy,
		   "pin hold %d with engines busy %d", vgpu->gtt.pins.hold, busy);
	FUZZ_CHECK(vgpu->quiesce == vgpu->gtt.repin_quiesce,
		   "quiesce %u, re-translations pending %u", vgpu->quiesce,
		   vgpu->gtt.repin_quiesce);
	FUZZ_CHECK(world.paused == vgpu->quiesce, "scheduler paused %u times",
		   world.paused);
	check_display(vgpu);
	mutex_unlock(&vgpu->lock);
	/* The entries the guest wrote, and those translated before. */
	fake_mem_check_pins(vgpu, world.touched);
	n = vgpu->gtt.nr_aperture + vgpu->gtt.nr_hidden;
	for (i = 0; i < BITS_TO_LONGS(n); i++)
		world.touched[i] = vgpu->gtt.pinned[i];
}

/* ---- BAR0 accesses ------------------------------------------------------- */

int fz_bar0_write(struct mvgpu_vgpu *vgpu, u64 offset, u64 val,
		  unsigned int bytes)
{
	u8 buf[16] = { 0 };

	put_unaligned_le64(val, buf);
	return mvgpu_mmio_write(vgpu, offset, buf, bytes);
}

int fz_bar0_read(struct mvgpu_vgpu *vgpu, u64 offset, u64 *val,
		 unsigned int bytes)
{
	u8 buf[16];
	int ret;

	/* Bytes the driver does not write stay the canary. */
	memset(buf, 0xa5, sizeof(buf));
	ret = mvgpu_mmio_read(vgpu, offset, buf, bytes);
	FUZZ_CHECK(!memchr_inv(buf + min(bytes, 16u), 0xa5,
				    16 - min(bytes, 16u)),
		   "a read of %u bytes wrote past them", bytes);
	*val = ret ? 0 : get_unaligned_le64(buf) &
		(bytes >= 8 ? ~0ull : (1ull << (8 * bytes)) - 1);
	return ret;
}
