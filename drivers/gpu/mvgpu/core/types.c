// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vGPU types, derived from what the backend reports.
 *
 * A type is a share of the physical GPU, GVT-g's 1/2/4/8-per-GPU scheme
 * plus a dense type for 64 small vGPUs: type "V1_<n>" gets 1/n of the
 * aperture and of the hidden graphics memory left after the host's
 * reservations (struct mvgpu_pgpu_caps), rounded down to a MiB, so that n
 * of them fill the GPU exactly, and every engine the GPU has.  A type
 * whose slices would be smaller than a MiB is not offered.  The maximum
 * resolution is the type's, whatever the GPU.  The software GPU reports a
 * 4 GiB GGTT with a 512 MiB aperture and keeps 64 MiB of aperture and
 * 256 MiB of hidden memory: V1_4 is then 112 MiB of aperture and 832 MiB
 * hidden, see Documentation/gpu/mvgpu/admin-guide.rst.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/sizes.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"

/**
 * struct mvgpu_type_template - a vGPU type before it meets a GPU
 * @sysfs_name: type directory suffix
 * @pretty_name: value of the type's "name" attribute
 * @per_gpu: instances that fill one physical GPU
 * @max_hres: maximum horizontal resolution
 * @max_vres: maximum vertical resolution
 */
struct mvgpu_type_template {
	const char *sysfs_name;
	const char *pretty_name;
	unsigned int per_gpu;
	u16 max_hres;
	u16 max_vres;
};

static const struct mvgpu_type_template templates[] = {
	{ "V1_1", "mvgpu_V1_1", 1, 3840, 2160 },
	{ "V1_2", "mvgpu_V1_2", 2, 2560, 1600 },
	{ "V1_4", "mvgpu_V1_4", 4, 1920, 1200 },
	{ "V1_8", "mvgpu_V1_8", 8, 1920, 1080 },
	{ "V1_64", "mvgpu_V1_64", 64, 1024, 768 },
};

/* Slices are whole MiB; smaller ones are not worth a type. */
#define MVGPU_TYPE_GRANULE	SZ_1M

static u64 share(u64 space, unsigned int n)
{
	return round_down(div_u64(space, n), MVGPU_TYPE_GRANULE);
}

/**
 * mvgpu_types_derive() - the vGPU types a physical GPU offers
 * @caps: the GPU's capabilities, already validated
 * @types: array of at least MVGPU_MAX_TYPES entries to fill
 *
 * Return: the number of types filled in, in order of decreasing size.
 */
unsigned int mvgpu_types_derive(const struct mvgpu_pgpu_caps *caps,
				struct mvgpu_type_desc *types)
{
	u64 aperture = caps->aperture_size - caps->host_aperture;
	u64 hidden = caps->ggtt_size - caps->aperture_size - caps->host_hidden;
	unsigned int i, nr = 0;

	BUILD_BUG_ON(ARRAY_SIZE(templates) > MVGPU_MAX_TYPES);
	for (i = 0; i < ARRAY_SIZE(templates); i++) {
		const struct mvgpu_type_template *t = &templates[i];
		struct mvgpu_type_desc *d = &types[nr];

		if (t->per_gpu > MVGPU_MAX_VGPUS_PER_PGPU ||
		    !share(aperture, t->per_gpu) || !share(hidden, t->per_gpu))
			continue;
		d->sysfs_name = t->sysfs_name;
		d->pretty_name = t->pretty_name;
		d->aperture_size = share(aperture, t->per_gpu);
		d->hidden_size = share(hidden, t->per_gpu);
		d->weight = max(MVGPU_WEIGHT_FULL / t->per_gpu, 1u);
		d->engine_mask = caps->engine_mask;
		d->max_hres = t->max_hres;
		d->max_vres = t->max_vres;
		nr++;
	}
	return nr;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_types_derive);
