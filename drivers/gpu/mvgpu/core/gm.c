// SPDX-License-Identifier: GPL-2.0-only
/*
 * Graphics memory partitioning (first-fit over a sorted array).
 *
 * The allocator is exact by construction: mvgpu_gm_space_fit() counts how
 * many successive first-fit allocations of one size would succeed, which is
 * what available_instances must report.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/align.h>
#include <linux/errno.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "gm.h"

/**
 * mvgpu_gm_space_init() - set up an empty space
 * @space: space to initialize
 * @start: first byte of the space (page aligned)
 * @size: bytes in the space (page aligned, may be 0)
 *
 * Return: 0, or -EINVAL for unaligned or wrapping bounds.
 */
int mvgpu_gm_space_init(struct mvgpu_gm_space *space, u64 start, u64 size)
{
	if (!IS_ALIGNED(start, MVGPU_GM_ALIGN) ||
	    !IS_ALIGNED(size, MVGPU_GM_ALIGN) || start + size < start)
		return -EINVAL;
	memset(space, 0, sizeof(*space));
	space->start = start;
	space->size = size;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gm_space_init);

/* Start of the free gap before used[i] (i == nr: the gap at the end). */
static u64 gap_start(const struct mvgpu_gm_space *space, unsigned int i)
{
	if (!i)
		return space->start;
	return space->used[i - 1].start + space->used[i - 1].size;
}

static u64 gap_end(const struct mvgpu_gm_space *space, unsigned int i)
{
	if (i == space->nr)
		return space->start + space->size;
	return space->used[i].start;
}

/* Record the slice [@start, @start + @size) as used[@i]. */
static void take(struct mvgpu_gm_space *space, unsigned int i, u64 start,
		 u64 size, struct mvgpu_gm_range *out)
{
	memmove(&space->used[i + 1], &space->used[i],
		(space->nr - i) * sizeof(space->used[0]));
	space->used[i].start = start;
	space->used[i].size = size;
	space->nr++;
	*out = space->used[i];
}

/**
 * mvgpu_gm_space_alloc() - take the first free slice of @size bytes
 * @space: space to allocate from
 * @size: bytes wanted (non-zero, page aligned)
 * @out: the slice, on success
 *
 * Return: 0, -EINVAL for a bad size, -ENOSPC when no gap is large enough
 * or the space already holds MVGPU_GM_MAX_RANGES slices.
 */
int mvgpu_gm_space_alloc(struct mvgpu_gm_space *space, u64 size,
			 struct mvgpu_gm_range *out)
{
	unsigned int i;

	if (!size || !IS_ALIGNED(size, MVGPU_GM_ALIGN))
		return -EINVAL;
	if (space->nr >= MVGPU_GM_MAX_RANGES)
		return -ENOSPC;

	for (i = 0; i <= space->nr; i++) {
		u64 start = gap_start(space, i);

		if (gap_end(space, i) - start < size)
			continue;
		take(space, i, start, size, out);
		return 0;
	}
	return -ENOSPC;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gm_space_alloc);

/**
 * mvgpu_gm_space_alloc_at() - take the slice [@start, @start + @size)
 * @space: space to allocate from
 * @start: first byte wanted (page aligned)
 * @size: bytes wanted (non-zero, page aligned)
 * @out: the slice, on success
 *
 * Exact placement: the slice is taken where asked or not at all.
 *
 * Return: 0; -EINVAL for a bad size or start, or a slice not wholly inside
 * @space; -EBUSY when it overlaps a used slice; -ENOSPC when the space
 * already holds MVGPU_GM_MAX_RANGES slices.
 */
int mvgpu_gm_space_alloc_at(struct mvgpu_gm_space *space, u64 start, u64 size,
			    struct mvgpu_gm_range *out)
{
	unsigned int i;

	if (!size || !IS_ALIGNED(size, MVGPU_GM_ALIGN) ||
	    !IS_ALIGNED(start, MVGPU_GM_ALIGN) || start < space->start ||
	    start - space->start > space->size ||
	    size > space->size - (start - space->start))
		return -EINVAL;

	/* The gap before used[i] is the first one that ends after @start. */
	for (i = 0; i < space->nr; i++)
		if (gap_end(space, i) > start)
			break;
	if (start < gap_start(space, i) || gap_end(space, i) - start < size)
		return -EBUSY;
	if (space->nr >= MVGPU_GM_MAX_RANGES)
		return -ENOSPC;
	take(space, i, start, size, out);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gm_space_alloc_at);

/**
 * mvgpu_gm_space_free() - give back a slice taken by mvgpu_gm_space_alloc*()
 * @space: space it came from
 * @range: the slice, exactly as allocated
 *
 * Return: 0, or -ENOENT if @range is not an allocated slice of @space.
 */
int mvgpu_gm_space_free(struct mvgpu_gm_space *space,
			const struct mvgpu_gm_range *range)
{
	unsigned int i;

	for (i = 0; i < space->nr; i++) {
		if (space->used[i].start != range->start)
			continue;
		if (space->used[i].size != range->size)
			return -ENOENT;
		memmove(&space->used[i], &space->used[i + 1],
			(space->nr - i - 1) * sizeof(space->used[0]));
		space->nr--;
		return 0;
	}
	return -ENOENT;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gm_space_free);

/**
 * mvgpu_gm_space_fit() - count the slices of @size that could still be taken
 * @space: space to look at
 * @size: slice size in bytes
 *
 * First-fit of equal sizes fills each gap before moving on, so the count is
 * the sum over gaps of gap / @size, capped by the free slots.
 *
 * Return: number of successful mvgpu_gm_space_alloc() calls that would
 * follow, 0 for a zero or unaligned @size.
 */
unsigned int mvgpu_gm_space_fit(const struct mvgpu_gm_space *space, u64 size)
{
	unsigned int i, slots = MVGPU_GM_MAX_RANGES - space->nr;
	u64 count = 0;

	if (!size || !IS_ALIGNED(size, MVGPU_GM_ALIGN))
		return 0;
	for (i = 0; i <= space->nr; i++)
		count += div64_u64(gap_end(space, i) - gap_start(space, i),
				   size);
	return min_t(u64, count, slots);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gm_space_fit);

/**
 * mvgpu_gm_space_free_bytes() - bytes not covered by any slice
 * @space: space to look at
 *
 * Return: free bytes (possibly fragmented).
 */
u64 mvgpu_gm_space_free_bytes(const struct mvgpu_gm_space *space)
{
	u64 used = 0;
	unsigned int i;

	for (i = 0; i < space->nr; i++)
		used += space->used[i].size;
	return space->size - used;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_gm_space_free_bytes);
