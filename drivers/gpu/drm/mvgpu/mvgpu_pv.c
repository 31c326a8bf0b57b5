// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu_drm: the PV info page.
 *
 * The handshake is the read of the PV magic: the host puts a vGPU whose
 * guest writes its GTT or submits work before that read into failsafe
 * mode (every GTT write and submission dropped until a device reset).
 * The driver therefore reads the page before anything else, refuses a
 * device whose magic or major version it does not know, and takes its
 * graphics memory slices and engines from it.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <drm/drm_print.h>

#include "mvgpu_drv.h"

static const char *const mvgpu_err_names[] = MVGPU_ERR_NAMES;

/**
 * mvgpu_drm_err_name - the short name of an engine error code
 * @code: MVGPU_ERR_*
 *
 * Return: its name, or "?" for a code this driver does not know.
 */
const char *mvgpu_drm_err_name(u32 code)
{
	return code < ARRAY_SIZE(mvgpu_err_names) && mvgpu_err_names[code] ?
	       mvgpu_err_names[code] : "?";
}

/**
 * mvgpu_drm_pv_init - the PV handshake; the slices and engines
 * @mdev: the device, BAR0 mapped
 *
 * Return: 0, or -ENODEV when the device does not speak PV 1.x with the
 * PPGTT capability or its slices are unusable.
 */
int mvgpu_drm_pv_init(struct mvgpu_device *mdev)
{
	struct device *dev = mdev->drm.dev;
	u64 magic = mvgpu_pv_rd64(mdev, MVGPU_PV_MAGIC_LO);
	unsigned int e;

	if (magic != MVGPU_PV_MAGIC)
		return dev_err_probe(dev, -ENODEV, "no PV info page (magic %#llx)\n",
				     magic);
	mdev->pv_version = mvgpu_pv_rd(mdev, MVGPU_PV_VERSION);
	mdev->vgpu_id = mvgpu_pv_rd(mdev, MVGPU_PV_VGPU_ID);
	mdev->pv_caps = mvgpu_pv_rd(mdev, MVGPU_PV_CAPS);
	if (mdev->pv_version >> 16 != MVGPU_PV_VERSION_MAJOR)
		return dev_err_probe(dev, -ENODEV, "PV version %u.%u, want %u.x\n",
				     mdev->pv_version >> 16,
				     mdev->pv_version & 0xffff,
				     MVGPU_PV_VERSION_MAJOR);
	if (!(mdev->pv_caps & MVGPU_PV_CAP_PPGTT))
		return dev_err_probe(dev, -ENODEV,
				     "the vGPU has no per-process address spaces (PV caps %#x)\n",
				     mdev->pv_caps);
	mdev->engine_mask = mvgpu_pv_rd(mdev, MVGPU_PV_ENGINES) &
			    GENMASK(MVGPU_NUM_ENGINES - 1, 0);
	mdev->ap_base = mvgpu_pv_rd64(mdev, MVGPU_PV_MAPPABLE_BASE);
	mdev->ap_size = mvgpu_pv_rd64(mdev, MVGPU_PV_MAPPABLE_SIZE);
	mdev->hid_base = mvgpu_pv_rd64(mdev, MVGPU_PV_HIDDEN_BASE);
	mdev->hid_size = mvgpu_pv_rd64(mdev, MVGPU_PV_HIDDEN_SIZE);
	for (e = 0; e < MVGPU_NUM_ENGINES; e++)
		mdev->engine[e].present = mdev->engine_mask & BIT(e);

	if (!mdev->hid_size && !mdev->ap_size)
		return dev_err_probe(dev, -ENODEV, "no graphics memory\n");
	return 0;
}

/**
 * mvgpu_drm_pv_engine_error - an engine's error report
 * @mdev: the device
 * @engine: MVGPU_ENGINE_*
 * @code: out, MVGPU_ERR_*
 * @offset: out, where in its buffer the offending command was
 */
void mvgpu_drm_pv_engine_error(struct mvgpu_device *mdev, unsigned int engine,
			       u32 *code, u32 *offset)
{
	*code = mvgpu_pv_rd(mdev, MVGPU_PV_ENGINE_ERROR(engine));
	*offset = mvgpu_pv_rd(mdev, MVGPU_PV_ENGINE_ERROR_OFFSET(engine));
}
