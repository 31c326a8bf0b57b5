// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software GPU memory access: the one path through which the engines read
 * and write graphics memory.
 *
 * A graphics address selects a GGTT entry (4 KiB each); the entry holds
 * the physical address of the page (sgpu_map_page() hands out physical
 * addresses), which is reached with kmap_local_page().  Like hardware, the
 * model does not care what a present entry points at: the entries the
 * core does not use point at its scratch page, so reads there return the
 * scratch page's contents and writes land in it.  An access through an
 * entry that is not present, or beyond the GGTT, fails: the engine reports
 * an engine error where hardware would fault.  Nothing outside the pages
 * the GGTT maps is ever touched.
 *
 * The engines hold no reference on the pages: whoever maps a page into
 * the GGTT keeps it alive while work that uses it can run (the core pins
 * guest pages for as long as they are mapped).
 *
 * Everything the GPU writes goes through sgpu_mem_write(): it is where
 * dirty tracking for migration will hook in.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/build_bug.h>
#include <linux/highmem.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/sizes.h>

#include "sgpu/sgpu.h"

#define GM_PAGE_SIZE	SZ_4K
static_assert(GM_PAGE_SIZE == 1 << MVGPU_GTT_PAGE_SHIFT);

/* The page and offset behind graphics address @gm, or NULL. */
static struct page *translate(struct sgpu_gpu *gpu, u64 gm, u32 *offset)
{
	u64 index = gm >> MVGPU_GTT_PAGE_SHIFT;
	phys_addr_t phys;
	u64 pte;

	if (index >= gpu->nr_ggtt)
		return NULL;
	pte = READ_ONCE(gpu->ggtt[index]);
	if (!(pte & MVGPU_GTT_PTE_PRESENT))
		return NULL;
	phys = (pte & MVGPU_GTT_PTE_ADDR_MASK) + (gm & (GM_PAGE_SIZE - 1));
	if (!pfn_valid(PHYS_PFN(phys)))
		return NULL;
	*offset = offset_in_page(phys);
	return pfn_to_page(PHYS_PFN(phys));
}

/* Whether every page of [@gm, @gm + @len) translates. */
static bool mapped(struct sgpu_gpu *gpu, u64 gm, u32 len)
{
	u64 last = gm + len - 1;
	u32 offset;

	for (gm &= ~(u64)(GM_PAGE_SIZE - 1); gm <= last; gm += GM_PAGE_SIZE)
		if (!translate(gpu, gm, &offset))
			return false;
	return true;
}

static int mem_rw(struct sgpu_gpu *gpu, u64 gm, void *buf, u32 len,
		  bool write)
{
	while (len) {
		u32 n = min(len, GM_PAGE_SIZE - (u32)(gm & (GM_PAGE_SIZE - 1)));
		struct page *page;
		u32 offset;
		void *va;

		page = translate(gpu, gm, &offset);
		if (!page)
			return -EFAULT;
		/* A graphics page never straddles two CPU pages. */
		va = kmap_local_page(page);
		if (write) {
			memcpy(va + offset, buf, n);
			flush_dcache_page(page);
		} else {
			memcpy(buf, va + offset, n);
		}
		kunmap_local(va);
		gm += n;
		buf += n;
		len -= n;
	}
	return 0;
}

/**
 * sgpu_mem_read() - read graphics memory through the GGTT
 * @gpu: software GPU
 * @gm: graphics address
 * @buf: destination
 * @len: bytes; the range may cross pages
 *
 * Return: 0, or -EFAULT if some page of the range is not mapped (@buf may
 * then hold part of the data).
 */
int sgpu_mem_read(struct sgpu_gpu *gpu, u64 gm, void *buf, u32 len)
{
	return mem_rw(gpu, gm, buf, len, false);
}

/**
 * sgpu_mem_write() - write graphics memory through the GGTT
 * @gpu: software GPU
 * @gm: graphics address
 * @buf: source
 * @len: bytes; the range may cross pages
 *
 * Return: 0, or -EFAULT if some page of the range is not mapped; nothing
 * is written then.
 */
int sgpu_mem_write(struct sgpu_gpu *gpu, u64 gm, const void *buf, u32 len)
{
	if (!len)
		return 0;
	if (!mapped(gpu, gm, len))
		return -EFAULT;
	return mem_rw(gpu, gm, (void *)buf, len, true);
}
