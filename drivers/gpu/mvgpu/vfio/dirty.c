// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device DMA logging (dirty page tracking) for live migration: the
 * vfio_log_ops of a vGPU.  Under iommufd nothing else records what an
 * emulated device writes, and with every device of a container able to
 * log, QEMU asks the devices only.
 *
 * What is reported dirty:
 *  - every guest frame the core writes through a kernel mapping
 *    (mvgpu_gtt_gm_rw(), mvgpu_gtt_aperture_rw()), as it is written
 *    (struct mvgpu_vgpu_ops.dirty);
 *  - every frame pinned for the GPU (vfio/dma.c), at a report, when the
 *    GPU worked for the vGPU (mvgpu_vgpu_gpu_activity() moved) or the
 *    aperture was mapped by the CPU (a fault) since the report before,
 *    or before it; and a frame unpinned between two reports under the
 *    same condition (the rule is in vfio/dirty_set.c).
 *
 * Precision.  The core cannot see the software GPU's stores, nor stores
 * through a CPU mapping of the aperture (BAR2 mmap, straight to guest
 * pages): for those the log is conservative.  All pinned frames are
 * reported, not the ones written, while there is activity.  A report
 * zaps the aperture mappings so that a CPU store after it faults first
 * and counts as activity.  A vGPU with no GPU work and no aperture access
 * converges to no dirty frame at all; one that keeps working resends its
 * whole pinned working set (its GTT-mapped memory and page tables) at
 * each round, and at stop-and-copy.  Not tracked: stores by an importer
 * of a framebuffer dma-buf (vfio/dmabuf.c), which the VMM's importers do
 * not make.
 *
 * Without CONFIG_IOMMUFD_DRIVER (iova_bitmap), no log_ops: QEMU then
 * needs enable-migration=on and the type1 container's tracking, which
 * takes every pinned page as dirty at each round.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/iova_bitmap.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/vfio.h>

#include "mvgpu_drv.h"
#include "core/migrate.h"
#include "vfio/vfio.h"

static struct mvgpu_vfio_dirty *dirty_of(struct mvgpu_vgpu *vgpu)
{
	return &container_of(vgpu, struct mvgpu_vfio_vgpu, vgpu)->dirty;
}

/*
 * Sample what may write guest memory behind the core's back.  Called
 * without the log's lock: the core may take the vGPU lock.
 */
static void sample(struct mvgpu_vgpu *vgpu, struct mvgpu_dirty_act *now)
{
	now->gpu = mvgpu_vgpu_gpu_activity(vgpu);
	now->cpu = READ_ONCE(vgpu->gtt.stats.aperture_faults);
}

/**
 * mvgpu_vfio_dirty_pin() - frames were pinned for the GPU
 * @vgpu: the vGPU
 * @gfn: first frame
 * @npages: how many
 *
 * Return: 0, or -ENOMEM: the caller undoes the pin and fails.
 */
int mvgpu_vfio_dirty_pin(struct mvgpu_vgpu *vgpu, u64 gfn,
			 unsigned int npages)
{
	if (!IS_ENABLED(CONFIG_IOMMUFD_DRIVER))
		return 0;
	return mvgpu_dirty_pin(dirty_of(vgpu), gfn, npages);
}

/**
 * mvgpu_vfio_dirty_unpin() - frames were unpinned
 * @vgpu: the vGPU; its lock is not held
 * @gfn: first frame, as pinned
 * @npages: how many, as pinned
 */
void mvgpu_vfio_dirty_unpin(struct mvgpu_vgpu *vgpu, u64 gfn,
			    unsigned int npages)
{
	struct mvgpu_vfio_dirty *d = dirty_of(vgpu);
	struct mvgpu_dirty_act now = {};

	if (!IS_ENABLED(CONFIG_IOMMUFD_DRIVER))
		return;
	if (READ_ONCE(d->logging))
		sample(vgpu, &now);
	mvgpu_dirty_unpin(d, gfn, npages, &now);
}

/**
 * mvgpu_vfio_dirty_mark() - struct mvgpu_vgpu_ops.dirty: the core wrote
 * @ctx: the vGPU; its lock is held
 * @gfn: first frame
 * @npages: how many
 */
void mvgpu_vfio_dirty_mark(void *ctx, u64 gfn, unsigned int npages)
{
	struct mvgpu_vgpu *vgpu = ctx;

	lockdep_assert_held(&vgpu->lock);
	if (IS_ENABLED(CONFIG_IOMMUFD_DRIVER))
		mvgpu_dirty_mark(dirty_of(vgpu), gfn, npages);
}

#if IS_ENABLED(CONFIG_IOMMUFD_DRIVER)

/*
 * After the sample a report is based on: a CPU store to the aperture
 * from now on faults first, which the next sample sees.
 */
static void zap_aperture(struct mvgpu_vgpu *vgpu)
{
	if (vgpu->aperture.size)
		mvgpu_vfio_zap_aperture(vgpu, 0, vgpu->aperture.size);
}

static int mvgpu_vfio_log_start(struct vfio_device *vdev,
				struct rb_root_cached *ranges, u32 nnodes,
				u64 *page_size)
{
	struct mvgpu_vgpu *vgpu = vdev_to_vgpu(vdev);
	struct mvgpu_dirty_act now;
	int ret;

	sample(vgpu, &now);
	ret = mvgpu_dirty_start(dirty_of(vgpu), ranges, nnodes, &now);
	if (ret) {
		mvgpu_vgpu_err(vgpu, "DMA logging of %u ranges not started: %d\n",
			       nnodes, ret);
		return ret;
	}
	zap_aperture(vgpu);
	/*
	 * Frames are tracked one by one; the bitmap a report fills may
	 * have any page size VFIO accepts (iova_bitmap converts).
	 */
	if (!is_power_of_2(*page_size) || *page_size < PAGE_SIZE)
		*page_size = PAGE_SIZE;
	mvgpu_vgpu_dbg(vgpu, "DMA logging started: %u ranges, page size %llu\n",
		       nnodes, *page_size);
	return 0;
}

static int mvgpu_vfio_log_stop(struct vfio_device *vdev)
{
	struct mvgpu_vgpu *vgpu = vdev_to_vgpu(vdev);

	mvgpu_dirty_stop(dirty_of(vgpu));
	mvgpu_vgpu_dbg(vgpu, "DMA logging stopped\n");
	return 0;
}

/**
 * struct dirty_report - where a report's runs of frames go
 * @bitmap: the user's bitmap
 * @first: first byte reported
 * @last: last byte reported
 */
struct dirty_report {
	struct iova_bitmap *bitmap;
	u64 first;
	u64 last;
};

static void report_run(void *priv, u64 gfn, u64 npages)
{
	struct dirty_report *r = priv;
	u64 first = max(gfn << MVGPU_DIRTY_FRAME_SHIFT, r->first);
	u64 last = min(((gfn + npages - 1) << MVGPU_DIRTY_FRAME_SHIFT) |
		       ((1ull << MVGPU_DIRTY_FRAME_SHIFT) - 1), r->last);

	if (first <= last)
		iova_bitmap_set(r->bitmap, first, last - first + 1);
}

static int mvgpu_vfio_log_read_and_clear(struct vfio_device *vdev,
					 unsigned long iova,
					 unsigned long length,
					 struct iova_bitmap *dirty)
{
	struct mvgpu_vgpu *vgpu = vdev_to_vgpu(vdev);
	struct mvgpu_vfio_dirty *d = dirty_of(vgpu);
	struct dirty_report r = {
		.bitmap = dirty,
		.first = iova,
		.last = (u64)iova + length - 1,
	};
	struct mvgpu_dirty_act now;
	int ret;

	if (!length)
		return 0;
	if (!READ_ONCE(d->logging))
		return -EINVAL;
	sample(vgpu, &now);
	zap_aperture(vgpu);
	ret = mvgpu_dirty_read_clear(d, r.first >> MVGPU_DIRTY_FRAME_SHIFT,
				     r.last >> MVGPU_DIRTY_FRAME_SHIFT, &now,
				     report_run, &r);
	if (ret)
		mvgpu_vgpu_err(vgpu, "DMA logging report failed: %d\n", ret);
	else if (READ_ONCE(d->overflow))
		mvgpu_vgpu_err(vgpu, "DMA logging overflowed: every logged page reported dirty\n");
	return ret;
}

static const struct vfio_log_ops mvgpu_vfio_log_ops = {
	.log_start = mvgpu_vfio_log_start,
	.log_stop = mvgpu_vfio_log_stop,
	.log_read_and_clear = mvgpu_vfio_log_read_and_clear,
};

/* iova_bitmap_set() */
MODULE_IMPORT_NS(IOMMUFD);

#endif /* CONFIG_IOMMUFD_DRIVER */

/**
 * mvgpu_vfio_dirty_init() - set up the log; offer DMA logging if possible
 * @vdev: the vGPU's VFIO device, in its .init (before registration)
 *
 * Registers log_ops only with CONFIG_IOMMUFD_DRIVER, which provides the
 * user bitmaps (iova_bitmap).
 */
void mvgpu_vfio_dirty_init(struct vfio_device *vdev)
{
	mvgpu_dirty_init(dirty_of(vdev_to_vgpu(vdev)));
#if IS_ENABLED(CONFIG_IOMMUFD_DRIVER)
	vdev->log_ops = &mvgpu_vfio_log_ops;
#endif
}

/**
 * mvgpu_vfio_dirty_close() - the user closed the device: stop its log
 * @vdev: the vGPU's VFIO device
 */
void mvgpu_vfio_dirty_close(struct vfio_device *vdev)
{
	mvgpu_dirty_stop(dirty_of(vdev_to_vgpu(vdev)));
}

/**
 * mvgpu_vfio_dirty_fini() - free the log, in the device's .release
 * @vdev: the vGPU's VFIO device
 */
void mvgpu_vfio_dirty_fini(struct vfio_device *vdev)
{
	mvgpu_dirty_fini(dirty_of(vdev_to_vgpu(vdev)));
}
