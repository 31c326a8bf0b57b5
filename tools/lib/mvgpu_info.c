// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu_info.c - device, region and IRQ information queries.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mvgpu_vfio.h"

int mvgpu_device_info(struct mvgpu_dev *dev, struct vfio_device_info *info)
{
	int ret;

	memset(info, 0, sizeof(*info));
	info->argsz = sizeof(*info);
	ret = xioctl(dev->device_fd, VFIO_DEVICE_GET_INFO, info);
	return ret < 0 ? ret : 0;
}

int mvgpu_region_info(struct mvgpu_dev *dev, uint32_t index,
		      struct vfio_region_info **info)
{
	struct vfio_region_info *ri;
	uint32_t argsz = sizeof(*ri);
	int attempt, ret;

	*info = NULL;
	/* Ask with the bare struct, then once more if the kernel wants more. */
	for (attempt = 0;; attempt++) {
		ri = calloc(1, argsz);
		if (!ri)
			return -ENOMEM;
		ri->argsz = argsz;
		ri->index = index;
		ret = xioctl(dev->device_fd, VFIO_DEVICE_GET_REGION_INFO, ri);
		if (ret < 0) {
			free(ri);
			return ret;
		}
		if (ri->argsz <= argsz)
			break;
		argsz = ri->argsz;
		free(ri);
		if (attempt)
			return -EPROTO;	/* argsz keeps growing */
	}
	*info = ri;
	return 0;
}

const struct vfio_info_cap_header *
mvgpu_region_cap_find(const struct vfio_region_info *info, uint16_t id)
{
	const char *base = (const char *)info;
	uint32_t off = info->cap_offset;
	unsigned int hops = 0;

	if (!(info->flags & VFIO_REGION_INFO_FLAG_CAPS))
		return NULL;
	/* Offsets are from the start of @info; 0 ends the chain. */
	while (off && hops++ < 64) {
		const struct vfio_info_cap_header *hdr;

		if (off < sizeof(*info) ||
		    off + sizeof(*hdr) > info->argsz)
			return NULL;
		hdr = (const struct vfio_info_cap_header *)(base + off);
		if (hdr->id == id)
			return hdr;
		off = hdr->next;
	}
	return NULL;
}

int mvgpu_irq_info(struct mvgpu_dev *dev, uint32_t index,
		   struct vfio_irq_info *info)
{
	int ret;

	memset(info, 0, sizeof(*info));
	info->argsz = sizeof(*info);
	info->index = index;
	ret = xioctl(dev->device_fd, VFIO_DEVICE_GET_IRQ_INFO, info);
	return ret < 0 ? ret : 0;
}

const char *mvgpu_region_name(uint32_t index)
{
	static const char *const names[] = {
		[VFIO_PCI_BAR0_REGION_INDEX] = "BAR0",
		[VFIO_PCI_BAR1_REGION_INDEX] = "BAR1",
		[VFIO_PCI_BAR2_REGION_INDEX] = "BAR2",
		[VFIO_PCI_BAR3_REGION_INDEX] = "BAR3",
		[VFIO_PCI_BAR4_REGION_INDEX] = "BAR4",
		[VFIO_PCI_BAR5_REGION_INDEX] = "BAR5",
		[VFIO_PCI_ROM_REGION_INDEX] = "ROM",
		[VFIO_PCI_CONFIG_REGION_INDEX] = "CONFIG",
		[VFIO_PCI_VGA_REGION_INDEX] = "VGA",
	};

	return index < VFIO_PCI_NUM_REGIONS ? names[index] : "device-specific";
}

const char *mvgpu_irq_name(uint32_t index)
{
	static const char *const names[] = {
		[VFIO_PCI_INTX_IRQ_INDEX] = "INTX",
		[VFIO_PCI_MSI_IRQ_INDEX] = "MSI",
		[VFIO_PCI_MSIX_IRQ_INDEX] = "MSIX",
		[VFIO_PCI_ERR_IRQ_INDEX] = "ERR",
		[VFIO_PCI_REQ_IRQ_INDEX] = "REQ",
	};

	return index < VFIO_PCI_NUM_IRQS ? names[index] : "?";
}
