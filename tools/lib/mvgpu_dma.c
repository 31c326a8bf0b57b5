// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu_dma.c - mapping user memory into the vGPU's IOVA space.
 *
 * Group path: VFIO_IOMMU_{MAP,UNMAP}_DMA on the type1 container.
 * cdev path:  IOMMU_IOAS_{MAP,UNMAP} on the device's IOAS, at a fixed IOVA.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/iommufd.h>

#include "internal.h"
#include "mvgpu_vfio.h"

int mvgpu_dma_map(struct mvgpu_dev *dev, void *vaddr, uint64_t iova,
		  uint64_t size)
{
	int ret;

	if (dev->path == MVGPU_VFIO_CDEV) {
		struct iommu_ioas_map map = {
			.size = sizeof(map),
			.flags = IOMMU_IOAS_MAP_FIXED_IOVA |
				 IOMMU_IOAS_MAP_READABLE |
				 IOMMU_IOAS_MAP_WRITEABLE,
			.ioas_id = dev->ioas_id,
			.user_va = (uintptr_t)vaddr,
			.length = size,
			.iova = iova,
		};

		ret = xioctl(dev->iommufd, IOMMU_IOAS_MAP, &map);
	} else {
		struct vfio_iommu_type1_dma_map map = {
			.argsz = sizeof(map),
			.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
			.vaddr = (uintptr_t)vaddr,
			.iova = iova,
			.size = size,
		};

		ret = xioctl(dev->container_fd, VFIO_IOMMU_MAP_DMA, &map);
	}
	return ret < 0 ? ret : 0;
}

int mvgpu_dma_unmap(struct mvgpu_dev *dev, uint64_t iova, uint64_t size)
{
	int ret;

	if (dev->path == MVGPU_VFIO_CDEV) {
		struct iommu_ioas_unmap unmap = {
			.size = sizeof(unmap),
			.ioas_id = dev->ioas_id,
			.iova = iova,
			.length = size,
		};

		ret = xioctl(dev->iommufd, IOMMU_IOAS_UNMAP, &unmap);
		if (!ret && unmap.length != size)
			ret = -ENOENT;
	} else {
		struct vfio_iommu_type1_dma_unmap unmap = {
			.argsz = sizeof(unmap),
			.iova = iova,
			.size = size,
		};

		ret = xioctl(dev->container_fd, VFIO_IOMMU_UNMAP_DMA, &unmap);
		if (!ret && unmap.size != size)
			ret = -ENOENT;
	}
	return ret < 0 ? ret : 0;
}
