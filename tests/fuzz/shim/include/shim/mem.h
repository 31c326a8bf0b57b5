/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace shim: allocators, pages and bitmaps.
 *
 * A struct page is the 4 KiB of memory it describes, so nth_page() keeps
 * the kernel's arithmetic (pages allocated together are contiguous),
 * kmap_local_page() is the identity, and ASan sees every byte.  Each
 * alloc_pages() block also gets a physical address below 2^39, as a GTT
 * entry can hold (page_to_phys(), pfn_to_page()): contiguous inside the
 * block, never adjacent to another block.
 *
 * get_page() and put_page() count the references the driver takes on
 * pages it does not own, per page (the owner's, from alloc_pages(), is
 * not counted): a put_page() with no get_page() left to drop (in the
 * kernel, it would free the page under its owner), __free_pages() of a
 * block while references remain, or a reference still held at the end of
 * an input (shim_end()) is a finding.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _SHIM_MEM_H
#define _SHIM_MEM_H

#include <shim/base.h>

#define GFP_KERNEL	0x1u
#define GFP_ATOMIC	0x2u
#define GFP_NOWAIT	0x4u
#define GFP_KERNEL_ACCOUNT GFP_KERNEL
#define __GFP_ZERO	0x100u
#define __GFP_NOWARN	0x200u

/* Allocation failures the harness injects (shim_fail_alloc_after()). */
void *shim_malloc(size_t size, gfp_t gfp);
void shim_free(const void *p);

static inline void *kmalloc(size_t size, gfp_t gfp)
{
	return shim_malloc(size, gfp);
}

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return shim_malloc(size, gfp | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return shim_malloc(n * size, gfp);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp | __GFP_ZERO);
}

#define kvmalloc(size, gfp)		kmalloc(size, gfp)
#define kvzalloc(size, gfp)		kzalloc(size, gfp)
#define kvmalloc_array(n, size, gfp)	kmalloc_array(n, size, gfp)
#define kvcalloc(n, size, gfp)		kcalloc(n, size, gfp)
#define vmalloc(size)			kmalloc(size, GFP_KERNEL)
#define vzalloc(size)			kzalloc(size, GFP_KERNEL)

static inline void kfree(const void *p)
{
	shim_free(p);
}

#define kvfree(p)	kfree(p)
#define vfree(p)	kfree(p)
#define kfree_sensitive(p) kfree(p)

/* ---- pages ------------------------------------------------------------ */

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)
#define PAGE_KERNEL	0
#define VM_MAP		0

struct page {
	unsigned char data[PAGE_SIZE];
} __aligned(PAGE_SIZE);

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)
#define __free_page(page)	__free_pages(page, 0)

void get_page(struct page *page);
void put_page(struct page *page);
/* References taken by get_page() and not yet dropped, on all pages. */
unsigned long shim_page_refs(void);

phys_addr_t page_to_phys(const struct page *page);
struct page *pfn_to_page(unsigned long pfn);

#define nth_page(page, n)	((page) + (n))
#define PHYS_PFN(x)		((unsigned long)((x) >> PAGE_SHIFT))
#define page_to_pfn(page)	PHYS_PFN(page_to_phys(page))
#define pfn_valid(pfn)		(pfn_to_page(pfn) != NULL)
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)
#define flush_dcache_page(page)	do { } while (0)
#define page_address(page)	((void *)(page)->data)

static inline void *kmap_local_page(struct page *page)
{
	return page->data;
}

static inline void kunmap_local(const void *addr)
{
}

#define kmap(page)		kmap_local_page(page)
#define kunmap(page)		do { } while (0)

void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   int prot);
void vunmap(const void *addr);

/* ---- bitmaps ---------------------------------------------------------- */

#define DECLARE_BITMAP(name, bits)	unsigned long name[BITS_TO_LONGS(bits)]

unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t gfp);
void bitmap_free(const unsigned long *bitmap);
unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
			    unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *addr,
				 unsigned long size, unsigned long offset);
unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits);

#define find_first_bit(addr, size)	find_next_bit(addr, size, 0)
#define find_first_zero_bit(addr, size)	find_next_zero_bit(addr, size, 0)
#define for_each_set_bit(bit, addr, size)				\
	for ((bit) = find_first_bit(addr, size);			\
	     (bit) < (size);						\
	     (bit) = find_next_bit(addr, size, (bit) + 1))

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

static inline bool test_bit(unsigned long nr, const unsigned long *addr)
{
	return (addr[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

static inline void __set_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline bool __test_and_set_bit(unsigned long nr, unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__set_bit(nr, addr);
	return old;
}

static inline bool __test_and_clear_bit(unsigned long nr, unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__clear_bit(nr, addr);
	return old;
}

static inline void bitmap_set(unsigned long *map, unsigned int start,
			      unsigned int nbits)
{
	while (nbits--)
		__set_bit(start++, map);
}

#define set_bit(nr, addr)		__set_bit(nr, addr)
#define clear_bit(nr, addr)		__clear_bit(nr, addr)
#define test_and_set_bit(nr, addr)	__test_and_set_bit(nr, addr)
#define test_and_clear_bit(nr, addr)	__test_and_clear_bit(nr, addr)

#endif /* _SHIM_MEM_H */
