/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the mvgpu KUnit suites.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_TEST_UTIL_H_
#define _MVGPU_TEST_UTIL_H_

#include <kunit/test.h>

#include "mvgpu_drv.h"

/*
 * Guest frames 0 .. 7 are backed by pages, 8 .. 15 are not, 16 .. 47 by
 * physically contiguous pages (two 64 KiB runs), 48 .. 63 by pages that
 * are not (each one two pages after the previous one).
 */
#define MVGPU_TEST_FRAMES	64
#define MVGPU_TEST_CONTIG	16
#define MVGPU_TEST_SPARSE	48
#define MVGPU_TEST_SCRATCH	0xabc000ull

/**
 * struct mvgpu_test_pgpu - a fake physical GPU with guest frames
 * @pgpu: the physical GPU the vGPU points at; its priv is this struct
 * @ggtt: host GGTT entries written through the backend
 * @pages: the guest frames' pages (NULL: not guest memory)
 * @blocks: the page blocks behind the contiguous and the sparse frames
 * @pins: pins held per frame
 * @runs: pins held per (first frame, frames) pair, to check that every
 *	unpin matches a pin exactly
 * @bad_unpins: unpins that matched no pin
 * @ggtt_dirty: GGTT entries written since the last invalidate
 * @invalidates: GGTT invalidates
 * @stale_unpins: unpins while the GGTT was dirty (a contract violation)
 * @stale_submits: submissions while the GGTT was dirty (suites that submit
 *	count them)
 * @pin_calls: calls of the pin op
 * @maps: extents mapped for the GPU
 * @zaps: aperture zaps (the front end's zap_aperture)
 * @zapped: bytes they covered
 * @pin_hook: if set, called by the pin op before it pins, without the
 *	vGPU lock (as pinning runs): a test's way into that window
 * @hook_data: for @pin_hook
 * @type: the vGPU's type, if not mvgpu_test_type; set before
 *	mvgpu_test_gtt_vgpu()
 * @vgpu: the vGPU built on it
 *
 * Suites needing more backend behaviour embed it and pass their own
 * backend ops, with mvgpu_test_ggtt_write/read for the GGTT.
 */
struct mvgpu_test_pgpu {
	struct mvgpu_pgpu pgpu;
	struct xarray ggtt;
	struct page *pages[MVGPU_TEST_FRAMES];
	struct page *blocks[2];
	int pins[MVGPU_TEST_FRAMES];
	struct xarray runs;
	int bad_unpins;
	bool ggtt_dirty;
	int invalidates;
	int stale_unpins;
	int stale_submits;
	int pin_calls;
	int maps;
	int zaps;
	u64 zapped;
	void (*pin_hook)(struct mvgpu_test_pgpu *tp, u64 gfn);
	void *hook_data;
	const struct mvgpu_type_desc *type;
	struct mvgpu_vgpu *vgpu;
};

extern const struct mvgpu_type_desc mvgpu_test_type;
extern const struct mvgpu_backend_ops mvgpu_test_ggtt_backend;

struct mvgpu_vgpu *mvgpu_test_vgpu(struct kunit *test);
void mvgpu_test_ggtt_invalidate(void *priv);
struct mvgpu_vgpu *mvgpu_test_gtt_vgpu(struct kunit *test,
				       struct mvgpu_test_pgpu *tp,
				       const struct mvgpu_backend_ops *ops);
struct mvgpu_vgpu *mvgpu_test_ggtt_vgpu(struct kunit *test,
					struct mvgpu_test_pgpu **out);
void mvgpu_test_ggtt_write(void *priv, u32 index, u64 pte);
u64 mvgpu_test_ggtt_read(void *priv, u32 index);
u32 mvgpu_test_rd(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off);
void mvgpu_test_wr(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off,
		   u32 val);

#endif /* _MVGPU_TEST_UTIL_H_ */
