// SPDX-License-Identifier: GPL-2.0-only
/*
 * vGPU lifecycle: reserve resources on the physical GPU, build the
 * guest-visible state, reset it, move its graphics memory before it is
 * opened, give everything back.
 *
 * The pGPU lock is never taken with a vGPU lock held; mvgpu_vgpu_place()
 * takes a vGPU's lock under it.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/errno.h>
#include <linux/lockdep.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"
#include "core/pvinfo.h"

/* A scratch page of the vGPU's own, behind all of its entries at first. */
static int init_scratch(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;
	int ret;

	vgpu->scratch_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!vgpu->scratch_page)
		return -ENOMEM;
	ret = pgpu->ops->map_page(pgpu->priv, vgpu->scratch_page,
				  &vgpu->scratch_addr);
	if (ret) {
		__free_page(vgpu->scratch_page);
		return ret;
	}
	mvgpu_pgpu_fill_ggtt_with(pgpu, vgpu->aperture.start,
				  vgpu->aperture.size, vgpu->scratch_addr);
	mvgpu_pgpu_fill_ggtt_with(pgpu, vgpu->hidden.start, vgpu->hidden.size,
				  vgpu->scratch_addr);
	return 0;
}

static void free_slices_locked(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;

	lockdep_assert_held(&pgpu->lock);
	WARN_ON(mvgpu_gm_space_free(&pgpu->gm.hidden, &vgpu->hidden));
	WARN_ON(mvgpu_gm_space_free(&pgpu->gm.aperture, &vgpu->aperture));
	ida_free(&pgpu->vgpu_ida, vgpu->id);
}

/*
 * An id and the slices under the pGPU lock; the slices' GGTT entries are
 * written after it, since nobody else uses them (a whole-GPU type has
 * about a million).
 */
static int reserve_resources(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;
	int ret;

	mutex_lock(&pgpu->lock);
	if (pgpu->removing) {
		ret = -ENODEV;
		goto out_unlock;
	}
	ret = ida_alloc_range(&pgpu->vgpu_ida, 1, MVGPU_MAX_VGPUS_PER_PGPU,
			      GFP_KERNEL);
	if (ret < 0)
		goto out_unlock;
	vgpu->id = ret;
	ret = mvgpu_gm_space_alloc(&pgpu->gm.aperture,
				   vgpu->type->aperture_size, &vgpu->aperture);
	if (ret)
		goto err_id;
	ret = mvgpu_gm_space_alloc(&pgpu->gm.hidden, vgpu->type->hidden_size,
				   &vgpu->hidden);
	if (ret)
		goto err_aperture;
	mutex_unlock(&pgpu->lock);

	ret = init_scratch(vgpu);
	mutex_lock(&pgpu->lock);
	if (ret) {
		free_slices_locked(vgpu);
	} else {
		list_add_tail(&vgpu->node, &pgpu->vgpus);
		refcount_inc(&pgpu->users);
	}
	mutex_unlock(&pgpu->lock);
	return ret;

err_aperture:
	mvgpu_gm_space_free(&pgpu->gm.aperture, &vgpu->aperture);
err_id:
	ida_free(&pgpu->vgpu_ida, vgpu->id);
out_unlock:
	mutex_unlock(&pgpu->lock);
	return ret;
}

static void release_resources(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;

	/* Nothing of this vGPU may stay reachable through the GGTT. */
	mvgpu_pgpu_fill_ggtt(pgpu, vgpu->aperture.start, vgpu->aperture.size);
	mvgpu_pgpu_fill_ggtt(pgpu, vgpu->hidden.start, vgpu->hidden.size);
	pgpu->ops->unmap_page(pgpu->priv, vgpu->scratch_addr);
	__free_page(vgpu->scratch_page);

	mutex_lock(&pgpu->lock);
	list_del(&vgpu->node);
	free_slices_locked(vgpu);
	mutex_unlock(&pgpu->lock);
	/* Last: the pGPU may be freed as soon as it is dropped. */
	mvgpu_pgpu_put(pgpu);
}

static int init_cfg(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_cfg_params params = {
		.bar0_size = MVGPU_BAR0_SIZE,
		.bar2_size = vgpu->pgpu->caps.aperture_size,
		.weight = vgpu->type->weight,
		.max_hres = vgpu->type->max_hres,
		.max_vres = vgpu->type->max_vres,
	};

	return mvgpu_cfg_init(&vgpu->cfg, &params);
}

/**
 * mvgpu_vgpu_reset_locked() - device-level reset of the guest-visible state
 * @vgpu: the vGPU; its lock must be held
 *
 * Registers, PV info, interrupt state, engines, config space and GTT
 * entries return to their reset values and every pinned guest frame is
 * released.  Eventfds stay: they belong to the user.  The engines must be
 * quiesced (no work in flight).
 */
void mvgpu_vgpu_reset_locked(struct mvgpu_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	mvgpu_regs_reset(&vgpu->regs);
	mvgpu_display_reset(vgpu);
	mvgpu_pvinfo_reset(vgpu);
	/* Parameters were validated when the vGPU was created. */
	WARN_ON(init_cfg(vgpu));
	mvgpu_irq_reset(vgpu);
	mvgpu_engines_reset(vgpu);
	/* Before the GTT's reset, which unpins what the shadows hold. */
	mvgpu_ppgtt_reset(vgpu);
	mvgpu_gtt_reset(vgpu);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_vgpu_reset_locked);

/**
 * mvgpu_vgpu_reset() - device-level reset (VFIO_DEVICE_RESET, close)
 * @vgpu: the vGPU
 */
void mvgpu_vgpu_reset(struct mvgpu_vgpu *vgpu)
{
	mvgpu_engines_quiesce(vgpu);
	mutex_lock(&vgpu->lock);
	mvgpu_vgpu_reset_locked(vgpu);
	mvgpu_engines_resume(vgpu);
	mvgpu_vgpu_unlock(vgpu);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_vgpu_reset);

/*
 * Take the slice of @cur's size at @start in @space instead of @cur.  On
 * failure @cur is taken back, which cannot fail: nobody took it
 * meanwhile, as the caller holds the pGPU lock all along.
 */
static int move_slice_locked(struct mvgpu_pgpu *pgpu,
			     struct mvgpu_gm_space *space,
			     struct mvgpu_gm_range *cur, u64 start)
{
	struct mvgpu_gm_range old = *cur, slice;
	int ret;

	lockdep_assert_held(&pgpu->lock);
	if (start == old.start)
		return 0;
	WARN_ON(mvgpu_gm_space_free(space, &old));
	ret = mvgpu_gm_space_alloc_at(space, start, old.size, &slice);
	if (ret) {
		WARN_ON(mvgpu_gm_space_alloc_at(space, old.start, old.size,
						&slice));
		return ret;
	}
	*cur = slice;
	return 0;
}

/*
 * The guest-visible and host state that follows from where the slices
 * are: the host GGTT entries of the slices it left point at the pGPU's
 * scratch page, those of its new slices at its own, and the device is
 * reset so that the PV info page shows the new bases.
 */
static void apply_placement(struct mvgpu_vgpu *vgpu,
			    const struct mvgpu_gm_range *old_ap,
			    const struct mvgpu_gm_range *old_hid)
{
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;

	lockdep_assert_held(&pgpu->lock);
	/* Old first: an old slice may overlap the new one of its space. */
	if (old_ap->start != vgpu->aperture.start)
		mvgpu_pgpu_fill_ggtt(pgpu, old_ap->start, old_ap->size);
	if (old_hid->start != vgpu->hidden.start)
		mvgpu_pgpu_fill_ggtt(pgpu, old_hid->start, old_hid->size);
	if (old_ap->start != vgpu->aperture.start)
		mvgpu_pgpu_fill_ggtt_with(pgpu, vgpu->aperture.start,
					  vgpu->aperture.size,
					  vgpu->scratch_addr);
	if (old_hid->start != vgpu->hidden.start)
		mvgpu_pgpu_fill_ggtt_with(pgpu, vgpu->hidden.start,
					  vgpu->hidden.size, vgpu->scratch_addr);
	mvgpu_vgpu_reset(vgpu);
}

/**
 * mvgpu_vgpu_place() - move a vGPU's graphics memory to given addresses
 * @vgpu: the vGPU; no lock held
 * @aperture_base: graphics address its aperture slice is to start at
 * @hidden_base: graphics address its hidden slice is to start at
 *
 * Graphics addresses are absolute, so a migration's destination vGPU
 * must have the source's slices.  The slices keep their sizes and move
 * as one: both or neither.  Then the host GGTT entries of the slices it
 * left point at the pGPU's scratch page, those of its new slices at its
 * own scratch page, and the vGPU is reset: its PV info page shows the
 * new bases.  Only while the vGPU is not open: it has no user, no pin,
 * no work and no mapping that could still use the old addresses.
 *
 * Everything happens under the pGPU lock, so that no open can start
 * before the vGPU is consistent with its new place; the vGPU lock nests
 * inside it (the reset), and nothing takes them in the other order.
 * Placing where the vGPU already is does nothing, also while it is open.
 *
 * Return: 0; -EBUSY while the vGPU is open or when a new slice overlaps
 * another vGPU's; -EINVAL for a base that is not page aligned or a slice
 * that would not lie inside its space (the host's reservations included).
 */
int mvgpu_vgpu_place(struct mvgpu_vgpu *vgpu, u64 aperture_base,
		     u64 hidden_base)
{
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;
	struct mvgpu_gm_range old_ap, old_hid;
	int ret;

	mutex_lock(&pgpu->lock);
	if (aperture_base == vgpu->aperture.start &&
	    hidden_base == vgpu->hidden.start) {
		ret = 0;
		goto out_unlock;
	}
	if (vgpu->open) {
		ret = -EBUSY;
		goto out_unlock;
	}
	old_ap = vgpu->aperture;
	old_hid = vgpu->hidden;
	ret = move_slice_locked(pgpu, &pgpu->gm.aperture, &vgpu->aperture,
				aperture_base);
	if (ret)
		goto out_unlock;
	ret = move_slice_locked(pgpu, &pgpu->gm.hidden, &vgpu->hidden,
				hidden_base);
	if (ret) {
		/* Back where it was, which nobody can have taken. */
		WARN_ON(move_slice_locked(pgpu, &pgpu->gm.aperture,
					  &vgpu->aperture, old_ap.start));
		goto out_unlock;
	}
	apply_placement(vgpu, &old_ap, &old_hid);
	mvgpu_vgpu_dbg(vgpu, "moved: aperture %#llx -> %#llx, hidden %#llx -> %#llx\n",
		       old_ap.start, vgpu->aperture.start, old_hid.start,
		       vgpu->hidden.start);
out_unlock:
	mutex_unlock(&pgpu->lock);
	if (ret)
		mvgpu_vgpu_dbg(vgpu, "not moved to aperture %#llx, hidden %#llx: %d\n",
			       aperture_base, hidden_base, ret);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_vgpu_place);

/* The user let go: a removal of the pGPU may be waiting for that. */
static void put_open(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;

	mutex_lock(&pgpu->lock);
	vgpu->open = false;
	WRITE_ONCE(pgpu->nr_open, pgpu->nr_open - 1);
	if (!pgpu->nr_open)
		wake_up_all(&pgpu->open_wq);
	mutex_unlock(&pgpu->lock);
}

/**
 * mvgpu_vgpu_open() - the device's first open: the vGPU may run
 * @vgpu: the vGPU; no lock held
 *
 * Allocates what its engines need before the guest can reach them, and
 * lets it compete for the physical engines.
 *
 * Return: 0, -ENOMEM, or -ENODEV while its pGPU is being removed.
 */
int mvgpu_vgpu_open(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_pgpu *pgpu = vgpu->pgpu;
	int ret = 0;

	mutex_lock(&pgpu->lock);
	if (pgpu->removing) {
		ret = -ENODEV;
	} else {
		vgpu->open = true;
		WRITE_ONCE(pgpu->nr_open, pgpu->nr_open + 1);
	}
	mutex_unlock(&pgpu->lock);
	if (ret) {
		mvgpu_vgpu_dbg(vgpu, "not opened: its GPU is being removed\n");
		return ret;
	}
	ret = mvgpu_engines_prepare(vgpu);
	if (ret) {
		put_open(vgpu);
		return ret;
	}
	mvgpu_sched_attach(vgpu);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_vgpu_open);

/**
 * mvgpu_vgpu_close() - the device's last close
 * @vgpu: the vGPU; no lock held
 *
 * Each open starts from a reset device with no eventfds: the vGPU leaves
 * the physical engines, drops its eventfds and is reset; when this returns
 * nothing of it is pinned and nothing will pin (re-translations flushed,
 * unmap bars forgotten).
 */
void mvgpu_vgpu_close(struct mvgpu_vgpu *vgpu)
{
	mvgpu_engines_quiesce(vgpu);
	mvgpu_sched_detach(vgpu);
	mutex_lock(&vgpu->lock);
	mvgpu_irq_release_triggers(vgpu);
	mvgpu_vgpu_reset_locked(vgpu);
	mvgpu_engines_resume(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	/* The pipe is off: no vertical blank comes any more. */
	mvgpu_display_stop(vgpu);
	/* A re-translation racing with the reset must not pin after close. */
	mvgpu_gtt_flush_repin(vgpu);
	mvgpu_engines_flush(vgpu);
	/* Nothing pins any more: unmaps still in progress need no bar. */
	mvgpu_gtt_forget_blocks(vgpu);
	put_open(vgpu);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_vgpu_close);

/**
 * mvgpu_vgpu_init() - create a vGPU's state on a physical GPU
 * @vgpu: zeroed vGPU, embedded in the front end's object
 * @pgpu: physical GPU
 * @type: vGPU type
 * @dev: the device the vGPU's user sees; its log lines name it
 * @ops: the front end's services for this vGPU (pinning, aperture zap)
 * @ops_ctx: cookie passed to @ops
 *
 * Reserves an id and graphics memory atomically with respect to other
 * creations on @pgpu.
 *
 * Return: 0, -ENOSPC when the pGPU cannot hold another vGPU of @type,
 * -ENOMEM.
 */
int mvgpu_vgpu_init(struct mvgpu_vgpu *vgpu, struct mvgpu_pgpu *pgpu,
		    const struct mvgpu_type_desc *type, struct device *dev,
		    const struct mvgpu_vgpu_ops *ops, void *ops_ctx)
{
	int ret;

	vgpu->dev = dev;
	vgpu->ops = ops;
	vgpu->ops_ctx = ops_ctx;
	vgpu->pgpu = pgpu;
	vgpu->type = type;
	mutex_init(&vgpu->lock);
	xa_init(&vgpu->unknown_mmio);
	ratelimit_state_init(&vgpu->log_rs, MVGPU_LOG_INTERVAL, MVGPU_LOG_BURST);
	mvgpu_irq_init(vgpu);

	ret = reserve_resources(vgpu);
	if (ret)
		goto err_destroy;
	ret = mvgpu_regs_init(&vgpu->regs);
	if (ret)
		goto err_release;
	ret = init_cfg(vgpu);
	if (ret)
		goto err_regs;
	ret = mvgpu_gtt_init(vgpu, ops->pin, ops_ctx);
	if (ret)
		goto err_regs;
	ret = mvgpu_ppgtt_init(vgpu);
	if (ret)
		goto err_gtt;
	mvgpu_engines_init(vgpu);
	mvgpu_display_init(vgpu);
	mutex_lock(&vgpu->lock);
	mvgpu_vgpu_reset_locked(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	mvgpu_debugfs_vgpu_init(vgpu);
	return 0;

err_gtt:
	mvgpu_gtt_fini(vgpu);
err_regs:
	mvgpu_regs_fini(&vgpu->regs);
err_release:
	release_resources(vgpu);
err_destroy:
	xa_destroy(&vgpu->unknown_mmio);
	mutex_destroy(&vgpu->lock);
	return ret;
}

/**
 * mvgpu_vgpu_fini() - undo mvgpu_vgpu_init()
 * @vgpu: the vGPU; closed, with no user left
 */
void mvgpu_vgpu_fini(struct mvgpu_vgpu *vgpu)
{
	mvgpu_debugfs_vgpu_fini(vgpu);
	mvgpu_display_fini(vgpu);
	mvgpu_engines_fini(vgpu);
	mutex_lock(&vgpu->lock);
	mvgpu_ppgtt_reset(vgpu);
	mvgpu_gtt_reset(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	mvgpu_ppgtt_fini(vgpu);
	mvgpu_gtt_fini(vgpu);
	mvgpu_regs_fini(&vgpu->regs);
	release_resources(vgpu);
	xa_destroy(&vgpu->unknown_mmio);
	mutex_destroy(&vgpu->lock);
}
