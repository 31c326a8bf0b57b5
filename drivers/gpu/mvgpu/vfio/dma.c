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

static int vfio_pin(void *ctx, u64 gfn, struct page **page)
{
	struct mvgpu_vgpu *vgpu = ctx;
	int ret;

	ret = vfio_pin_pages(&vgpu->vdev, gfn << PAGE_SHIFT, 1,
			     IOMMU_READ | IOMMU_WRITE, page);
	if (ret < 0)
		return ret;
	return ret == 1 ? 0 : -EFAULT;
}

static void vfio_unpin(void *ctx, u64 gfn)
{
	struct mvgpu_vgpu *vgpu = ctx;

	vfio_unpin_pages(&vgpu->vdev, gfn << PAGE_SHIFT, 1);
}

static int backend_map(void *ctx, struct page *page, u64 *addr)
{
	struct mvgpu_pgpu *pgpu = ((struct mvgpu_vgpu *)ctx)->pgpu;

	return pgpu->ops->map_page(pgpu->priv, page, addr);
}

static void backend_unmap(void *ctx, u64 addr)
{
	struct mvgpu_pgpu *pgpu = ((struct mvgpu_vgpu *)ctx)->pgpu;

	pgpu->ops->unmap_page(pgpu->priv, addr);
}

const struct mvgpu_pin_ops mvgpu_vfio_pin_ops = {
	.pin = vfio_pin,
	.unpin = vfio_unpin,
	.map = backend_map,
	.unmap = backend_unmap,
};
