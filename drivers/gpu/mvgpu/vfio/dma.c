// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest memory for the core: frames are pinned through VFIO (container or
 * iommufd, whichever the user bound) and mapped through the backend.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/iommu.h>
#include <linux/vfio.h>

#include "mvgpu_drv.h"

static int vfio_pin(void *ctx, u64 gfn, unsigned int npages,
		    struct page **pages)
{
	struct mvgpu_vgpu *vgpu = ctx;
	int ret;

	/* One call: iommufd unpins only ranges exactly as they were pinned. */
	ret = vfio_pin_pages(&vgpu->vdev, gfn << PAGE_SHIFT, npages,
			     IOMMU_READ | IOMMU_WRITE, pages);
	if (ret < 0)
		return ret;
	if (ret != npages) {
		if (ret)
			vfio_unpin_pages(&vgpu->vdev, gfn << PAGE_SHIFT, ret);
		return -EFAULT;
	}
	return 0;
}

static void vfio_unpin(void *ctx, u64 gfn, unsigned int npages)
{
	struct mvgpu_vgpu *vgpu = ctx;

	vfio_unpin_pages(&vgpu->vdev, gfn << PAGE_SHIFT, npages);
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
