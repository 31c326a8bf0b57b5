/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mvgpu backend interface: how the mediation core reaches a physical GPU.
 *
 * A backend (the reference software GPU, or a driver for real hardware)
 * describes each physical GPU with struct mvgpu_pgpu_caps, implements
 * struct mvgpu_backend_ops, and calls mvgpu_pgpu_register() from its probe
 * path.  The core then registers the device as an mdev parent and offers
 * vGPU types on it.  The core never assumes how the backend is built: it
 * only uses these operations and the capabilities.
 *
 * Context rules: every operation may sleep unless stated otherwise, and is
 * called without core locks that the backend could re-enter.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _LINUX_MVGPU_BACKEND_H
#define _LINUX_MVGPU_BACKEND_H

#include <linux/types.h>

struct device;
struct page;
struct mvgpu_pgpu;

/**
 * struct mvgpu_pgpu_caps - what a physical GPU offers to the core
 * @ggtt_size: bytes of graphics address space mapped by the global GTT
 *	(a multiple of 4 KiB; at most 4 GiB, one 8-byte entry per page).
 * @aperture_size: bytes of the CPU-mappable aperture, which is the start
 *	[0, @aperture_size) of the GGTT address space; the rest is hidden.
 * @host_aperture: bytes at the start of the aperture kept by the host.
 * @host_hidden: bytes at the start of the hidden range kept by the host.
 * @engine_mask: bitmap of engines (bit 0 render, bit 1 copy).
 */
struct mvgpu_pgpu_caps {
	u64 ggtt_size;
	u64 aperture_size;
	u64 host_aperture;
	u64 host_hidden;
	u32 engine_mask;
};

/**
 * struct mvgpu_backend_ops - operations on one physical GPU
 * @ggtt_write: write host GGTT entry @index (format: MVGPU_GTT_PTE_*).
 *	@index is below caps.ggtt_size >> 12.  Must not sleep.
 * @ggtt_read: read back host GGTT entry @index.  Must not sleep.
 * @map_page: make @page reachable by the GPU and return the address to put
 *	into a GGTT entry in @addr.  Returns 0 or a negative errno.
 * @unmap_page: undo @map_page for the address it returned.
 */
struct mvgpu_backend_ops {
	void (*ggtt_write)(void *priv, u32 index, u64 pte);
	u64 (*ggtt_read)(void *priv, u32 index);
	int (*map_page)(void *priv, struct page *page, u64 *addr);
	void (*unmap_page)(void *priv, u64 addr);
};

struct mvgpu_pgpu *mvgpu_pgpu_register(struct device *dev,
				       const struct mvgpu_pgpu_caps *caps,
				       const struct mvgpu_backend_ops *ops,
				       void *priv);
void mvgpu_pgpu_unregister(struct mvgpu_pgpu *pgpu);

#endif /* _LINUX_MVGPU_BACKEND_H */
