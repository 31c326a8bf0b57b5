/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fakes shared by the fuzz targets that reach guest memory: guest frames
 * behind fake pinning (fake_vgpu_ops, the services the VFIO front end gives
 * a vGPU in the kernel: vfio/dma.c's pin ops, the aperture zap), their DMA
 * mapping, and a physical GPU's GGTT.
 *
 * Guest frames (like drivers/gpu/mvgpu/tests/test_util.h, but more):
 *   0 .. 15   single pages, not contiguous with each other
 *   16 .. 31  not guest memory (VFIO has no mapping there)
 *   32 .. 95  physically contiguous: four 64 KiB runs
 *   96 .. 127 every other page of a block: runs fall back to single frames
 *   128 ..    not guest memory
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_FUZZ_FAKE_MEM_H
#define _MVGPU_FUZZ_FAKE_MEM_H

#include "mvgpu_drv.h"

#define FAKE_FRAMES		128
#define FAKE_CONTIG		32
#define FAKE_SPARSE		96
#define FAKE_GGTT_ENTRIES	MVGPU_GTT_NUM_ENTRIES

/**
 * struct fake_mem - guest memory as VFIO would pin it, and the host GGTT
 * @pages: the page behind each guest frame, NULL when none
 * @mapped: the frame is DMA-mapped (VFIO pins it)
 * @pins: pins held on each frame
 * @runs: pins held per (first frame, frames), to check that every unpin
 *	matches a pin exactly, as iommufd requires
 * @pin_calls: calls of the pin op
 * @maps: extents mapped for the GPU
 * @ggtt: the host GGTT (backend ggtt_write/ggtt_read)
 * @zaps: aperture zaps
 */
struct fake_mem {
	struct page *pages[FAKE_FRAMES];
	bool mapped[FAKE_FRAMES];
	int pins[FAKE_FRAMES];
	struct xarray runs;
	unsigned long pin_calls;
	long maps;
	u64 *ggtt;
	bool stale[FAKE_FRAMES];
	unsigned long invalidates;
	unsigned long zaps;
};

extern struct fake_mem fake_mem;
extern const struct mvgpu_backend_ops fake_backend_ops;
/* The front end's services to a vGPU; their context is the vGPU. */
extern const struct mvgpu_vgpu_ops fake_vgpu_ops;

/* Called while a pin is in progress (unlocked); set by a harness. */
extern void (*fake_pin_hook)(u64 gfn, unsigned int npages);

void fake_mem_init(void);
void fake_mem_begin(void);
void fake_mem_end(void);
void fake_mem_map(u64 first, u64 n, bool mapped);
bool fake_mem_backed(u64 gfn);
int fake_mem_pinned_in(u64 first, u64 last);
void fake_mem_check_pins(struct mvgpu_vgpu *vgpu, const unsigned long *only);
void fake_dma_unmap(struct mvgpu_vgpu *vgpu, u64 first, u64 n);
void *fake_mem_frame(u64 gfn);

#endif /* _MVGPU_FUZZ_FAKE_MEM_H */
