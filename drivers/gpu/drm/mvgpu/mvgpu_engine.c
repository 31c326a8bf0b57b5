// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu_drm: the engines' rings, hardware fences and recovery.
 *
 * Each engine has a ring and a status page, both pinned in graphics
 * memory.  A job is one submission (the scheduler gives an engine one
 * job at a time):
 *
 *   [TLB invalidate]        when the address space changed since its
 *                           last submission (mvgpu_drm_vm_needs_invalidate)
 *   MI_LOAD_REGISTER_IMM    PML4 := the space's root
 *   MI_BATCH_BUFFER_START   PPGTT, the space's batch slot for the engine
 *   MI_STORE_DATA_IMM       GGTT, the job's seqno into the status page
 *   MI_USER_INTERRUPT
 *
 * The interrupt handler signals the fence once the status page shows the
 * seqno.  An ERROR interrupt (the host refused the submission, or the
 * engine hung or faulted) and a scheduler timeout both end in
 * mvgpu_drm_engine_recover(): the engine is reset through GDRST, its ring
 * programmed again, and the job's fence signalled with the error, which
 * its process sees through GEM_WAIT and GET_PARAM.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/delay.h>
#include <linux/iopoll.h>
#include <linux/iosys-map.h>

#include <drm/drm_drv.h>
#include <drm/drm_print.h>

#include "mvgpu_drv.h"

static const char *const mvgpu_engine_names[MVGPU_NUM_ENGINES] = {
	[MVGPU_ENGINE_RCS] = "rcs",
	[MVGPU_ENGINE_BCS] = "bcs",
};

static const char *mvgpu_fence_driver_name(struct dma_fence *f)
{
	return MVGPU_DRM_NAME;
}

static const char *mvgpu_fence_timeline_name(struct dma_fence *f)
{
	return "mvgpu-engine";
}

static const struct dma_fence_ops mvgpu_fence_ops = {
	.get_driver_name = mvgpu_fence_driver_name,
	.get_timeline_name = mvgpu_fence_timeline_name,
};

static void mvgpu_ring_program(struct mvgpu_engine *eng)
{
	struct mvgpu_device *mdev = eng->mdev;

	mvgpu_wr(mdev, MVGPU_RING_CTL(eng->base), 0);
	mvgpu_wr(mdev, MVGPU_RING_HWS_PGA(eng->base), eng->hws_gm);
	mvgpu_wr(mdev, MVGPU_RING_START(eng->base), eng->ring_gm);
	mvgpu_wr(mdev, MVGPU_RING_HEAD(eng->base), 0);
	mvgpu_wr(mdev, MVGPU_RING_TAIL(eng->base), 0);
	mvgpu_wr(mdev, MVGPU_RING_CTL(eng->base), MVGPU_RING_VALID |
		 ((MVGPU_DRM_RING_SIZE - PAGE_SIZE) & MVGPU_RING_NR_PAGES));
	eng->tail = 0;
}

static void mvgpu_ring_emit(struct mvgpu_engine *eng, u32 dw)
{
	eng->ring_vaddr[eng->tail / 4] = dw;
	eng->tail = (eng->tail + 4) % MVGPU_DRM_RING_SIZE;
}

static void mvgpu_ring_invalidate(struct mvgpu_engine *eng)
{
	if (eng->id == MVGPU_ENGINE_BCS) {
		mvgpu_ring_emit(eng, MVGPU_MI_FLUSH_DW | 2 |
				MVGPU_FLUSH_DW_INVALIDATE_TLB);
		mvgpu_ring_emit(eng, 0);
		mvgpu_ring_emit(eng, 0);
		mvgpu_ring_emit(eng, 0);
	} else {
		mvgpu_ring_emit(eng, MVGPU_PIPE_CONTROL);
		mvgpu_ring_emit(eng, MVGPU_PC_TLB_INVALIDATE | MVGPU_PC_CS_STALL);
		mvgpu_ring_emit(eng, 0);
		mvgpu_ring_emit(eng, 0);
		mvgpu_ring_emit(eng, 0);
		mvgpu_ring_emit(eng, 0);
	}
}

/**
 * mvgpu_drm_engine_run - put a job on its engine
 * @eng: the engine, idle (the scheduler runs one job at a time)
 * @vm: the job's address space
 * @batch: the validated batch
 * @len: its size in bytes
 *
 * Return: the job's hardware fence, or an ERR_PTR().
 */
struct dma_fence *mvgpu_drm_engine_run(struct mvgpu_engine *eng,
				       struct mvgpu_vm *vm, const u32 *batch,
				   u32 len)
{
	struct mvgpu_device *mdev = eng->mdev;
	u64 root = mvgpu_drm_vm_root(vm);
	u64 bb = vm->batch_va + eng->id * MVGPU_DRM_MAX_BATCH;
	u64 hws = eng->hws_gm + 4 * MVGPU_DRM_HWS_SEQNO;
	struct mvgpu_fence *fence;
	int idx;

	fence = kzalloc(sizeof(*fence), GFP_KERNEL);
	if (!fence)
		return ERR_PTR(-ENOMEM);
	if (!drm_dev_enter(&mdev->drm, &idx)) {
		kfree(fence);
		return ERR_PTR(-ENODEV);
	}
	memcpy(vm->batch_vaddr + eng->id * MVGPU_DRM_MAX_BATCH, batch, len);

	mutex_lock(&eng->ring_lock);
	fence->seqno = ++eng->next_seqno;
	fence->vm = vm;
	dma_fence_init(&fence->base, &mvgpu_fence_ops, &eng->fence_lock,
		       eng->fence_context, fence->seqno);

	if (mvgpu_drm_vm_needs_invalidate(vm))
		mvgpu_ring_invalidate(eng);
	mvgpu_ring_emit(eng, MVGPU_MI_LOAD_REGISTER_IMM | 3);
	mvgpu_ring_emit(eng, MVGPU_RING_PML4_LDW(eng->base));
	mvgpu_ring_emit(eng, lower_32_bits(root));
	mvgpu_ring_emit(eng, MVGPU_RING_PML4_UDW(eng->base));
	mvgpu_ring_emit(eng, upper_32_bits(root));
	mvgpu_ring_emit(eng, MVGPU_MI_BATCH_BUFFER_START | MVGPU_BB_PPGTT);
	mvgpu_ring_emit(eng, lower_32_bits(bb));
	mvgpu_ring_emit(eng, upper_32_bits(bb));
	mvgpu_ring_emit(eng, MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 2);
	mvgpu_ring_emit(eng, lower_32_bits(hws));
	mvgpu_ring_emit(eng, upper_32_bits(hws));
	mvgpu_ring_emit(eng, fence->seqno);
	mvgpu_ring_emit(eng, MVGPU_MI_USER_INTERRUPT);
	while (eng->tail % 8)
		mvgpu_ring_emit(eng, MVGPU_MI_NOOP);

	spin_lock_irq(&eng->fence_lock);
	eng->active = fence;
	dma_fence_get(&fence->base);
	spin_unlock_irq(&eng->fence_lock);
	/* The ring's contents before TAIL. */
	wmb();
	mvgpu_wr(mdev, MVGPU_RING_TAIL(eng->base), eng->tail);
	mutex_unlock(&eng->ring_lock);
	drm_dev_exit(idx);
	return &fence->base;
}

/* Signal the active fence if the status page shows it done. */
static void mvgpu_engine_retire(struct mvgpu_engine *eng)
{
	struct mvgpu_fence *fence;
	unsigned long flags;

	spin_lock_irqsave(&eng->fence_lock, flags);
	fence = eng->active;
	eng->completed = READ_ONCE(eng->hws_vaddr[MVGPU_DRM_HWS_SEQNO]);
	if (fence && (s32)(eng->completed - fence->seqno) >= 0) {
		eng->active = NULL;
		dma_fence_signal_locked(&fence->base);
	} else {
		fence = NULL;
	}
	spin_unlock_irqrestore(&eng->fence_lock, flags);
	if (fence)
		dma_fence_put(&fence->base);
}

/**
 * mvgpu_drm_engine_irq - an engine's interrupt bits
 * @eng: the engine
 * @iir: its bits of the GT0 IIR, shifted to engine 0's positions
 */
void mvgpu_drm_engine_irq(struct mvgpu_engine *eng, u32 iir)
{
	if (iir & (MVGPU_GT0_USER_INTERRUPT(0) | MVGPU_GT0_CTX_SWITCH(0)))
		mvgpu_engine_retire(eng);
	if (iir & MVGPU_GT0_ERROR(0)) {
		atomic_set(&eng->error_pending, 1);
		queue_work(system_unbound_wq, &eng->error_work);
	}
}

static int mvgpu_engine_reset(struct mvgpu_engine *eng)
{
	struct mvgpu_device *mdev = eng->mdev;
	u32 bit = eng->id == MVGPU_ENGINE_RCS ? MVGPU_GDRST_RENDER :
						MVGPU_GDRST_BLT;
	u32 val;
	int ret;

	lockdep_assert_held(&eng->ring_lock);
	mvgpu_wr(mdev, MVGPU_REG_GDRST, bit);
	/* The host finishes or stops the workload first: be patient. */
	ret = readl_poll_timeout(mdev->mmio + MVGPU_REG_GDRST, val,
				 !(val & bit), 1000, 30 * USEC_PER_SEC);
	mvgpu_ring_program(eng);
	atomic_inc(&mdev->resets);
	return ret;
}

/**
 * mvgpu_drm_engine_recover - reset an engine and fail the job it had
 * @eng: the engine, whose scheduler is stopped
 * @error: the job's fence error (-EIO, -ETIMEDOUT)
 * @code: MVGPU_ERR_* for the job's process
 */
void mvgpu_drm_engine_recover(struct mvgpu_engine *eng, int error, u32 code)
{
	struct mvgpu_device *mdev = eng->mdev;
	struct mvgpu_fence *fence;
	int idx;

	mutex_lock(&eng->ring_lock);
	if (drm_dev_enter(&mdev->drm, &idx)) {
		if (mvgpu_engine_reset(eng))
			mvgpu_err(mdev, "%s: engine reset timed out\n",
				  eng->name);
		drm_dev_exit(idx);
	}
	atomic_set(&eng->error_pending, 0);
	spin_lock_irq(&eng->fence_lock);
	fence = eng->active;
	eng->active = NULL;
	if (fence) {
		atomic_inc(&fence->vm->faults);
		atomic_set(&fence->vm->last_error, code);
		dma_fence_set_error(&fence->base, error);
		dma_fence_signal_locked(&fence->base);
	}
	spin_unlock_irq(&eng->fence_lock);
	mutex_unlock(&eng->ring_lock);
	if (fence)
		dma_fence_put(&fence->base);
}

static void mvgpu_engine_error_work(struct work_struct *work)
{
	struct mvgpu_engine *eng = container_of(work, struct mvgpu_engine,
						error_work);
	struct mvgpu_device *mdev = eng->mdev;
	u32 code, offset;
	int idx;

	if (!atomic_read(&eng->error_pending) ||
	    !drm_dev_enter(&mdev->drm, &idx))
		return;
	mvgpu_drm_pv_engine_error(mdev, eng->id, &code, &offset);
	drm_dev_exit(idx);
	mvgpu_err_ratelimited(mdev, "%s: job failed: %s at offset %#x; resetting the engine\n",
			      eng->name, mvgpu_drm_err_name(code), offset);
	drm_sched_stop(&eng->sched, NULL);
	mvgpu_drm_engine_recover(eng, code == MVGPU_ERR_HANG ? -ETIMEDOUT : -EIO,
				 code);
	drm_sched_start(&eng->sched);
}

static int mvgpu_engine_init(struct mvgpu_device *mdev,
			     struct mvgpu_engine *eng)
{
	struct iosys_map map;
	int ret;

	eng->ring = mvgpu_drm_bo_create_kernel(mdev, MVGPU_DRM_RING_SIZE);
	if (IS_ERR(eng->ring))
		return PTR_ERR(eng->ring);
	ret = drm_gem_vmap_unlocked(&eng->ring->base.base, &map);
	if (ret)
		goto err_ring;
	eng->ring_vaddr = map.vaddr;
	ret = mvgpu_drm_gm_pin(mdev, &eng->ring->base, &eng->ring_gm);
	if (ret)
		goto err_ring_vunmap;

	eng->hws = mvgpu_drm_bo_create_kernel(mdev, PAGE_SIZE);
	if (IS_ERR(eng->hws)) {
		ret = PTR_ERR(eng->hws);
		goto err_ring_unpin;
	}
	ret = drm_gem_vmap_unlocked(&eng->hws->base.base, &map);
	if (ret)
		goto err_hws;
	eng->hws_vaddr = map.vaddr;
	ret = mvgpu_drm_gm_pin(mdev, &eng->hws->base, &eng->hws_gm);
	if (ret)
		goto err_hws_vunmap;
	mvgpu_ring_program(eng);
	return 0;

err_hws_vunmap:
	iosys_map_set_vaddr(&map, eng->hws_vaddr);
	drm_gem_vunmap_unlocked(&eng->hws->base.base, &map);
err_hws:
	drm_gem_object_put(&eng->hws->base.base);
err_ring_unpin:
	mvgpu_drm_gm_unpin(mdev, &eng->ring->base);
err_ring_vunmap:
	iosys_map_set_vaddr(&map, eng->ring_vaddr);
	drm_gem_vunmap_unlocked(&eng->ring->base.base, &map);
err_ring:
	drm_gem_object_put(&eng->ring->base.base);
	return ret;
}

static void mvgpu_engine_fini(struct mvgpu_device *mdev,
			      struct mvgpu_engine *eng)
{
	struct iosys_map map;

	cancel_work_sync(&eng->error_work);
	/* BAR0 is mapped until remove returns. */
	mvgpu_wr(mdev, MVGPU_RING_CTL(eng->base), 0);
	mvgpu_drm_gm_unpin(mdev, &eng->hws->base);
	iosys_map_set_vaddr(&map, eng->hws_vaddr);
	drm_gem_vunmap_unlocked(&eng->hws->base.base, &map);
	drm_gem_object_put(&eng->hws->base.base);
	mvgpu_drm_gm_unpin(mdev, &eng->ring->base);
	iosys_map_set_vaddr(&map, eng->ring_vaddr);
	drm_gem_vunmap_unlocked(&eng->ring->base.base, &map);
	drm_gem_object_put(&eng->ring->base.base);
}

/**
 * mvgpu_drm_engines_init - rings and status pages of the vGPU's engines
 * @mdev: the device, graphics memory ready
 *
 * Return: 0 or -errno.
 */
int mvgpu_drm_engines_init(struct mvgpu_device *mdev)
{
	unsigned int e;
	int ret;

	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		struct mvgpu_engine *eng = &mdev->engine[e];

		eng->mdev = mdev;
		eng->id = e;
		eng->base = MVGPU_RING_BASE(e);
		eng->name = mvgpu_engine_names[e];
		spin_lock_init(&eng->fence_lock);
		mutex_init(&eng->ring_lock);
		INIT_WORK(&eng->error_work, mvgpu_engine_error_work);
		eng->fence_context = dma_fence_context_alloc(1);
		if (!eng->present)
			continue;
		ret = mvgpu_engine_init(mdev, eng);
		if (ret)
			goto err;
	}
	return 0;

err:
	while (e--)
		if (mdev->engine[e].present)
			mvgpu_engine_fini(mdev, &mdev->engine[e]);
	return ret;
}

/**
 * mvgpu_drm_engines_fini - undo mvgpu_drm_engines_init()
 * @mdev: the device; the schedulers are gone
 */
void mvgpu_drm_engines_fini(struct mvgpu_device *mdev)
{
	unsigned int e;

	for (e = 0; e < MVGPU_NUM_ENGINES; e++)
		if (mdev->engine[e].present)
			mvgpu_engine_fini(mdev, &mdev->engine[e]);
}
