/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small measurement helpers for the benchmarks and tests: a monotonic
 * clock in nanoseconds, nearest-rank percentiles, and counters read from
 * debugfs.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef MVGPU_STATS_H
#define MVGPU_STATS_H

#include <stddef.h>
#include <stdint.h>

/* CLOCK_MONOTONIC in nanoseconds (the clock of the kernel's ktime_get_ns()). */
uint64_t mvgpu_now_ns(void);

/* Sort @v[@n] in ascending order. */
void mvgpu_sort_u64(uint64_t *v, size_t n);

/* The @pct percentile of the sorted @v[@n], nearest rank; 0 if @n is 0. */
uint64_t mvgpu_percentile(const uint64_t *v, size_t n, unsigned int pct);

/*
 * The number after "@key:" on the first line of file @path that starts
 * with it (debugfs "key: value" files), or -1.
 */
int64_t mvgpu_file_field(const char *path, const char *key);

#endif /* MVGPU_STATS_H */
