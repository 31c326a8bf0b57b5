/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small measurement helpers for the benchmarks and tests: a monotonic
 * clock in nanoseconds and nearest-rank percentiles.
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

#endif /* MVGPU_STATS_H */
