/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host-owned graphics memory: pages of the host's GGTT reservation that the
 * core itself fills (shadow buffers, the native benchmark arena).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_HOST_MEM_H_
#define _MVGPU_HOST_MEM_H_

#include <linux/types.h>

struct mvgpu_pgpu;
struct page;

/**
 * struct mvgpu_host_mem - host pages mapped at a graphics address range
 * @pages: the pages
 * @addrs: their addresses for the GPU
 * @nr: pages allocated and mapped
 * @gm: graphics address of the first page
 * @vaddr: contiguous CPU mapping of all pages, when asked for
 */
struct mvgpu_host_mem {
	struct page **pages;
	u64 *addrs;
	unsigned int nr;
	u64 gm;
	void *vaddr;
};

int mvgpu_host_mem_alloc(struct mvgpu_pgpu *pgpu, struct mvgpu_host_mem *hm,
			 u64 gm, unsigned int nr, bool map_cpu);
void mvgpu_host_mem_free(struct mvgpu_pgpu *pgpu, struct mvgpu_host_mem *hm);

#endif /* _MVGPU_HOST_MEM_H_ */
