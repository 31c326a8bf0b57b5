// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest memory for the core: frames are pinned through VFIO (container or
 * iommufd, whichever the user bound) and mapped through the backend; DMA
 * unmaps of guest memory reach the core from here.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/iommu.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/task_work.h>
#include <linux/vfio.h>

#include "mvgpu_drv.h"
#include "vfio/vfio.h"

static u64 frame_iova(u64 gfn)
{
	return gfn << MVGPU_GTT_PAGE_SHIFT;
}

static int vfio_pin(void *ctx, u64 gfn, unsigned int npages,
		    struct page **pages)
{
	struct mvgpu_vgpu *vgpu = ctx;
	int ret;

	/* One call: iommufd unpins only ranges exactly as they were pinned. */
	ret = vfio_pin_pages(vgpu_to_vdev(vgpu), frame_iova(gfn), npages,
			     IOMMU_READ | IOMMU_WRITE, pages);
	if (ret < 0)
		return ret;
	if (ret != npages) {
		if (ret)
			vfio_unpin_pages(vgpu_to_vdev(vgpu), frame_iova(gfn), ret);
		return -EFAULT;
	}
	/* The GPU may write what it has pinned: the dirty log must know. */
	ret = mvgpu_vfio_dirty_pin(vgpu, gfn, npages);
	if (ret)
		vfio_unpin_pages(vgpu_to_vdev(vgpu), frame_iova(gfn), npages);
	return ret;
}

static void vfio_unpin(void *ctx, u64 gfn, unsigned int npages)
{
	struct mvgpu_vgpu *vgpu = ctx;

	vfio_unpin_pages(vgpu_to_vdev(vgpu), frame_iova(gfn), npages);
	mvgpu_vfio_dirty_unpin(vgpu, gfn, npages);
}

static int backend_map(void *ctx, struct page *page, unsigned int npages,
		       u64 *addr)
{
	return mvgpu_pgpu_map_range(((struct mvgpu_vgpu *)ctx)->pgpu, page,
				    npages, addr);
}

static void backend_unmap(void *ctx, u64 addr, unsigned int npages)
{
	mvgpu_pgpu_unmap_range(((struct mvgpu_vgpu *)ctx)->pgpu, addr, npages);
}

const struct mvgpu_pin_ops mvgpu_vfio_pin_ops = {
	.pin = vfio_pin,
	.unpin = vfio_unpin,
	.map = backend_map,
	.unmap = backend_unmap,
};

/*
 * A range being unmapped stays barred to new pins until the task that
 * unmaps returns to userspace.  Type1 calls .dma_unmap with its lock
 * dropped and checks for pins after we return: a pin taken in between
 * (a guest GTT write, a re-translation) would make it call us again, and
 * after ten tries it BUGs.  By the time the unmapping ioctl returns, the
 * mapping is gone, so a pin there fails until the range is mapped again.
 */
struct unmap_block {
	struct callback_head twork;
	struct mvgpu_gtt_block blk;
};

static void unmap_block_lift(struct callback_head *twork)
{
	struct unmap_block *ub = container_of(twork, struct unmap_block, twork);

	mvgpu_gtt_unblock(&ub->blk);
	kfree(ub);
	module_put(THIS_MODULE);
}

/**
 * mvgpu_vfio_dma_unmap() - .dma_unmap: guest memory is going away
 * @vdev: VFIO device
 * @iova: first byte
 * @length: bytes
 *
 * Entries naming the range move to scratch and its frames are unpinned
 * before this returns, and the display's framebuffers made of them are
 * dropped (their dma-buf ids go stale); no new pin enters the range before the caller's
 * ioctl has returned (see struct unmap_block).  May run during or after
 * close.
 */
void mvgpu_vfio_dma_unmap(struct vfio_device *vdev, u64 iova, u64 length)
{
	struct mvgpu_vgpu *vgpu = vdev_to_vgpu(vdev);
	struct unmap_block *ub = kzalloc(sizeof(*ub), GFP_KERNEL);

	/*
	 * The engines may be using the memory: take them off the GPU.  This
	 * waits, inside VFIO's callback (type1 holds device_list_lock), for
	 * the scheduler thread to preempt and retire the vGPU's workloads:
	 * VFIO's contract (no pin of the range may survive this call) leaves
	 * no way around it.  The wait is bounded by a preemption, or by
	 * hang_timeout_ms for an engine that does not stop, plus retirement;
	 * retiring unpins from the scheduler thread (type1's iommu->lock,
	 * which type1 dropped before calling us).  See "Callbacks from other
	 * subsystems" in Documentation/gpu/mvgpu/design.rst.
	 */
	mvgpu_engines_quiesce(vgpu);
	mvgpu_gtt_invalidate(vgpu, iova, length, ub ? &ub->blk : NULL);
	mutex_lock(&vgpu->lock);
	mvgpu_engines_resume(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	/* Framebuffers of the range: no new dma-buf of memory gone. */
	mvgpu_vfio_dmabuf_unmapped(vgpu, iova, length);
	if (!ub)
		return;
	/* No return to userspace from a kernel thread: lift it now. */
	__module_get(THIS_MODULE);
	init_task_work(&ub->twork, unmap_block_lift);
	if ((current->flags & PF_KTHREAD) ||
	    task_work_add(current, &ub->twork, TWA_RESUME))
		unmap_block_lift(&ub->twork);
}
