// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software GPU memory access: the one path through which the engines read
 * and write graphics memory.
 *
 * Every access names its address space (struct sgpu_as):
 *
 *  - The GGTT: a graphics address selects a GGTT entry (4 KiB each).
 *  - A per-process space (PPGTT), for the operands of a batch started with
 *    MVGPU_BB_PPGTT: the hardware page walker translates the address
 *    through four levels of tables rooted at the PML4 register's value
 *    (level 4 at PML4 & MVGPU_GTT_PTE_ADDR_MASK, then the tables each
 *    entry names, MVGPU_PPGTT_INDEX() selecting the entry at each level).
 *    Tables are 4 KiB pages of 512 little-endian 8-byte entries in the
 *    MVGPU_GTT_PTE_* format: present bit, and the GPU address of the next
 *    table or, at level 1, of the page.  Only 4 KiB pages: the core's
 *    shadow never sets MVGPU_PPGTT_PTE_PS, and an entry above level 1 that
 *    has it faults rather than being read as a table.  The walker reads
 *    every entry at every access with one 8-byte READ_ONCE() (the core
 *    changes entries with single 8-byte stores) and caches no
 *    translation, so the TLB invalidate bits of MI_FLUSH_DW and
 *    PIPE_CONTROL have nothing to do.  An address at or above
 *    1 << MVGPU_PPGTT_VA_BITS, a root of 0 (PML4 never loaded), or an
 *    entry that is not present on the way faults; sgpu_gpu.ppgtt_faults
 *    counts these.
 *
 * Either way the translation yields the physical address of the page
 * (sgpu_map_page() hands out physical addresses), which is reached with
 * kmap_local_page().  Like hardware, the model does not care what a
 * present entry points at: the entries the core does not use point at its
 * scratch page, so reads there return the scratch page's contents and
 * writes land in it.  An access through an entry that is not present, or
 * beyond the GGTT, fails: the engine reports an engine error where
 * hardware would fault.  Nothing outside the pages the GGTT and the
 * per-process tables map is ever touched, and nothing outside the tables
 * is read as one.
 *
 * The engines hold no reference on the pages or the tables: whoever maps
 * a page into the GGTT or a table keeps it alive while work that uses it
 * can run (the core pins guest pages for as long as they are mapped, and
 * keeps every table of a workload's spaces until the workload is over).
 *
 * Everything the GPU writes goes through sgpu_mem_write(): it is where
 * dirty tracking for migration will hook in.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/atomic.h>
#include <linux/build_bug.h>
#include <linux/highmem.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <asm/byteorder.h>

#include "sgpu/sgpu.h"

#define GM_PAGE_SIZE	SZ_4K
static_assert(GM_PAGE_SIZE == 1 << MVGPU_GTT_PAGE_SHIFT);
static_assert(MVGPU_PPGTT_ENTRIES * sizeof(u64) == GM_PAGE_SIZE);

/*
 * The GGTT as an address space, for the accesses that go through it:
 * fetching commands, and the operands of commands in the ring, in GGTT
 * batches, or with their own GGTT bit set.
 */
const struct sgpu_as sgpu_as_ggtt;

/* The GGTT entry of graphics address @gm, or 0 beyond the GGTT. */
static u64 ggtt_entry(struct sgpu_gpu *gpu, u64 gm)
{
	u64 index = gm >> MVGPU_GTT_PAGE_SHIFT;

	if (index >= gpu->nr_ggtt)
		return 0;
	return READ_ONCE(gpu->ggtt[index]);
}

/*
 * Entry @index of the table at physical address @table, or 0 (not
 * present) when no page of memory is there.
 */
static u64 table_entry(phys_addr_t table, unsigned int index)
{
	const __le64 *t;
	u64 entry;

	if (!pfn_valid(PHYS_PFN(table)))
		return 0;
	/* A 4 KiB-aligned table never straddles two CPU pages. */
	t = kmap_local_page(pfn_to_page(PHYS_PFN(table)));
	entry = le64_to_cpu(READ_ONCE(t[offset_in_page(table) / sizeof(*t) +
				       index]));
	kunmap_local(t);
	return entry;
}

/*
 * The hardware page walker: the level-1 entry of address @va in the
 * per-process space rooted at @pml4, or 0 when the walk faults.
 */
static u64 ppgtt_walk(u64 pml4, u64 va)
{
	phys_addr_t table = pml4 & MVGPU_GTT_PTE_ADDR_MASK;
	unsigned int level;
	u64 entry = 0;

	if (!table || va >> MVGPU_PPGTT_VA_BITS)
		return 0;
	for (level = MVGPU_PPGTT_LEVELS; level; level--) {
		entry = table_entry(table, MVGPU_PPGTT_INDEX(va, level));
		if (!(entry & MVGPU_GTT_PTE_PRESENT) ||
		    (level > 1 && (entry & MVGPU_PPGTT_PTE_PS)))
			return 0;
		table = entry & MVGPU_GTT_PTE_ADDR_MASK;
	}
	return entry;
}

/* The page and offset behind address @gm of @as, or NULL. */
static struct page *translate(struct sgpu_gpu *gpu, const struct sgpu_as *as,
			      u64 gm, u32 *offset)
{
	phys_addr_t phys;
	u64 pte;

	pte = as->ppgtt ? ppgtt_walk(as->pml4, gm) : ggtt_entry(gpu, gm);
	if (!(pte & MVGPU_GTT_PTE_PRESENT))
		goto fault;
	phys = (pte & MVGPU_GTT_PTE_ADDR_MASK) + (gm & (GM_PAGE_SIZE - 1));
	if (!pfn_valid(PHYS_PFN(phys)))
		goto fault;
	*offset = offset_in_page(phys);
	return pfn_to_page(PHYS_PFN(phys));

fault:
	if (as->ppgtt)
		atomic64_inc(&gpu->ppgtt_faults);
	return NULL;
}

/* Whether every page of [@gm, @gm + @len) of @as translates. */
static bool mapped(struct sgpu_gpu *gpu, const struct sgpu_as *as, u64 gm,
		   u32 len)
{
	u64 last = gm + len - 1;
	u32 offset;

	for (gm &= ~(u64)(GM_PAGE_SIZE - 1); gm <= last; gm += GM_PAGE_SIZE)
		if (!translate(gpu, as, gm, &offset))
			return false;
	return true;
}

static int mem_rw(struct sgpu_gpu *gpu, const struct sgpu_as *as, u64 gm,
		  void *buf, u32 len, bool write)
{
	while (len) {
		u32 n = min(len, GM_PAGE_SIZE - (u32)(gm & (GM_PAGE_SIZE - 1)));
		struct page *page;
		u32 offset;
		void *va;

		page = translate(gpu, as, gm, &offset);
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
 * sgpu_mem_read() - read graphics memory
 * @gpu: software GPU
 * @as: the address space of @gm: &sgpu_as_ggtt, or a per-process space
 * @gm: address in @as
 * @buf: destination
 * @len: bytes; the range may cross pages
 *
 * Return: 0, or -EFAULT if some page of the range does not translate
 * (@buf may then hold part of the data).
 */
int sgpu_mem_read(struct sgpu_gpu *gpu, const struct sgpu_as *as, u64 gm,
		  void *buf, u32 len)
{
	return mem_rw(gpu, as, gm, buf, len, false);
}

/**
 * sgpu_mem_write() - write graphics memory
 * @gpu: software GPU
 * @as: the address space of @gm: &sgpu_as_ggtt, or a per-process space
 * @gm: address in @as
 * @buf: source
 * @len: bytes; the range may cross pages
 *
 * Return: 0, or -EFAULT if some page of the range does not translate;
 * nothing is written then.
 */
int sgpu_mem_write(struct sgpu_gpu *gpu, const struct sgpu_as *as, u64 gm,
		   const void *buf, u32 len)
{
	if (!len)
		return 0;
	if (!mapped(gpu, as, gm, len))
		return -EFAULT;
	return mem_rw(gpu, as, gm, (void *)buf, len, true);
}
