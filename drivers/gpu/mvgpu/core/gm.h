/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Graphics memory partitioning: each physical GPU's GGTT address space is
 * split into the CPU-mappable aperture and the hidden range; every vGPU gets
 * one contiguous slice of each.  A space is a first-fit allocator over a
 * sorted array of used ranges; a slice can also be taken at a given place
 * (a migration's destination must have the source's slices).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_GM_H_
#define _MVGPU_GM_H_

#include <linux/types.h>

/* Allocation granularity: one GTT page. */
#define MVGPU_GM_ALIGN		4096ull
/* Slices per space: one per vGPU. */
#define MVGPU_GM_MAX_RANGES	64

/**
 * struct mvgpu_gm_range - a slice of graphics address space
 * @start: first byte
 * @size: bytes; 0 means "no slice"
 */
struct mvgpu_gm_range {
	u64 start;
	u64 size;
};

/**
 * struct mvgpu_gm_space - one allocatable range of graphics address space
 * @start: first byte the allocator hands out
 * @size: bytes it manages
 * @nr: number of used slices
 * @used: used slices, sorted by start, non-overlapping
 */
struct mvgpu_gm_space {
	u64 start;
	u64 size;
	unsigned int nr;
	struct mvgpu_gm_range used[MVGPU_GM_MAX_RANGES];
};

/**
 * struct mvgpu_gm - the two partitioned spaces of a physical GPU
 * @aperture: CPU-mappable range, minus the host's reservation
 * @hidden: hidden range, minus the host's reservation
 */
struct mvgpu_gm {
	struct mvgpu_gm_space aperture;
	struct mvgpu_gm_space hidden;
};

int mvgpu_gm_space_init(struct mvgpu_gm_space *space, u64 start, u64 size);
int mvgpu_gm_space_alloc(struct mvgpu_gm_space *space, u64 size,
			 struct mvgpu_gm_range *out);
int mvgpu_gm_space_alloc_at(struct mvgpu_gm_space *space, u64 start, u64 size,
			    struct mvgpu_gm_range *out);
int mvgpu_gm_space_free(struct mvgpu_gm_space *space,
			const struct mvgpu_gm_range *range);
unsigned int mvgpu_gm_space_fit(const struct mvgpu_gm_space *space, u64 size);
u64 mvgpu_gm_space_free_bytes(const struct mvgpu_gm_space *space);

#endif /* _MVGPU_GM_H_ */
