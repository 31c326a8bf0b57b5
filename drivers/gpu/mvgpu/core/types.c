// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vGPU types.  Sizes follow GVT-g's 1/2/4/8-per-GPU scheme scaled to a
 * 4 GiB GGTT with a 512 MiB aperture, plus a dense type for 64 small vGPUs.
 * With the host's reservation (64 MiB aperture, 256 MiB hidden) the
 * partitionable space is 448 MiB of aperture and 3328 MiB hidden: each type
 * fills its count exactly, see Documentation/gpu/mvgpu/admin-guide.rst.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/kernel.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"

#define MIB(x)	((u64)(x) << 20)

const struct mvgpu_type_desc mvgpu_type_descs[] = {
	{ "V1_1", "mvgpu_V1_1", MIB(384), MIB(2048), 16, 3840, 2160 },
	{ "V1_2", "mvgpu_V1_2", MIB(192), MIB(1024), 8, 2560, 1600 },
	{ "V1_4", "mvgpu_V1_4", MIB(96), MIB(512), 4, 1920, 1200 },
	{ "V1_8", "mvgpu_V1_8", MIB(56), MIB(256), 2, 1920, 1080 },
	{ "V1_64", "mvgpu_V1_64", MIB(6), MIB(32), 1, 1024, 768 },
};
EXPORT_SYMBOL_IF_KUNIT(mvgpu_type_descs);

const unsigned int mvgpu_num_types = ARRAY_SIZE(mvgpu_type_descs);
EXPORT_SYMBOL_IF_KUNIT(mvgpu_num_types);
