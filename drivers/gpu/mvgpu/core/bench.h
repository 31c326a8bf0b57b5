/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmark support in debugfs: native submission (core/native.c), the
 * baseline that mediated submission is measured against, and the
 * shadow-and-scan microbenchmark of the command parser (core/bench.c).
 * tools/bench/mvgpu-bench-cmd.c uses both.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_BENCH_H_
#define _MVGPU_BENCH_H_

#include <linux/kconfig.h>

struct dentry;
struct mvgpu_pgpu;

/*
 * Built only with CONFIG_MVGPU_BENCH (make bench builds such modules):
 * native submission drives the engines with unaudited commands, which a
 * production module must not offer, even to root.
 */
#if IS_ENABLED(CONFIG_MVGPU_BENCH)
void mvgpu_native_init(struct mvgpu_pgpu *pgpu);
void mvgpu_native_fini(struct mvgpu_pgpu *pgpu);
void mvgpu_cmd_bench_init(struct dentry *root);
#else
static inline void mvgpu_native_init(struct mvgpu_pgpu *pgpu) {}
static inline void mvgpu_native_fini(struct mvgpu_pgpu *pgpu) {}
static inline void mvgpu_cmd_bench_init(struct dentry *root) {}
#endif

#endif /* _MVGPU_BENCH_H_ */
