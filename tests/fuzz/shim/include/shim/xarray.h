/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace shim: a simple xarray (a sorted array of index/entry pairs)
 * with the kernel's API and entry encodings, and an IDA.  An empty xarray
 * holds no memory, as in the kernel, so LeakSanitizer sees what the driver
 * forgets to erase or destroy.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _SHIM_XARRAY_H
#define _SHIM_XARRAY_H

#include <shim/base.h>
#include <shim/mem.h>

struct xa_slot {
	unsigned long index;
	void *entry;
};

/**
 * struct xarray - index -> entry
 * @slots: entries sorted by index
 * @nr: entries
 * @cap: room in @slots
 * @flags: XA_FLAGS_*
 */
struct xarray {
	struct xa_slot *slots;
	unsigned long nr;
	unsigned long cap;
	unsigned int flags;
};

typedef unsigned int xa_mark_t;
#define XA_PRESENT		((xa_mark_t)8U)
#define XA_FLAGS_ALLOC		1U
#define XA_FLAGS_ALLOC1		3U

#define DEFINE_XARRAY(name)	struct xarray name = { 0 }

static inline void xa_init_flags(struct xarray *xa, unsigned int flags)
{
	memset(xa, 0, sizeof(*xa));
	xa->flags = flags;
}

static inline void xa_init(struct xarray *xa)
{
	xa_init_flags(xa, 0);
}

static inline bool xa_empty(const struct xarray *xa)
{
	return xa->nr == 0;
}

static inline void *xa_mk_value(unsigned long v)
{
	WARN_ON((long)v < 0);
	return (void *)((v << 1) | 1);
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

static inline void *xa_mk_internal(unsigned long v)
{
	return (void *)((v << 2) | 2);
}

static inline bool xa_is_internal(const void *entry)
{
	return ((unsigned long)entry & 3) == 2;
}

#define XA_ERROR(errno)		((void *)(((unsigned long)(errno) << 2) | 2UL))

static inline bool xa_is_err(const void *entry)
{
	return unlikely(xa_is_internal(entry) &&
			entry >= xa_mk_internal(-MAX_ERRNO));
}

static inline int xa_err(void *entry)
{
	if (xa_is_err(entry))
		return (long)entry >> 2;
	return 0;
}

void *xa_load(struct xarray *xa, unsigned long index);
void *xa_store(struct xarray *xa, unsigned long index, void *entry,
	       gfp_t gfp);
void *xa_erase(struct xarray *xa, unsigned long index);
int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max,
	      xa_mark_t filter);
void *xa_find_after(struct xarray *xa, unsigned long *index,
		    unsigned long max, xa_mark_t filter);
void xa_destroy(struct xarray *xa);

#define xa_lock(xa)		do { } while (0)
#define xa_unlock(xa)		do { } while (0)
#define __xa_store		xa_store
#define __xa_erase		xa_erase

#define xa_for_each_range(xa, index, entry, start, last)		\
	for (index = start,						\
	     entry = xa_find(xa, &index, last, XA_PRESENT);		\
	     entry;							\
	     entry = xa_find_after(xa, &index, last, XA_PRESENT))
#define xa_for_each_start(xa, index, entry, start) \
	xa_for_each_range(xa, index, entry, start, ULONG_MAX)
#define xa_for_each(xa, index, entry) \
	xa_for_each_start(xa, index, entry, 0)

/* ---- IDA -------------------------------------------------------------- */

#define SHIM_IDA_MAX	1024

struct ida {
	unsigned long bits[BITS_TO_LONGS(SHIM_IDA_MAX)];
};

#define DEFINE_IDA(name)	struct ida name = { { 0 } }
#define ida_init(ida)		memset(ida, 0, sizeof(*(ida)))
#define ida_destroy(ida)	memset(ida, 0, sizeof(*(ida)))

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max,
		    gfp_t gfp);
void ida_free(struct ida *ida, unsigned int id);
#define ida_alloc(ida, gfp)	ida_alloc_range(ida, 0, INT_MAX, gfp)
#define ida_alloc_min(ida, min, gfp) ida_alloc_range(ida, min, INT_MAX, gfp)
#define ida_alloc_max(ida, max, gfp) ida_alloc_range(ida, 0, max, gfp)

#endif /* _SHIM_XARRAY_H */
