/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/refcount.h>: one thread at a time. */
#ifndef _SHIM_LINUX_REFCOUNT_H
#define _SHIM_LINUX_REFCOUNT_H

#include <linux/types.h>

typedef struct {
	int refs;
} refcount_t;

static inline void refcount_set(refcount_t *r, int n)
{
	r->refs = n;
}

static inline void refcount_inc(refcount_t *r)
{
	r->refs++;
}

static inline bool refcount_dec_and_test(refcount_t *r)
{
	return --r->refs == 0;
}

#endif
