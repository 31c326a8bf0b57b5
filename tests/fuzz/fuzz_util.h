/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the fuzz harnesses: reading the input, decoding the
 * common operation arguments (fuzz_input.h), BAR0 access rules.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_FUZZ_UTIL_H
#define _MVGPU_FUZZ_UTIL_H

#include <shim/harness.h>

#include "fuzz_input.h"

struct mvgpu_vgpu;

/* The input, consumed from the front; what is missing reads as zero. */
struct fz_input {
	const u8 *p;
	size_t left;
};

static inline void fz_take(struct fz_input *in, void *dst, size_t n)
{
	size_t k = min(n, in->left);

	memset(dst, 0, n);
	memcpy(dst, in->p, k);
	in->p += k;
	in->left -= k;
}

/* The access size an operation asks for (FZ_ACC_SIZES). */
static inline unsigned int fz_acc_size(u8 arg)
{
	static const unsigned int sizes[] = FZ_ACC_SIZES;

	return sizes[arg & 7];
}

/* @base, moved off alignment if the operation asks for it. */
static inline u64 fz_acc_offset(u8 arg, u64 base)
{
	return arg & FZ_ACC_MISALIGN ? base + ((arg >> 4) & 3) : base;
}

/* Whether a BAR0 access is valid, by the programming model's rules. */
static inline bool fz_bar0_access_ok(u64 offset, unsigned int bytes,
				     bool write)
{
	if (bytes != 4 && bytes != 8 && (write || (bytes != 1 && bytes != 2)))
		return false;
	return !(offset % bytes) && offset < MVGPU_BAR0_SIZE &&
	       bytes <= MVGPU_BAR0_SIZE - offset;
}

/**
 * struct fz_entry - a GTT entry write an operation asks for
 * @offset: BAR0 offset of the entry (or of its high half)
 * @local: index among the vGPU's entries (aperture slice, then hidden)
 * @val: the value written (the half, for a 4-byte write)
 * @bytes: 8 or 4
 */
struct fz_entry {
	u64 offset;
	u32 local;
	u64 val;
	unsigned int bytes;
};

/* With MVGPU_FUZZ_VERBOSE=1, each operation is printed before it runs. */
void fz_trace_op(const struct fz_op *op, unsigned int nr_ops);

void fz_gtt_entry(const struct mvgpu_vgpu *vgpu, const struct fz_op *op,
		  struct fz_entry *e);

#endif /* _MVGPU_FUZZ_UTIL_H */
