// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu_pv.c - the guest driver's handshake with the PV info page.
 *
 * A vGPU refuses GTT writes and submissions (failsafe mode) from a guest
 * that did not read the PV info page first: only a guest that knows its
 * slices may program graphics addresses.  Every client that plays the
 * guest driver calls mvgpu_pv_handshake() after opening the device (and
 * again after a reset).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <string.h>

#include <linux/mvgpu.h>

#include "mvgpu_vfio.h"

#define PV(off)	(MVGPU_PVINFO_OFFSET + (off))

int mvgpu_pv_handshake(struct mvgpu_dev *dev, struct mvgpu_pv_info *info)
{
	struct mvgpu_pv_info tmp;
	uint64_t magic = 0;
	int ret;

	if (!info)
		info = &tmp;
	memset(info, 0, sizeof(*info));
	ret = mvgpu_mmio_read64(dev, PV(MVGPU_PV_MAGIC_LO), &magic);
	if (ret)
		return ret;
	if (magic != MVGPU_PV_MAGIC)
		return -ENODEV;
	ret = mvgpu_mmio_read32(dev, PV(MVGPU_PV_VERSION), &info->version);
	if (!ret)
		ret = mvgpu_mmio_read32(dev, PV(MVGPU_PV_VGPU_ID), &info->vgpu_id);
	if (!ret)
		ret = mvgpu_mmio_read32(dev, PV(MVGPU_PV_CAPS), &info->caps);
	if (!ret)
		ret = mvgpu_mmio_read64(dev, PV(MVGPU_PV_MAPPABLE_BASE),
					&info->ap_base);
	if (!ret)
		ret = mvgpu_mmio_read64(dev, PV(MVGPU_PV_MAPPABLE_SIZE),
					&info->ap_size);
	if (!ret)
		ret = mvgpu_mmio_read64(dev, PV(MVGPU_PV_HIDDEN_BASE),
					&info->hid_base);
	if (!ret)
		ret = mvgpu_mmio_read64(dev, PV(MVGPU_PV_HIDDEN_SIZE),
					&info->hid_size);
	return ret;
}
