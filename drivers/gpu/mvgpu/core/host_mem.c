// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host-owned graphics memory.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "mvgpu_drv.h"
#include "core/host_mem.h"

/**
 * mvgpu_host_mem_free() - unmap and free host graphics memory
 * @pgpu: physical GPU
 * @hm: memory from mvgpu_host_mem_alloc() (or zeroed: nothing to do)
 *
 * Its GGTT entries point at the pGPU's scratch page again.  The GPU must
 * no longer use it.
 */
void mvgpu_host_mem_free(struct mvgpu_pgpu *pgpu, struct mvgpu_host_mem *hm)
{
	unsigned int i;

	if (!hm->pages)
		return;
	if (hm->vaddr)
		vunmap(hm->vaddr);
	mvgpu_pgpu_fill_ggtt(pgpu, hm->gm, (u64)hm->nr << MVGPU_GTT_PAGE_SHIFT);
	for (i = 0; i < hm->nr; i++) {
		pgpu->ops->unmap_page(pgpu->priv, hm->addrs[i]);
		__free_page(hm->pages[i]);
	}
	kvfree(hm->addrs);
	kvfree(hm->pages);
	memset(hm, 0, sizeof(*hm));
}

/**
 * mvgpu_host_mem_alloc() - zeroed host pages mapped at [@gm, @gm + @nr pages)
 * @pgpu: physical GPU
 * @hm: zeroed descriptor to fill
 * @gm: graphics address in the host's reservation (page aligned)
 * @nr: pages
 * @map_cpu: also map them contiguously for the CPU (@hm->vaddr)
 *
 * Return: 0 or -ENOMEM (or the backend's map error); nothing is left
 * allocated on failure.
 */
int mvgpu_host_mem_alloc(struct mvgpu_pgpu *pgpu, struct mvgpu_host_mem *hm,
			 u64 gm, unsigned int nr, bool map_cpu)
{
	unsigned int i;
	int ret;

	hm->gm = gm;
	hm->pages = kvcalloc(nr, sizeof(*hm->pages), GFP_KERNEL);
	hm->addrs = kvcalloc(nr, sizeof(*hm->addrs), GFP_KERNEL);
	if (!hm->pages || !hm->addrs) {
		ret = -ENOMEM;
		goto err;
	}
	for (i = 0; i < nr; i++) {
		struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

		if (!page) {
			ret = -ENOMEM;
			goto err;
		}
		ret = pgpu->ops->map_page(pgpu->priv, page, &hm->addrs[i]);
		if (ret) {
			__free_page(page);
			goto err;
		}
		hm->pages[i] = page;
		hm->nr = i + 1;
		pgpu->ops->ggtt_write(pgpu->priv,
				      (gm >> MVGPU_GTT_PAGE_SHIFT) + i,
				      hm->addrs[i] | MVGPU_GTT_PTE_PRESENT);
		cond_resched();
	}
	pgpu->ops->ggtt_invalidate(pgpu->priv);
	if (map_cpu) {
		hm->vaddr = vmap(hm->pages, nr, VM_MAP, PAGE_KERNEL);
		if (!hm->vaddr) {
			ret = -ENOMEM;
			goto err;
		}
	}
	return 0;

err:
	if (!hm->pages) {
		kvfree(hm->addrs);
		memset(hm, 0, sizeof(*hm));
		return ret;
	}
	mvgpu_host_mem_free(pgpu, hm);
	return ret;
}
